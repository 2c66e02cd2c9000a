"""Table Schemas of the private inputs the publish step reads (record level, never published)."""

from __future__ import annotations

from typing import Any

from ..domain import COMPONENTS  # noqa: F401  (one copy, re-exported for the publish step)
SECTORS = ("public", "private", "international_cooperation", "foundation", "academia")
VICTIM_SEX = ("female", "male")
VICTIM_AGE = ("0-12", "13-17", "18+")
VICTIM_MINORS = {"0-17": ("0-12", "13-17")}  # never published: total - 18+ (disclosure rule 5)
WEAPONS = ("firearm", "knife", "other")
YOUTH_SEX = ("female", "male")
YOUTH_AGE = ("16-17", "18-24", "25-29")
UNKNOWN = "unknown"


def field(name: str, kind: str = "string", *, title: str = "", **constraints: Any) -> dict[str, Any]:
    spec: dict[str, Any] = {"name": name, "type": kind}
    if title:
        spec["title"] = title
    if constraints:
        spec["constraints"] = constraints
    return spec


def _resource(name: str, fields: list[dict], key: list[str], path: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"name": name, "path": path or f"{name}.csv", "schema": {"fields": fields, "primaryKey": key, **extra}}


RAW_DESCRIPTOR: dict[str, Any] = {
    "name": "pazos-raw",
    "title": "PAZOS: registros privados (no se publican)",
    "resources": [
        _resource("clusters", [
            field("cluster_id", required=True, unique=True),
            field("name", required=True),
            field("zone", required=True, enum=["urban", "rural"]),
            field("residents", "integer", required=True, minimum=0),
        ], ["cluster_id"]),
        _resource("neighbourhoods", [
            field("neighbourhood_id", required=True, unique=True),
            field("name", required=True),
            field("cluster_id", required=True),
        ], ["neighbourhood_id"],
            foreignKeys=[{"fields": ["cluster_id"], "reference": {"resource": "clusters", "fields": ["cluster_id"]}}]),
        _resource("victims", [
            field("victim_id", required=True, unique=True),
            field("date", "date", required=True),
            field("neighbourhood_id"),
            field("sex", required=True, enum=[*VICTIM_SEX, UNKNOWN]),
            field("age_group", required=True, enum=[*VICTIM_AGE, UNKNOWN]),
            field("weapon", required=True, enum=[*WEAPONS, UNKNOWN]),
        ], ["victim_id"],
            foreignKeys=[{"fields": ["neighbourhood_id"], "reference": {"resource": "neighbourhoods", "fields": ["neighbourhood_id"]}}]),
        _resource("enrolments", [
            field("enrolment_id", required=True, unique=True),
            field("person_id", required=True),
            field("year", "year", required=True, minimum=2020, maximum=2100),
            field("component", required=True, enum=list(COMPONENTS)),
            field("neighbourhood_id", required=True),
            field("sex", required=True, enum=list(YOUTH_SEX)),
            field("age_group", required=True, enum=list(YOUTH_AGE)),
        ], ["enrolment_id"],
            foreignKeys=[{"fields": ["neighbourhood_id"], "reference": {"resource": "neighbourhoods", "fields": ["neighbourhood_id"]}}]),
        _resource("partners", [
            field("partner_id", required=True, unique=True),
            field("name", required=True),
            field("sector", required=True, enum=list(SECTORS)),
        ], ["partner_id"]),
        _resource("contributions", [
            field("contribution_id", required=True, unique=True),
            field("year", "year", required=True, minimum=2020, maximum=2100),
            field("partner_id", required=True),
            field("component", required=True, enum=list(COMPONENTS)),
            field("cluster_id"),
            field("kind", required=True, enum=["cash", "in_kind"]),
            field("stage", required=True, enum=["committed", "executed"]),
            field("amount_cop", "integer", required=True, minimum=0),
        ], ["contribution_id"],
            foreignKeys=[{"fields": ["partner_id"], "reference": {"resource": "partners", "fields": ["partner_id"]}},
                         {"fields": ["cluster_id"], "reference": {"resource": "clusters", "fields": ["cluster_id"]}}]),
        {"name": "cluster_geometry", "path": "cluster_geometry.geojson", "format": "geojson",
         "schema": {"fields": [
             field("cluster_id", required=True, unique=True),
             field("name", required=True),
             field("geometry_kind", required=True, enum=["schematic", "surveyed"]),
         ], "foreignKeys": [{"fields": ["cluster_id"], "reference": {"resource": "clusters", "fields": ["cluster_id"]}}]}},
        {"name": "neighbourhood_geometry", "path": "neighbourhood_geometry.geojson", "format": "geojson",
         "schema": {"fields": [
             field("neighbourhood_id", required=True, unique=True),
             field("cluster_id", required=True),
             field("name", required=True),
             field("geometry_kind", required=True, enum=["schematic", "surveyed"]),
         ], "foreignKeys": [{"fields": ["neighbourhood_id"], "reference": {"resource": "neighbourhoods", "fields": ["neighbourhood_id"]}}]}},
    ],
}
