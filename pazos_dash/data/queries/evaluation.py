"""Did PAZOS work? Palmira beside every municipality, the synthetic control and its robustness,
and the overview's headline and numbers — each a frame of published rows (status and source
per row) that a chart view renders.

The resources (`municipal_homicides`, `synthetic_control_*`, `impact_estimates`) are computed by
`pazos-dash publish`, never on a request; a package that does not have them yet gives frames
without their rows (the headline then says the counterfactual is not estimated)."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from ...domain import CENSUS_BREAK, DURING_PAZOS, PRE_PAZOS
from ..package import DataPackage
from .common import sources_of, stamped, unreliable

PALMIRA_CODE = "76520"
COLOMBIA = "colombia"
COMPARABLE_SIZE = 100_000  # municipalities "of comparable size": at least this many people that year
DEFAULT_COMPARE = ("76001", "76", COLOMBIA)  # Cali, Valle del Cauca, Colombia
# Names the comparison chart's address used before it offered every place: old links keep working.
AREA_MIGRATIONS = {"Cali": "76001", "Valle del Cauca": "76", "Colombia": COLOMBIA, "Palmira": PALMIRA_CODE}
EVALUATION = ("synthetic_control_series", "synthetic_control_weights", "synthetic_control_placebos", "impact_estimates")


def has(package: DataPackage, *resources: str) -> bool:
    return all(r in package.resources for r in resources)


def _joined(*cells: object) -> str:
    """Source names of several rows, once each, in order of first appearance."""
    return ";".join(dict.fromkeys(n.strip() for cell in cells for n in str(cell).split(";") if n.strip()))


# --------------------------------------------------------------------------- places to compare


@lru_cache(maxsize=8)  # a package is read-only and hashed by identity: computed once per package served
def places(package: DataPackage) -> pd.DataFrame:
    """Every place the comparison offers: each municipality (its DANE code), each department (its
    2-digit code) and Colombia, with its name and, for a municipality, its department; in the
    order a selection is written (municipalities by code, departments by code, Colombia)."""
    panel = package.table("municipal_homicides")
    towns = panel.drop_duplicates("dane_code").sort_values("dane_code")
    departments = panel.drop_duplicates("department_code").sort_values("department_code")
    return pd.DataFrame({
        "code": [*towns["dane_code"].astype(str), *departments["department_code"].astype(str), COLOMBIA],
        "kind": ["municipality"] * len(towns) + ["department"] * len(departments) + ["country"],
        "name": [*towns["municipality"].astype(str), *departments["department"].astype(str), "Colombia"],
        "department": [*towns["department"].astype(str), *[""] * len(departments), ""],
    })


@lru_cache(maxsize=8)
def place_codes(package: DataPackage) -> tuple[str, ...]:
    """The comparison's allowed values (Palmira, always shown, is not one of them)."""
    if not has(package, "municipal_homicides"):
        return DEFAULT_COMPARE
    codes = tuple(c for c in places(package)["code"] if c != PALMIRA_CODE)
    return tuple(sorted(codes, key=lambda c: (c not in DEFAULT_COMPARE, codes.index(c))))  # the defaults first


def _series(panel: pd.DataFrame, code: str) -> pd.DataFrame:
    """One place's yearly rows: a municipality's published rows, or the sum of a department's
    (or the country's) municipalities, its rate recomputed from the sums."""
    if len(code) == 5:
        rows = panel[panel["dane_code"] == code]
        return pd.DataFrame({"year": rows["year"], "code": code, "place": rows["municipality"], "department": rows["department"],
                             "homicides": rows["homicides"], "population": rows["population"],
                             "rate_per_100k": rows["rate_per_100k"].astype(float), "census_base": rows["census_base"],
                             "status": rows["status"], "source": rows["source"]})
    rows = panel if code == COLOMBIA else panel[panel["department_code"] == code]
    grouped = rows.groupby("year", sort=True)
    summed = grouped[["homicides", "population"]].sum()
    name = "Colombia" if code == COLOMBIA else str(rows["department"].iloc[0])
    status = grouped["status"].agg(lambda s: "preliminary" if (s == "preliminary").any() else s.iloc[0])
    return pd.DataFrame({"year": summed.index, "code": code, "place": name, "department": pd.NA if code == COLOMBIA else name,
                         "homicides": summed["homicides"].to_numpy(), "population": summed["population"].to_numpy(),
                         "rate_per_100k": (summed["homicides"].astype(float) / summed["population"].astype(float) * 1e5).round(2).to_numpy(),
                         "census_base": grouped["census_base"].first().to_numpy(), "status": status.to_numpy(),
                         "source": grouped["source"].agg(lambda s: _joined(*s)).to_numpy()})


