"""The PAZOS clusters: residents, the map's metric per cluster and year, a cluster's profile."""

from __future__ import annotations

import pandas as pd

from ...domain import PAZOS_END, PAZOS_START, PRE_PAZOS
from ..package import DataPackage
from .common import stamped, unreliable


def cluster_residents(package: DataPackage, **_options) -> pd.DataFrame:
    """Residents and neighbourhoods per PAZOS cluster, in cluster order."""
    clusters = package.table("clusters").sort_values("cluster_id")
    columns = ["cluster_id", "name", "zone", "neighbourhoods", "residents", "status"]
    return stamped(clusters[columns].reset_index(drop=True), package, "clusters")


MAP_METRICS = ("homicides", "rate", "youth", "resources")
MAP_RESOURCES = {"homicides": "homicides_by_cluster", "rate": "homicides_by_cluster", "youth": "youth_people",
                 "resources": "contributions"}
BEFORE, AFTER = PRE_PAZOS, (PAZOS_START, PAZOS_END)
# The unit of a metric's value for one year (i18n.UNIT_DECIMALS says how it is written); a
# period's mean of counts is a mean a year, written with one decimal.
MAP_UNITS = {"homicides": "homicides", "rate": "per_100k", "youth": "people", "resources": "million_cop"}


def _cluster_metric_by_year(package: DataPackage, metric: str) -> pd.DataFrame:
    """One row per cluster and year: value and whether it is suppressed (never 0 for hidden)."""
    clusters = package.table("clusters")[["cluster_id", "residents"]]
    if metric in ("homicides", "rate"):
        table = package.table("homicides_by_cluster")
        rows = table[table["cluster_id"].notna()][["year", "cluster_id", "homicides", "suppressed"]].rename(columns={"homicides": "value"})
        rows["events"] = rows["value"]  # the homicides behind a rate: fewer than 20 make it unreliable
        if metric == "rate":
            rows = rows.merge(clusters, on="cluster_id")
            rows["value"] = (rows["value"].astype("Float64") / rows["residents"].astype("Float64") * 1e5).round(1)
            rows = rows.drop(columns="residents")
    elif metric == "youth":
        table = package.table("youth_people")
        rows = table[table["cluster_id"].notna() & table["sex"].isna() & table["age_group"].isna()]
        rows = rows[["year", "cluster_id", "people", "suppressed"]].rename(columns={"people": "value"})
    else:
        table = package.table("contributions")
        rows = (table[table["cluster_id"].notna()].groupby(["year", "cluster_id"], as_index=False)["executed_cop"].sum()
                .rename(columns={"executed_cop": "value"}))
        rows["value"] = (rows["value"].astype(float) / 1e6).round(1)
        rows["suppressed"] = False
    rows = rows.copy()
    if "events" not in rows.columns:
        rows["events"] = pd.NA
    rows["events"] = rows["events"].astype("Float64")
    rows["value"] = rows["value"].astype("Float64")
    rows["suppressed"] = rows["suppressed"].astype(bool)
    rows = rows.reset_index(drop=True)
    # The threshold the rows were published with: a hidden year says "fewer than k" (the profile's trend).
    rows.attrs["k"] = package.resources[MAP_RESOURCES[metric]].k
    return rows


