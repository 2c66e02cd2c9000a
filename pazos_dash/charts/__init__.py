"""The chart registry: one spec per chart, read by chart cards, downloads and tests alike.

Because the card, its table and its CSV all come from the same `ChartSpec.query` frame,
a download equals the chart's data by construction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Mapping

import pandas as pd
import plotly.graph_objects as go

from ..data.package import DataPackage
from ..data import queries
from ..figures.clusters import cluster_residents_figure
from ..figures.homicides import (homicide_rate_comparison_figure, homicides_annual_figure,
                                 homicides_breakdown_figure, homicides_clusters_vs_rest_figure, homicides_its_figure)
from ..i18n import fmt_number, t


@dataclass(frozen=True)
class ChartSpec:
    """One chart: where its rows come from, how it is drawn, and the choices a reader can make.

    `options` maps each option to its allowed values, the first being the default; `query` and
    `figure` receive the cleaned options as keyword arguments (each ignores the ones it does not use).
    """

    chart_id: str
    resources: tuple[str, ...]
    query: Callable[..., pd.DataFrame]
    figure: Callable[..., go.Figure]
    takeaway: Callable[[pd.DataFrame, str], str]
    decimals: dict[str, int] = field(default_factory=dict)
    options: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def title(self, lang: str) -> str:
        return t(f"chart.{self.chart_id}.title", lang)

    def clean(self, raw: Mapping[str, object] | None = None) -> dict[str, str]:
        """Known options with allowed values; anything else (missing, hostile) becomes the default."""
        raw = raw or {}
        return {name: (str(raw.get(name)) if str(raw.get(name)) in allowed else allowed[0])
                for name, allowed in self.options.items()}


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


def _comparison_takeaway(frame: pd.DataFrame, lang: str) -> str:
    latest_year = int(frame.dropna(subset=["rate_per_100k"])["year"].max())
    latest = frame[frame["year"] == latest_year].set_index("geography")["rate_per_100k"].astype(float)
    return t("chart.homicide_rate_comparison.takeaway", lang, year=latest_year,
             palmira=fmt_number(latest["Palmira"], lang, 1), colombia=fmt_number(latest["Colombia"], lang, 1),
             ratio=fmt_number(latest["Palmira"] / latest["Colombia"], lang, 1))


def _breakdown_takeaway(frame: pd.DataFrame, lang: str) -> str:
    hidden = int(frame["suppressed"].sum())
    years = frame["year"].dropna()
    text = t("chart.homicides_breakdown.takeaway", lang, start=int(years.min()), end=int(years.max()))
    return text + (" " + t("chart.suppressed_note", lang, n=hidden) if hidden else "")


def _clusters_vs_rest_takeaway(frame: pd.DataFrame, lang: str) -> str:
    known = frame.dropna(subset=["share_clusters_pct"])
    latest = known.iloc[-1]
    return t("chart.homicides_clusters_vs_rest.takeaway", lang, year=int(latest["year"]),
             share=fmt_number(latest["share_clusters_pct"], lang, 0))


def _its_takeaway(frame: pd.DataFrame, lang: str) -> str:
    its = frame.attrs["its"]
    level = its["level"]
    verdict = "significant" if level.significant else "not_significant"
    return t(f"chart.homicides_monthly_its.takeaway_{verdict}", lang, break_year=its["break_year"],
             level=fmt_number(level.value, lang, 1), low=fmt_number(level.low, lang, 1), high=fmt_number(level.high, lang, 1),
             slope=fmt_number(its["slope"].value, lang, 2), months=its["months"])


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
            options={"measure": ("homicides", "rate_per_100k")},
        ),
        ChartSpec(
            chart_id="homicide_rate_comparison",
            resources=("homicides_annual",),
            query=queries.homicide_rate_comparison,
            figure=homicide_rate_comparison_figure,
            takeaway=_comparison_takeaway,
            decimals={"rate_per_100k": 2},
        ),
        ChartSpec(
            chart_id="homicides_breakdown",
            resources=("homicides_by_sex", "homicides_by_age_group", "homicides_by_weapon"),
            query=queries.homicides_breakdown,
            figure=homicides_breakdown_figure,
            takeaway=_breakdown_takeaway,
            decimals={"share_pct": 1},
            options={"dimension": ("sex", "age_group", "weapon"), "measure": ("count", "share")},
        ),
        ChartSpec(
            chart_id="homicides_clusters_vs_rest",
            resources=("homicides_by_cluster",),
            query=queries.homicides_clusters_vs_rest,
            figure=homicides_clusters_vs_rest_figure,
            takeaway=_clusters_vs_rest_takeaway,
            decimals={"share_clusters_pct": 1},
        ),
        ChartSpec(
            chart_id="homicides_monthly_its",
            resources=("homicides_monthly",),
            query=queries.homicides_monthly_its,
            figure=homicides_its_figure,
            takeaway=_its_takeaway,
            decimals={"fitted": 1, "counterfactual": 1, "counterfactual_low": 1, "counterfactual_high": 1},
            options={"break_year": ("2020", "2019", "2021")},
        ),
        ChartSpec(
            chart_id="cluster_residents",
            resources=("clusters",),
            query=queries.cluster_residents,
            figure=cluster_residents_figure,
            takeaway=_clusters_takeaway,
        ),
    )
}