def municipal_comparison(package: DataPackage, compare: str | None = None, **_options) -> pd.DataFrame:
    """Palmira's rate per 100,000 beside the places chosen (`compare`: codes joined by commas,
    'none' for Palmira alone), one row per year and place, from `municipal_homicides`: a
    department or Colombia is the sum of its municipalities' published rows."""
    panel = package.table("municipal_homicides")
    chosen = [c for c in (compare.split(",") if compare else DEFAULT_COMPARE) if c not in ("none", PALMIRA_CODE)]
    frame = pd.concat([_series(panel, code) for code in (PALMIRA_CODE, *chosen)], ignore_index=True)
    frame["year"] = frame["year"].astype("Int64")
    frame["homicides"] = frame["homicides"].astype("Int64")
    frame["population"] = frame["population"].astype("Int64")
    frame["unreliable_rate"] = unreliable(frame["homicides"])
    columns = ["year", "code", "place", "department", "homicides", "population", "rate_per_100k", "census_base", "unreliable_rate",
               "status", "source"]
    return stamped(frame[columns], package, "municipal_homicides")


def rate_rank(package: DataPackage, **_options) -> pd.DataFrame:
    """Where Palmira stands each year among municipalities of comparable size (at least
    COMPARABLE_SIZE people that year): its rate, its rank (1 = highest rate) among n, and that
    year's median and quartiles of the rate."""
    panel = package.table("municipal_homicides")
    rows = []
    sized = panel[panel["population"].fillna(0) >= COMPARABLE_SIZE].dropna(subset=["rate_per_100k"])
    for year, group in sized.groupby("year", sort=True):
        rates = group["rate_per_100k"].astype(float)
        palmira = group[group["dane_code"] == PALMIRA_CODE]
        if palmira.empty:
            continue
        rate = float(palmira["rate_per_100k"].iloc[0])
        rows.append({"year": int(year), "palmira_rate": rate, "rank": int((rates > rate).sum() + 1), "n": int(len(group)),
                     "q1": round(float(rates.quantile(0.25)), 2), "median": round(float(rates.median()), 2),
                     "q3": round(float(rates.quantile(0.75)), 2), "census_base": str(palmira["census_base"].iloc[0]),
                     "status": "preliminary" if (group["status"] == "preliminary").any() else str(palmira["status"].iloc[0]),
                     "source": _joined(*group["source"].unique())})
    frame = pd.DataFrame(rows)
    frame.attrs["threshold"] = COMPARABLE_SIZE
    return stamped(frame, package, "municipal_homicides")


# --------------------------------------------------------------------------- the synthetic control


def synthetic_palmira(package: DataPackage, **_options) -> pd.DataFrame:
    """Palmira and synthetic Palmira, year by year (the main variant)."""
    series = package.table("synthetic_control_series")
    rows = series[series["variant"] == "main"].sort_values("year")
    columns = [c for c in ("year", "municipality", "observed_rate", "synthetic_rate", "gap", "period", "in_estimate", "status", "source")
               if c in rows.columns]
    # `phase`: the published `period` code (pre/post), a code the table says in words
    return stamped(rows[columns].rename(columns={"period": "phase"}).reset_index(drop=True), package, "synthetic_control_series")


def synthetic_gaps(package: DataPackage, **_options) -> pd.DataFrame:
    """Palmira's gap (observed − synthetic) and each placebo's (a donor treated in turn), with
    whether the permutation test kept the placebo (its pre-period fit), and each unit's role."""
    series = package.table("synthetic_control_series")
    placebos = package.table("synthetic_control_placebos").set_index("dane_code")
    rows = series[(series["variant"] == "main") | series["variant"].astype(str).str.startswith("placebo_")].copy()
    rows["role"] = rows["variant"].map(lambda v: "treated" if v == "main" else "placebo")
    rows["included"] = rows["dane_code"].map(placebos["included"]).fillna(True).astype(bool) if "included" in placebos else True
    rows = rows.sort_values(["role", "dane_code", "year"], ascending=[False, True, True])
    columns = ["dane_code", "municipality", "role", "included", "year", "gap", "period", "status", "source"]
    frame = stamped(rows[columns].rename(columns={"period": "phase"}).reset_index(drop=True), package, "synthetic_control_series")
    main = package.table("impact_estimates")
    main = main[(main["model"] == "synthetic_control") & (main["variant"] == "main")]
    frame.attrs["test"] = main.iloc[0].to_dict() if len(main) else {}
    return frame


