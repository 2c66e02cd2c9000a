"""What every published resource is made of (Output), the fields every table shares (status,
source, suppressed), and the conversion of a protected count table into a published one."""

from __future__ import annotations

from dataclasses import dataclass, field as dc_field, replace
from pathlib import Path
from typing import Any

import pandas as pd

from ..data import DataPackage
from ..domain import STATUSES as DOMAIN_STATUSES
from .schema import field
from .sources import DANE, DEMO, EDITORIAL, FOUNDING_DOCUMENT, POLICE, cite, with_english_titles
from .protection import protected_table
from .tables import TOTAL, TableSpec

CC_BY = [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
          "title": "Creative Commons Atribución 4.0 Internacional",
          "i18n": {"en": {"title": "Creative Commons Attribution 4.0 International"}}}]
ODBL_NOTE = "© OpenStreetMap contributors (ODbL) for the municipal outline, when used"
POLICE_SOURCE, DANE_SOURCE, SEED_SOURCE, DEMO_SOURCE, EDITORIAL_SOURCE = POLICE, DANE, FOUNDING_DOCUMENT, DEMO, EDITORIAL


@dataclass
class Output:
    """One resource to publish: its frame (or GeoJSON), schema and metadata."""

    name: str
    title: tuple[str, str]
    description: tuple[str, str]
    fields: list[dict[str, Any]]
    frame: pd.DataFrame | None = None
    geojson: dict | None = None
    demo: bool = False
    sources: list[dict[str, Any]] = dc_field(default_factory=list)
    primary_key: list[str] = dc_field(default_factory=list)
    foreign_keys: list[dict[str, Any]] = dc_field(default_factory=list)
    disclosure: dict[str, Any] | None = None
    rules: list[dict[str, Any]] = dc_field(default_factory=list)  # checked by the loader (data/rules.py)
    properties: dict[str, Any] = dc_field(default_factory=dict)  # more descriptor keys (e.g. the evidence's inputs hash)

    @property
    def path(self) -> str:
        return f"{self.name}.geojson" if self.geojson is not None else f"{self.name}.csv"

    def descriptor(self, last_updated: str) -> dict[str, Any]:
        spec: dict[str, Any] = {
            "name": self.name,
            "path": self.path,
            "format": "geojson" if self.geojson is not None else "csv",
            "mediatype": "application/geo+json" if self.geojson is not None else "text/csv",
            "encoding": "utf-8",
            "title": self.title[0],
            "description": self.description[0],
            "i18n": {"en": {"title": self.title[1], "description": self.description[1]}},
            "demo": self.demo,
            "last_updated": last_updated,
            "licenses": CC_BY,
            "sources": self.sources,
            "schema": {"fields": with_english_titles(self.fields)},
        }
        if self.primary_key:
            spec["schema"]["primaryKey"] = self.primary_key
        if self.foreign_keys:
            spec["schema"]["foreignKeys"] = self.foreign_keys
        if self.disclosure:
            spec["disclosure"] = self.disclosure
        if self.rules:
            spec["rules"] = self.rules
        spec.update(self.properties)
        return spec


STATUSES = list(DOMAIN_STATUSES)  # the one vocabulary (domain.STATUSES), meanings in docs/data.md


def _status_field() -> dict[str, Any]:
    """What each row is, in the one vocabulary of domain.STATUSES (reported, preliminary,
    municipal, estimated, editorial, demo, suppressed)."""
    return field("status", title="Estado del dato", required=True, enum=STATUSES)


def _source_field(required: bool = True) -> dict[str, Any]:
    return field("source", title="Fuentes (nombres de la lista de fuentes del paquete, separados por ';')", required=required)


def _suppressed_field() -> dict[str, Any]:
    return field("suppressed", "boolean", title="Celda suprimida (menos de k o complementaria)", required=True)


def _cluster_fk() -> list[dict[str, Any]]:
    return [{"fields": ["cluster_id"], "reference": {"resource": "clusters", "fields": ["cluster_id"]}}]


# --------------------------------------------------------------------------- count tables


def to_published(spec: TableSpec, table: pd.DataFrame) -> pd.DataFrame:
    """Internal TOTAL markers become empty cells ("all categories"); `area` gains its cluster_id."""
    out = table.copy()
    for dim in spec.dims:
        out[dim] = out[dim].map(lambda v: pd.NA if v == TOTAL else v)
    if "area" in spec.dims:
        out.insert(out.columns.get_loc("area") + 1, "cluster_id",
                   out["area"].map(lambda v: v if isinstance(v, str) and v.startswith("C") else pd.NA))
    return out


def from_published(spec: TableSpec, frame: pd.DataFrame) -> pd.DataFrame:
    """The inverse of to_published, for the file-based audit."""
    out = frame.copy()
    for dim in spec.dims:
        out[dim] = out[dim].astype("object").map(lambda v: TOTAL if pd.isna(v) else v)
    return out


def spec_from_descriptor(resource: dict[str, Any]) -> TableSpec:
    d = resource["disclosure"]
    return TableSpec(
        name=resource["name"], group=tuple(d["group"]), dims=tuple(d["dims"]),
        categories={k: tuple(v) for k, v in d["categories"].items()},
        margins=tuple(tuple(m) for m in d["margins"]), count=d["count"], k=d["k"], **TableSpec.joint_from_metadata(d),
    )


