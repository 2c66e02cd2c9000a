"""Young people served: unique people, enrolments, by component, cluster, sex and age."""

from __future__ import annotations

import pandas as pd

from ..package import DataPackage
from .common import stamped, status_of


def _area_name(package: DataPackage, area: str) -> str | None:
    """The published name of a cluster (None for the whole municipality): names are data."""
    clusters = package.table("clusters").set_index("cluster_id")["name"]
    return str(clusters[area]) if area in clusters.index else None


def _area_rows(table: pd.DataFrame, area: str) -> pd.Series:
    return table["area"].isna() if area == "all" else (table["area"] == area)


def youth_served_by_year(package: DataPackage, **_options) -> pd.DataFrame:
    """Unique young people and enrolments per year (municipal totals), beside the reported figure."""
    people = package.table("youth_people")
    people = people[people[["area", "sex", "age_group"]].isna().all(axis=1)].set_index("year")["people"]
    enrolments = package.table("youth_enrolments")
    enrolments = enrolments[enrolments[["area", "component"]].isna().all(axis=1)].set_index("year")["enrolments"]
    reported = package.table("youth_served_reported").set_index("year")["people_min"]
    years = sorted(set(people.index) | set(reported.index))
    frame = pd.DataFrame({"year": pd.array(years, dtype="Int64")})
    frame["people_unique"] = frame["year"].map(people).astype("Int64")
    frame["enrolments"] = frame["year"].map(enrolments).astype("Int64")
    frame["enrolments_per_person"] = (frame["enrolments"].astype("Float64") / frame["people_unique"].astype("Float64")).round(2)
    frame["reported_people_min"] = frame["year"].map(reported).astype("Int64")
    frame["status"] = status_of(package, "youth_people", "youth_enrolments")
    return stamped(frame, package, "youth_people", "youth_enrolments", "youth_served_reported")


def youth_enrolments_by_component(package: DataPackage, area: str = "all", **_options) -> pd.DataFrame:
    """Enrolments per year and component, for the whole municipality or one cluster."""
    table = package.table("youth_enrolments")
    rows = table[_area_rows(table, area) & table["component"].notna()]
    frame = rows[["year", "component", "enrolments", "suppressed", "status", "source"]].reset_index(drop=True)
    frame = stamped(frame, package, "youth_enrolments")
    frame.attrs.update(area=area, area_name=_area_name(package, area))
    return frame


def youth_people_breakdown(package: DataPackage, dimension: str = "sex", area: str = "all", **_options) -> pd.DataFrame:
    """Unique young people per year by sex or age group, for the municipality or one cluster."""
    table = package.table("youth_people")
    other = "age_group" if dimension == "sex" else "sex"
    rows = table[_area_rows(table, area) & table[dimension].notna() & table[other].isna()]
    rows = rows.rename(columns={dimension: "category"})
    frame = rows[["year", "category", "people", "suppressed", "status", "source"]].reset_index(drop=True)
    frame = stamped(frame, package, "youth_people")
    frame.attrs.update(area=area, area_name=_area_name(package, area))
    return frame
