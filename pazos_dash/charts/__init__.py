"""The chart registry: one spec per chart, read by chart cards, downloads and tests alike.

Because the card, its table and its CSV all come from the same `ChartSpec.query` frame,
a download equals the chart's data by construction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping

import pandas as pd
import plotly.graph_objects as go

from ..data import Resource, queries
from ..figures.clusters import cluster_map_figure, cluster_residents_figure
from ..figures.partners import (budget_execution_figure, resources_by_component_figure, resources_by_sector_figure,
                                resources_flow_figure)
from ..figures.sdg import sdg_16_1_1_figure, sdg_matrix_figure
from ..figures.youth import youth_enrolments_figure, youth_people_figure, youth_served_figure
from ..figures.indicators import indicator_detail_figure, indicator_progress_figure, reach_figure
from ..figures.homicides import (homicide_rate_comparison_figure, homicides_annual_figure, youth_homicide_rate_figure,
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
    sliders: tuple[str, ...] = ()  # options shown as a slider (with play) instead of radio buttons
    table: str | None = None  # name of a richer table renderer than the default (pages resolve it)
    table_open: bool = False  # show the table without a click (when the table is the point)
    settings: tuple[str, ...] = ()  # Settings attributes the figure builder receives as keyword arguments

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


def _youth_rate_takeaway(frame: pd.DataFrame, lang: str) -> str:
    latest = frame.dropna(subset=["youth_rate_per_100k", "city_rate_per_100k"]).iloc[-1]
    return t("chart.youth_homicide_rate.takeaway", lang, year=int(latest["year"]),
             youth=fmt_number(latest["youth_rate_per_100k"], lang, 0), city=fmt_number(latest["city_rate_per_100k"], lang, 1),
             ratio=fmt_number(latest["youth_rate_per_100k"] / latest["city_rate_per_100k"], lang, 1))


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


AREAS = ("all", "C1", "C2", "C3", "C4", "C5", "C6", "C7")


def _latest_published_total(frame: pd.DataFrame, value: str, lang: str, key: str, area: str) -> str:
    year = int(frame["year"].max())
    rows = frame[frame["year"] == year]
    hidden = int(rows["suppressed"].sum())
    text = t(key, lang, year=year, area=t(f"control.{area}", lang), total=fmt_number(rows[value].sum(), lang))
    return text + (" " + t("chart.totals_note", lang, n=hidden) if hidden else "")


def _youth_served_takeaway(frame: pd.DataFrame, lang: str) -> str:
    known = frame.dropna(subset=["people_unique"])
    latest = known.iloc[-1]
    reported = frame.dropna(subset=["reported_people_min"]).iloc[-1]
    return t("chart.youth_served.takeaway", lang, year=int(latest["year"]), people=fmt_number(latest["people_unique"], lang),
             enrolments=fmt_number(latest["enrolments"], lang), ratio=fmt_number(latest["enrolments_per_person"], lang, 2),
             reported=fmt_number(reported["reported_people_min"], lang), reported_year=int(reported["year"]))


def _sector_takeaway(frame: pd.DataFrame, lang: str) -> str:
    total = frame["executed_cop"].sum()
    external = frame.loc[frame["sector"] != "public", "executed_cop"].sum()
    return t("chart.resources_by_sector.takeaway", lang, start=int(frame["year"].min()), end=int(frame["year"].max()),
             total=fmt_number(total / 1e6, lang), share=fmt_number(100 * external / total, lang, 0))


def _component_takeaway(frame: pd.DataFrame, lang: str) -> str:
    totals = frame.groupby("component")["executed_cop"].sum()
    top = totals.idxmax()
    return t("chart.resources_by_component.takeaway", lang, component=t(f"category.{top}", lang),
             amount=fmt_number(totals[top] / 1e6, lang))


def _execution_takeaway(frame: pd.DataFrame, lang: str) -> str:
    latest = frame.iloc[-1]
    return t("chart.budget_execution.takeaway", lang, year=int(latest["year"]), rate=fmt_number(latest["execution_rate_pct"], lang, 1),
             leverage=fmt_number(latest["leverage"], lang, 2))


def _flow_takeaway(frame: pd.DataFrame, lang: str) -> str:
    by_sector = frame.groupby("sector")["executed_cop"].sum()
    top = by_sector.idxmax()
    return t("chart.resources_flow.takeaway", lang, sector=t(f"category.{top}", lang),
             share=fmt_number(100 * by_sector[top] / by_sector.sum(), lang, 0))


def _sdg_takeaway(frame: pd.DataFrame, lang: str) -> str:
    targets = frame["target"].dropna().astype(str)
    return t("chart.sdg_matrix.takeaway", lang, goals=frame["goal"].nunique(), targets=targets[targets != ""].nunique())


def _sdg_16_takeaway(frame: pd.DataFrame, lang: str) -> str:
    latest = frame.dropna(subset=["value"]).iloc[-1]
    return t("chart.sdg_16_1_1.takeaway", lang, value=fmt_number(latest["value"], lang, 1), year=int(latest["year"]))


MAP_YEARS = tuple(str(y) for y in range(2023, 2002, -1)) + ("2024",)


def _map_takeaway(frame: pd.DataFrame, lang: str) -> str:
    metric = t(f"map.metric.{frame['metric'].iloc[0]}", lang)
    shown = frame[~frame["suppressed"]].dropna(subset=["value"])
    change = frame.attrs.get("view") == "change"
    if shown.empty:
        text = ""
    else:
        pick = shown.loc[shown["value"].astype(float).idxmin() if change else shown["value"].astype(float).idxmax()]
        key = "chart.cluster_map.takeaway_change" if change else "chart.cluster_map.takeaway"
        text = t(key, lang, metric=metric, period=frame["period"].iloc[0], name=pick["name"],
                 value=fmt_number(pick["value"], lang, 1 if change or frame["metric"].iloc[0] != "homicides" else 0))
    hidden = int(frame["suppressed"].sum())
    if hidden:
        text += " " + t("chart.cluster_map.suppressed_note", lang, n=hidden, k=frame.attrs.get("k", 5))
    return text.strip()


def _scoreboard_takeaway(frame: pd.DataFrame, lang: str) -> str:
    counts = frame["progress_status"].value_counts()
    return t("chart.indicator_scoreboard.takeaway", lang, n=len(frame), on_track=int(counts.get("on_track", 0)),
             at_risk=int(counts.get("at_risk", 0)), off_track=int(counts.get("off_track", 0)), no_data=int(counts.get("no_data", 0)))


def _detail_takeaway(frame: pd.DataFrame, lang: str) -> str:
    definition = frame.attrs.get("definition", {})
    known = frame.dropna(subset=["value"])
    text = str(definition.get(f"definition_{lang}") or "")
    if len(known):
        latest = known.iloc[-1]
        text += " " + t("chart.indicator_detail.latest", lang, year=int(latest["year"]), value=fmt_number(latest["value"], lang, 2))
    return text.strip()


def _reach_takeaway(frame: pd.DataFrame, lang: str) -> str:
    latest = frame.dropna(subset=["direct"]).iloc[-1]
    return t("chart.reach.takeaway", lang, year=int(latest["year"]), direct=fmt_number(latest["direct"], lang),
             indirect=fmt_number(latest["indirect"], lang))


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
            chart_id="youth_homicide_rate",
            resources=("indicator_values", "homicides_annual"),
            query=queries.youth_homicide_rate,
            figure=youth_homicide_rate_figure,
            takeaway=_youth_rate_takeaway,
            decimals={"youth_rate_per_100k": 0, "city_rate_per_100k": 2},
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
            chart_id="youth_served",
            resources=("youth_people", "youth_enrolments", "youth_served_reported"),
            query=queries.youth_served_by_year,
            figure=youth_served_figure,
            takeaway=_youth_served_takeaway,
            decimals={"enrolments_per_person": 2},
        ),
        ChartSpec(
            chart_id="youth_enrolments_by_component",
            resources=("youth_enrolments",),
            query=queries.youth_enrolments_by_component,
            figure=youth_enrolments_figure,
            takeaway=lambda frame, lang: _latest_published_total(
                frame, "enrolments", lang, "chart.youth_enrolments_by_component.takeaway", frame.attrs.get("area", "all")),
            options={"area": AREAS},
        ),
        ChartSpec(
            chart_id="youth_people_breakdown",
            resources=("youth_people",),
            query=queries.youth_people_breakdown,
            figure=youth_people_figure,
            takeaway=lambda frame, lang: _latest_published_total(
                frame, "people", lang, "chart.youth_people_breakdown.takeaway", frame.attrs.get("area", "all")),
            options={"dimension": ("sex", "age_group"), "area": AREAS},
        ),
        ChartSpec(
            chart_id="resources_by_sector",
            resources=("contributions", "partners"),
            query=queries.resources_by_sector,
            figure=resources_by_sector_figure,
            takeaway=_sector_takeaway,
            options={"measure": ("executed", "committed")},
        ),
        ChartSpec(
            chart_id="resources_by_component",
            resources=("contributions",),
            query=queries.resources_by_component,
            figure=resources_by_component_figure,
            takeaway=_component_takeaway,
            options={"kind": ("all", "cash", "in_kind")},
        ),
        ChartSpec(
            chart_id="budget_execution",
            resources=("contributions", "partners"),
            query=queries.budget_execution,
            figure=budget_execution_figure,
            takeaway=_execution_takeaway,
            decimals={"execution_rate_pct": 1, "leverage": 2},
        ),
        ChartSpec(
            chart_id="resources_flow",
            resources=("contributions", "partners"),
            query=queries.resources_flow,
            figure=resources_flow_figure,
            takeaway=_flow_takeaway,
        ),
        ChartSpec(
            chart_id="sdg_matrix",
            resources=("sdg_alignment",),
            query=queries.sdg_alignment,
            figure=sdg_matrix_figure,
            takeaway=_sdg_takeaway,
        ),
        ChartSpec(
            chart_id="sdg_16_1_1",
            resources=("indicator_values",),
            query=queries.sdg_16_1_1,
            figure=sdg_16_1_1_figure,
            takeaway=_sdg_16_takeaway,
            decimals={"value": 2},
        ),
        ChartSpec(
            chart_id="cluster_map",
            resources=("homicides_by_cluster", "clusters", "cluster_geometry", "neighbourhood_geometry"),
            query=queries.cluster_map,
            figure=cluster_map_figure,
            takeaway=_map_takeaway,
            decimals={"value": 1, "before": 1, "after": 1},
            options={"metric": queries.MAP_METRICS, "year": MAP_YEARS, "view": ("year", "change")},
            sliders=("year",),
            settings=("basemap_url",),
        ),
        ChartSpec(
            chart_id="indicator_scoreboard",
            resources=("indicators", "indicator_values"),
            query=queries.indicator_scoreboard,
            figure=indicator_progress_figure,
            takeaway=_scoreboard_takeaway,
            decimals={"baseline": 2, "target": 2, "latest": 2, "progress_pct": 1, "expected_pct": 1},
            options={"component": ("any", "all", "disruption", "intervention", "prevention", "safe_environments", "access_to_justice"),
                     "status": ("any", "on_track", "at_risk", "off_track", "no_data"),
                     "sort": queries.SCOREBOARD_SORTS, "order": ("asc", "desc")},
            table="scoreboard",
            table_open=True,
        ),
        ChartSpec(
            chart_id="indicator_detail",
            resources=("indicators", "indicator_values"),
            query=queries.indicator_detail,
            figure=indicator_detail_figure,
            takeaway=_detail_takeaway,
            decimals={"value": 2},
            options={"indicator": ("homicide_rate", "youth_homicide_rate", "young_people_served", "enrolments_disruption",
                                   "enrolments_intervention", "enrolments_prevention", "enrolments_safe_environments",
                                   "enrolments_access_to_justice", "budget_execution_rate", "external_leverage")},
        ),
        ChartSpec(
            chart_id="reach",
            resources=("youth_people", "clusters"),
            query=queries.reach,
            figure=reach_figure,
            takeaway=_reach_takeaway,
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


def shows_demonstration_data(frame: pd.DataFrame, resources: Iterable[Resource]) -> bool:
    """Rows that say what they are win over the resource flag: a resource can mix both kinds."""
    if "status" in frame:
        return bool((frame["status"] == "demo").any())
    return any(r.demo for r in resources)


def source_list(resources: Iterable[Resource], lang: str) -> list[tuple[str, str]]:
    """(title, address) of each distinct source of the resources, in the language asked for."""
    seen: dict[str, str] = {}
    for resource in resources:
        for source in resource.sources:
            title = source.get("i18n", {}).get(lang, {}).get("title") or source.get("title", "")
            seen.setdefault(title, source.get("path", ""))
    return list(seen.items())


def licence_list(resources: Iterable[Resource]) -> list[str]:
    return list(dict.fromkeys(lic.get("title") or lic.get("name", "") for r in resources for lic in r.licenses))


def state_query(chart_id: str, options: Mapping[str, str]) -> dict[str, str]:
    """A chart's selection as query-string keys: `<chart_id>-<option>=<value>`."""
    return {f"{chart_id}-{name}": str(value) for name, value in options.items()}


def state_from_query(spec: "ChartSpec", query: Mapping[str, object]) -> dict[str, str]:
    """The chart's selection from a page's query string; anything unknown or hostile becomes
    the default (a shared address never breaks a page)."""
    prefix = f"{spec.chart_id}-"
    return spec.clean({key[len(prefix):]: value for key, value in query.items() if str(key).startswith(prefix)})
