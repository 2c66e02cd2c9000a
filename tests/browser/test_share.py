"""Citable and shareable: the address holds the view, and every download is what is plotted."""

from __future__ import annotations


import base64
from datetime import date

import pytest
import requests

from pazos_dash.i18n import fmt_date, t
from tests.browser.conftest import wait_live
from tests.browser.helpers import choose, open_page, plotted, published_series

pytestmark = pytest.mark.browser


def _reported(dash_duo, lang: str) -> dict:
    return published_series(dash_duo, "homicides_annual", lang)


def _selected(dash_duo, chart_id: str, option: str) -> str:
    return dash_duo.find_element(f"#{chart_id}-{option} input:checked").get_attribute("value")


def test_a_copied_address_reopens_the_same_view_in_either_language(dash_duo, dash_app):
    open_page(dash_duo, dash_app, "/en/homicides", t("page.homicides.heading", "en"))
    choose(dash_duo, "homicides_annual", "measure", "rate_per_100k")
    choose(dash_duo, "homicides_breakdown", "dimension", "weapon")
    choose(dash_duo, "homicides_breakdown", "measure", "share")
    driver = dash_duo.driver
    dash_duo._wait_for(lambda d: "homicides_breakdown-measure=share" in d.current_url, timeout=10, msg="the address did not follow")
    address = driver.current_url
    assert "homicides_annual-measure=rate_per_100k" in address and "homicides_breakdown-dimension=weapon" in address
    # The card's permalink is its own selection on its page, written in the browser by the same
    # codec as the share link the server writes: after one click, they are the same address.
    dash_duo.find_element("#card-homicides_breakdown .chart-share summary").click()
    share = "#homicides_breakdown-share-link"
    dash_duo._wait_for(lambda _: "homicides_breakdown-measure=share" in dash_duo.find_element(share).get_attribute("value"),
                       timeout=10, msg="the share link did not follow")
    permalink = dash_duo.find_element("#homicides_breakdown-permalink").get_attribute("href")
    assert permalink == dash_duo.find_element(share).get_attribute("value")
    assert permalink.endswith("/en/homicides?homicides_breakdown-dimension=weapon&homicides_breakdown-measure=share"
                              "#card-homicides_breakdown")
    drawn = (_reported(dash_duo, "en")["y"], plotted(dash_duo, "homicides_breakdown"))

    driver.get("about:blank")
    driver.get(address)  # a reader opening the shared link
    dash_duo.wait_for_text_to_equal("#page-heading", t("page.homicides.heading", "en"), timeout=10)
    assert _selected(dash_duo, "homicides_annual", "measure") == "rate_per_100k"
    assert _selected(dash_duo, "homicides_breakdown", "dimension") == "weapon"
    assert _selected(dash_duo, "homicides_breakdown", "measure") == "share"
    assert (_reported(dash_duo, "en")["y"], plotted(dash_duo, "homicides_breakdown")) == drawn

    # The language switch carries the view across; back at its default, an option leaves the address.
    choose(dash_duo, "homicides_annual", "measure", "homicides")
    dash_duo._wait_for(lambda d: "homicides_annual-measure" not in d.find_element("css selector", "#language-switch").get_attribute("href"),
                       timeout=10, msg="the language switch did not follow")
    assert "homicides_annual-measure" not in driver.current_url
    assert "homicides_breakdown-dimension=weapon" in dash_duo.find_element("#language-switch").get_attribute("href")
    dash_duo.find_element("#language-switch").click()
    wait_live(dash_duo.driver)
    dash_duo.wait_for_text_to_equal("#page-heading", t("page.homicides.heading", "es"), timeout=10)
    assert _selected(dash_duo, "homicides_annual", "measure") == "homicides"
    assert _selected(dash_duo, "homicides_breakdown", "dimension") == "weapon"
    assert dash_duo.get_logs() == []


def test_the_catalogue_lists_every_dataset_with_its_dictionary_flag_and_downloads(dash_duo, dash_app):
    open_page(dash_duo, dash_app, "/en/data", t("page.data.heading", "en"))
    package = dash_app.server.config["PAZOS_RUNTIME"].package
    entries = dash_duo.driver.find_elements("css selector", "#catalogue .catalogue-entry")
    assert len(entries) == len(package.resources)
    for resource in package.resources.values():
        entry = dash_duo.find_element(f"#catalogue-{resource.name}")
        assert entry.get_attribute("data-demo") == ("true" if resource.demo else "false")
        assert resource.title["en"] in entry.text
        dash_duo.find_element(f"#dictionary-{resource.name} summary").click()
        names = [c.text for c in entry.find_elements("css selector", f"#dictionary-{resource.name} tbody th code")]
        assert names == resource.field_names
    archive = requests.get(dash_duo.find_element("#package-zip").get_attribute("href"), timeout=10)
    assert archive.status_code == 200 and archive.content[:2] == b"PK"
    assert dash_duo.find_element("#methodology").text.count("\n") > 10
    assert dash_duo.get_logs() == []


def test_a_chart_image_carries_its_title_and_source(dash_duo, dash_app, tmp_path):
    open_page(dash_duo, dash_app, "/en/homicides", t("page.homicides.heading", "en"))
    plotted(dash_duo, "homicides_annual")
    driver = dash_duo.driver
    layout = driver.execute_script(
        "return Plotly.figureForImage(document.querySelector('#graph-homicides_annual .js-plotly-plot')).layout")
    assert layout["title"]["text"] == dash_duo.find_element("#homicides_annual-title").text
    assert "DIJIN" in layout["annotations"][-1]["text"]  # the card's source line, in English

    # The mode bar's camera saves that image.
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)})
    driver.execute_script("document.querySelector('#graph-homicides_annual .modebar-btn[data-title*=\"PNG\"]').click()")
    image = tmp_path / "homicides_annual.png"
    dash_duo._wait_for(lambda _: image.exists() and image.stat().st_size > 1000, timeout=10, msg="no PNG was saved")
    assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert dash_duo.get_logs() == []


