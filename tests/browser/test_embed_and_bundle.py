"""Embeds render one chart without the site around it; charts draw with the partial plotly.js."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.browser.helpers import csv_of, open_page, plotted, published_series, drawn
from tests.conftest import PUBLISHED

pytestmark = pytest.mark.browser

_LOADED = "return performance.getEntriesByType('resource').map(e => e.name)"


def test_charts_draw_with_the_partial_plotly_bundle(dash_duo, dash_app):
    open_page(dash_duo, dash_app, "/en/partners", "Partners and resources")
    traces = plotted(dash_duo, "resources_flow")
    assert traces[0]["type"] == "sankey"
    assert plotted(dash_duo, "resources_by_sector")[0]["type"] == "bar"
    loaded = dash_duo.driver.execute_script(_LOADED)
    assert any("/assets/plotly-pazos.min.js" in url for url in loaded)
    assert not any("plotly.min.js" in url and "plotly-pazos" not in url for url in loaded), "the full plotly.js was fetched"
    assert dash_duo.get_logs() == []


def test_a_spanish_chart_uses_plotly_s_spanish_locale(dash_duo, dash_app):
    open_page(dash_duo, dash_app, "/homicidios", "Homicidios en Palmira")
    plotted(dash_duo, "homicides_monthly_its")
    locale = dash_duo.driver.execute_script(
        "return document.querySelector('#graph-homicides_monthly_its .js-plotly-plot')._context.locale")
    assert locale == "es"
    # Zoom into one year, as a visitor would: the month ticks must be Spanish.
    dash_duo.driver.execute_script(
        "const gd = document.querySelector('#graph-homicides_monthly_its .js-plotly-plot');"
        "return Plotly.relayout(gd, {'xaxis.range': ['2020-01-01', '2020-12-31']});")
    dash_duo._wait_for(lambda d: len(d.find_elements("css selector", "#graph-homicides_monthly_its .xtick text")) >= 4, timeout=5, msg="no month ticks")
    ticks = " ".join(e.text for e in dash_duo.driver.find_elements("css selector", "#graph-homicides_monthly_its .xtick text"))
    assert any(name in ticks for name in ("Ene", "Abr", "Ago", "Dic")), ticks
    assert not any(name in ticks for name in ("Jan", "Apr", "Aug", "Dec")), ticks


def test_an_embed_shows_one_chart_with_its_selection_and_no_site_chrome(dash_duo, dash_app):
    dash_duo.start_server(dash_app)
    dash_duo.driver.get(dash_duo.server_url.rstrip("/") + "/en/embed/homicides_annual?homicides_annual-measure=rate_per_100k")
    drawn(dash_duo, "#graph-homicides_annual")
    chrome = [e.get_attribute("outerHTML")[:120] for e in dash_duo.driver.find_elements("css selector", "#app-root nav, #app-root footer, #app-root .navbar")]
    assert chrome == []
    assert dash_duo.find_element("#homicides_annual-measure input[value='rate_per_100k']").is_selected()
    series = published_series(dash_duo, "homicides_annual", "en")
    published = pd.read_csv(PUBLISHED / "homicides_annual.csv")
    palmira = published[published["geography"] == "Palmira"].sort_values("year")
    assert series["y"][-1] == pytest.approx(palmira["rate_per_100k"].iloc[-1])
    assert csv_of(dash_duo, "homicides_annual")["rate_per_100k"].iloc[-1] == pytest.approx(series["y"][-1])
    code = dash_duo.find_element("#embed-code").get_attribute("textContent")
    assert code.startswith("<iframe src=\"http") and "/en/embed/homicides_annual?homicides_annual-measure=rate_per_100k" in code
    assert dash_duo.find_element("#embed-copy")  # the copy button
    assert dash_duo.get_logs() == []
