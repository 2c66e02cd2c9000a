"""The chart registry: one spec per chart, read by chart views, pages, downloads and tests alike."""

from __future__ import annotations

from ..data import DataPackage, queries
from ..data.queries import evaluation
from ..domain import COMPARISON_AREAS, COMPONENTS, PAZOS_END
from ..figures.clusters import cluster_map_figure, cluster_residents_figure, cluster_trend_figure
from ..figures.homicides import (homicide_rate_comparison_figure, homicides_annual_figure, homicides_breakdown_figure,
                                 homicides_clusters_vs_rest_figure, homicides_its_figure, homicides_other_counts_figure,
                                 youth_homicide_rate_figure)
from ..figures.evaluation import (donor_weights_figure, headline_figure, impact_robustness_figure, kpi_figure,
                                  municipal_comparison_figure, rate_rank_figure, synthetic_gaps_figure, synthetic_palmira_figure)
from ..figures.indicators import indicator_detail_figure, indicator_progress_figure, reach_figure
from ..figures.partners import (budget_execution_figure, resources_by_component_figure, resources_by_sector_figure,
                                resources_flow_figure)
from ..figures.sdg import sdg_16_1_1_figure, sdg_matrix_figure
from ..figures.youth import youth_enrolments_figure, youth_people_figure, youth_served_figure
from ..i18n import t
from . import narrative
from .spec import ChartSpec, year_range


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


def years_of(*resources: str, where: tuple[str, str] | None = None):
    """The years these resources have rows for (where a column has a value), oldest first: a
    time chart's range offers exactly those."""
    def years(package: DataPackage) -> tuple[str, ...]:
        found: set[int] = set()
        for resource in resources:
            table = package.table(resource)
            if where is not None:
                table = table[table[where[0]] == where[1]]
            found |= {int(y) for y in table["year"].dropna()}
        return tuple(str(y) for y in sorted(found))
    return years


def place_options(package: DataPackage, lang: str) -> list[dict]:
    """The comparison's places as a searchable list: 'Tuluá (Valle del Cauca)', departments
    named as such, Colombia; typing part of a name finds it."""
    found = evaluation.places(package).set_index("code")
    options = []
    for code in evaluation.place_codes(package):
        row = found.loc[code] if code in found.index else None
        if row is None:
            continue
        if row["kind"] == "municipality":
            label = f"{row['name']} ({row['department']})"
        elif row["kind"] == "department":
            label = t("control.department_of", lang, name=row["name"])
        else:
            label = row["name"]
        options.append({"label": label, "value": code})
    return options


def comparison_areas(package: DataPackage) -> tuple[str, ...]:
    """The areas Palmira can be compared with: those the annual series has, in the usual order."""
    published = set(package.table("homicides_annual")["geography"].astype(str))
    return tuple(area for area in COMPARISON_AREAS if area in published and area != "Palmira")