def test_a_page_prints_with_title_address_date_charts_and_sources_but_no_controls_in_under_1_mb(dash_duo, dash_app):
    open_page(dash_duo, dash_app, "/en/homicides", t("page.homicides.heading", "en"))
    plotted(dash_duo, "homicides_annual")
    plotted(dash_duo, "homicides_clusters_vs_rest")  # hatched bars: each one a bitmap in a PDF, unless flattened for paper
    choose(dash_duo, "homicides_annual", "measure", "rate_per_100k")
    driver = dash_duo.driver
    shown = "return getComputedStyle(document.querySelector(arguments[0])).display"
    assert driver.execute_script(shown, ".print-header") == "none"  # paper only
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    assert driver.execute_script(shown, ".site-navbar") == "none"
    for hidden in (".chart-controls", ".chart-actions", ".chart-tablist", ".chart-menus"):
        assert driver.execute_script(shown, f"#card-homicides_annual {hidden}") == "none", hidden
    assert driver.execute_script(shown, "#card-homicides_annual .chart-source") != "none"
    assert driver.execute_script(shown, "#graph-homicides_annual") != "none"
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69})  # A4
    size = len(base64.b64decode(pdf["data"]))
    assert 10_000 < size < 1_000_000, f"the homicide page prints to {size:,} bytes"
    # What heads the paper: the site, the address with the selection as it is now, the date.
    header = dash_duo.find_element(".print-header").text
    assert driver.current_url in header and "homicides_annual-measure=rate_per_100k" in header
    assert t("print.date", "en", date=fmt_date(date.today().isoformat(), "en")) in header
    assert dash_duo.find_element("#page-heading").is_displayed()
    # After printing, the screen keeps its hatches.
    fills = driver.execute_script("return Array.from(document.querySelectorAll('#graph-homicides_clusters_vs_rest path'))"
                                  ".map(p => p.style.fill).filter(f => f.startsWith('url('))")
    assert fills, "the hatched bars came back from paper without their pattern"
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


# The image the share menu saves, drawn off screen as Plotly.downloadImage draws it: its title,
# and where its source line starts against the bottom of the x axis' title.
_IMAGE = """
const done = arguments[arguments.length - 1];
const gd = document.querySelector('#graph-' + arguments[0] + ' .js-plotly-plot');
const figure = Plotly.figureForImage(gd);
const div = document.createElement('div');
div.style.position = 'absolute'; div.style.left = '0'; div.style.top = '0';
document.body.appendChild(div);
Plotly.newPlot(div, figure.data, figure.layout, {staticPlot: true}).then(() => {
  const axis = div.querySelector('.xtitle').getBoundingClientRect();
  const notes = div.querySelectorAll('.annotation');
  const source = notes[notes.length - 1].getBoundingClientRect();
  const result = {title: figure.layout.title.text, axisBottom: axis.bottom, sourceTop: source.top,
                  source: notes[notes.length - 1].textContent};
  Plotly.purge(div); div.remove();
  done(result);
});
"""


def test_an_image_after_unchecking_a_place_names_only_the_places_shown(dash_duo, dash_app):
    """Taking Cali out: the card's title, the saved image's title and its citation no longer name
    Cali; the image's source line sits under the axis title, not over it."""
    open_page(dash_duo, dash_app, "/homicidios", t("page.homicides.heading", "es"))
    plotted(dash_duo, "homicide_rate_comparison")
    driver = dash_duo.driver
    driver.set_script_timeout(20)
    before = driver.execute_async_script(_IMAGE, "homicide_rate_comparison")
    assert "Cali" in before["title"] and before["sourceTop"] >= before["axisBottom"], before
    # Cali taken out in the place picker (Dash 4's dropdown): typed, then its ticked option clicked
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    from tests.browser.test_place_picker import _open_picker

    search = _open_picker(dash_duo)
    search.send_keys("Cali")
    wanted = "Cali (Valle del Cauca)"
    dash_duo._wait_for(lambda d: any(o.text.strip() == wanted for o in d.find_elements(By.CSS_SELECTOR, ".dash-dropdown-option")),
                       timeout=10, msg="Cali is not offered")
    next(o for o in driver.find_elements(By.CSS_SELECTOR, ".dash-dropdown-option") if o.text.strip() == wanted).click()
    search.send_keys(Keys.ESCAPE)
    dash_duo._wait_for(lambda d: "Cali" not in d.find_element("css selector", "#homicide_rate_comparison-title").text,
                       timeout=10, msg="the card's title still names Cali")
    dash_duo._wait_for(lambda d: "Cali" not in str([tr["name"] for tr in plotted(dash_duo, "homicide_rate_comparison")]),
                       timeout=10, msg="Cali is still drawn")
    after = driver.execute_async_script(_IMAGE, "homicide_rate_comparison")
    assert "Cali" not in after["title"] and "Colombia" in after["title"], after
    assert after["sourceTop"] >= after["axisBottom"], after  # the source line does not overprint the axis title
    assert "Policía" in after["source"]
    cite = driver.execute_script("return document.getElementById('homicide_rate_comparison-cite-body').textContent")
    assert "Colombia" in cite and "Cali" not in cite
    assert dash_duo.get_logs() == []
