"""The chart registry: one spec per chart, read by chart views, pages, downloads and tests alike."""

from __future__ import annotations

from ..data import DataPackage, queries
from ..domain import COMPONENTS, PAZOS_END
from ..figures.clusters import cluster_map_figure, cluster_residents_figure
from ..figures.homicides import (homicide_rate_comparison_figure, homicides_annual_figure, homicides_breakdown_figure,
                                 homicides_clusters_vs_rest_figure, homicides_its_figure, homicides_other_counts_figure,
                                 youth_homicide_rate_figure)
from ..figures.indicators import indicator_detail_figure, indicator_progress_figure, reach_figure
from ..figures.partners import (budget_execution_figure, resources_by_component_figure, resources_by_sector_figure,
                                resources_flow_figure)
from ..figures.sdg import sdg_16_1_1_figure, sdg_matrix_figure
from ..figures.youth import youth_enrolments_figure, youth_people_figure, youth_served_figure
from . import narrative
from .spec import ChartSpec


# Options whose values the package decides: a republished package with a new year, cluster or
# indicator offers it at once.
def areas(package: DataPackage) -> tuple[str, ...]:
    return ("all", *sorted(package.table("clusters")["cluster_id"].astype(str)))


def map_years(package: DataPackage) -> tuple[str, ...]:
    """Every year a map metric has; the last PAZOS year first (the default) when there is one."""
    years = queries.map_years(package)
    return tuple(sorted(years, key=lambda y: y != str(PAZOS_END)))


def indicator_ids(package: DataPackage) -> tuple[str, ...]:
    return tuple(package.table("indicators")["indicator_id"].astype(str))


