"""Pure queries: the loaded package -> the tidy frame one view plots. No Dash, no I/O."""

from __future__ import annotations

import pandas as pd

from ..domain import COMPARISON_AREAS, COMPONENTS, PAZOS_END, PAZOS_START, PRE_PAZOS
from .package import DataPackage

# Every chart frame says, per row, what the row is (`status`: reported or demo) and where it
# comes from (`source`: the names of its sources, as the package lists them, joined by ';').
# Resources that do not say it per row say it for all their rows; `stamped` copies that down.


def status_of(package: DataPackage, *resources: str) -> str:
    """'demo' or 'reported' for rows derived from these resources, from their demonstration flags."""
    return "demo" if any(package.resources[r].demo for r in resources) else "reported"


def sources_of(package: DataPackage, *resources: str) -> str:
    """The `source` cell of rows derived from these resources as a whole."""
    names = [s["name"] for r in resources for s in package.resources[r].sources if s.get("name")]
    return ";".join(dict.fromkeys(names))


def stamped(frame: pd.DataFrame, package: DataPackage, *resources: str) -> pd.DataFrame:
    """The frame with `status` and `source` for every row, from the resources where the rows
    do not say it themselves."""
    frame = frame.copy()
    if "status" not in frame.columns:
        frame["status"] = status_of(package, *resources)
    if "source" not in frame.columns:
        frame["source"] = sources_of(package, *resources)
    thresholds = [package.resources[r].k for r in resources if package.resources[r].k is not None]
    if thresholds:
        frame.attrs["k"] = min(thresholds)  # the threshold the package was published with
    return frame


def palmira_homicides_annual(package: DataPackage, **_options) -> pd.DataFrame:
    """Palmira's annual homicides, population and rate with each row's source, oldest first."""
    annual = package.table("homicides_annual")
    rows = annual[annual["geography"] == "Palmira"].sort_values("year")
    columns = ["year", "homicides", "population", "rate_per_100k", "status", "source", "source_url", "note"]
    return rows[columns].reset_index(drop=True)


def cluster_residents(package: DataPackage, **_options) -> pd.DataFrame:
    """Residents and neighbourhoods per PAZOS cluster, in cluster order."""
    clusters = package.table("clusters").sort_values("cluster_id")
    columns = ["cluster_id", "name", "zone", "neighbourhoods", "residents", "status"]
    return stamped(clusters[columns].reset_index(drop=True), package, "clusters")




def homicide_rate_comparison(package: DataPackage, **_options) -> pd.DataFrame:
    """Rate per 100,000 for Palmira and its comparison areas, one row per year and area."""
    annual = package.table("homicides_annual")
    order = {area: i for i, area in enumerate(COMPARISON_AREAS)}
    rows = annual.assign(_order=annual["geography"].map(order)).sort_values(["_order", "year"])
    return rows[["year", "geography", "homicides", "population", "rate_per_100k", "status", "source"]].reset_index(drop=True)


def homicides_breakdown(package: DataPackage, dimension: str = "sex", **_options) -> pd.DataFrame:
    """Counts and shares by one police breakdown; suppressed cells stay missing (and their shares)."""
    table = package.table(f"homicides_by_{dimension}")
    totals = table[table[dimension].isna()].set_index("year")["homicides"]
    cells = table[table[dimension].notna()].copy()
    cells["share_pct"] = (100 * cells["homicides"].astype("Float64") / cells["year"].map(totals).astype("Float64")).round(1)
    cells = cells.rename(columns={dimension: "category"})
    return stamped(cells[["year", "category", "homicides", "share_pct", "suppressed"]].reset_index(drop=True),
                   package, f"homicides_by_{dimension}")


def homicides_clusters_vs_rest(package: DataPackage, **_options) -> pd.DataFrame:
    """Homicides inside the PAZOS clusters and in the rest of the city, derived from published
    cells only (clusters = total - rest), so no hidden cell can leak through the sum."""
    table = package.table("homicides_by_cluster")
    total = table[table["area"].isna()].set_index("year")["homicides"]
    rest = table[table["area"] == "rest"].set_index("year")["homicides"]
    frame = pd.DataFrame({"year": total.index.astype("Int64"), "total": total.to_numpy()})
    frame["rest"] = frame["year"].map(rest).astype("Int64")
    frame["clusters"] = (frame["total"] - frame["rest"]).astype("Int64")
    frame["share_clusters_pct"] = (100 * frame["clusters"].astype("Float64") / frame["total"].astype("Float64")).round(1)
    frame["status"] = status_of(package, "homicides_by_cluster")
    return stamped(frame[["year", "clusters", "rest", "total", "share_clusters_pct", "status"]], package, "homicides_by_cluster")


