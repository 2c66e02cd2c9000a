"""Follow-up indicators: the scoreboard, one indicator's series with its target, reach."""

from __future__ import annotations

import pandas as pd

from ...domain import CLUSTER_DESIGN_YEAR
from ..package import DataPackage
from .common import palmira_counts, sources_of, unreliable
from .youth import youth_served_by_year


SCOREBOARD_SORTS = ("indicator", "component", "unit", "baseline", "target", "graded", "progress", "status")


def graded_value(series: pd.DataFrame, target_year: int | None, horizon: int) -> tuple[pd.Series | None, str]:
    """The value a target is graded with: the value of the target's own year, never a later one.
    When that year has no value, (None, 'no_value_target_year'); only while the target year is
    still ahead of every published value (`horizon`, the package's last year) does the latest
    value grade the pace, (row, 'before_target_year')."""
    if target_year is None or series.empty:
        return (series.iloc[-1] if len(series) else None), ""
    own = series[series["year"] == target_year]
    if len(own):
        return own.iloc[-1], ""
    if horizon < target_year:
        return series.iloc[-1], "before_target_year"
    return None, "no_value_target_year"


def indicator_scoreboard(package: DataPackage, component: str = "any", status: str = "any", sort: str = "indicator",
                         order: str = "asc", **_options) -> pd.DataFrame:
    """One row per indicator: baseline, target, the value it is graded with (its target year's,
    see graded_value), progress and the computed status. The yearly series (for sparklines)
    travel in frame.attrs['series']."""
    from ...analysis.indicators import STATUSES, assess

    definitions = package.table("indicators")
    values = package.table("indicator_values").dropna(subset=["value"]).sort_values(["indicator_id", "year"])
    counts = palmira_counts(package)
    horizon = int(values["year"].max()) if len(values) else 0
    rows = []
    for d in definitions.itertuples():
        series = values[values["indicator_id"] == d.indicator_id]
        target_year = None if pd.isna(d.target_year) else int(d.target_year)
        graded, note = graded_value(series, target_year, horizon)
        result = assess(
            baseline=None if pd.isna(d.baseline) else float(d.baseline),
            baseline_year=None if pd.isna(d.baseline_year) else int(d.baseline_year),
            target=None if pd.isna(d.target) else float(d.target),
            target_year=target_year,
            latest=None if graded is None else float(graded["value"]),
            latest_year=None if graded is None else int(graded["year"]),
            direction=str(d.direction),
        )
        graded_year = None if graded is None else int(graded["year"])
        rows.append({
            "indicator_id": d.indicator_id, "name_es": d.name_es, "name_en": d.name_en, "component": d.component,
            "unit": d.unit, "direction": d.direction,
            "baseline_year": d.baseline_year, "baseline": d.baseline, "target_year": d.target_year, "target": d.target,
            "baseline_status": d.baseline_status, "target_status": d.target_status,
            "graded_year": graded_year, "graded": None if graded is None else float(graded["value"]),
            "graded_status": None if graded is None else str(graded["status"]),
            "graded_note": note,
            # a city homicide rate from fewer than 20 homicides would be unreliable (the counts are the police's)
            "unreliable_rate": bool(d.indicator_id == "homicide_rate" and graded_year is not None
                                    and unreliable(counts.reindex([graded_year])).iloc[0]),
            "progress_pct": None if result.progress is None else round(100 * result.progress, 1),
            "expected_pct": None if result.expected is None else round(100 * result.expected, 1),
            # not 'status': in this package that word says reported or demonstration
            "progress_status": result.status,
            # A row is as real as its least real value: the target, the baseline or the graded value.
            "status": "demo" if "demo" in (d.target_status, d.baseline_status, None if graded is None else graded["status"]) else "reported",
            "source": ";".join(dict.fromkeys(
                ([] if graded is None else str(graded["source"]).split(";"))
                + sources_of(package, "indicators").split(";"))),
        })
    frame = pd.DataFrame(rows)
    frame["graded_year"] = frame["graded_year"].astype("Int64")
    frame["graded_note"] = frame["graded_note"].replace("", pd.NA).astype("string")
    for column in ("graded", "progress_pct", "expected_pct"):
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
    # a rate's events: the city homicide rate rests on the police counts (other rates publish none)
    events = series["year"].map(palmira_counts(package)) if indicator == "homicide_rate" else pd.Series(pd.NA, index=series.index)
    series["unreliable_rate"] = unreliable(events.where(series["kind"] == "value"))
    series = series[["year", "kind", "value", "unreliable_rate", "status", "source"]].reset_index(drop=True)
    series.attrs["definition"] = {k: (None if pd.isna(v) else v) for k, v in definition.to_dict().items()}
    series.attrs["indicator_id"] = indicator
    series.attrs["units"] = {"value": str(definition["unit"])}  # how its values are written (people whole, rates one decimal)
    return series


def reach(package: DataPackage, **_options) -> pd.DataFrame:
    """People reached directly (unique young people served) and indirectly (cluster residents)."""
    served = youth_served_by_year(package)
    residents = int(package.table("clusters")["residents"].sum())
    frame = served[["year", "people_unique"]].rename(columns={"people_unique": "direct"}).copy()
    # The 7-cluster, 42-neighbourhood design dates from 2023 (founding document): the clusters'
    # residents are reached indirectly from then on, not in 2020-2022.
    designed = frame["year"].astype(int) >= CLUSTER_DESIGN_YEAR
    frame["indirect"] = pd.Series(residents, index=frame.index).where(designed).astype("Int64")
    frame["direct_status"] = served["status"]
    frame["indirect_status"] = pd.Series("reported", index=frame.index).where(designed)  # the founding document's figure
    frame["status"] = frame["direct_status"]
    # the residents' total is real even where its split across clusters is demonstration
    residents_sources = [n for n in sources_of(package, "clusters").split(";") if n != "demo"]
    frame["source"] = ";".join(dict.fromkeys(sources_of(package, "youth_people").split(";") + residents_sources))
    return frame
