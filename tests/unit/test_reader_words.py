"""What readers tripped on (issue 24): English pages say "Cluster", numbers are written one way
(counts of people whole, rates with one decimal, a true minus), "before and after" says when a
measure has no before, and a cluster's trend says which years are hidden."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from pazos_dash.charts import narrative
from pazos_dash.data import load_package, queries
from pazos_dash.figures.clusters import cluster_map_figure, cluster_residents_figure, cluster_trend_figure
from pazos_dash.figures.evaluation import impact_robustness_figure, synthetic_gaps_figure
from pazos_dash.i18n import cluster_name, fmt_number, t
from pazos_dash.pages.base import _option_label, table_for
from pazos_dash.views import chart_view
from pazos_dash.views.exports import for_readers
from tests.conftest import PUBLISHED

ASCII_NEGATIVE = re.compile(r"(?<![\w.,])-\d")  # "-1,9" or "-6.7": a hyphen where a minus belongs


@pytest.fixture(scope="module")
def package():
    return load_package(PUBLISHED)


def words(figure) -> str:
    """Everything a reader can see or hover in a figure: labels, hovers, trace names, notes."""
    return json.dumps(figure.to_plotly_json(), ensure_ascii=False, default=str)


def texts(node) -> list[str]:
    """The strings of a rendered component tree."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, (list, tuple)):
        return [s for child in node for s in texts(child)]
    children = getattr(node, "children", None) if hasattr(node, "to_plotly_json") else None
    return texts(children) if children is not None else []


def table_column(view, column: str) -> list[str]:
    """The texts of one column of a view's table, as a reader sees them."""
    table = table_for(view)
    rows = table.children[2].children
    return [cell.children for row in rows for cell in row.children if getattr(cell, "data-column", None) == column]


# ---------------------------------------------------------------- "Cluster" on English pages

def test_a_clusters_name_is_in_the_readers_language():
    assert cluster_name("Clúster 3", "en") == "Cluster 3"
    assert cluster_name("Clúster 3", "es") == "Clúster 3"
    assert cluster_name("Zamorano", "en") == "Zamorano"  # a proper name stays as published


def test_english_residents_chart_and_map_say_cluster_spanish_keeps_clúster(package):
    residents = queries.cluster_residents(package)
    english = cluster_residents_figure(residents, lang="en")
    assert all(label.startswith("Cluster ") for label in english.data[0].y)
    assert "Clúster" not in words(english) and "Clúster" not in narrative.clusters_takeaway(residents, "en")
    spanish = cluster_residents_figure(residents, lang="es")
    assert all(label.startswith("Clúster ") for label in spanish.data[0].y)
    assert "Clúster" in narrative.clusters_takeaway(residents, "es")

    for metric, view in (("homicides", "year"), ("rate", "change"), ("youth", "year")):
        frame = queries.cluster_map(package, metric=metric, year="2023", view=view)
        english_map = cluster_map_figure(frame, lang="en")
        hovers = [tr.text for tr in english_map.data if isinstance(tr.meta, dict) and "cluster_id" in tr.meta and not tr.meta["suppressed"]]
        assert hovers and all(h.startswith("<b>Cluster ") for h in hovers), metric
        assert "Clúster" not in words(english_map), metric
        assert "Clúster" not in narrative.map_takeaway(frame, "en"), metric
        assert "Clúster" in words(cluster_map_figure(frame, lang="es")), metric


def test_english_table_download_and_area_choice_say_cluster(package, runtime, dash_app):
    view = chart_view(runtime, dash_app.urls, "cluster_residents", "en", options={})
    names = table_column(view, "name")
    assert names and all(name.startswith("Cluster ") for name in names)
    spanish = chart_view(runtime, dash_app.urls, "cluster_residents", "es", options={})
    assert all(name.startswith("Clúster ") for name in table_column(spanish, "name"))

    readers = for_readers(queries.cluster_residents(package), "en")
    assert readers[t("field.name", "en")].str.startswith("Cluster ").all()
    assert for_readers(queries.cluster_residents(package), "es")[t("field.name", "es")].str.startswith("Clúster ").all()

    assert _option_label("area", "C3", "en", {"C3": "Clúster 3"}) == "Cluster 3"
    assert _option_label("area", "C3", "es", {"C3": "Clúster 3"}) == "Clúster 3"


# ---------------------------------------------------------------- numbers written one way

