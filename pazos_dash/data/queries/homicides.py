"""Homicide views: the annual series, comparisons, breakdowns, clusters vs the rest, the ITS, headline numbers."""

from __future__ import annotations

import pandas as pd

from ...domain import (CENSUS_BREAK, COMPARISON_AREAS, DURING_PAZOS, LOCKDOWN_YEAR, PAZOS_END, PAZOS_START, PRE_PAZOS,
                      SMALL_COUNT)
from ..package import DataPackage
from .common import sources_of, stamped, status_of, unreliable
from .revisions import with_revisions


def palmira_homicides_annual(package: DataPackage, **_options) -> pd.DataFrame:
    """Palmira's annual homicides, population and rate with each row's source, oldest first;
    values revised in the last release carry what they were (`<field>_revised_from`)."""
    annual = package.table("homicides_annual")
    rows = annual[annual["geography"] == "Palmira"].sort_values("year").assign(unreliable_rate=lambda r: unreliable(r["homicides"]))
    columns = ["year", "homicides", "population", "rate_per_100k", "unreliable_rate", "status", "source", "source_url", "note"]
    frame = rows[columns].reset_index(drop=True)
    return with_revisions(frame, package, "homicides_annual", {"year": "year"}, fixed={"geography": "Palmira"})


def homicide_rate_comparison(package: DataPackage, compare: str | None = None, **_options) -> pd.DataFrame:
    """Rate per 100,000 for Palmira and the comparison areas chosen (`compare`: names joined by
    commas, 'none' for Palmira alone, all of them when not given), one row per year and area."""
    annual = package.table("homicides_annual")
    if compare is not None:
        chosen = {"Palmira", *(area for area in compare.split(",") if area != "none")}
        annual = annual[annual["geography"].isin(chosen)]
    order = {area: i for i, area in enumerate(COMPARISON_AREAS)}
    rows = annual.assign(_order=annual["geography"].map(order), unreliable_rate=unreliable(annual["homicides"]))
    rows = rows.sort_values(["_order", "year"])
    frame = rows[["year", "geography", "homicides", "population", "rate_per_100k", "unreliable_rate", "status", "source"]].reset_index(drop=True)
    return with_revisions(frame, package, "homicides_annual", {"year": "year", "geography": "geography"})


def homicides_breakdown(package: DataPackage, dimension: str = "sex", **_options) -> pd.DataFrame:
    """Counts and shares by one police breakdown; suppressed cells stay missing (and their shares)."""
    table = package.table(f"homicides_by_{dimension}")
    totals = table[table[dimension].isna()].set_index("year")["homicides"]
    cells = table[table[dimension].notna()].copy()
    cells["share_pct"] = (100 * cells["homicides"].astype("Float64") / cells["year"].map(totals).astype("Float64")).round(1)
    cells = cells.rename(columns={dimension: "category"})
    return stamped(cells[["year", "category", "homicides", "share_pct", "suppressed", "status", "source"]].reset_index(drop=True),
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
    from ...analysis.its import interrupted_time_series

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


def pazos_headline(package: DataPackage, its: dict | None = None) -> dict[str, object]:
    """What happened during PAZOS, from the published rows: the average rate of 2020–2023 against
    2017–2019, the homicides behind each (a change on fewer than SMALL_COUNT is said as counts),
    and the caveats' numbers: the rate at both ends of the earlier period (already falling?),
    the lockdown year's rate, and the impact model's level change with its interval (`its`, the
    ITS chart's frame.attrs['its'], when given)."""
    annual = package.table("homicides_annual")
    palmira = annual[(annual["geography"] == "Palmira") & annual["rate_per_100k"].notna()].sort_values("year")

    def period(bounds: tuple[int, int]) -> dict[str, object]:
        rows = palmira[palmira["year"].between(*bounds)]
        return {"start": bounds[0], "end": bounds[1], "years": [int(y) for y in rows["year"]],
                "rate": float(rows["rate_per_100k"].astype(float).mean()),
                "homicides": int(rows["homicides"].astype(float).sum()),
                "homicides_per_year": float(rows["homicides"].astype(float).mean())}

    before, during = period(PRE_PAZOS), period(DURING_PAZOS)
    rates = palmira.set_index("year")["rate_per_100k"].astype(float)
    headline: dict[str, object] = {
        "before": before, "during": during,
        "change_pct": float((during["rate"] - before["rate"]) / before["rate"] * 100),
        "small_base": before["homicides"] < SMALL_COUNT,
        "trend_start": (PRE_PAZOS[0], float(rates.get(PRE_PAZOS[0], float("nan")))),
        "trend_end": (PRE_PAZOS[1], float(rates.get(PRE_PAZOS[1], float("nan")))),
        "lockdown": (LOCKDOWN_YEAR, float(rates.get(LOCKDOWN_YEAR, float("nan")))),
        "census_break": CENSUS_BREAK if PRE_PAZOS[0] < CENSUS_BREAK <= PRE_PAZOS[1] else None,
        "sources": ";".join(dict.fromkeys(n for s in palmira["source"] for n in str(s).split(";"))),
    }
    if its is not None:
        level = its["level"]
        headline["its"] = {"break_year": int(its["break_year"]), "level": float(level.value), "low": float(level.low),
                           "high": float(level.high), "significant": bool(level.significant)}
    return headline


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