def _disclosure(spec: TableSpec, source: str) -> dict[str, Any]:
    return {"k": spec.k, "source": source, "group": list(spec.group), "dims": list(spec.dims),
            "categories": {k: list(v) for k, v in spec.categories.items()},
            "margins": [list(m) for m in spec.margins], "count": spec.count, **spec.joint_metadata()}


def _count_output(spec: TableSpec, records: pd.DataFrame | None, source: str, dim_fields: list[dict], *,
                  real_totals: bool = False, protected: pd.DataFrame | None = None, status: str = "reported",
                  preliminary_years: frozenset[int] | set[int] = frozenset(), hidden_before: frozenset = frozenset(),
                  split: tuple[str, dict[str, Any]] | None = None, **meta: Any) -> Output:
    """A disclosure-controlled count table with each row's status and sources. `real_totals`: the
    total rows are real even where the split is demonstration (homicides by cluster): the totals
    cite the real sources, the split only the demonstration one. `status`: what a real row is
    (`reported` for the Police's figures, `municipal` for the Mayor's Office's own count); rows of
    `preliminary_years` are `preliminary` instead of `reported`. `protected`: the table already
    protected together with others of its population. `hidden_before`: cells the previous release
    hid (they stay hidden, tables.protected_tables). `split`: (status, source) of the rows below the
    total when they are someone else's figure than the total (the Mayor's Office's assignment of the
    Police's victims to clusters: `municipal`)."""
    table = to_published(spec, protected if protected is not None else protected_table(spec, records, hidden_before=hidden_before))
    fields = [field("year", "year", title="Año", required=True), *dim_fields,
              field(spec.count, "integer", title=meta.pop("count_title"), minimum=0), _suppressed_field(),
              _status_field(), _source_field()]
    totals = table[list(spec.dims)].isna().all(axis=1)
    names = [s["name"] for s in meta["sources"]]
    real_names = [n for n in names if n != DEMO_SOURCE["name"] and (split is None or n != split[1]["name"])]
    table["status"] = "demo" if meta.get("demo") else status
    table["source"] = ";".join(names)
    if real_totals:
        table.loc[totals, "status"] = status
        table.loc[totals, "source"] = ";".join(real_names)
        table.loc[~totals, "source"] = DEMO_SOURCE["name"]  # the split is invented: it cites no one else
    if split is not None:
        table.loc[~totals, "status"], table.loc[~totals, "source"] = split[0], split[1]["name"]
    if status == "reported":
        table.loc[(table["status"] == "reported") & table["year"].isin(set(preliminary_years)), "status"] = "preliminary"
    table.loc[table["suppressed"].astype(bool), "status"] = "suppressed"
    key = ["year", *[f["name"] for f in dim_fields if f["name"] != "cluster_id"]]
    fks = _cluster_fk() if any(f["name"] == "cluster_id" for f in dim_fields) else []
    rules = []
    if len(spec.dims) == 1:  # the total row is the sum of its cells; the police's own tables add up to the annual series
        rules.append({"type": "total", "field": spec.count, "dimension": spec.dims[0], "by": list(spec.group),
                      **({"equals": {"resource": "homicides_annual", "field": "homicides", "where": {"geography": "Palmira"}}}
                         if source == "victims" and status == "reported" and (real_totals or not meta.get("demo")) else {})})
    return Output(frame=table[[f["name"] for f in fields]], fields=fields, primary_key=key, foreign_keys=fks,
                  disclosure=_disclosure(spec, source), rules=rules, **meta)


def _area_fields(with_rest: bool) -> list[dict[str, Any]]:
    return [
        field("area", title="Área: clúster, resto del municipio ('rest') o vacío = todo el municipio",
              enum=["C1", "C2", "C3", "C4", "C5", "C6", "C7", *(["rest"] if with_rest else [])]),
        field("cluster_id", title="Clúster (código)"),
    ]


def _dim(name: str, values: tuple, title: str) -> dict[str, Any]:
    if isinstance(values[0], int):
        return field(name, "integer", title=f"{title} (vacío = total)", minimum=min(values), maximum=max(values))
    return field(name, title=f"{title} (vacío = total)", enum=list(values))


@dataclass(frozen=True)
class Inputs:
    raw: DataPackage
    reference: Path
    editorial: Path
    demo_inputs: frozenset[str]
    demo_fields: dict[str, list[str]]
    municipal_inputs: frozenset[str] = frozenset()  # inputs that are the Mayor's Office's own count (manifest)
    hidden_before: dict[str, frozenset] = dc_field(default_factory=dict)  # per table, the cells the previous release hid

def _cluster_of(raw: DataPackage) -> dict[str, str]:
    neighbourhoods = raw.table("neighbourhoods")
    return dict(zip(neighbourhoods["neighbourhood_id"].astype(str), neighbourhoods["cluster_id"].astype(str)))


def _cited_sources(frame: pd.DataFrame, candidates: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The candidates that some row of `frame` cites, in the candidates' order."""
    cited = {name for cell in frame["source"].dropna() for name in str(cell).split(";")}
    return [s for s in candidates if s["name"] in cited]


def with_row_provenance(output: Output) -> Output:
    """Every table says per row what the row is (`status`) and where it comes from (`source`,
    the names of its sources): tables that do not set them per row get their resource's."""
    if output.frame is None:
        return output
    frame, fields = output.frame.copy(), list(output.fields)
    if "status" not in frame.columns:
        frame["status"] = "demo" if output.demo else "reported"
        fields.append(_status_field())
    if "source" not in frame.columns:
        frame["source"] = cite(*output.sources)
        fields.append(_source_field())
    return replace(output, frame=frame, fields=fields)

