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
    # The published model's sensitivity (lockdown months kept, a placebo break before PAZOS), said
    # beside the estimate of the break PAZOS started with: rows of `impact_estimates`.
    if int(break_year) == PAZOS_START and "impact_estimates" in package.resources:
        estimates = package.table("impact_estimates")
        frame.attrs["sensitivity"] = estimates[estimates["model"] == "its"].reset_index(drop=True)
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
