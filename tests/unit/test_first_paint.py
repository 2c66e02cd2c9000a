"""Content before scripts: the HTML the server answers for every page, in both languages, already
holds the page's title, heading, lead, headline numbers, takeaways and tables, before Dash's entry
point (read without running a script: a crawler, `curl`, a phone still fetching the bundles)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from html import escape, unescape
from pathlib import Path

import pytest

from pazos_dash.components.chart_card import figure_height
from pazos_dash.i18n import LANGUAGES, fmt_number, t
from pazos_dash.pages import PAGES, title as page_title
from pazos_dash.pages.present import SLIDES
from pazos_dash.views import chart_view


def _static(html: str) -> str:
    """The server's copy of the page: everything before Dash's (empty) entry point."""
    match = re.search(r'<body>(.*?)<div id="react-entry-point">', html, re.S)
    assert match, "no page before Dash's entry point"
    return match.group(1)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.page_id)
def test_every_page_is_in_the_html_before_any_script(client, dash_app, runtime, page, lang):
    html = client.get(dash_app.urls.page_path(page.page_id, lang)).get_data(as_text=True)
    static = _static(html)
    text = _text(static)
    assert re.search(r"<title>(.*?)</title>", html).group(1) == escape(page_title(page.page_id, lang), quote=False)
    assert re.search(r'<h1[^>]*id="page-heading"[^>]*>', static) and t(f"page.{page.page_id}.heading", lang) in text
    other = "en" if lang == "es" else "es"
    assert t(f"page.{page.page_id}.heading", other) not in text or t(f"page.{page.page_id}.heading", other) == t(f"page.{page.page_id}.heading", lang)
    assert 'id="page-intro"' in static or page.page_id == "data"
    for chart_id in page.charts:
        view = chart_view(runtime, dash_app.urls, chart_id, lang)
        assert _flat(view.title) in text, chart_id
        assert _flat(view.takeaway) in text, f"{chart_id}: its takeaway is not in the page's HTML"
        assert f'id="table-{chart_id}"' in static, f"{chart_id}: its table is not in the page's HTML"
        # the chart's box, at the height plotly.js will draw it, so nothing moves when it does
        assert re.search(rf'id="figure-{chart_id}"[^>]*style="min-height:{figure_height(view.figure)}px"', static)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_overview_s_headline_numbers_are_in_the_html(client, dash_app, runtime, lang):
    text = _text(_static(client.get(dash_app.urls.page_path("overview", lang)).get_data(as_text=True)))
    annual = runtime.package.table("homicides_annual")
    palmira = annual[annual["geography"] == "Palmira"].sort_values("year")
    assert fmt_number(palmira["rate_per_100k"].iloc[-1], lang, 1) in text
    assert t("kpi.rate.label", lang, year=int(palmira["year"].iloc[-1])) in text
    lowest = palmira.loc[palmira["rate_per_100k"].astype(float).idxmin()]
    assert str(int(lowest["year"])) in text and fmt_number(len(runtime.package.table("partners")), lang) in text
    reported = runtime.package.table("youth_served_reported").sort_values("year").iloc[-1]
    assert t("kpi.youth.value", lang, n=fmt_number(reported["people_min"], lang)) in text
    for chart_id in ("pazos_headline", "kpi_rate", "kpi_lowest", "kpi_youth", "kpi_partners"):
        assert _flat(chart_view(runtime, dash_app.urls, chart_id, lang).takeaway) in text, chart_id


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_presentation_is_in_the_html(client, dash_app, runtime, lang):
    static = _static(client.get(dash_app.urls.present(lang)).get_data(as_text=True))
    text = _text(static)
    first_chart = SLIDES[1][0]  # the first slide is the overview's answer (its own heading) over the rates
    assert _flat(chart_view(runtime, dash_app.urls, first_chart, lang).title) in text


def test_a_chosen_view_is_rendered_as_chosen(client, dash_app, runtime):
    """The query string reaches the server's copy as it reaches the live page."""
    path = dash_app.urls.page_path("homicides", "en") + "?homicides_annual-measure=rate_per_100k"
    text = _text(_static(client.get(path).get_data(as_text=True)))
    view = chart_view(runtime, dash_app.urls, "homicides_annual", "en", query={"homicides_annual-measure": "rate_per_100k"})
    assert _flat(view.takeaway) in text


def test_plotly_is_not_among_the_page_s_scripts_but_its_address_is_there(client, dash_app):
    html = client.get("/").get_data(as_text=True)
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert not [s for s in scripts if "plotly" in s], "plotly.js would block the page's scripts"
    assert any("first-paint.js" in s for s in scripts)
    address = re.search(r'<meta name="pazos-plotly" content="([^"]+)"', html).group(1)
    response = client.get(unescape(address))
    assert response.status_code == 200 and len(response.get_data()) > 100_000


