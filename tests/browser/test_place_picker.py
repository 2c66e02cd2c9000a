"""Palmira beside any place (issue 20): a reader types part of a municipality's name in the
comparison's picker, on a phone and on a desktop, picks it (a tap; the keyboard on a desktop),
and finds it in the chart (a trace named with its department), in the table and in the address."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlparse

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from pazos_dash.i18n import t
from tests.browser.helpers import drawn, open_tab, plotted

pytestmark = pytest.mark.browser

CHART = "homicide_rate_comparison"
PHONE, DESKTOP = (360, 740), (1366, 900)


def _open_picker(dash_duo):
    driver = dash_duo.driver
    picker = dash_duo.find_element(f"#{CHART}-compare")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", picker)
    time.sleep(0.3)
    trigger = picker if picker.tag_name == "button" else picker.find_element(By.CSS_SELECTOR, ".dash-dropdown, button")
    trigger.click()
    dash_duo.wait_for_element(".dash-dropdown-search", timeout=10)
    return driver.find_element(By.CSS_SELECTOR, ".dash-dropdown-search")


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone-360x740", "desktop-1366x900"])
def test_a_municipality_typed_in_part_is_in_the_chart_the_table_and_the_address(dash_duo, dash_app, size):
    dash_duo.start_server(dash_app)
    driver = dash_duo.driver
    driver.set_window_size(*size)
    driver.get(dash_duo.server_url.rstrip("/") + dash_app.urls.page_path("homicides", "en"))
    dash_duo.wait_for_text_to_equal("#page-heading", t("page.homicides.heading", "en"), timeout=10)
    drawn(dash_duo, f"#graph-{CHART}")
    search = _open_picker(dash_duo)
    search.send_keys("Tulu")
    wanted = "Tuluá (Valle del Cauca)"
    dash_duo._wait_for(lambda d: any(o.text.strip() == wanted for o in d.find_elements(By.CSS_SELECTOR, ".dash-dropdown-option")),
                       timeout=10, msg="Tuluá is not offered after typing 'Tulu'")
    if size == DESKTOP:  # the keyboard: the first match, Enter
        options = [o.text.strip() for o in driver.find_elements(By.CSS_SELECTOR, ".dash-dropdown-option")]
        search.send_keys(*([Keys.ARROW_DOWN] * (options.index(wanted) + 1)), Keys.ENTER)
    else:  # a tap
        next(o for o in driver.find_elements(By.CSS_SELECTOR, ".dash-dropdown-option") if o.text.strip() == wanted).click()
    search.send_keys(Keys.ESCAPE)
    # the address carries its DANE code beside the defaults
    dash_duo._wait_for(lambda d: "76834" in parse_qs(urlparse(d.current_url).query).get(f"{CHART}-compare", [""])[0], timeout=10,
                       msg="the address did not follow the choice")
    chosen = parse_qs(urlparse(driver.current_url).query)[f"{CHART}-compare"][0].split(",")
    assert set(chosen) == {"76001", "76", "colombia", "76834"}
    # the chart: a trace named with its department, beside Palmira and the defaults
    dash_duo._wait_for(lambda _: wanted in [tr["name"] for tr in plotted(dash_duo, CHART)], timeout=10, msg="no Tuluá trace")
    names = [tr["name"] for tr in plotted(dash_duo, CHART)]
    assert {"Palmira (Valle del Cauca)", "Cali (Valle del Cauca)", "Colombia", wanted} <= set(names)
    # the table: its rows
    open_tab(dash_duo, CHART, "table")
    rows = dash_duo.find_element(f"#table-{CHART}").text
    assert "Tuluá" in rows and "76834" in rows
    # and the download of this view
    assert "76834" in dash_duo.find_element(f"#download-{CHART}").get_attribute("href")
    assert dash_duo.get_logs() == []


def test_an_old_link_with_names_opens_on_the_same_places(dash_duo, dash_app):
    dash_duo.start_server(dash_app)
    dash_duo.driver.get(dash_duo.server_url.rstrip("/") + dash_app.urls.page_path("homicides", "en")
                        + f"?{CHART}-compare=Cali,Colombia")
    dash_duo.wait_for_text_to_equal("#page-heading", t("page.homicides.heading", "en"), timeout=10)
    names = {tr["name"] for tr in plotted(dash_duo, CHART)}
    assert {"Palmira (Valle del Cauca)", "Cali (Valle del Cauca)", "Colombia"} <= names
    assert t("control.department_of", "en", name="Valle del Cauca") not in names and "Valle del Cauca" not in names
