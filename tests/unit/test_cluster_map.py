"""The cluster map: values are the published rows, suppressed clusters look suppressed, and a
schematic geometry says so while a surveyed one does not."""

from __future__ import annotations

import copy

import pandas as pd
import pytest

from pazos_dash.data import load_package, queries
from pazos_dash.i18n import t
from pazos_dash.figures.clusters import SUPPRESSED_FILL, cluster_map_figure
from pazos_dash.pages.clusters import clicked_cluster
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
        assert "Suppressed (fewer than 5)" in trace.text
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
    facts = profile.attrs
    assert facts["residents"] == clusters.at["C2", "residents"] and set(profile["residents"]) == {clusters.at["C2", "residents"]}
    assert len(facts["neighbourhoods"]) == clusters.at["C2", "neighbourhoods"]
    assert set(facts["components"]) <= {"disruption", "intervention", "prevention", "safe_environments", "access_to_justice"}
    assert list(profile["year"]) == [2020, 2021, 2022, 2023]
    assert {"status", "source"} <= set(profile.columns) and profile["source"].notna().all()
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


def test_hovering_a_cluster_shows_its_name_and_value(package):
    """A polygon is hovered as a whole, where plotly.js ignores hovertemplate: the trace's text is the label."""
    frame = queries.cluster_map(package, metric="homicides", year="2022")
    figure = cluster_map_figure(frame, lang="es")
    rows = frame.set_index("cluster_id")
    for trace in _cluster_traces(figure):
        assert trace.hoveron == "fills" and trace.hoverinfo == "text"
        row = rows.loc[trace.meta["cluster_id"]]
        assert trace.text.startswith(f"<b>{row['name']}</b>: ")
        if not row["suppressed"]:
            assert f"{row['value']:.0f}" in trace.text


def test_every_vertex_of_a_cluster_polygon_carries_the_cluster_id(package):
    """A click on a filled polygon has no point: Dash sends the trace's whole customdata."""
    figure = cluster_map_figure(queries.cluster_map(package), lang="en")
    for trace in _cluster_traces(figure):
        assert list(trace.customdata) == [trace.meta["cluster_id"]] * len(trace.x)
        assert clicked_cluster({"points": [{"curveNumber": 0, "customdata": list(trace.customdata)}]}) == trace.meta["cluster_id"]


@pytest.mark.parametrize("click, expected", [
    # what Dash sends for a real click on a filled polygon: the trace's whole customdata
    ({"points": [{"curveNumber": 2, "x": 1.5, "y": 2.5, "customdata": ["C3", "C3", "C3", "C3", "C3"]}]}, "C3"),
    # a click on a point (one vertex's customdata)
    ({"points": [{"curveNumber": 2, "pointNumber": 0, "customdata": "C3"}]}, "C3"),
    # the shape the figure used to send: [cluster_id, label] per vertex, whole or one vertex
    ({"points": [{"curveNumber": 2, "customdata": [["C3", "4 homicidios"], ["C3", "4 homicidios"]]}]}, "C3"),
    ({"points": [{"curveNumber": 2, "pointNumber": 0, "customdata": ["C3", "4 homicidios"]}]}, "C3"),
    # nothing clicked yet, or a click with nothing under it
    (None, None), ({}, None), ({"points": []}, None), ({"points": [{"curveNumber": 8}]}, None),
    # hostile or malformed input posted to the callback by hand
    ("C3", None), (["C3"], None), ({"points": "C3"}, None), ({"points": ["C3"]}, None),
    ({"points": [{"customdata": {"cluster_id": "C3"}}]}, None), ({"points": [{"customdata": 3}]}, None),
    ({"points": [{"customdata": [[["C3"]]]}]}, None), ({"points": [{"customdata": []}]}, None),
    ({"points": [{"customdata": "C3'); alert(1); //"}]}, None), ({"points": [{"customdata": "C" * 33}]}, None),
    ({"points": [{"customdata": "../C3"}]}, None), ({"points": [{"customdata": ""}]}, None),
])
def test_a_click_names_a_cluster_whatever_shape_arrives(click, expected):
    assert clicked_cluster(click) == expected


