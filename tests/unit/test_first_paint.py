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
from pazos_dash.data.queries import overview_kpis
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
    k = overview_kpis(runtime.package)
    assert fmt_number(k["latest_rate"], lang, 1) in text
    assert t("kpi.rate.label", lang, year=k["latest_year"]) in text
    assert str(k["lowest_year"]) in text and fmt_number(k["partners"], lang) in text
    assert t("kpi.youth.value", lang, n=fmt_number(k["youth_reported_min"], lang)) in text


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
