"""Getting around: the phone menu, the language switch, unknown addresses."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from pazos_dash.i18n import t
from pazos_dash.pages import title as page_title
from tests.browser.conftest import wait_live

pytestmark = pytest.mark.browser


def test_phone_menu_opens_and_navigates_at_360_px(dash_duo, dash_app):
    dash_duo.start_server(dash_app)
    dash_duo.driver.set_window_size(360, 780)
    dash_duo.driver.get(dash_duo.server_url + "/")
    dash_duo.wait_for_text_to_equal("#page-heading", t("page.overview.heading", "es"), timeout=10)
    link = dash_duo.find_element("#nav-youth")
    assert not link.is_displayed()
    width = dash_duo.driver.execute_script("return document.documentElement.scrollWidth;")
    assert width <= 360, "the page scrolls sideways on a phone"

    toggler = dash_duo.find_element("#navbar-toggler")
    toggler.click()
    dash_duo.wait_for_element("#nav-youth")
    dash_duo._wait_for(lambda _: link.is_displayed(), timeout=5, msg="menu did not open")
    assert dash_duo.driver.execute_script("return document.getElementById('navbar-menu').open")
    link.click()
    dash_duo.wait_for_text_to_equal("#page-heading", t("page.youth.heading", "es"), timeout=10)
    assert dash_duo.driver.current_url.endswith("/jovenes")
    assert dash_duo.get_logs() == []


def test_language_switch_keeps_the_page_and_the_link_is_shareable(dash_duo, dash_app):
    dash_duo.start_server(dash_app)
    dash_duo.driver.get(dash_duo.server_url + "/homicidios")
    dash_duo.wait_for_text_to_equal("#page-heading", t("page.homicides.heading", "es"), timeout=10)
    dash_duo.find_element("#language-switch").click()  # a full load: the server's copy, then the live page
    wait_live(dash_duo.driver)
    dash_duo.wait_for_text_to_equal("#page-heading", t("page.homicides.heading", "en"), timeout=10)
    shared = dash_duo.driver.current_url
    assert shared.endswith("/en/homicides")

    dash_duo.driver.get(dash_duo.server_url + "/")
    dash_duo.wait_for_text_to_equal("#page-heading", t("page.overview.heading", "es"), timeout=10)
    dash_duo.driver.get(shared)  # opening a shared link gives the same language
    dash_duo.wait_for_text_to_equal("#page-heading", t("page.homicides.heading", "en"), timeout=10)
    assert dash_duo.driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"


def test_in_app_navigation_stays_in_the_language(dash_duo, dash_app):
    dash_duo.start_server(dash_app)
    dash_duo.driver.get(dash_duo.server_url + "/en/")
    dash_duo.wait_for_text_to_equal("#page-heading", t("page.overview.heading", "en"), timeout=10)
    dash_duo.find_element("#nav-partners").click()
    dash_duo.wait_for_text_to_equal("#page-heading", t("page.partners.heading", "en"), timeout=10)
    assert dash_duo.driver.current_url.endswith("/en/partners")
    assert dash_duo.driver.title == page_title("partners", "en")
    assert dash_duo.get_logs() == []


@pytest.mark.parametrize("path, lang", [("/no-existe", "es"), ("/en/no-such-page", "en")])
def test_an_unknown_address_shows_the_not_found_page_in_its_language_with_the_site_around_it(dash_duo, dash_app, path, lang):
    dash_duo.start_server(dash_app)
    dash_duo.driver.set_window_size(360, 740)
    dash_duo.driver.get(dash_duo.server_url + path)
    dash_duo.wait_for_text_to_equal("#page-heading", t("page.not_found.title", lang), timeout=10)
    assert dash_duo.driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang
    assert dash_duo.driver.title == page_title("not_found", lang)
    assert t("page.not_found.body", lang) in dash_duo.find_element("#main").text
    assert dash_duo.driver.execute_script("return document.documentElement.scrollWidth;") <= 360
    # the phone menu works here too, and leads back into the site in the same language
    dash_duo.find_element("#navbar-toggler").click()
    link = dash_duo.find_element("#nav-homicides")
    dash_duo._wait_for(lambda _: link.is_displayed(), timeout=5, msg="menu did not open")
    link.click()
    dash_duo.wait_for_text_to_equal("#page-heading", t("page.homicides.heading", lang), timeout=10)
    # the only console error is the browser's note that the address answered 404
    assert [entry for entry in dash_duo.get_logs() if "status of 404" not in entry["message"]] == []


def test_the_not_found_page_reads_without_scripts(dash_duo, dash_app):
    """What crawlers and link checkers get: the page as the server wrote it, before any script."""
    dash_duo.start_server(dash_app)
    dash_duo.driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        dash_duo.driver.get_static(dash_duo.server_url + "/en/no-such-page")  # no script will replace it
        heading = dash_duo.driver.find_element(By.ID, "page-heading")
        assert heading.text == t("page.not_found.title", "en") and heading.is_displayed()
        home = dash_duo.driver.find_element(By.ID, "not-found-home")
        assert home.is_displayed() and home.get_attribute("href").endswith("/en")
        assert dash_duo.driver.find_element(By.ID, "nav-data").is_displayed()  # the navbar, open at this width
        assert dash_duo.driver.find_element(By.ID, "footer-methodology").is_displayed()
    finally:
        dash_duo.driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