def homicides_monthly_its(package: DataPackage, break_year: str = str(PAZOS_START), **_options) -> pd.DataFrame:
    """Observed monthly counts (suppressed months missing), the fitted segmented regression and
    the counterfactual; the estimates travel in frame.attrs['its']."""
    from ..analysis.its import interrupted_time_series

    monthly = package.table("homicides_monthly")
    # The implementation window only: later years mix in whatever came after PAZOS.
    months = monthly[monthly["month"].notna() & (monthly["year"] <= PAZOS_END)].copy()
    months["date"] = pd.to_datetime(dict(year=months["year"].astype(int), month=months["month"].astype(int), day=1))
    months["count"] = months["homicides"].astype("Float64").astype(float)
    result = interrupted_time_series(months[["date", "count"]], break_date=f"{int(break_year)}-01-01")
    frame = result.frame.round({"fitted": 2, "counterfactual": 2, "counterfactual_low": 2, "counterfactual_high": 2})
    frame["date"] = frame["date"].dt.strftime("%Y-%m")
    frame = stamped(frame, package, "homicides_monthly")
    frame.attrs["its"] = {
        "break_year": int(break_year),
        "level": result.level_change, "slope": result.slope_change, "months": result.months_used,
        "suppressed_months": int(months["count"].isna().sum()),
    }
    return frame


def overview_kpis(package: DataPackage) -> dict[str, object]:
    """The headline numbers of the overview, each computed from a published row."""
    annual = package.table("homicides_annual")
    palmira = annual[(annual["geography"] == "Palmira") & annual["rate_per_100k"].notna()].sort_values("year")
    latest = palmira.iloc[-1]
    pre = palmira[palmira["year"].between(*PRE_PAZOS)]["rate_per_100k"].astype(float).mean()
    lowest = palmira.loc[palmira["rate_per_100k"].astype(float).idxmin()]
    earlier = palmira[palmira["year"] < lowest["year"]]
    reported_youth = package.table("youth_served_reported").sort_values("year").iloc[-1]
    partners = package.table("partners")
    contributions = package.table("contributions").merge(partners[["partner_id", "sector"]], on="partner_id")
    executed = contributions["executed_cop"].astype(float)
    external = executed[contributions["sector"] != "public"].sum() / executed.sum() * 100
    return {
        "latest_year": int(latest["year"]),
        "latest_rate": float(latest["rate_per_100k"]),
        "latest_note": str(latest["note"] or ""),
        "pre_years": PRE_PAZOS,
        "pre_rate": float(pre),
        "change_vs_pre_pct": float((latest["rate_per_100k"] - pre) / pre * 100),
        "lowest_year": int(lowest["year"]),
        "lowest_rate": float(lowest["rate_per_100k"]),
        "series_start": int(palmira["year"].iloc[0]),
        "lowest_years_compared": int(len(earlier) + 1),
        "youth_reported_year": int(reported_youth["year"]),
        "youth_reported_min": int(reported_youth["people_min"]),
        "partners": int(len(partners)),
        "external_share_pct": float(external),
        "partners_demo": bool(package.resources["partners"].demo or package.resources["contributions"].demo),
        # where each headline number comes from: the `source` names of the rows it is computed from
        "rate_sources": ";".join(dict.fromkeys(n for s in palmira["source"] for n in str(s).split(";"))),
        "youth_sources": str(reported_youth["source"]),
        "partners_sources": sources_of(package, "partners", "contributions"),
    }


def territory_facts(package: DataPackage) -> dict[str, int]:
    """Cluster counts and totals quoted in the page texts, summed from the published rows."""
    clusters = package.table("clusters")
    return {
        "clusters": int(len(clusters)),
        "urban": int((clusters["zone"] == "urban").sum()),
        "rural": int((clusters["zone"] == "rural").sum()),
        "neighbourhoods": int(clusters["neighbourhoods"].sum()),
        "residents": int(clusters["residents"].sum()),
    }


# --------------------------------------------------------------------------- young people

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
    frame = rows[["year", "component", "enrolments", "suppressed"]].reset_index(drop=True)
    frame = stamped(frame, package, "youth_enrolments")
    frame.attrs.update(area=area, area_name=_area_name(package, area))
    return frame