CHARTS: dict[str, ChartSpec] = {
    spec.chart_id: spec
    for spec in (
        ChartSpec(
            chart_id="homicides_annual",
            resources=("homicides_annual",),
            query=queries.palmira_homicides_annual,
            figure=homicides_annual_figure,
            takeaway=narrative.homicides_takeaway,
            decimals={"rate_per_100k": 2, "rate_per_100k_revised_from": 2},
            options={"measure": ("homicides", "rate_per_100k")},
        ),
        ChartSpec(
            chart_id="homicides_other_counts",
            resources=("homicides_annual", "other_counts"),
            query=queries.homicides_other_counts,
            figure=homicides_other_counts_figure,
            takeaway=narrative.other_counts_takeaway,
            decimals={"rate_per_100k": 2, "rate_per_100k_revised_from": 2},
            options={"measure": ("homicides", "rate_per_100k")},
        ),
        ChartSpec(
            chart_id="homicide_rate_comparison",
            resources=("homicides_annual",),
            query=queries.homicide_rate_comparison,
            figure=homicide_rate_comparison_figure,
            takeaway=narrative.comparison_takeaway,
            decimals={"rate_per_100k": 2, "rate_per_100k_revised_from": 2},
        ),
        ChartSpec(
            chart_id="homicides_breakdown",
            resources=("homicides_by_sex", "homicides_by_age_group", "homicides_by_weapon"),
            query=queries.homicides_breakdown,
            figure=homicides_breakdown_figure,
            takeaway=narrative.breakdown_takeaway,
            decimals={"share_pct": 1},
            options={"dimension": ("sex", "age_group", "weapon"), "measure": ("count", "share")},
        ),
        ChartSpec(
            chart_id="youth_homicide_rate",
            resources=("indicator_values", "homicides_annual"),
            query=queries.youth_homicide_rate,
            figure=youth_homicide_rate_figure,
            takeaway=narrative.youth_rate_takeaway,
            decimals={"youth_rate_per_100k": 0, "city_rate_per_100k": 2},
        ),
        ChartSpec(
            chart_id="homicides_clusters_vs_rest",
            resources=("homicides_by_cluster",),
            query=queries.homicides_clusters_vs_rest,
            figure=homicides_clusters_vs_rest_figure,
            takeaway=narrative.clusters_vs_rest_takeaway,
            decimals={"share_clusters_pct": 1},
        ),
        ChartSpec(
            chart_id="homicides_monthly_its",
            resources=("homicides_monthly",),
            query=queries.homicides_monthly_its,
            figure=homicides_its_figure,
            takeaway=narrative.its_takeaway,
            decimals={"fitted": 1, "counterfactual": 1, "counterfactual_low": 1, "counterfactual_high": 1},
            options={"break_year": ("2020", "2019", "2021")},
        ),
        ChartSpec(
            chart_id="youth_served",
            resources=("youth_people", "youth_enrolments", "youth_served_reported"),
            query=queries.youth_served_by_year,
            figure=youth_served_figure,
            takeaway=narrative.youth_served_takeaway,
            decimals={"enrolments_per_person": 2},
        ),
        ChartSpec(
            chart_id="youth_enrolments_by_component",
            resources=("youth_enrolments",),
            query=queries.youth_enrolments_by_component,
            figure=youth_enrolments_figure,
            takeaway=lambda frame, lang: narrative.latest_published_total(
                frame, "enrolments", lang, "chart.youth_enrolments_by_component.takeaway"),
            options={"area": areas},
        ),
        ChartSpec(
            chart_id="youth_people_breakdown",
            resources=("youth_people",),
            query=queries.youth_people_breakdown,
            figure=youth_people_figure,
            takeaway=lambda frame, lang: narrative.latest_published_total(
                frame, "people", lang, "chart.youth_people_breakdown.takeaway"),
            options={"dimension": ("sex", "age_group"), "area": areas},
        ),
        ChartSpec(
            chart_id="resources_by_sector",
            resources=("contributions", "partners"),
            query=queries.resources_by_sector,
            figure=resources_by_sector_figure,
            takeaway=narrative.sector_takeaway,
            options={"measure": ("executed", "committed")},
        ),
        ChartSpec(
            chart_id="resources_by_component",
            resources=("contributions",),
            query=queries.resources_by_component,
            figure=resources_by_component_figure,
            takeaway=narrative.component_takeaway,
            options={"kind": ("all", "cash", "in_kind")},
        ),
        ChartSpec(
            chart_id="budget_execution",
            resources=("contributions", "partners"),
            query=queries.budget_execution,
            figure=budget_execution_figure,
            takeaway=narrative.execution_takeaway,
            decimals={"execution_rate_pct": 1, "leverage": 2},
        ),
        ChartSpec(
            chart_id="resources_flow",
            resources=("contributions", "partners"),
            query=queries.resources_flow,
            figure=resources_flow_figure,
            takeaway=narrative.flow_takeaway,
        ),
        ChartSpec(
            chart_id="sdg_matrix",
            resources=("sdg_alignment",),
            query=queries.sdg_alignment,
            figure=sdg_matrix_figure,
            takeaway=narrative.sdg_takeaway,
        ),
        ChartSpec(
            chart_id="sdg_16_1_1",
            resources=("indicator_values",),
            query=queries.sdg_16_1_1,
            figure=sdg_16_1_1_figure,
            takeaway=narrative.sdg_16_takeaway,
            decimals={"value": 2, "value_revised_from": 2},
        ),
        ChartSpec(
            chart_id="cluster_map",
            resources=("homicides_by_cluster", "youth_people", "contributions", "clusters", "cluster_geometry",
                       "neighbourhood_geometry"),
            query=queries.cluster_map,
            figure=cluster_map_figure,
            takeaway=narrative.map_takeaway,
            decimals={"value": 1, "before": 1, "after": 1},
            options={"metric": queries.MAP_METRICS, "year": map_years, "view": ("year", "change")},
            sliders=("year",),
            settings=("basemap_url",),
        ),
        ChartSpec(
            chart_id="indicator_scoreboard",
            resources=("indicators", "indicator_values"),
            query=queries.indicator_scoreboard,
            figure=indicator_progress_figure,
            takeaway=narrative.scoreboard_takeaway,
            decimals={"baseline": 2, "target": 2, "graded": 2, "progress_pct": 1, "expected_pct": 1},
            options={"component": ("any", "all", *COMPONENTS),
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
            takeaway=narrative.detail_takeaway,
            decimals={"value": 2},
            options={"indicator": indicator_ids},
        ),
        ChartSpec(
            chart_id="reach",
            resources=("youth_people", "clusters"),
            query=queries.reach,
            figure=reach_figure,
            takeaway=narrative.reach_takeaway,
        ),
        ChartSpec(
            chart_id="cluster_residents",
            resources=("clusters",),
            query=queries.cluster_residents,
            figure=cluster_residents_figure,
            takeaway=narrative.clusters_takeaway,
        ),
    )
}