def donor_weights(package: DataPackage, **_options) -> pd.DataFrame:
    """The donors of synthetic Palmira (main variant) and their weights, largest first."""
    weights = package.table("synthetic_control_weights")
    rows = weights[weights["variant"] == "main"].sort_values("weight", ascending=False)
    columns = ["dane_code", "municipality", "department", "weight", "status", "source"]
    return stamped(rows[columns].reset_index(drop=True), package, "synthetic_control_weights")


ROBUSTNESS_ORDER = {("synthetic_control", v): i for i, v in enumerate(
    ("main", "post_from_2021", "in_time_2016", "loo_min", "loo_max", "placebo_filter_5x", "with_valle_donors", "census_base_spliced"))}
ROBUSTNESS_ORDER.update({("its", v): 10 + i for i, v in enumerate(("main", "keep_lockdown_months", "placebo_break_2019"))})


def impact_robustness(package: DataPackage, model: str | None = None, **_options) -> pd.DataFrame:
    """Every published estimate of the impact models (`impact_estimates`), one row per model and
    variant: the main estimate and each robustness check beside it."""
    table = package.table("impact_estimates")
    if model:
        table = table[table["model"] == model]
    table = table.assign(_order=[ROBUSTNESS_ORDER.get((m, v), 99) for m, v in zip(table["model"], table["variant"])])
    columns = [c for c in ("model", "variant", "measure", "estimate", "low", "high", "p_value", "rank", "n_units", "pre_rmspe",
                           "post_start", "post_end", "detail", "status", "source") if c in table.columns]
    frame = stamped(table.sort_values(["_order", "variant"])[columns].reset_index(drop=True), package, "impact_estimates")
    # How each model's estimate is written: a gap in the rate per 100,000 or a level change in
    # homicides a month, both with one decimal (numbers written one way).
    by_model = {"by": "model", "units": {"synthetic_control": "per_100k", "its": "per_month"}}
    frame.attrs["units"] = {column: by_model for column in ("estimate", "low", "high")}
    return frame


# --------------------------------------------------------------------------- the overview's numbers


def _palmira(package: DataPackage) -> pd.DataFrame:
    annual = package.table("homicides_annual")
    return annual[(annual["geography"] == "Palmira") & annual["rate_per_100k"].notna()].sort_values("year")


def same_base_years() -> tuple[int, int]:
    """The years before PAZOS whose rates share the census base of the PAZOS years."""
    return (max(PRE_PAZOS[0], CENSUS_BREAK), PRE_PAZOS[1])