CHARTS: dict[str, ChartSpec] = {
    spec.chart_id: spec
    for spec in (
        ChartSpec(
            chart_id="homicides_annual",
            resources=("homicides_annual",),
            query=queries.palmira_homicides_annual,
            figure=homicides_annual_figure,
            takeaway=narrative.homicides_takeaway,
            decimals={"rate_per_100k": 1, "rate_per_100k_revised_from": 1},
            options={"measure": ("homicides", "rate_per_100k"), **year_range(years_of("homicides_annual"))},
            processing=("rate", "census_break", "preliminary"),
        ),
        ChartSpec(
            chart_id="homicides_other_counts",
            resources=("homicides_annual", "other_counts"),
            query=queries.homicides_other_counts,
            figure=homicides_other_counts_figure,
            takeaway=narrative.other_counts_takeaway,
            decimals={"rate_per_100k": 1, "rate_per_100k_revised_from": 1},
            options={"measure": ("homicides", "rate_per_100k")},
        ),
        ChartSpec(
            chart_id="homicide_rate_comparison",
            resources=("municipal_homicides",),
            query=evaluation.municipal_comparison,
            figure=municipal_comparison_figure,
            takeaway=narrative.municipal_comparison_takeaway,
            titled=narrative.comparison_title,
            decimals={"rate_per_100k": 2},
            options={"compare": evaluation.place_codes, **year_range(years_of("municipal_homicides"))},
            multi=("compare",),
            multi_default={"compare": evaluation.DEFAULT_COMPARE},
            migrations={"compare": evaluation.AREA_MIGRATIONS},
            searchable={"compare": place_options},
            processing=("rate", "department_sum", "census_break", "preliminary"),
        ),
        ChartSpec(
            chart_id="homicide_rate_rank",
            resources=("municipal_homicides",),
            query=evaluation.rate_rank,
            figure=rate_rank_figure,
            takeaway=narrative.rate_rank_takeaway,
            decimals={"palmira_rate": 2, "q1": 2, "median": 2, "q3": 2},
            options=year_range(years_of("municipal_homicides")),
            processing=("rate", "comparable_size", "census_break", "preliminary"),
        ),
        ChartSpec(
            chart_id="homicides_breakdown",
            resources=("homicides_by_sex", "homicides_by_age_group", "homicides_by_weapon"),
            query=queries.homicides_breakdown,
            figure=homicides_breakdown_figure,
            takeaway=narrative.breakdown_takeaway,
            decimals={"share_pct": 1},
            options={"dimension": ("sex", "age_group", "weapon"), "measure": ("count", "share"),
                     **year_range(years_of("homicides_by_sex", "homicides_by_age_group", "homicides_by_weapon"))},
            processing=("suppression", "share", "preliminary"),
        ),
        ChartSpec(
            chart_id="youth_homicide_rate",
            resources=("indicator_values", "homicides_annual"),
            query=queries.youth_homicide_rate,
            figure=youth_homicide_rate_figure,
            takeaway=narrative.youth_rate_takeaway,
            decimals={"youth_rate_per_100k": 0, "city_rate_per_100k": 1},
            options=year_range(years_of("indicator_values", where=("indicator_id", "youth_homicide_rate"))),
            processing=("as_reported", "rate"),
        ),
        ChartSpec(
            chart_id="homicides_clusters_vs_rest",
            resources=("homicides_by_cluster",),
            query=queries.homicides_clusters_vs_rest,
            figure=homicides_clusters_vs_rest_figure,
            takeaway=narrative.clusters_vs_rest_takeaway,
            decimals={"share_clusters_pct": 1},
            options=year_range(years_of("homicides_by_cluster")),
            map_metric="homicides",
            processing=("suppression", "derived_difference", "demo_split"),
        ),
        ChartSpec(
            chart_id="homicides_monthly_its",
            resources=("homicides_monthly", "impact_estimates"),
            query=queries.homicides_monthly_its,
            figure=homicides_its_figure,
            takeaway=narrative.its_takeaway,
            decimals={"fitted": 1, "counterfactual": 1, "counterfactual_low": 1, "counterfactual_high": 1},
            options={"break_year": ("2020", "2019", "2021")},
            processing=("suppression", "its"),
        ),
        ChartSpec(
            chart_id="youth_served",
            resources=("youth_people", "youth_enrolments", "youth_served_reported"),
            query=queries.youth_served_by_year,
            figure=youth_served_figure,
            takeaway=narrative.youth_served_takeaway,
            decimals={"enrolments_per_person": 2},
            options=year_range(years_of("youth_people")),
            processing=("suppression", "demo_records"),
        ),
        ChartSpec(
            chart_id="youth_enrolments_by_component",
            resources=("youth_enrolments",),
            query=queries.youth_enrolments_by_component,
            figure=youth_enrolments_figure,
            takeaway=lambda frame, lang: narrative.latest_published_total(
                frame, "enrolments", lang, "chart.youth_enrolments_by_component.takeaway"),
            options={"area": areas, **year_range(years_of("youth_enrolments"))},
            map_metric="youth",
            processing=("suppression", "demo_records"),
        ),
        ChartSpec(
            chart_id="youth_people_breakdown",
            resources=("youth_people",),
            query=queries.youth_people_breakdown,
            figure=youth_people_figure,
            takeaway=lambda frame, lang: narrative.latest_published_total(
                frame, "people", lang, "chart.youth_people_breakdown.takeaway"),
            options={"dimension": ("sex", "age_group"), "area": areas, **year_range(years_of("youth_people"))},
            map_metric="youth",
            processing=("suppression", "demo_records"),
        ),
        ChartSpec(
            chart_id="resources_by_sector",
            resources=("contributions", "partners"),
            query=queries.resources_by_sector,
            figure=resources_by_sector_figure,
            takeaway=narrative.sector_takeaway,
            options={"measure": ("executed", "committed"), **year_range(years_of("contributions"))},
            map_metric="resources",
            processing=("current_pesos", "demo_records"),
        ),
        ChartSpec(
            chart_id="resources_by_component",
            resources=("contributions",),
            query=queries.resources_by_component,
            figure=resources_by_component_figure,
            takeaway=narrative.component_takeaway,
            options={"kind": ("all", "cash", "in_kind"), **year_range(years_of("contributions"))},
            map_metric="resources",
            processing=("current_pesos", "demo_records"),
        ),
        ChartSpec(
            chart_id="budget_execution",
            resources=("contributions", "partners"),
            query=queries.budget_execution,
            figure=budget_execution_figure,
            takeaway=narrative.execution_takeaway,
            decimals={"execution_rate_pct": 1, "leverage": 2},
            options=year_range(years_of("contributions")),
            processing=("current_pesos", "demo_records"),
        ),
        ChartSpec(
            chart_id="resources_flow",
            resources=("contributions", "partners"),
            query=queries.resources_flow,
            figure=resources_flow_figure,
            takeaway=narrative.flow_takeaway,
            processing=("current_pesos", "demo_records"),
        ),
        ChartSpec(
            chart_id="sdg_matrix",
            resources=("sdg_alignment",),
            query=queries.sdg_alignment,
            figure=sdg_matrix_figure,
            takeaway=narrative.sdg_takeaway,
            processing=("editorial",),
        ),
        ChartSpec(
            chart_id="sdg_16_1_1",
            resources=("indicator_values",),
            query=queries.sdg_16_1_1,
            figure=sdg_16_1_1_figure,
            takeaway=narrative.sdg_16_takeaway,
            decimals={"value": 2, "value_revised_from": 2},
            options=year_range(years_of("indicator_values", where=("indicator_id", "homicide_rate"))),
            processing=("rate", "census_break", "preliminary"),
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
            processing=("suppression", "demo_split", "schematic"),
        ),
        # The profile a click on the map opens (pages/clusters.py): a cluster's facts and the map
        # metric's trend, a chart view like the rest (sources, status, k, downloads, permalink).
        ChartSpec(
            chart_id="cluster_profile",
            resources=("homicides_by_cluster", "youth_people", "contributions", "clusters", "neighbourhoods", "youth_enrolments"),
            query=queries.cluster_profile,
            figure=cluster_trend_figure,
            takeaway=narrative.profile_takeaway,
            decimals={"value": 1},
            options={"cluster": queries.cluster_ids, "metric": queries.MAP_METRICS},
            pinned=("cluster",),
            processing=("suppression", "demo_split"),
        ),
        ChartSpec(
            chart_id="indicator_scoreboard",
            resources=("indicators", "indicator_values"),
            query=queries.indicator_scoreboard,
            figure=indicator_progress_figure,
            takeaway=narrative.scoreboard_takeaway,
            decimals={"baseline": 2, "target": 2, "graded": 2, "progress_pct": 1, "expected_pct": 1},
            options={"component": ("any", "all", *COMPONENTS),
                     "status": ("any", "met", "missed", "on_track", "at_risk", "off_track", "no_data"),
                     "sort": queries.SCOREBOARD_SORTS, "order": ("asc", "desc")},
            table="scoreboard",
            table_open=True,
            processing=("indicator_status", "demo_targets"),
        ),
        ChartSpec(
            chart_id="indicator_detail",
            resources=("indicators", "indicator_values"),
            query=queries.indicator_detail,
            figure=indicator_detail_figure,
            takeaway=narrative.detail_takeaway,
            decimals={"value": 2},
            options={"indicator": indicator_ids, **year_range(years_of("indicator_values"))},
            processing=("indicator_status", "demo_targets"),
        ),
        ChartSpec(
            chart_id="reach",
            resources=("youth_people", "clusters"),
            query=queries.reach,
            figure=reach_figure,
            takeaway=narrative.reach_takeaway,
            options=year_range(years_of("youth_people")),
            processing=("suppression", "demo_records"),
        ),
        ChartSpec(
            chart_id="cluster_residents",
            resources=("clusters",),
            query=queries.cluster_residents,
            figure=cluster_residents_figure,
            takeaway=narrative.clusters_takeaway,
            processing=("demo_split",),
        ),
        # The evaluation (pages/impact.py): every number a published row of `publish`'s computation.
        ChartSpec(
            chart_id="synthetic_palmira",
            resources=("synthetic_control_series",),
            query=evaluation.synthetic_palmira,
            figure=synthetic_palmira_figure,
            takeaway=narrative.synthetic_takeaway,
            decimals={"observed_rate": 2, "synthetic_rate": 2, "gap": 2},
            processing=("synthetic_control", "census_break"),
        ),
        ChartSpec(
            chart_id="synthetic_gaps",
            resources=("synthetic_control_series", "synthetic_control_placebos", "impact_estimates"),
            query=evaluation.synthetic_gaps,
            figure=synthetic_gaps_figure,
            takeaway=narrative.gaps_takeaway,
            decimals={"gap": 2},
            processing=("synthetic_control", "placebo_test"),
        ),
        ChartSpec(
            chart_id="synthetic_weights",
            resources=("synthetic_control_weights",),
            query=evaluation.donor_weights,
            figure=donor_weights_figure,
            takeaway=narrative.weights_takeaway,
            decimals={"weight": 4},
            table_open=True,
            processing=("synthetic_control",),
        ),
        ChartSpec(
            chart_id="impact_robustness",
            resources=("impact_estimates",),
            query=evaluation.impact_robustness,
            figure=impact_robustness_figure,
            takeaway=narrative.robustness_takeaway,
            decimals={"estimate": 2, "low": 2, "high": 2, "p_value": 3, "pre_rmspe": 2},
            table_open=True,
            processing=("synthetic_control", "placebo_test", "its"),
        ),
        # The overview's headline and numbers: chart views like every chart (rows, sources, status,
        # downloads, permalink), drawn as a headline and as cards (components.kpi_card).
        ChartSpec(
            chart_id="pazos_headline",
            resources=("homicides_annual", "impact_estimates", "synthetic_control_series"),
            query=evaluation.headline,
            figure=headline_figure,
            takeaway=narrative.headline_takeaway,
            decimals={"value": 2, "events": 0, "low": 2, "high": 2, "p_value": 3, "pre_rmspe": 2, "pre_mean_rate": 2},
            table_open=True,
            processing=("headline_counts", "census_break", "headline_rule"),
        ),
        ChartSpec(
            chart_id="kpi_rate",
            resources=("homicides_annual",),
            query=evaluation.kpi_rate,
            figure=kpi_figure("year", "rate_per_100k"),
            takeaway=narrative.kpi_rate_takeaway,
            decimals={"rate_per_100k": 2},
            number=narrative.kpi_rate_number,
            processing=("rate", "census_break", "preliminary"),
        ),
        ChartSpec(
            chart_id="kpi_lowest",
            resources=("homicides_annual",),
            query=evaluation.kpi_lowest,
            figure=kpi_figure("year", "rate_per_100k"),
            takeaway=narrative.kpi_lowest_takeaway,
            decimals={"rate_per_100k": 2},
            number=narrative.kpi_lowest_number,
            processing=("rate", "census_break"),
        ),
        ChartSpec(
            chart_id="kpi_youth",
            resources=("youth_served_reported",),
            query=evaluation.kpi_youth,
            figure=kpi_figure("year", "people_min", 0),
            takeaway=narrative.kpi_youth_takeaway,
            number=narrative.kpi_youth_number,
            processing=("as_reported",),
        ),
        ChartSpec(
            chart_id="kpi_partners",
            resources=("partners", "contributions"),
            query=evaluation.kpi_partners,
            figure=kpi_figure("sector", "executed_cop", 0),
            takeaway=narrative.kpi_partners_takeaway,
            decimals={"share_pct": 1},
            number=narrative.kpi_partners_number,
            processing=("current_pesos",),
        ),
    )
}