def _click(client, click, metric="homicides", in_address=None, lang="es"):
    return client.post("/_dash-update-component", json={
        "output": "cluster-profile.children",
        "outputs": {"id": "cluster-profile", "property": "children"},
        "inputs": [{"id": "graph-cluster_map", "property": "clickData", "value": click},
                   {"id": "cluster_map-metric", "property": "value", "value": metric},
                   {"id": "page-width", "property": "data", "value": "wide"}],
        "state": [{"id": "cluster_map-cluster", "property": "data", "value": in_address},
                  {"id": "page-lang", "property": "data", "value": lang}],
        "changedPropIds": ["graph-cluster_map.clickData"],
    })


def _profile_heading(response) -> str | None:
    children = response.get_json()["response"]["cluster-profile"]["children"]
    headings = [c["props"]["children"] for c in children if c.get("props", {}).get("id") == "profile-name"]
    return headings[0] if headings else None


def test_a_click_on_a_filled_polygon_opens_the_profile_instead_of_an_error(client):
    whole_trace = {"points": [{"curveNumber": 2, "x": 1.5, "y": 2.5, "customdata": ["C3"] * 5}]}
    response = _click(client, whole_trace)
    assert response.status_code == 200
    assert _profile_heading(response) == t("profile.heading", "es", name="Clúster 3")


def test_a_metric_change_keeps_the_profile_named_in_the_address(client):
    response = _click(client, None, metric="rate", in_address="C5", lang="en")
    assert response.status_code == 200 and _profile_heading(response) == t("profile.heading", "en", name="Cluster 5")


@pytest.mark.parametrize("click", [{"points": [{"customdata": [["C99"]]}]}, {"points": [{"customdata": {"$gt": ""}}]},
                                   {"points": "x"}, ["C3"]])
def test_hostile_clicks_show_the_hint_not_an_error(client, click):
    response = _click(client, click)
    assert response.status_code == 200 and _profile_heading(response) is None
    assert t("profile.hint", "es") in str(response.get_json())


def _contrast(a: str, b: str) -> float:
    from plotly.colors import hex_to_rgb, unlabel_rgb

    def lum(colour: str) -> float:
        rgb = hex_to_rgb(colour) if colour.startswith("#") else unlabel_rgb(colour)
        return sum(w * (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
                   for w, c in zip((0.2126, 0.7152, 0.0722), [v / 255 for v in rgb]))
    high, low = sorted((lum(a), lum(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("view, metric", [("year", "homicides"), ("change", "rate"), ("change", "homicides")])
def test_every_cluster_label_reads_on_its_colour(package, view, metric):
    """A cluster's number or name is black on a light fill and white on a dark one (the darkest
    purple of a fall left a black '1' unreadable): contrast 4.5:1 or more on every fill."""
    frame = queries.cluster_map(package, metric=metric, view=view)
    for width in ("wide", "narrow"):
        figure = cluster_map_figure(frame, lang="en", width=width)
        fills = {tr.meta["cluster_id"]: tr.fillcolor for tr in _cluster_traces(figure)}
        labels = next(tr for tr in figure.data if tr.name == "labels")
        shown = [cid for cid in frame["cluster_id"] if cid in fills]
        assert len(labels.textfont.color) == len(shown)
        for cluster_id, colour in zip(shown, labels.textfont.color):
            assert _contrast(colour, fills[cluster_id]) >= 4.5, (cluster_id, colour, fills[cluster_id])


def test_on_a_phone_the_colour_scale_lies_under_the_map(package):
    """Beside the map the scale took a sixth of a phone's width and the clusters shrank to 29 px."""
    figure = cluster_map_figure(queries.cluster_map(package), lang="es", width="narrow")
    bar = next(tr for tr in figure.data if tr.name == "scale").marker.colorbar
    assert bar.orientation == "h" and bar.yanchor == "top" and bar.y <= 0
    wide = cluster_map_figure(queries.cluster_map(package), lang="es", width="wide")
    assert next(tr for tr in wide.data if tr.name == "scale").marker.colorbar.orientation in (None, "v")
