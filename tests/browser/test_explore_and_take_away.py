"""What Our World in Data's grapher gives a journalist, here: a year range and areas to compare
that live in the address (and survive a change of language), tabs for chart, table, map and
sources, a citation and a share menu that work on a phone, and images with their source drawn in."""

from __future__ import annotations

import re
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from selenium.webdriver.support.ui import Select

from pazos_dash.i18n import t
from tests.browser.conftest import wait_live
from tests.browser.helpers import open_page, open_tab, pick_years, plotted

pytestmark = pytest.mark.browser
CHART = "homicide_rate_comparison"


def _query(url: str) -> dict:
    return parse_qs(urlsplit(url).query, keep_blank_values=True)


def _view(dash_duo) -> tuple:
    """What the reader sees of the comparison chart: how many places are chosen in the picker, the
    years chosen, the lines drawn (their points)."""
    chosen = len(dash_duo.driver.find_elements("css selector", f"#{CHART}-compare .dash-dropdown-value-item"))
    years = tuple(Select(dash_duo.find_element(f"#{CHART}-{name}")).first_selected_option.get_attribute("value")
                  for name in ("year_from", "year_to"))
    lines = [(trace["x"], trace["y"]) for trace in plotted(dash_duo, CHART)]
    return chosen, years, lines


def test_a_year_range_and_the_areas_compared_live_in_the_address_and_survive_the_other_language(dash_duo, dash_app):
    """Valle del Cauca and Colombia beside Palmira (Cali left out: the picker's own test types a
    name, tests/browser/test_place_picker.py), then a year range chosen: both in the address, the
    share link, the citation, and the same view in the other language."""
    open_page(dash_duo, dash_app, f"/en/homicides?{CHART}-compare=76,colombia", t("page.homicides.heading", "en"))
    driver = dash_duo.driver
    pick_years(dash_duo, CHART, "2010", "2020")
    dash_duo._wait_for(lambda d: f"{CHART}-year_to=2020" in d.current_url, timeout=10, msg="the years did not reach the address")
    address = driver.current_url
    assert _query(address)[f"{CHART}-compare"] == ["76,colombia"]  # several places in one key, by code
    assert _query(address)[f"{CHART}-year_from"] == ["2010"]
    chosen, years, lines = _view(dash_duo)
    assert chosen == 2 and years == ("2010", "2020")
    names = [trace["name"] for trace in plotted(dash_duo, CHART)]
    assert names[0].startswith("Palmira") and "Colombia" in names and not any("Cali" in n for n in names)
    assert all(2010 <= x <= 2020 for xs, _y in lines for x in xs)

    # The share menu's link is this view on its page; the reader copies it.
    dash_duo.find_element(f"#card-{CHART} .chart-share summary").click()
    dash_duo._wait_for(lambda _: "year_to=2020" in dash_duo.find_element(f"#{CHART}-share-link").get_attribute("value"),
                       timeout=10, msg="the share menu's link did not follow")
    copied = dash_duo.find_element(f"#{CHART}-share-link").get_attribute("value")
    assert _query(copied) == _query(address) and copied.endswith(f"#card-{CHART}")
    citation = dash_duo.find_element(f"#{CHART}-citation").get_attribute("textContent")
    assert copied in citation

    # Opened by someone else, then read in Spanish: the same view.
    driver.get("about:blank")
    driver.get(copied)
    dash_duo.wait_for_text_to_equal("#page-heading", t("page.homicides.heading", "en"), timeout=10)
    assert _view(dash_duo) == (chosen, years, lines)
    dash_duo.find_element("#language-switch").click()
    wait_live(driver)
    dash_duo.wait_for_text_to_equal("#page-heading", t("page.homicides.heading", "es"), timeout=10)
    assert _view(dash_duo) == (chosen, years, lines)
    assert _query(driver.current_url) == _query(address)
    # and the same query on the Spanish page directly
    driver.get(dash_duo.server_url + "/homicidios?" + urlsplit(copied).query)
    dash_duo.wait_for_text_to_equal("#page-heading", t("page.homicides.heading", "es"), timeout=10)
    assert _view(dash_duo) == (chosen, years, lines)
    assert dash_duo.get_logs() == []