def cluster_map(package: DataPackage, metric: str = "homicides", year: str = "2023", view: str = "year", **_options) -> pd.DataFrame:
    """The value of one metric per cluster, for a year or as the change from 2017–2019 to 2020–2023.

    The year falls back to the nearest year the metric has; the change view needs a before
    period, so metrics without one (young people, resources) are shown for the year instead.
    Geometry travels in frame.attrs so the CSV stays a plain table.
    """
    by_year = _cluster_metric_by_year(package, metric)
    years = sorted(int(y) for y in by_year["year"].unique())
    clusters = package.table("clusters")[["cluster_id", "name", "zone", "residents"]]
    has_before = any(BEFORE[0] <= y <= BEFORE[1] for y in years)
    if view == "change" and has_before:
        def period_mean(bounds):
            rows = by_year[by_year["year"].between(*bounds)]
            grouped = rows.groupby("cluster_id")
            return grouped["value"].mean(), grouped["suppressed"].any()
        before, hidden_before = period_mean(BEFORE)
        after, hidden_after = period_mean(AFTER)
        frame = clusters.copy()
        frame["period"] = f"{BEFORE[0]}–{BEFORE[1]} → {AFTER[0]}–{AFTER[1]}"
        # A period with a hidden year has no honest mean: it is hidden too.
        frame["before"] = frame["cluster_id"].map(before).astype("Float64").round(1).mask(frame["cluster_id"].map(hidden_before).fillna(True).astype(bool))
        frame["after"] = frame["cluster_id"].map(after).astype("Float64").round(1).mask(frame["cluster_id"].map(hidden_after).fillna(True).astype(bool))
        frame["suppressed"] = (frame["cluster_id"].map(hidden_before).fillna(True) | frame["cluster_id"].map(hidden_after).fillna(True)).astype(bool)
        exact = frame["cluster_id"].map(after).astype("Float64") - frame["cluster_id"].map(before).astype("Float64")
        frame["value"] = exact.round(1).mask(frame["suppressed"])  # from the unrounded means
        # A period's mean rate rests on that period's homicides: either side under 20, unreliable.
        events = [by_year[by_year["year"].between(*bounds)].groupby("cluster_id")["events"].sum(min_count=1) for bounds in (BEFORE, AFTER)]
        small = unreliable(frame["cluster_id"].map(events[0])) | unreliable(frame["cluster_id"].map(events[1]))
        frame["unreliable_rate"] = (small & (metric == "rate")).astype(bool)
        shown_view = "change"
    else:
        chosen = min(years, key=lambda y: (abs(y - int(year)), -y))
        rows = by_year[by_year["year"] == chosen].set_index("cluster_id")
        frame = clusters.copy()
        frame["period"] = str(chosen)
        frame["value"] = frame["cluster_id"].map(rows["value"]).astype("Float64")
        frame["suppressed"] = frame["cluster_id"].map(rows["suppressed"]).fillna(False).astype(bool)
        frame["unreliable_rate"] = (unreliable(frame["cluster_id"].map(rows["events"])) & (metric == "rate")).astype(bool)
        shown_view = "year"
    frame["metric"] = metric
    resource = MAP_RESOURCES[metric]
    frame = stamped(frame, package, resource, "clusters")
    unit = "per_year" if shown_view == "change" and metric == "homicides" else MAP_UNITS[metric]
    frame.attrs.update({
        "view": shown_view, "years": years,
        # Asked for the change but the metric has no year before PAZOS: the year is shown, and the
        # takeaway says so (never a silent fallback).
        "change_unavailable": view == "change" and shown_view != "change",
        "units": {"value": unit, "before": unit, "after": unit},
        "geometry": package.resources["cluster_geometry"].geojson,
        "neighbourhoods": package.resources["neighbourhood_geometry"].geojson,
        # The threshold the package was published with (its `disclosure` metadata), never a constant.
        "k": package.resources[resource].k,
    })
    return frame


def map_years(package: DataPackage) -> tuple[str, ...]:
    """The years any map metric has, newest first (the slider's range comes from the package)."""
    years = set()
    for resource in set(MAP_RESOURCES.values()):
        years |= {int(y) for y in package.table(resource)["year"].dropna().unique()}
    return tuple(str(y) for y in sorted(years, reverse=True))


def cluster_ids(package: DataPackage) -> tuple[str, ...]:
    """The published clusters' ids, in order (the profile's allowed clusters)."""
    return tuple(sorted(package.table("clusters")["cluster_id"].astype(str)))


def cluster_profile(package: DataPackage, cluster: str | None = None, metric: str = "homicides", **_options) -> pd.DataFrame:
    """A cluster's profile: one row per year of the chosen metric (hidden years kept, their value
    empty), each row naming the cluster and its residents, with `status` and `source`; the facts
    a reader sees beside the trend (zone, neighbourhoods, components active in the latest year of
    enrolments) travel in frame.attrs. A cluster the package does not have is a KeyError.
    The rate's denominator is the cluster's published residents, one figure for every year: the
    2018 change of DANE's census base does not reach it."""
    clusters = package.table("clusters").set_index("cluster_id")
    cluster = cluster_ids(package)[0] if cluster is None else cluster  # the chart's default: the first cluster
    if cluster not in clusters.index:
        raise KeyError(cluster)
    neighbourhoods = package.table("neighbourhoods")
    trend = _cluster_metric_by_year(package, metric)
    trend = trend[trend["cluster_id"] == cluster].sort_values("year").reset_index(drop=True)
    enrolments = package.table("youth_enrolments")
    mine = enrolments[(enrolments["cluster_id"] == cluster) & enrolments["component"].notna()]
    latest = mine[mine["year"] == mine["year"].max()]
    active = latest[(latest["enrolments"].fillna(0) > 0) | latest["suppressed"]]["component"].astype(str).tolist()
    frame = trend.assign(name=str(clusters.at[cluster, "name"]), residents=int(clusters.at[cluster, "residents"]), metric=metric)
    frame = frame[["year", "cluster_id", "name", "residents", "metric", "value", "suppressed", "events"]]
    frame = stamped(frame, package, MAP_RESOURCES[metric], "clusters", "neighbourhoods")
    # The residents shown beside the trend are the cluster's published row: invented there, invented here.
    if str(clusters.at[cluster, "status"]) == "demo":
        frame["status"] = "demo"
    frame.attrs.update({
        "cluster_id": cluster,
        "name": str(clusters.at[cluster, "name"]),
        "zone": str(clusters.at[cluster, "zone"]),
        "residents": int(clusters.at[cluster, "residents"]),
        "neighbourhoods": neighbourhoods[neighbourhoods["cluster_id"] == cluster]["name"].astype(str).tolist(),
        "components": active,
        "components_year": int(latest["year"].max()) if len(latest) else None,
        # numbers written one way (i18n.decimals_for): the metric's unit, whole residents and events
        "units": {"value": MAP_UNITS[metric], "residents": "people", "events": "homicides"},
    })
    return frame
