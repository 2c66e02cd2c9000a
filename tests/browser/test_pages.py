"""Every page, in Spanish and English, in a real headless Chromium."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from pazos_dash.i18n import t
from pazos_dash.pages import PAGES, title as page_title

pytestmark = pytest.mark.browser

PAGE_IDS = [page.page_id for page in PAGES]


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("page_id", PAGE_IDS)
def test_page_opens_with_its_title_navigation_and_no_console_errors(dash_duo, dash_app, page_id, lang):
    router = dash_app.urls
    dash_duo.start_server(dash_app)
    dash_duo.driver.get(dash_duo.server_url.rstrip("/") + router.page_path(page_id, lang))

    dash_duo.wait_for_text_to_equal("#page-heading", t(f"page.{page_id}.heading", lang), timeout=10)
    driver = dash_duo.driver
    assert driver.title == page_title(page_id, lang)
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang

    links = driver.find_elements(By.CSS_SELECTOR, ".site-navbar .nav-link")
    # The current page's link also tells screen readers so (a visually hidden suffix).
    current = f"{t(f'nav.{page_id}', lang)} ({t('shell.current', lang)})"
    assert [link.get_attribute("textContent") for link in links] == [
        current if p == page_id else t(f"nav.{p}", lang) for p in PAGE_IDS]
    active = driver.find_elements(By.CSS_SELECTOR, ".site-navbar .nav-link.active")
    assert [a.get_attribute("textContent") for a in active] == [current]

    switch = driver.find_element(By.ID, "language-switch")
    other = "en" if lang == "es" else "es"
    assert switch.get_attribute("href").endswith(router.page_path(page_id, other))

    assert dash_duo.get_logs() == []
