"""The chart registry: one spec per chart, read by chart cards, downloads and tests alike.

Because the card, its table and its CSV all come from the same `ChartSpec.query` frame,
a download equals the chart's data by construction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import pandas as pd
import plotly.graph_objects as go

from ..data.package import DataPackage
from ..data import queries
from ..figures.clusters import cluster_residents_figure
from ..figures.homicides import homicides_annual_figure
from ..i18n import fmt_number, t


@dataclass(frozen=True)
class ChartSpec:
    chart_id: str
    resources: tuple[str, ...]
    query: Callable[[DataPackage], pd.DataFrame]
    figure: Callable[..., go.Figure]
    takeaway: Callable[[pd.DataFrame, str], str]
    decimals: dict[str, int]

    def title(self, lang: str) -> str:
        return t(f"chart.{self.chart_id}.title", lang)


def _homicides_takeaway(frame: pd.DataFrame, lang: str) -> str:
    known = frame.dropna(subset=["homicides"])
    latest = known.iloc[-1]
    peak = known.loc[known["homicides"].astype(float).idxmax()]
    return t(
        "chart.homicides_annual.takeaway", lang,
        latest_year=int(latest["year"]), latest_count=fmt_number(latest["homicides"], lang),
        latest_rate=fmt_number(latest["rate_per_100k"], lang, 1),
        peak_count=fmt_number(peak["homicides"], lang), peak_year=int(peak["year"]),
    )


def _clusters_takeaway(frame: pd.DataFrame, lang: str) -> str:
    largest = frame.loc[frame["residents"].astype(float).idxmax()]
    return t(
        "chart.cluster_residents.takeaway", lang,
        clusters=len(frame), total=fmt_number(frame["residents"].sum(), lang),
        largest=largest["name"], largest_residents=fmt_number(largest["residents"], lang),
    )


CHARTS: dict[str, ChartSpec] = {
    spec.chart_id: spec
    for spec in (
        ChartSpec(
            chart_id="homicides_annual",
            resources=("homicides_annual",),
            query=queries.palmira_homicides_annual,
            figure=homicides_annual_figure,
            takeaway=_homicides_takeaway,
            decimals={"rate_per_100k": 2},
        ),
        ChartSpec(
            chart_id="cluster_residents",
            resources=("clusters",),
            query=queries.cluster_residents,
            figure=cluster_residents_figure,
            takeaway=_clusters_takeaway,
            decimals={},
        ),
    )
}
