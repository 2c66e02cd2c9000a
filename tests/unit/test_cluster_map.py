"""The cluster map: values are the published rows, suppressed clusters look suppressed, and a
schematic geometry says so while a surveyed one does not."""

from __future__ import annotations

import copy

import pandas as pd
import pytest

from pazos_dash.data import load_package, queries
from pazos_dash.figures.clusters import SUPPRESSED_FILL, cluster_map_figure
from tests.conftest import PUBLISHED


@pytest.fixture(scope="module")
def package():
    return load_package(PUBLISHED)


def _cluster_traces(figure):
    return [tr for tr in figure.data if isinstance(tr.meta, dict) and "cluster_id" in tr.meta]


def _year_with_suppressed_cluster() -> int:
    table = pd.read_csv(PUBLISHED / "homicides_by_cluster.csv")
    return int(table[table["cluster_id"].notna() & table["suppressed"]]["year"].iloc[0])


def test_year_view_values_are_the_published_rows(package):
    year = _year_with_suppressed_cluster()
    frame = queries.cluster_map(package, metric="homicides", year=str(year))
    table = pd.read_csv(PUBLISHED / "homicides_by_cluster.csv")
    rows = table[(table["year"] == year) & table["cluster_id"].notna()].set_index("cluster_id")
    for row in frame.itertuples():
        assert row.suppressed == rows.at[row.cluster_id, "suppressed"]
        if not row.suppressed:
            assert row.value == rows.at[row.cluster_id, "homicides"]
        else:
            assert pd.isna(row.value)


def test_suppressed_cluster_is_grey_hatched_and_in_the_legend_never_zero(package):
    frame = queries.cluster_map(package, metric="homicides", year=str(_year_with_suppressed_cluster()))
    figure = cluster_map_figure(frame, lang="en")
    traces = _cluster_traces(figure)
    hidden = [tr for tr in traces if tr.meta["suppressed"]]
    assert hidden, "the chosen year has a suppressed cluster"
    for trace in hidden:
        assert trace.fillcolor == SUPPRESSED_FILL and trace.fillpattern.shape == "x"
        assert trace.meta["value"] is None
        assert "Suppressed (fewer than 5)" in trace.customdata[0][1]
    assert sum(1 for tr in hidden if tr.showlegend) == 1
    shown = [tr for tr in traces if not tr.meta["suppressed"]]
    assert all(tr.fillcolor != SUPPRESSED_FILL for tr in shown)


def test_rate_is_computed_from_published_counts_and_residents(package):
    frame = queries.cluster_map(package, metric="rate", year="2021")
    clusters = pd.read_csv(PUBLISHED / "clusters.csv").set_index("cluster_id")
    table = pd.read_csv(PUBLISHED / "homicides_by_cluster.csv")
    rows = table[(table["year"] == 2021) & table["cluster_id"].notna()].set_index("cluster_id")
    for row in frame[~frame["suppressed"]].itertuples():
        assert row.value == pytest.approx(rows.at[row.cluster_id, "homicides"] / clusters.at[row.cluster_id, "residents"] * 1e5, abs=0.05)


def test_change_view_hides_any_cluster_with_a_hidden_year(package):
    frame = queries.cluster_map(package, metric="homicides", view="change")
    assert frame.attrs["view"] == "change"
    table = pd.read_csv(PUBLISHED / "homicides_by_cluster.csv")
    window = table[table["cluster_id"].notna() & table["year"].between(2017, 2023)]
    hidden = set(window[window["suppressed"]]["cluster_id"])
    assert set(frame[frame["suppressed"]]["cluster_id"]) == hidden
    for row in frame[~frame["suppressed"]].itertuples():
        mine = window[window["cluster_id"] == row.cluster_id]
        expected = mine[mine["year"] >= 2020]["homicides"].mean() - mine[mine["year"] <= 2019]["homicides"].mean()
        assert row.value == pytest.approx(expected, abs=0.06)


def test_metrics_without_a_before_period_fall_back_to_the_nearest_year(package):
    frame = queries.cluster_map(package, metric="youth", year="2010", view="change")
    assert frame.attrs["view"] == "year" and frame["period"].iloc[0] == "2020"


def test_schematic_geometry_is_labelled_and_surveyed_is_not(package):
    frame = queries.cluster_map(package, metric="homicides", year="2022")
    schematic = cluster_map_figure(frame, lang="es")
    assert any(a.text == "Mapa esquemático, no a escala" for a in schematic.layout.annotations)
    surveyed = frame.copy()
    surveyed.attrs = copy.deepcopy(frame.attrs)
    for feature in surveyed.attrs["geometry"]["features"]:
        feature["properties"]["geometry_kind"] = "surveyed"
    figure = cluster_map_figure(surveyed, lang="es")
    assert not any("esquemático" in (a.text or "") for a in figure.layout.annotations)
    assert len(_cluster_traces(figure)) == 7


def test_map_needs_no_tile_server(package):
    figure = cluster_map_figure(queries.cluster_map(package), lang="en")
    assert {tr.type for tr in figure.data} == {"scatter"}  # no map engine, nothing fetched
    assert figure.layout.yaxis.scaleanchor == "x"


def test_profile_lists_residents_neighbourhoods_and_active_components(package):
    profile = queries.cluster_profile(package, "C2", "youth")
    clusters = pd.read_csv(PUBLISHED / "clusters.csv").set_index("cluster_id")
    assert profile["residents"] == clusters.at["C2", "residents"]
    assert len(profile["neighbourhoods"]) == clusters.at["C2", "neighbourhoods"]
    assert set(profile["components"]) <= {"disruption", "intervention", "prevention", "safe_environments", "access_to_justice"}
    assert list(profile["trend"]["year"]) == [2020, 2021, 2022, 2023]
    with pytest.raises(KeyError):
        queries.cluster_profile(package, "C99")


def test_optional_basemap_draws_the_same_clusters_over_the_configured_tiles(package):
    frame = queries.cluster_map(package, metric="homicides", year="2022")
    flat = cluster_map_figure(frame, lang="en")
    tiled = cluster_map_figure(frame, lang="en", basemap_url="https://tiles.example.org/{z}/{x}/{y}.png")
    assert {tr.type for tr in tiled.data} == {"scattermap"}
    assert tiled.layout.map.style["sources"]["base"]["tiles"] == ["https://tiles.example.org/{z}/{x}/{y}.png"]
    assert [tr.meta for tr in tiled.data] == [tr.meta for tr in _cluster_traces(flat)]
    assert any(a.text == "Schematic map, not to scale" for a in tiled.layout.annotations)


def test_basemap_setting_comes_from_the_environment():
    from pazos_dash.settings import Settings

    assert Settings.from_env({}).basemap_url == ""
    assert Settings.from_env({"PAZOS_BASEMAP_URL": "https://t/{z}/{x}/{y}.png"}).basemap_url == "https://t/{z}/{x}/{y}.png"
