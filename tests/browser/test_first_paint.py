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


# --- Static first ----------------------------------------------------------------------------

SOURCE_KEYS = r"\[\d+\](; \[\d+\])*"


def test_a_phone_with_scripts_blocked_has_a_menu_pictures_and_tables_that_name_their_sources_once(dash_duo, dash_app, runtime):
    import re

    from pazos_dash.views import chart_view

    dash_duo.start_server(dash_app)
    driver = dash_duo.driver
    driver.set_window_size(360, 740)
    _cdp(driver, "Emulation.setScriptExecutionDisabled", {"value": True})
    driver.get_static(dash_duo.server_url.rstrip("/") + dash_app.urls.page_path("homicides", "es"))
    # the menu opens and leads on
    link = dash_duo.find_element("#nav-youth")
    assert not link.is_displayed()
    dash_duo.find_element("#navbar-toggler").click()
    assert link.is_displayed(), "the phone menu does not open without scripts"
    # the chart is there as a picture, drawn for a phone; controls that need a script are not
    picture = dash_duo.find_element("#graph-homicides_annual img.static-chart")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", picture)
    dash_duo._wait_for(lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", picture),
                       timeout=5, msg="the chart's picture did not load")
    assert picture.is_displayed() and "310x" in driver.execute_script("return arguments[0].currentSrc", picture)
    for hidden in (".chart-controls", ".chart-image-buttons", ".copy-button"):
        assert not any(e.is_displayed() for e in driver.find_elements("css selector", hidden)), hidden
    # every table keys its rows' sources and names each source once, under the table
    tables = driver.find_elements("css selector", ".chart-table")
    keyed = 0
    for table in tables:
        cells = [c.text for c in table.find_elements("css selector", "tbody td[data-column='source']")]
        if not cells:
            continue
        keyed += 1
        assert all(re.fullmatch(SOURCE_KEYS, cell) for cell in cells), f"{table.get_attribute('id')}: {cells[:2]}"
        assert table.find_element("css selector", "tfoot").is_displayed()
    assert keyed >= 3
    view = chart_view(runtime, dash_app.urls, "homicides_annual", "es")
    text = dash_duo.find_element("#table-homicides_annual").text
    assert all(text.count(source.title) == 1 for source in view.provenance.sources)


def test_dash_waits_for_a_reader_and_a_changed_control_carries_over_to_the_live_page(dash_duo, dash_app):
    from selenium.webdriver.support.ui import Select

    dash_duo.start_server(dash_app)
    driver = dash_duo.driver
    driver.set_window_size(1366, 900)
    driver.get_static(dash_duo.server_url.rstrip("/") + dash_app.urls.page_path("homicides", "es"))
    dash_duo._wait_for(lambda d: d.execute_script("return document.readyState === 'complete'"), timeout=10, msg="the page did not load")
    assert dash_duo.find_element("#graph-homicides_annual img.static-chart").is_displayed()
    fetched = "return performance.getEntriesByType('resource').map(r => r.name).filter(n => /dash_renderer|react-dom|plotly/.test(n))"
    assert driver.execute_script(fetched) == [], "Dash or plotly.js fetched before a reader did anything"
    assert driver.execute_script("return !!document.getElementById('pazos-static') && !window.DashRenderer")
    # a tab of the copy opens at once, with no script of Dash's
    dash_duo.find_element("#pazos-static #homicides_annual-tab-table").click()
    assert dash_duo.find_element("#pazos-static #table-homicides_annual").is_displayed()
    assert driver.execute_script(fetched) == []
    # a changed control: the live page opens on the chosen view, the table tab still open
    Select(dash_duo.find_element("#pazos-static #homicides_annual-year_from")).select_by_value("2010")
    wait_live(driver)
    assert "homicides_annual-year_from=2010" in driver.current_url
    assert Select(dash_duo.find_element("#homicides_annual-year_from")).first_selected_option.get_attribute("value") == "2010"
    dash_duo._wait_for(lambda d: dash_duo.find_element("#table-homicides_annual").is_displayed(), timeout=10,
                       msg="the table tab the reader opened was closed by the live page")
    first_year = dash_duo.find_element("#table-homicides_annual tbody tr td").text
    assert first_year == "2010"
    assert dash_duo.get_logs() == []


def test_printing_homicides_from_a_1920_px_window_keeps_every_year_of_the_annual_chart(dash_duo, dash_app, runtime):
    """On paper a chart fits the page's width (plotly.js drew it for the window's): the PDF holds
    the annual chart's year labels up to the last years. And it stays small (README: < 1 MB)."""
    import base64
    import io
    import re

    pypdf = pytest.importorskip("pypdf")
    dash_duo.start_server(dash_app)
    driver = dash_duo.driver
    driver.set_window_size(1920, 1000)
    years = [int(y) for y in runtime.chart_frame("homicides_annual")["year"]]

    def printed() -> tuple[int, str]:
        data = base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", {"printBackground": False})["data"])
        text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
        start = text.index(t("chart.homicides_annual.title", "es"))
        return len(data), text[start:start + 3000]

    for live in (True, False):  # the live page, and the server's copy (no reader has touched it)
        (driver.get if live else driver.get_static)(dash_duo.server_url.rstrip("/") + dash_app.urls.page_path("homicides", "es"))
        if live:
            drawn(dash_duo, "#graph-homicides_annual")
        else:
            dash_duo._wait_for(lambda d: d.execute_script(
                "const i = document.querySelector('#graph-homicides_annual img'); return i.complete && i.naturalWidth > 0"), timeout=10,
                msg="the chart's picture did not load")
        size, chart = printed()
        ticks = [int(y) for line in chart.splitlines() if re.fullmatch(r"(\d{4} )+\d{4}", line.strip()) for y in line.split()]
        assert ticks, f"no year axis in the printed chart ({'live' if live else 'copy'}): {chart[:400]!r}"
        assert max(ticks) >= max(years) - 2 and min(ticks) <= min(years) + 2, f"years cut on paper: {ticks}"
        assert size < 1_000_000, f"the PDF is {size / 1e6:.1f} MB"
