"""Follow-up indicators: the scoreboard, one indicator's series with its target, reach."""

from __future__ import annotations

import pandas as pd

from ..package import DataPackage
from .common import sources_of
from .youth import youth_served_by_year


SCOREBOARD_SORTS = ("indicator", "component", "unit", "baseline", "target", "latest", "progress", "status")


def indicator_scoreboard(package: DataPackage, component: str = "any", status: str = "any", sort: str = "indicator",
                         order: str = "asc", **_options) -> pd.DataFrame:
    """One row per indicator: baseline, target, latest value, progress and the computed status.
    The yearly series (for sparklines) travel in frame.attrs['series']."""
    from ...analysis.indicators import STATUSES, assess

    definitions = package.table("indicators")
    values = package.table("indicator_values").dropna(subset=["value"]).sort_values(["indicator_id", "year"])
    rows = []
    for d in definitions.itertuples():
        series = values[values["indicator_id"] == d.indicator_id]
        latest = series.iloc[-1] if len(series) else None
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
            "baseline_status": d.baseline_status, "target_status": d.target_status,
            "latest_year": None if latest is None else int(latest["year"]), "latest": None if latest is None else float(latest["value"]),
            "latest_status": None if latest is None else str(latest["status"]),
            "progress_pct": None if result.progress is None else round(100 * result.progress, 1),
            "expected_pct": None if result.expected is None else round(100 * result.expected, 1),
            # not 'status': in this package that word says reported or demonstration
            "progress_status": result.status,
            # A row is as real as its least real value: the target, the baseline or the latest value.
            "status": "demo" if "demo" in (d.target_status, d.baseline_status, None if latest is None else latest["status"]) else "reported",
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