def youth_people_breakdown(package: DataPackage, dimension: str = "sex", area: str = "all", **_options) -> pd.DataFrame:
    """Unique young people per year by sex or age group, for the municipality or one cluster."""
    table = package.table("youth_people")
    other = "age_group" if dimension == "sex" else "sex"
    rows = table[_area_rows(table, area) & table[dimension].notna() & table[other].isna()]
    rows = rows.rename(columns={dimension: "category"})
    frame = rows[["year", "category", "people", "suppressed"]].reset_index(drop=True)
    frame = stamped(frame, package, "youth_people")
    frame.attrs.update(area=area, area_name=_area_name(package, area))
    return frame


# --------------------------------------------------------------------------- partners

def _contributions(package: DataPackage) -> pd.DataFrame:
    partners = package.table("partners")[["partner_id", "sector"]]
    return package.table("contributions").merge(partners, on="partner_id", how="left")


def _money(frame: pd.DataFrame, package: DataPackage) -> pd.DataFrame:
    return stamped(frame, package, "contributions", "partners")


def resources_by_sector(package: DataPackage, **_options) -> pd.DataFrame:
    """Committed and executed COP per year and sector."""
    grouped = _contributions(package).groupby(["year", "sector"], as_index=False)[["committed_cop", "executed_cop"]].sum()
    return _money(grouped.astype({"committed_cop": "int64", "executed_cop": "int64"}), package)


def resources_by_component(package: DataPackage, kind: str = "all", **_options) -> pd.DataFrame:
    """Committed and executed COP per component and year; `kind` keeps cash or in-kind only."""
    rows = _contributions(package)
    if kind != "all":
        rows = rows[rows["kind"] == kind]
    grouped = rows.groupby(["component", "year"], as_index=False)[["committed_cop", "executed_cop"]].sum()
    order = {c: i for i, c in enumerate(COMPONENTS)}
    grouped = grouped.sort_values(["component", "year"], key=lambda s: s.map(order) if s.name == "component" else s)
    return _money(grouped.reset_index(drop=True), package)


def budget_execution(package: DataPackage, **_options) -> pd.DataFrame:
    """Per year: committed, executed, execution rate, and external pesos per municipal peso."""
    rows = _contributions(package)
    public = rows["sector"] == "public"
    frame = rows.groupby("year").agg(committed_cop=("committed_cop", "sum"), executed_cop=("executed_cop", "sum")).reset_index()
    frame["execution_rate_pct"] = (100 * frame["executed_cop"] / frame["committed_cop"]).round(1)
    frame["municipal_executed_cop"] = frame["year"].map(rows[public].groupby("year")["executed_cop"].sum()).fillna(0).astype("int64")
    frame["external_executed_cop"] = frame["executed_cop"] - frame["municipal_executed_cop"]
    frame["leverage"] = (frame["external_executed_cop"] / frame["municipal_executed_cop"].where(frame["municipal_executed_cop"] > 0)).round(2)
    return _money(frame, package)


def resources_flow(package: DataPackage, **_options) -> pd.DataFrame:
    """Executed COP from each sector to each component, all years together (the Sankey's links)."""
    grouped = _contributions(package).groupby(["sector", "component"], as_index=False)["executed_cop"].sum()
    links = grouped[grouped["executed_cop"] > 0].astype({"executed_cop": "int64"}).reset_index(drop=True)
    return _money(links, package)


# --------------------------------------------------------------------------- SDGs

def sdg_alignment(package: DataPackage, **_options) -> pd.DataFrame:
    """Component -> SDG goal -> target, with the one-line rationale in both languages."""
    return stamped(package.table("sdg_alignment"), package, "sdg_alignment")


def sdg_16_1_1(package: DataPackage, **_options) -> pd.DataFrame:
    """SDG indicator 16.1.1 for Palmira: the homicide rate per 100,000, from the indicator values."""
    values = package.table("indicator_values")
    rows = values[values["indicator_id"] == "homicide_rate"].sort_values("year")
    return rows[["year", "value", "status", "source"]].reset_index(drop=True)


# --------------------------------------------------------------------------- cluster map

MAP_METRICS = ("homicides", "rate", "youth", "resources")
MAP_RESOURCES = {"homicides": "homicides_by_cluster", "rate": "homicides_by_cluster", "youth": "youth_people",
                 "resources": "contributions"}
BEFORE, AFTER = PRE_PAZOS, (PAZOS_START, PAZOS_END)


