"""Browser tests open a page as a reader sees it: the server's copy first (static first,
assets/first-paint.js), then the live page over it. Dash starts when a reader interacts with a
card; a test that clicks or reads an element must meet the live one, so opening an address starts
Dash at once (`window.pazosStart()`, as a reader's first touch would) and waits until the live page
has replaced the copy; `driver.get_static` opens it without starting or waiting
(tests/browser/test_first_paint.py)."""

from __future__ import annotations

import pytest

LIVE = "return !document.getElementById('pazos-static')"
START = "window.pazosStart && window.pazosStart()"


def wait_live(driver, timeout: float = 20) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    driver.execute_script(START)
    WebDriverWait(driver, timeout).until(lambda d: d.execute_script(LIVE), "the live page never replaced the server's copy")


@pytest.fixture(autouse=True)
def _open_live_pages(request):
    if "dash_duo" not in request.fixturenames:
        yield
        return
    driver = request.getfixturevalue("dash_duo").driver
    get = driver.get

    def get_live(url: str) -> None:
        get(url)
        wait_live(driver)

    driver.get_static = get
    driver.get = get_live
    yield