def headline(package: DataPackage, **_options) -> pd.DataFrame:
    """The facts the first screen says, one row each, computed from published rows:
    homicides a year before (2017–2019) and during PAZOS (2020–2023), counts being free of the
    census base; the rate per 100,000 during PAZOS against the years before on the same census
    base (2018–2019); the count at both ends of the earlier period (already falling?); the
    synthetic control's mean post-period gap with its permutation test and pre-period fit; the
    time series' level change with its interval. A package without the evaluation has no
    model rows."""
    palmira = _palmira(package)
    rows: list[dict] = []

    def mean_of(column: str, bounds: tuple[int, int], fact: str, period: str) -> None:
        chosen = palmira[palmira["year"].between(*bounds)]
        rows.append({"fact": fact, "phase": period, "start": bounds[0], "end": bounds[1],
                     "value": round(float(chosen[column].astype(float).mean()), 2),
                     "events": int(chosen["homicides"].astype(float).sum()),
                     "status": "preliminary" if (chosen["status"] == "preliminary").any() else str(chosen["status"].iloc[0]),
                     "source": _joined(*chosen["source"])})

    mean_of("homicides", PRE_PAZOS, "homicides_per_year", "before")
    mean_of("homicides", DURING_PAZOS, "homicides_per_year", "during")
    mean_of("rate_per_100k", same_base_years(), "rate_per_100k", "before")
    mean_of("rate_per_100k", DURING_PAZOS, "rate_per_100k", "during")
    for year in PRE_PAZOS:
        mean_of("homicides", (year, year), "homicides", "trend")
    if has(package, "impact_estimates"):
        estimates = package.table("impact_estimates")
        for model, fact in (("synthetic_control", "synthetic_control_gap"), ("its", "its_level_change")):
            main = estimates[(estimates["model"] == model) & (estimates["variant"] == "main")]
            if main.empty:
                continue
            row = main.iloc[0]
            fact_row = {"fact": fact, "phase": "during", "start": int(row["post_start"]), "end": int(row["post_end"]),
                        "value": float(row["estimate"]), "status": str(row["status"]), "source": str(row["source"])}
            for column in ("low", "high", "p_value", "rank", "n_units", "pre_rmspe"):
                if column in row.index and pd.notna(row[column]):
                    fact_row[column] = float(row[column])
            if model == "synthetic_control" and has(package, "synthetic_control_series"):
                series = package.table("synthetic_control_series")
                pre = series[(series["variant"] == "main") & (series["period"] == "pre")]
                fact_row["pre_mean_rate"] = round(float(pre["observed_rate"].astype(float).mean()), 2)
            rows.append(fact_row)
    frame = pd.DataFrame(rows)
    for column in ("low", "high", "p_value", "rank", "n_units", "pre_rmspe", "pre_mean_rate", "events"):
        if column not in frame.columns:
            frame[column] = pd.NA
        frame[column] = frame[column].astype("Float64")
    columns = ["fact", "phase", "start", "end", "value", "events", "low", "high", "p_value", "rank", "n_units", "pre_rmspe",
               "pre_mean_rate", "status", "source"]
    frame = stamped(frame[columns], package, "homicides_annual")
    # How each fact's value is written: a count whole, a mean, a rate or a gap with one decimal.
    by_fact = {"by": "fact", "units": {
        "homicides": "homicides", "homicides_per_year": "per_year", "rate_per_100k": "per_100k",
        "synthetic_control_gap": "per_100k", "its_level_change": "per_month"}}
    frame.attrs["units"] = {"value": by_fact, "low": by_fact, "high": by_fact}
    return frame


def kpi_rate(package: DataPackage, **_options) -> pd.DataFrame:
    """The latest year's rate and the years before PAZOS on its census base it is set against."""
    palmira = _palmira(package)
    latest = int(palmira["year"].max())
    base = same_base_years()
    rows = palmira[palmira["year"].between(*base) | (palmira["year"] == latest)].copy()
    rows["role"] = ["latest" if y == latest else "baseline" for y in rows["year"]]
    return rows[["year", "role", "homicides", "population", "rate_per_100k", "status", "source"]].reset_index(drop=True)


def kpi_lowest(package: DataPackage, **_options) -> pd.DataFrame:
    """Every year's rate, the lowest marked: the year with the lowest rate of the series."""
    palmira = _palmira(package)
    rows = palmira[["year", "homicides", "rate_per_100k", "status", "source"]].reset_index(drop=True)
    rows["lowest"] = rows["rate_per_100k"].astype(float) == rows["rate_per_100k"].astype(float).min()
    return rows


def kpi_youth(package: DataPackage, **_options) -> pd.DataFrame:
    """The latest number of young people the Alcaldía reported served."""
    reported = package.table("youth_served_reported").sort_values("year")
    return stamped(reported.tail(1).reset_index(drop=True), package, "youth_served_reported")


def kpi_partners(package: DataPackage, **_options) -> pd.DataFrame:
    """Partners and the money they executed, by sector (public or not)."""
    partners = package.table("partners")
    contributions = package.table("contributions").merge(partners[["partner_id", "sector"]], on="partner_id")
    frame = pd.DataFrame({"partners": partners.groupby("sector").size(),
                          "executed_cop": contributions.groupby("sector")["executed_cop"].sum()}).fillna(0).reset_index(names="sector")
    frame["partners"] = frame["partners"].astype("Int64")
    frame["share_pct"] = (100 * frame["executed_cop"].astype(float) / frame["executed_cop"].astype(float).sum()).round(1)
    frame = stamped(frame, package, "partners", "contributions")
    frame["source"] = sources_of(package, "partners", "contributions")
    return frame