def test_young_people_on_the_map_are_whole_numbers(package, runtime, dash_app):
    frame = queries.cluster_map(package, metric="youth", year="2023")
    takeaway = narrative.map_takeaway(frame, "es")
    assert re.search(r"\(\d[\d.]*\)", takeaway), takeaway  # "(820)", never "(820,0)"
    hovers = " ".join(str(tr.text) for tr in cluster_map_figure(frame, lang="es").data if isinstance(tr.meta, dict))
    assert not re.search(r"\d,\d jóvenes", hovers), hovers
    view = chart_view(runtime, dash_app.urls, "cluster_map", "es", options={"metric": "youth", "year": "2023"})
    values = [v for v in table_column(view, "value") if v]
    assert values and not any("," in v for v in values), values
    # a rate keeps its one decimal
    rates = chart_view(runtime, dash_app.urls, "cluster_map", "es", options={"metric": "rate", "year": "2023"})
    assert all(re.fullmatch(r"[\d.]+,\d", v) for v in table_column(rates, "value") if v)


def test_rates_have_one_decimal_and_people_none(runtime, dash_app):
    rate = chart_view(runtime, dash_app.urls, "indicator_detail", "es", options={"indicator": "homicide_rate"})
    values = [v for v in table_column(rate, "value") if v]
    assert "40,9" in values and "40,88" not in values
    assert "40,9" in rate.takeaway and "40,88" not in rate.takeaway
    youth_rate = chart_view(runtime, dash_app.urls, "indicator_detail", "es", options={"indicator": "youth_homicide_rate"})
    assert "114,0" in table_column(youth_rate, "value")
    people = chart_view(runtime, dash_app.urls, "indicator_detail", "en", options={"indicator": "young_people_served"})
    assert "1,850" in table_column(people, "value") and not any("." in v for v in table_column(people, "value"))
    for chart_id in ("sdg_16_1_1", "homicide_rate_comparison", "kpi_rate"):
        view = chart_view(runtime, dash_app.urls, chart_id, "es", options={})
        column = "value" if chart_id == "sdg_16_1_1" else "rate_per_100k"
        shown = [v for v in table_column(view, column) if v]
        assert shown and all(re.fullmatch(r"[\d.]+,\d", v) for v in shown), (chart_id, shown[:5])


def test_the_headlines_counts_are_whole_and_its_rates_have_one_decimal(runtime, dash_app):
    view = chart_view(runtime, dash_app.urls, "pazos_headline", "es", options={})
    facts = list(view.frame["fact"])
    values = table_column(view, "value")
    for fact, value in zip(facts, values):
        if fact == "homicides":
            assert re.fullmatch(r"[\d.]+", value), (fact, value)
        else:
            assert re.fullmatch(r"−?[\d.]+,\d", value), (fact, value)


def test_negative_numbers_have_a_true_minus_in_hovers_and_sentences(runtime, dash_app):
    assert fmt_number(-6.7, "es", 1) == "−6,7"
    robustness = chart_view(runtime, dash_app.urls, "impact_robustness", "es", options={})
    gaps = chart_view(runtime, dash_app.urls, "synthetic_gaps", "es", options={})
    for view, draw in ((robustness, impact_robustness_figure), (gaps, synthetic_gaps_figure)):
        figure = draw(view.frame, lang="es")
        hovers = [str(x) for tr in figure.data for x in (tr.text if isinstance(tr.text, tuple) else [tr.text]) if x]
        assert any("−" in h for h in hovers), view.chart_id  # the data have negative gaps
        assert not any(ASCII_NEGATIVE.search(h) for h in hovers), view.chart_id
        assert not any(":.1f" in str(tr.hovertemplate) or ":.2f" in str(tr.hovertemplate) for tr in figure.data)
        assert not ASCII_NEGATIVE.search(view.takeaway), view.takeaway
        assert not any(ASCII_NEGATIVE.search(s) for s in texts(table_for(view)) if isinstance(s, str)), view.chart_id


def test_progress_hovers_say_the_real_progress_with_a_true_minus(runtime, dash_app):
    from pazos_dash.figures.indicators import indicator_progress_figure

    frame = chart_view(runtime, dash_app.urls, "indicator_scoreboard", "es", options={}).frame
    figure = indicator_progress_figure(frame, lang="es")
    said = {row[0] for tr in figure.data if tr.type == "bar" for row in tr.customdata}
    assert said == {fmt_number(v, "es", 0) for v in frame["progress_pct"].astype("Float64").astype(float)}
    assert not any(ASCII_NEGATIVE.search(s) for s in said)
    assert all("%{x" not in tr.hovertemplate for tr in figure.data if tr.type == "bar")


# ---------------------------------------------------------------- "before and after" without a before