def test_with_a_tile_basemap_the_full_plotly_is_the_one_fetched():
    """A second app needs its own process: Dash keeps one page registry per process."""
    repo = Path(__file__).resolve().parents[2]
    script = textwrap.dedent(
        """
        import re
        from pazos_dash import create_app
        client = create_app().server.test_client()
        html = client.get("/en/clusters").get_data(as_text=True)
        address = re.search(r'<meta name="pazos-plotly" content="([^"]+)"', html).group(1)
        assert address.endswith("/plotly/package_data/plotly.min.js"), address
        assert not re.findall(r'<script src="[^"]*plotly', html)
        full = client.get(address)
        assert full.status_code == 200 and len(full.get_data()) > 3_000_000, full.status_code
        print("ok")
        """
    )
    env = {**os.environ, "PYTHONPATH": str(repo), "PAZOS_BASEMAP_URL": "https://tiles.example.org/{z}/{x}/{y}.png"}
    result = subprocess.run([sys.executable, "-c", script], cwd=repo, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().endswith("ok")


# --- Static first: pictures of the charts, Dash started by a reader ---------------------------

@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.page_id)
def test_every_chart_is_a_picture_in_the_html_and_no_script_runs_before_a_reader(client, dash_app, page):
    html = client.get(dash_app.urls.page_path(page.page_id, "es")).get_data(as_text=True)
    static = _static(html)
    boxes = dict(re.findall(r'<div id="(graph-[^"]+)"[^>]*data-static-graph="true">(.*?)</div>', static))
    charts = [box for graph, box in boxes.items() if not graph.startswith("graph-map-")]  # a map tab: drawn when opened
    assert all(charts) and len(charts) >= (1 if page.charts else 0), [graph for graph, box in boxes.items() if not box]
    for box in charts:
        wide, narrow = re.search(r'<img class="static-chart" src="([^"]+)"', box).group(1), re.search(r'srcset="([^"]+)"', box).group(1)
        for address in (wide, narrow):
            answer = client.get(address)
            assert answer.status_code == 200 and answer.mimetype == "image/svg+xml", address
            patterns = re.findall(rb'<pattern id="([^"]+)"', answer.data)
            assert b"<svg" in answer.data[:200]
            assert not [p for p in patterns if b"url('#" + p in answer.data], "a hatch prints as a bitmap"
            assert "immutable" in answer.headers["Cache-Control"]
    assert 'data-start="now"' not in static, "the page starts Dash before a reader does anything"
    scripts = re.findall(r'<script src="([^"]+)"', html)
    # first-paint.js, and present.js (the deck's keys and buttons: nothing of Dash's) run at once
    assert [s for s in scripts if "first-paint.js" not in s and "present.js" not in s] == [], "a script runs before a reader interacts"
    assert re.search(r'<script type="pazos/deferred" data-src="[^"]*dash_renderer', html)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_deck_is_whole_before_any_script_runs(client, dash_app, lang):
    """Presentation mode is static first too: every chart slide is a picture (projector-sized; a
    phone's below 576 px), the one asked for is shown, and nothing starts Dash before a reader
    points at a chart (the buttons and keys move the copy: assets/present.js)."""
    from pazos_dash.pages.present import SLIDES

    html = client.get(dash_app.urls.present(lang, 3)).get_data(as_text=True)
    static = _static(html)
    assert 'data-start="now"' not in static
    graphs = dict(re.findall(r'<div id="(slide-graph-\d+)"[^>]*data-static-graph="true">(.*?)</div>', static))
    assert len(graphs) == sum(not dash_app.server.config["PAZOS_RUNTIME"].chart(s.chart).table for s in SLIDES)
    for graph, box in graphs.items():
        wide = re.search(r'<img class="static-chart" src="([^"]+)"', box)
        assert wide and re.search(r'srcset="([^"]+)"', box), graph
        assert client.get(wide.group(1)).status_code == 200, graph
    assert re.search(r'<section[^>]*id="slide-2"[^>]*class="slide active"|<section[^>]*class="slide active"[^>]*id="slide-2"', static)


def test_a_view_without_its_picture_starts_the_live_page_at_once(client, dash_app):
    static = _static(client.get(dash_app.urls.page_path("homicides", "es") + "?homicides_annual-year_from=2010").get_data(as_text=True))
    assert 'data-start="now"' in static


def test_an_unknown_picture_is_404(client):
    assert client.get("/picture/0123456789abcdef01234567-1000x440.svg").status_code == 404


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_table_keys_its_rows_sources_and_names_each_source_once(client, dash_app, runtime, lang):
    static = _static(client.get(dash_app.urls.page_path("homicides", lang)).get_data(as_text=True))
    table = re.search(r'<table[^>]*id="table-homicides_annual".*?</table>', static, re.S).group(0)
    cells = re.findall(r'<td[^>]*data-column="source"[^>]*>(.*?)</td>', table)
    assert cells and all(re.fullmatch(r"\[\d\](; \[\d\])*", cell) for cell in cells), cells[:3]
    foot = _text(re.search(r"<tfoot>.*?</tfoot>", table, re.S).group(0))
    view = chart_view(runtime, dash_app.urls, "homicides_annual", lang)
    for number, source in enumerate(view.provenance.sources, start=1):
        assert _text(table).count(source.title) == 1 and f"[{number}] {source.title}" in foot


def test_the_overview_shows_its_first_chart_in_the_headline(client, dash_app):
    static = _static(client.get("/").get_data(as_text=True))
    headline = re.search(r'<section[^>]*id="card-pazos_headline".*?</section>', static, re.S).group(0)
    assert re.search(r'<a[^>]*id="headline-chart"[^>]*><picture><source media="[^"]+" srcset="/picture/[^"]+"><img[^>]* src="/picture/', headline)
    assert headline.index('id="headline-chart"') < headline.index('id="headline-lead"')


def test_the_phone_menu_is_a_details_element(client):
    static = _static(client.get("/").get_data(as_text=True))
    assert re.search(r'<details id="navbar-menu"[^>]*><summary id="navbar-toggler"', static)
