"""Content before scripts, in a real browser: the page reads before any script has run (and with
scripts off), the live page takes the server's copy's place without moving anything or showing
any text twice, and plotly.js is fetched only when a chart nears the viewport."""

from __future__ import annotations

import pytest

from pazos_dash.i18n import t
from tests.browser.conftest import wait_live
from tests.browser.helpers import drawn

pytestmark = pytest.mark.browser

# Where every element with an id is, and its size (the ones a reader can see; a graph's own box
# is empty until plotly.js draws into it, its figure's box holds the place).
RECTS = """
const out = {};
for (const el of document.querySelectorAll(arguments[0] + ' [id]')) {
  if (el.closest('details:not([open])') || el.classList.contains('dash-graph')) { continue; }
  const r = el.getBoundingClientRect();
  if (r.width || r.height) { out[el.id] = [Math.round(r.left), Math.round(r.top + scrollY), Math.round(r.width), Math.round(r.height)]; }
}
return out;
"""
VISIBLE_TEXT = "return document.body.innerText"
PAGES = [("homicides", "es"), ("overview", "en"), ("clusters", "es"), ("indicators", "en")]


def _cdp(driver, command: str, params: dict) -> None:
    driver.execute_cdp_cmd(command, params)


def _open_without_scripts_loading(dash_duo, dash_app, path: str) -> None:
    """The page as it is before its scripts have arrived: every script request fails."""
    _cdp(dash_duo.driver, "Network.enable", {})
    _cdp(dash_duo.driver, "Network.setBlockedURLs", {"urls": ["*.js*"]})
    dash_duo.driver.get_static(dash_duo.server_url.rstrip("/") + path)


@pytest.mark.parametrize("page_id,lang", PAGES)
def test_the_page_reads_before_its_scripts_and_the_live_page_takes_over_in_place(dash_duo, dash_app, page_id, lang):
    dash_duo.start_server(dash_app)
    driver, path = dash_duo.driver, dash_app.urls.page_path(page_id, lang)
    _open_without_scripts_loading(dash_duo, dash_app, path)
    heading = dash_duo.find_element("#pazos-static #page-heading")
    assert heading.is_displayed() and heading.text == t(f"page.{page_id}.heading", lang)
    takeaways = dash_duo.find_elements("#pazos-static .chart-takeaway")
    assert all(p.is_displayed() and p.text for p in takeaways)
    before = driver.execute_script(RECTS, "#pazos-static")
    assert "page-heading" in before

    # Scripts arrive, plotly.js never does: the text is the live page's, once, where it was.
    _cdp(driver, "Network.setBlockedURLs", {"urls": ["*plotly*"]})
    driver.get_static(dash_duo.server_url.rstrip("/") + path)
    wait_live(driver)
    dash_duo.wait_for_text_to_equal("#page-heading", t(f"page.{page_id}.heading", lang), timeout=10)
    after = driver.execute_script(RECTS, "#react-entry-point")
    ids = driver.execute_script("return [...document.querySelectorAll('[id]')].map(e => e.id)")
    assert len(ids) == len(set(ids)), "an id is in the page twice"
    text = driver.execute_script(VISIBLE_TEXT)
    assert text.count(t(f"page.{page_id}.heading", lang)) == 1
    for p in dash_duo.find_elements(".chart-takeaway"):
        assert text.count(p.text) == 1, f"{p.text!r} is shown {text.count(p.text)} times"
    moved = {key: (before[key], after.get(key)) for key in before
             if after.get(key) is None or any(abs(a - b) > 2 for a, b in zip(before[key], after[key]))}
    assert not moved, f"moved or gone when the live page took over: {moved}"
    assert driver.execute_script("return !window.Plotly || !window.Plotly.react"), "plotly.js was not blocked"


def test_tables_and_numbers_read_with_scripts_off(dash_duo, dash_app):
    dash_duo.start_server(dash_app)
    driver = dash_duo.driver
    _cdp(driver, "Emulation.setScriptExecutionDisabled", {"value": True})
    driver.get_static(dash_duo.server_url.rstrip("/") + dash_app.urls.page_path("homicides", "en"))
    assert dash_duo.find_element("#page-heading").text == t("page.homicides.heading", "en")
    table = dash_duo.find_element("#table-homicides_annual")
    assert table.is_displayed() and len(table.find_elements("css selector", "tbody tr")) > 10
    assert not dash_duo.find_element(".chart-tablist").is_displayed()  # tabs need a script; every panel shows


def test_plotly_is_fetched_when_a_chart_nears_the_viewport_and_drawn_there(dash_duo, dash_app):
    dash_duo.start_server(dash_app)
    driver = dash_duo.driver
    driver.set_window_size(360, 740)
    driver.get(dash_duo.server_url.rstrip("/") + dash_app.urls.page_path("homicides", "es"))
    fetched = "return performance.getEntriesByType('resource').some(r => r.name.includes('plotly'))"
    dash_duo.wait_for_element("#graph-homicides_annual", timeout=10)
    if not driver.execute_script("return document.querySelector('#graph-homicides_annual').getBoundingClientRect().top < innerHeight + 300"):
        assert not driver.execute_script(fetched), "plotly.js fetched with no chart near the viewport"
    drawn(dash_duo, "#graph-homicides_annual")
    assert driver.execute_script(fetched)
    # The last chart of the page is far below: not drawn until the reader gets there.
    last = driver.execute_script("const g = [...document.querySelectorAll('.chart-panel:not([hidden]) .dash-graph')]; return '#' + g[g.length - 1].id")
    assert not driver.execute_script(f"return !!document.querySelector('{last} .main-svg')")
    drawn(dash_duo, last)
    assert dash_duo.get_logs() == []