def _cluster_metric_by_year(package: DataPackage, metric: str) -> pd.DataFrame:
    """One row per cluster and year: value and whether it is suppressed (never 0 for hidden)."""
    clusters = package.table("clusters")[["cluster_id", "residents"]]
    if metric in ("homicides", "rate"):
        table = package.table("homicides_by_cluster")
        rows = table[table["cluster_id"].notna()][["year", "cluster_id", "homicides", "suppressed"]].rename(columns={"homicides": "value"})
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
    rows["value"] = rows["value"].astype("Float64")
    rows["suppressed"] = rows["suppressed"].astype(bool)
    return rows.reset_index(drop=True)


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
        shown_view = "change"
    else:
        chosen = min(years, key=lambda y: (abs(y - int(year)), -y))
        rows = by_year[by_year["year"] == chosen].set_index("cluster_id")
        frame = clusters.copy()
        frame["period"] = str(chosen)
        frame["value"] = frame["cluster_id"].map(rows["value"]).astype("Float64")
        frame["suppressed"] = frame["cluster_id"].map(rows["suppressed"]).fillna(False).astype(bool)
        shown_view = "year"
    frame["metric"] = metric
    resource = MAP_RESOURCES[metric]
    frame = stamped(frame, package, resource, "clusters")
    frame.attrs.update({
        "view": shown_view, "years": years,
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


def cluster_profile(package: DataPackage, cluster_id: str, metric: str = "homicides") -> dict[str, object]:
    """What the profile panel shows for one cluster: facts, the metric's trend, active components."""
    clusters = package.table("clusters").set_index("cluster_id")
    if cluster_id not in clusters.index:
        raise KeyError(cluster_id)
    neighbourhoods = package.table("neighbourhoods")
    trend = _cluster_metric_by_year(package, metric)
    trend = trend[trend["cluster_id"] == cluster_id].sort_values("year").reset_index(drop=True)
    enrolments = package.table("youth_enrolments")
    mine = enrolments[(enrolments["cluster_id"] == cluster_id) & enrolments["component"].notna()]
    latest = mine[mine["year"] == mine["year"].max()]
    active = latest[(latest["enrolments"].fillna(0) > 0) | latest["suppressed"]]["component"].astype(str).tolist()
    return {
        "cluster_id": cluster_id,
        "name": str(clusters.at[cluster_id, "name"]),
        "zone": str(clusters.at[cluster_id, "zone"]),
        "residents": int(clusters.at[cluster_id, "residents"]),
        "neighbourhoods": neighbourhoods[neighbourhoods["cluster_id"] == cluster_id]["name"].astype(str).tolist(),
        "trend": trend,
        "components": active,
        "components_year": int(latest["year"].max()) if len(latest) else None,
    }


# --------------------------------------------------------------------------- indicators

SCOREBOARD_SORTS = ("indicator", "component", "unit", "baseline", "target", "latest", "progress", "status")


def indicator_scoreboard(package: DataPackage, component: str = "any", status: str = "any", sort: str = "indicator",
                         order: str = "asc", **_options) -> pd.DataFrame:
    """One row per indicator: baseline, target, latest value, progress and the computed status.
    The yearly series (for sparklines) travel in frame.attrs['series']."""
    from ..analysis.indicators import STATUSES, assess

    definitions = package.table("indicators")
    values = package.table("indicator_values").dropna(subset=["value"]).sort_values(["indicator_id", "year"])
    rows = []
    for d in definitions.itertuples():
        series = values[values["indicator_id"] == d.indicator_id]
        latest = series.iloc[-1] if len(series) else None
        at_baseline = series[series["year"] == d.baseline_year]
        baseline_status = str(at_baseline["status"].iloc[0]) if len(at_baseline) else None
        result = assess(
            baseline=None if pd.isna(d.baseline) else float(d.baseline),
            baseline_year=None if pd.isna(d.baseline_year) else int(d.baseline_year),
            target=None if pd.isna(d.target) else float(d.target),
            target_year=None if pd.isna(d.target_year) else int(d.target_year),
            latest=None if latest is None else float(latest["value"]),
            latest_year=None if latest is None else int(latest["year"]),
            direction=str(d.direction),
        )
        rows.append({
            "indicator_id": d.indicator_id, "name_es": d.name_es, "name_en": d.name_en, "component": d.component,
            "unit": d.unit, "direction": d.direction,
            "baseline_year": d.baseline_year, "baseline": d.baseline, "target_year": d.target_year, "target": d.target,
            "target_status": d.target_status,
            "latest_year": None if latest is None else int(latest["year"]), "latest": None if latest is None else float(latest["value"]),
            "latest_status": None if latest is None else str(latest["status"]),
            "progress_pct": None if result.progress is None else round(100 * result.progress, 1),
            "expected_pct": None if result.expected is None else round(100 * result.expected, 1),
            # not 'status': in this package that word says reported or demonstration
            "progress_status": result.status,
            # A row is as real as its least real value: the target, the baseline or the latest value.
            "status": "demo" if "demo" in (d.target_status, baseline_status, None if latest is None else latest["status"]) else "reported",
            "source": ";".join(dict.fromkeys(
                ([] if latest is None else str(latest["source"]).split(";"))
                + sources_of(package, "indicators").split(";"))),
        })
    frame = pd.DataFrame(rows)
    frame["latest_year"] = frame["latest_year"].astype("Int64")
    for column in ("latest", "progress_pct", "expected_pct"):
        frame[column] = frame[column].astype("Float64")
    if component != "any":
        frame = frame[frame["component"] == component]
    if status != "any":
        frame = frame[frame["progress_status"] == status]
    key = {"indicator": "indicator_id", "progress": "progress_pct"}.get(sort, sort)
    if key == "status":
        frame = frame.assign(_rank=frame["progress_status"].map({s: i for i, s in enumerate(STATUSES)})).sort_values(
            ["_rank", "indicator_id"], ascending=order == "asc").drop(columns="_rank")
    else:
        frame = frame.sort_values([key, "indicator_id"], ascending=order == "asc", na_position="last")
    frame = frame.reset_index(drop=True)
    frame.attrs["series"] = {
        i: list(zip(s["year"].astype(int), s["value"].astype(float), s["status"].astype(str)))
        for i, s in values.groupby("indicator_id")
    }
    return frame


def indicator_detail(package: DataPackage, indicator: str = "homicide_rate", **_options) -> pd.DataFrame:
    """The full yearly series of one indicator with its baseline and target (definition in attrs)."""
    definitions = package.table("indicators").set_index("indicator_id")
    if indicator not in definitions.index:
        indicator = str(definitions.index[0])
    values = package.table("indicator_values")
    series = values[values["indicator_id"] == indicator].sort_values("year")[["year", "value", "status", "source"]]
    series = series.assign(kind="value")
    definition = definitions.loc[indicator]
    if pd.notna(definition["target"]) and pd.notna(definition["target_year"]):
        # The target is drawn, so it is a row of the chart (and of its download), with its own status.
        target_status = str(definition["target_status"] or "reported")
        target = pd.DataFrame([{"year": definition["target_year"], "value": definition["target"], "status": target_status,
                                "source": "demo" if target_status == "demo" else sources_of(package, "indicators"), "kind": "target"}])
        series = pd.concat([series, target.astype(series.dtypes.to_dict())], ignore_index=True)
    series = series[["year", "kind", "value", "status", "source"]].reset_index(drop=True)
    series.attrs["definition"] = {k: (None if pd.isna(v) else v) for k, v in definition.to_dict().items()}
    series.attrs["indicator_id"] = indicator
    return series


def reach(package: DataPackage, **_options) -> pd.DataFrame:
    """People reached directly (unique young people served) and indirectly (cluster residents)."""
    served = youth_served_by_year(package)
    residents = int(package.table("clusters")["residents"].sum())
    frame = served[["year", "people_unique"]].rename(columns={"people_unique": "direct"}).copy()
    frame["indirect"] = residents
    frame["direct_status"] = served["status"]
    frame["indirect_status"] = "reported"  # the cluster total is the founding document's figure
    frame["status"] = frame["direct_status"]
    # the residents' total is real even where its split across clusters is demonstration
    residents_sources = [n for n in sources_of(package, "clusters").split(";") if n != "demo"]
    frame["source"] = ";".join(dict.fromkeys(sources_of(package, "youth_people").split(";") + residents_sources))
    return frame


def youth_homicide_rate(package: DataPackage, **_options) -> pd.DataFrame:
    """The youth (14–29) homicide rate the Alcaldía reported, beside the city's rate that year."""
    values = package.table("indicator_values")
    youth = values[(values["indicator_id"] == "youth_homicide_rate") & values["value"].notna()]
    annual = package.table("homicides_annual")
    city = annual[annual["geography"] == "Palmira"].set_index("year")["rate_per_100k"]
    frame = pd.DataFrame({
        "year": youth["year"].astype("Int64").to_numpy(),
        "youth_rate_per_100k": youth["value"].astype("Float64").to_numpy(),
        "city_rate_per_100k": youth["year"].map(city).astype("Float64").to_numpy(),
        "status": youth["status"].to_numpy(),
        # the city's rate beside it comes from the annual series: its sources are the row's too
        "source": [";".join(dict.fromkeys(str(s).split(";") + sources_of(package, "homicides_annual").split(";"))) for s in youth["source"]],
    })
    return frame.sort_values("year").reset_index(drop=True)