def _text_of_svg(svg: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", svg)).replace("&amp;", "&")


def test_the_svg_and_png_images_carry_title_source_and_licence(dash_duo, dash_app, tmp_path):
    open_page(dash_duo, dash_app, "/en/homicides", t("page.homicides.heading", "en"))
    plotted(dash_duo, "homicides_annual")
    driver = dash_duo.driver
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)})
    dash_duo.find_element("#card-homicides_annual .chart-share summary").click()
    dash_duo.find_element("#homicides_annual-svg").click()
    image = tmp_path / "homicides_annual.svg"
    dash_duo._wait_for(lambda _: image.exists() and image.stat().st_size > 1000, timeout=15, msg="no SVG was saved")
    svg = image.read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<svg")
    text = _text_of_svg(svg)
    source = dash_duo.find_element("#homicides_annual-source").text  # the card's source line, licence in it
    assert t("chart.homicides_annual.title", "en") in text
    assert re.sub(r"\s+", " ", source) in text, (source, text[-600:])
    assert "Licence: Creative Commons Attribution 4.0" in text

    dash_duo.find_element("#homicides_annual-png").click()
    png = tmp_path / "homicides_annual.png"
    dash_duo._wait_for(lambda _: png.exists() and png.stat().st_size > 1000, timeout=15, msg="no PNG was saved")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert dash_duo.get_logs() == []


@pytest.mark.parametrize("lang, path", [("es", "/homicidios"), ("en", "/en/homicides")])
def test_tabs_share_menu_and_citation_work_on_a_phone(dash_duo, dash_app, lang, path):
    driver = dash_duo.driver
    driver.set_window_size(360, 740)
    try:
        open_page(dash_duo, dash_app, path, t("page.homicides.heading", lang))
        chart = "homicides_clusters_vs_rest"
        overflow = "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
        assert driver.execute_script(overflow) <= 0

        open_tab(dash_duo, chart, "table")
        assert dash_duo.find_element(f"#table-{chart}").is_displayed()
        assert not dash_duo.find_element(f"#graph-{chart}").is_displayed()
        assert dash_duo.find_element(f"#{chart}-tab-table").get_attribute("aria-selected") == "true"

        open_tab(dash_duo, chart, "map")
        dash_duo._wait_for(lambda _: driver.execute_script(
            f"return (document.querySelector('#graph-map-{chart} .js-plotly-plot') || {{}})._fullData"
            "?.some(tr => tr.meta && tr.meta.cluster_id)"), timeout=15, msg="the map tab drew no cluster")

        open_tab(dash_duo, chart, "sources")
        sources = dash_duo.find_element(f"#{chart}-sources").text
        assert "DIJIN" in sources and t("processing.derived_difference", lang)[:30] in sources

        open_tab(dash_duo, chart, "chart")
        assert dash_duo.find_element(f"#graph-{chart}").is_displayed()

        driver.execute_cdp_cmd("Browser.grantPermissions", {"permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"],
                                                             "origin": dash_duo.server_url})
        dash_duo.find_element(f"#card-{chart} .chart-share summary").click()
        link = dash_duo.find_element(f"#{chart}-share-link")
        assert link.is_displayed() and link.get_attribute("value").endswith(f"#card-{chart}")
        dash_duo.find_element(f"#card-{chart} .copy-link").click()
        time.sleep(0.5)
        assert driver.execute_async_script("navigator.clipboard.readText().then(arguments[0])") == link.get_attribute("value")

        dash_duo.find_element(f"#card-{chart} .chart-cite summary").click()
        citation = dash_duo.find_element(f"#{chart}-citation")
        assert citation.is_displayed() and t("chart.homicides_clusters_vs_rest.title", lang) in citation.text
        dash_duo.find_element(f"#card-{chart} .copy-citation").click()
        time.sleep(0.5)
        assert driver.execute_async_script("navigator.clipboard.readText().then(arguments[0])") == citation.get_attribute("textContent")
        dash_duo.find_element(f"#card-{chart} .copy-bibtex").click()
        time.sleep(0.5)
        assert driver.execute_async_script("navigator.clipboard.readText().then(arguments[0])").startswith("@misc{pazos_")
        assert driver.execute_script(overflow) <= 0  # nothing opened wider than the phone
        assert dash_duo.get_logs() == []
    finally:
        driver.set_window_size(1280, 900)