@pytest.mark.parametrize("lang", ["es", "en"])
def test_before_and_after_of_young_people_says_it_shows_one_year(package, lang):
    frame = queries.cluster_map(package, metric="youth", view="change")
    assert frame.attrs["view"] == "year" and frame.attrs["change_unavailable"]
    takeaway = narrative.map_takeaway(frame, lang)
    said = t("chart.cluster_map.fallback", lang, metric="x", start=0, before="", year="").split("x")[0]
    assert takeaway.startswith(said), takeaway
    assert frame["period"].iloc[0] in takeaway and "2017–2019" in takeaway and str(min(frame.attrs["years"])) in takeaway
    # a measure with a before period shows the change and says nothing of the kind
    change = queries.cluster_map(package, metric="homicides", view="change")
    assert change.attrs["view"] == "change" and not change.attrs["change_unavailable"]
    assert said not in narrative.map_takeaway(change, lang)
    # nor does the one-year view of young people
    assert said not in narrative.map_takeaway(queries.cluster_map(package, metric="youth", view="year"), lang)


# ---------------------------------------------------------------- the profile's hidden years

def _cluster_with_hidden_years(package) -> tuple[str, list[int]]:
    table = pd.read_csv(PUBLISHED / "homicides_by_cluster.csv")
    hidden = table[table["cluster_id"].notna() & table["suppressed"]]
    cluster = str(hidden["cluster_id"].value_counts().index[0])
    return cluster, sorted(int(y) for y in hidden[hidden["cluster_id"] == cluster]["year"])


@pytest.mark.parametrize("lang", ["es", "en"])
def test_a_clusters_hidden_years_are_marked_and_explained(package, lang):
    cluster, years = _cluster_with_hidden_years(package)
    trend = queries.cluster_profile(package, cluster, "homicides")
    figure = cluster_trend_figure(trend, lang=lang, metric="homicides")
    k = package.resources["homicides_by_cluster"].k
    marks = [tr for tr in figure.data if isinstance(tr.meta, dict) and "hidden_years" in tr.meta]
    assert len(marks) == 1 and marks[0].meta["hidden_years"] == years
    assert list(marks[0].x) == [float(y) for y in years] and set(marks[0].y) == {0.0}
    assert t("profile.hidden", lang, k=k) in marks[0].hovertemplate
    notes = [a.text for a in figure.layout.annotations if a.name == "hidden-note"]
    assert notes == [t("profile.hidden_note", lang, k=k)]
    assert len([s for s in figure.layout.shapes if s.type == "rect"]) == len(years)
    # the line itself still has gaps there, never zeros
    line = figure.data[0]
    assert all(pd.isna(y) for x, y in zip(line.x, line.y) if int(x) in years)


def test_a_cluster_without_hidden_years_has_no_note(package):
    table = pd.read_csv(PUBLISHED / "homicides_by_cluster.csv")
    clusters = table[table["cluster_id"].notna()]
    hidden = set(clusters[clusters["suppressed"]]["cluster_id"])
    whole = sorted(set(clusters["cluster_id"]) - hidden)
    assert whole, "the package has a cluster with no hidden year"
    figure = cluster_trend_figure(queries.cluster_profile(package, whole[0], "homicides"), lang="es", metric="homicides")
    assert not figure.layout.annotations and len(figure.data) == 1


# ---------------------------------------------------------------- phones: no number across a neighbour's bar

def test_on_a_phone_no_label_runs_across_the_bars(runtime, dash_app):
    from pazos_dash.figures.indicators import reach_figure
    from pazos_dash.figures.youth import youth_served_figure

    served = chart_view(runtime, dash_app.urls, "youth_served", "es", options={}).frame
    reported = served.dropna(subset=["reported_people_min"]).iloc[-1]
    phone = youth_served_figure(served, lang="es", width="narrow")
    marker = next(tr for tr in phone.data if tr.type == "scatter")
    assert "text" not in marker.mode  # the public figure is not written over the bars...
    assert fmt_number(reported["reported_people_min"], "es") in marker.name and str(int(reported["year"])) in marker.name  # ...but in the legend
    desktop = youth_served_figure(served, lang="es", width="wide")
    assert "text" in next(tr for tr in desktop.data if tr.type == "scatter").mode

    reach = chart_view(runtime, dash_app.urls, "reach", "es", options={}).frame
    assert all(tr.textangle == -90 for tr in reach_figure(reach, lang="es", width="narrow").data if tr.type == "bar")
    assert all(tr.textangle in (None, "auto") for tr in reach_figure(reach, lang="es", width="wide").data if tr.type == "bar")


def test_the_impact_estimates_and_their_intervals_have_one_decimal(runtime, dash_app):
    view = chart_view(runtime, dash_app.urls, "impact_robustness", "es", options={})
    for column in ("estimate", "low", "high"):
        shown = [v for v in table_column(view, column) if v]
        assert shown and all(re.fullmatch(r"−?[\d.]+,\d", v) for v in shown), (column, shown)
