"""Queries and figures of the youth, partners and SDG pages, against the package's own rows."""

from __future__ import annotations

import pandas as pd
import pytest

from pazos_dash.data import load_package, queries
from pazos_dash.figures.partners import resources_by_sector_figure, resources_flow_figure
from pazos_dash.figures.sdg import SDG_COLOURS, sdg_matrix_figure
from pazos_dash.figures.youth import youth_enrolments_figure, youth_served_figure
from tests.conftest import PUBLISHED


@pytest.fixture(scope="module")
def package():
    return load_package(PUBLISHED)


def _csv(name: str) -> pd.DataFrame:
    return pd.read_csv(PUBLISHED / f"{name}.csv")


def test_youth_served_matches_published_totals_and_the_reported_figure(package):
    frame = queries.youth_served_by_year(package)
    people = _csv("youth_people")
    totals = people[people[["area", "sex", "age_group"]].isna().all(axis=1)].set_index("year")["people"]
    assert frame.set_index("year")["people_unique"].astype(int).to_dict() == totals.to_dict()
    assert (frame["enrolments"] >= frame["people_unique"]).all()  # one person, possibly several components
    assert frame.loc[frame["year"] == 2021, "reported_people_min"].item() == 3000
    figure = youth_served_figure(frame, lang="es")
    reported = next(tr for tr in figure.data if tr.type == "scatter")
    assert list(reported.y) == [3000.0] and "3.000" in reported.text[0]


@pytest.mark.parametrize("area", ["all", "C3", "C7"])
def test_enrolments_by_component_are_the_published_rows_of_the_area(package, area):
    frame = queries.youth_enrolments_by_component(package, area=area)
    table = _csv("youth_enrolments")
    rows = table[(table["area"].isna() if area == "all" else table["area"] == area) & table["component"].notna()]
    assert frame["enrolments"].astype("Float64").fillna(-1).tolist() == rows["enrolments"].fillna(-1).tolist()
    figure = youth_enrolments_figure(frame, lang="en")
    assert [tr.name for tr in figure.data if tr.type == "bar"] == ["Disruption", "Intervention", "Prevention", "Safe environments", "Access to justice"]


def test_people_breakdown_never_crosses_sex_with_age(package):
    frame = queries.youth_people_breakdown(package, dimension="age_group", area="C2")
    assert set(frame["category"]) == {"16-17", "18-24", "25-29"}
    assert len(frame) == 4 * 3


def test_resources_add_up_to_the_contributions(package):
    contributions = _csv("contributions")
    by_sector = queries.resources_by_sector(package)
    assert by_sector["executed_cop"].sum() == contributions["executed_cop"].sum()
    assert by_sector["committed_cop"].sum() == contributions["committed_cop"].sum()
    cash = queries.resources_by_component(package, kind="cash")
    assert cash["executed_cop"].sum() == contributions.loc[contributions["kind"] == "cash", "executed_cop"].sum()
    flow = queries.resources_flow(package)
    assert flow["executed_cop"].sum() == contributions["executed_cop"].sum()
    sankey = resources_flow_figure(flow, lang="en").data[0]
    assert sum(sankey.link.value) == pytest.approx(contributions["executed_cop"].sum() / 1e6, rel=1e-3)


def test_budget_execution_and_leverage_follow_their_definitions(package):
    frame = queries.budget_execution(package).set_index("year")
    contributions = _csv("contributions").merge(_csv("partners")[["partner_id", "sector"]], on="partner_id")
    year = contributions[contributions["year"] == 2022]
    assert frame.loc[2022, "execution_rate_pct"] == round(100 * year["executed_cop"].sum() / year["committed_cop"].sum(), 1)
    public = year.loc[year["sector"] == "public", "executed_cop"].sum()
    assert frame.loc[2022, "leverage"] == round((year["executed_cop"].sum() - public) / public, 2)


def test_sector_figure_plots_millions_of_the_selected_measure(package):
    frame = queries.resources_by_sector(package)
    figure = resources_by_sector_figure(frame, lang="en", measure="committed")
    public = next(tr for tr in figure.data if tr.name == "Public budget")
    expected = frame[frame["sector"] == "public"]["committed_cop"] / 1e6
    assert list(public.y) == pytest.approx(expected.tolist(), abs=0.05)


def test_sdg_matrix_covers_the_founding_goals_in_official_colours(package):
    frame = queries.sdg_alignment(package)
    assert set(frame["goal"].astype(int)) == {1, 2, 3, 4, 8, 10, 16, 17}
    assert {"16.1", "16.3", "4.4", "8.6", "17.17"} <= set(frame["target"].dropna().astype(str))
    figure = sdg_matrix_figure(frame, lang="en")
    colours = {tr.marker.color for tr in figure.data}
    assert colours == set(SDG_COLOURS.values())
    assert SDG_COLOURS[16] == "#00689D" and SDG_COLOURS[1] == "#E5243B"


def test_indicator_16_1_1_is_the_published_homicide_rate(package):
    frame = queries.sdg_16_1_1(package)
    annual = _csv("homicides_annual").query("geography == 'Palmira'").sort_values("year")
    assert frame["value"].astype(float).tolist() == annual["rate_per_100k"].tolist()
    assert set(frame["status"]) == {"reported", "preliminary"}


@pytest.mark.parametrize("chart_id", ["youth_enrolments_by_component", "youth_people_breakdown", "resources_by_sector",
                                      "resources_by_component", "budget_execution", "resources_flow", "cluster_map"])
def test_real_data_is_never_marked_as_demonstration(chart_id):
    """The watermark follows the package's flags: with them off, no chart claims to be a demo."""
    from pazos_dash.charts import CHARTS

    package = load_package(PUBLISHED)  # a private copy: its flags are switched off below
    for resource in package.resources.values():
        object.__setattr__(resource, "demo", False)
        if "status" in resource.frame.columns:  # rows say what they are too
            resource.frame["status"] = resource.frame["status"].replace("demo", "reported")
    spec = CHARTS[chart_id]
    frame = spec.query(package)
    assert set(frame["status"]) == {"reported"}
    marks = {"DEMONSTRATION DATA", "Includes demonstration values"}  # the stamp, or the corner note beside real sources
    figure = spec.draw(frame, lang="en")
    assert not any(a.text in marks for a in figure.layout.annotations)
    demo_figure = spec.draw(spec.query(load_package(PUBLISHED)), lang="en")
    assert any(a.text in marks for a in demo_figure.layout.annotations)
