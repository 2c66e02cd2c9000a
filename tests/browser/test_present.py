"""Presentation mode: the keyboard moves the deck, the address keeps the slide, and once open
it needs no network."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from pazos_dash.i18n import t
from pazos_dash.pages.present import SLIDES
from tests.browser.conftest import wait_live
from tests.browser.helpers import drawn

pytestmark = pytest.mark.browser


def _press(dash_duo, key) -> None:
    dash_duo.find_element("body").send_keys(key)


def _on_slide(dash_duo, number: int) -> None:
    dash_duo.wait_for_text_to_equal("#slide-counter", f"{number} / {len(SLIDES)}", timeout=5)
    active = dash_duo.driver.find_elements("css selector", ".slide.active")
    assert [a.get_attribute("id") for a in active] == [f"slide-{number - 1}"]
    assert f"slide={number}" in dash_duo.driver.current_url


def test_the_keyboard_moves_through_the_slides_even_offline(dash_duo, dash_app):
    dash_duo.start_server(dash_app)
    dash_duo.driver.get(dash_duo.server_url.rstrip("/") + "/en/present?slide=2")
    drawn(dash_duo, "#slide-1")
    dash_duo.wait_for_text_to_equal("#slide-counter", f"2 / {len(SLIDES)}", timeout=5)
    from pazos_dash.views import chart_view

    slide = SLIDES[1]  # its title names what its rows hold (the places compared), as the card's does
    expected = chart_view(dash_app.server.config["PAZOS_RUNTIME"], dash_app.urls, slide.chart, "en", options=slide.options).title
    assert dash_duo.find_element("#slide-1 .slide-title").text == expected

    # The council chamber's network drops: the deck goes on.
    dash_duo.driver.execute_cdp_cmd("Network.enable", {})
    dash_duo.driver.execute_cdp_cmd("Network.emulateNetworkConditions",
                                    {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    _press(dash_duo, Keys.ARROW_RIGHT)
    _on_slide(dash_duo, 3)
    _press(dash_duo, Keys.ARROW_LEFT)
    _press(dash_duo, Keys.ARROW_LEFT)
    _on_slide(dash_duo, 1)
    _press(dash_duo, Keys.ARROW_LEFT)  # nothing before the first
    _on_slide(dash_duo, 1)
    for _ in range(len(SLIDES) + 2):
        _press(dash_duo, Keys.ARROW_RIGHT)
    _on_slide(dash_duo, len(SLIDES))
    assert dash_duo.find_element(f"#slide-{len(SLIDES) - 1} table")  # the indicator scoreboard slide
    dash_duo.driver.execute_cdp_cmd("Network.emulateNetworkConditions",
                                    {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})

    _press(dash_duo, Keys.ESCAPE)
    dash_duo.wait_for_text_to_equal("#page-heading", t("page.overview.heading", "en"), timeout=10)
    assert dash_duo.get_logs() == []


def test_the_static_deck_moves_without_starting_dash(dash_duo, dash_app):
    """Static first: the deck is the server's copy (pictures of the charts), and the keys and
    buttons move it without Dash's scripts; a reader pointing at a chart starts the live page on
    the slide shown."""
    dash_duo.start_server(dash_app)
    driver = dash_duo.driver
    driver.set_window_size(1366, 768)
    driver.get_static(dash_duo.server_url.rstrip("/") + "/presentar?slide=2")
    dash_duo.wait_for_element("#pazos-static #slide-1.active img.static-chart", timeout=10)
    _press(dash_duo, Keys.ARROW_RIGHT)
    _on_slide(dash_duo, 3)
    dash_duo.find_element("#pazos-static #slide-prev").click()
    dash_duo.find_element("#pazos-static #slide-prev").click()
    _on_slide(dash_duo, 1)
    assert driver.find_element("css selector", "#slide-language").get_attribute("href").endswith("?slide=1")
    shown = driver.execute_script("const img = document.querySelector('#slide-0 img.static-chart');"
                                  "return img.complete && img.naturalWidth > 0 && img.getBoundingClientRect().height > 200;")
    assert shown, "the first slide's chart is not shown as a picture"
    assert driver.execute_script("const copy = document.getElementById('pazos-static');"
                                 "return !!copy && !copy.hasAttribute('aria-busy') && !window.DashRenderer;"), \
        "Dash started before a reader pointed at a chart"
    _press(dash_duo, Keys.ARROW_RIGHT)
    _on_slide(dash_duo, 2)
    ActionChains(driver).move_to_element(dash_duo.find_element("#pazos-static #slide-graph-1")).perform()
    dash_duo._wait_for(lambda d: d.execute_script("return !document.getElementById('pazos-static')"), timeout=20,
                       msg="pointing at a chart did not start the live deck")
    _on_slide(dash_duo, 2)
    drawn(dash_duo, "#slide-graph-1")
    assert dash_duo.get_logs() == []


def test_a_slide_address_opens_that_slide_in_the_other_language_too(dash_duo, dash_app):
    dash_duo.start_server(dash_app)
    dash_duo.driver.get(dash_duo.server_url.rstrip("/") + "/presentar?slide=4")
    dash_duo.wait_for_text_to_equal("#slide-counter", f"4 / {len(SLIDES)}", timeout=10)
    _press(dash_duo, Keys.ARROW_RIGHT)
    _on_slide(dash_duo, 5)
    dash_duo._wait_for(lambda d: d.find_element("css selector", "#slide-language").get_attribute("href").endswith("?slide=5"),
                       timeout=5, msg="the language link did not follow")
    dash_duo.find_element("#slide-language").click()
    wait_live(dash_duo.driver)
    dash_duo.wait_for_text_to_equal("#slide-counter", f"5 / {len(SLIDES)}", timeout=10)
    assert dash_duo.find_element("#slide-4 .slide-title").text == t(f"chart.{SLIDES[4][0]}.title", "en")
    assert dash_duo.get_logs() == []


def _find(component, wanted_id):
    """The component with id `wanted_id` in a Dash layout tree, or None."""
    if getattr(component, "id", None) == wanted_id:
        return component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if hasattr(child, "to_plotly_json") and (found := _find(child, wanted_id)) is not None:
            return found
    return None


@pytest.mark.parametrize("query", ["?slide=0", "?slide=99", "?slide=<b>", "?slide=-1", "?slide=3"])
def test_a_slide_number_opens_that_slide_and_a_bad_one_the_first(client, dash_app, query):
    """Dash answers 200 with its app shell for any path: the checks are on what the page holds."""
    import dash

    page = client.get(f"/presentar{query}").get_data(as_text=True)
    assert f"<title>{t('present.heading', 'es')} · {t('site.name', 'es')}</title>" in page  # the deck, not a 404
    assert "<b>" not in page
    raw = query.split("=", 1)[1]
    with dash_app.server.test_request_context(f"/presentar{query}"):
        layout = dash.page_registry["pazos_dash.pages.present.es"]["layout"](slide=raw)
    expected = int(raw) if raw == "3" else 1
    assert _find(layout, "slide-counter").children == f"{expected} / {len(SLIDES)}"
    assert _find(layout, "slide-index").data == expected - 1
    shown = [i for i in range(len(SLIDES)) if "active" in _find(layout, f"slide-{i}").className.split()]
    assert shown == [expected - 1]


def test_every_slide_names_its_sources_and_marks_demonstration_readably_on_a_projector(dash_duo, dash_app, runtime):
    """At 1920×1080 every slide shows its source line, and the demonstration strip wherever a
    shown row is demonstration, at 20 px or more; the map's cluster labels too."""
    from pazos_dash.views import chart_view

    dash_duo.start_server(dash_app)
    dash_duo.driver.set_window_size(1920, 1080)
    size = "return parseFloat(getComputedStyle(arguments[0]).fontSize);"
    for index, (chart_id, options, *_) in enumerate(SLIDES):
        view = chart_view(runtime, dash_app.urls, chart_id, "es", options=options)
        dash_duo.driver.get(dash_duo.server_url.rstrip("/") + f"/presentar?slide={index + 1}")
        dash_duo.wait_for_text_to_equal("#slide-counter", f"{index + 1} / {len(SLIDES)}", timeout=10)
        source = dash_duo.find_element(f"#slide-source-{index}")
        assert source.is_displayed() and dash_duo.driver.execute_script(size, source) >= 20, chart_id
        for cited in view.provenance.sources:
            assert cited.title in source.text, (chart_id, cited.title)
        strips = dash_duo.driver.find_elements("css selector", f"#slide-demo-{index}")
        assert bool(strips) is view.provenance.demo, chart_id
        if strips:
            assert strips[0].is_displayed() and dash_duo.driver.execute_script(size, strips[0]) >= 20, chart_id
        if chart_id == "cluster_map":
            drawn(dash_duo, f"#slide-graph-{index}")
            labels = dash_duo.driver.execute_script(
                "return Array.from(document.querySelectorAll(arguments[0] + ' .textpoint text'))"
                ".map(t => [t.textContent, parseFloat(t.style.fontSize || getComputedStyle(t).fontSize)]);", f"#slide-graph-{index}")
            names = set(runtime.package.table("clusters")["name"])
            sized = {text: px for text, px in labels if text in names}
            assert set(sized) == names and min(sized.values()) >= 20, sized
        if chart_id == "indicator_scoreboard":
            note = dash_duo.find_element(f"#slide-{index} .scoreboard-note")
            assert "*" in note.text and dash_duo.driver.execute_script(size, note) >= 20
    assert dash_duo.get_logs() == []


# Every text of the shown slide: its rectangle, font size, and whether a box that clips it (an
# ancestor with overflow other than visible) cuts it. Hidden text (visually-hidden captions,
# plotly's unused hover layer) is skipped.
_TEXTS = """
const slide = document.querySelector('.slide.active');
const controls = document.querySelector('.slide-controls').getBoundingClientRect();
const out = [];
for (const root of [slide, document.querySelector('.slide-controls')]) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.textContent.trim();
    const el = node.parentElement;
    if (!text || !el.getClientRects().length || el.closest('.visually-hidden')) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none' || parseFloat(style.opacity) === 0) continue;
    const range = document.createRange(); range.selectNodeContents(node);
    const r = range.getBoundingClientRect();
    if (!r.width || !r.height) continue;
    let clipped = false;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflowX !== 'visible' || s.overflowY !== 'visible') {
        const b = a.getBoundingClientRect();
        if (r.top < b.top - 1 || r.bottom > b.bottom + 1 || r.left < b.left - 1 || r.right > b.right + 1) { clipped = true; break; }
      }
    }
    out.push({text: text.slice(0, 40), px: parseFloat(style.fontSize), top: r.top, bottom: r.bottom, left: r.left,
              right: r.right, clipped: clipped, inControls: root !== slide});
  }
}
return {texts: out, controlsTop: controls.top, width: innerWidth, height: innerHeight,
        scroll: [document.scrollingElement.scrollWidth, document.scrollingElement.scrollHeight]};
"""


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_every_slide_fits_the_screen_with_text_of_18_px_or_more(dash_duo, dash_app, size):
    """A laptop at 1366×768 and a projector at 1920×1080: every slide whole on the screen (nothing
    under the controls, past the edge or cut by a scroll box), no text under 18 px (the SDG labels,
    the chart's ticks and in-chart marks too)."""
    dash_duo.start_server(dash_app)
    driver = dash_duo.driver
    driver.set_window_size(*size)
    inner = driver.execute_script("return [innerWidth, innerHeight]")
    driver.set_window_size(2 * size[0] - inner[0], 2 * size[1] - inner[1])  # the page's viewport, not the window
    problems = {}
    for index in range(len(SLIDES)):
        driver.get(dash_duo.server_url.rstrip("/") + f"/presentar?slide={index + 1}")
        dash_duo.wait_for_text_to_equal("#slide-counter", f"{index + 1} / {len(SLIDES)}", timeout=10)
        if driver.find_elements("css selector", f"#slide-graph-{index}"):
            drawn(dash_duo, f"#slide-graph-{index}")
        seen = driver.execute_script(_TEXTS)
        assert [seen["width"], seen["height"]] == list(size)
        small = sorted({(x["text"], x["px"]) for x in seen["texts"] if x["px"] < 18})
        outside = [x["text"] for x in seen["texts"] if x["clipped"] or x["right"] > seen["width"] + 1 or x["top"] < -1
                   or (not x["inControls"] and x["bottom"] > seen["controlsTop"] + 1) or x["bottom"] > seen["height"] + 1]
        if small or outside or seen["scroll"][0] > size[0] or seen["scroll"][1] > size[1]:
            problems[SLIDES[index].chart] = {"small": small[:8], "outside": outside[:8], "scroll": seen["scroll"]}
    assert not problems, problems


def test_the_scoreboard_slides_show_every_indicator(dash_duo, dash_app, runtime):
    dash_duo.start_server(dash_app)
    driver = dash_duo.driver
    driver.set_window_size(1366, 768)
    shown = []
    for index, slide in enumerate(SLIDES):
        if slide.chart != "indicator_scoreboard":
            continue
        driver.get(dash_duo.server_url.rstrip("/") + f"/presentar?slide={index + 1}")
        dash_duo.wait_for_text_to_equal("#slide-counter", f"{index + 1} / {len(SLIDES)}", timeout=10)
        shown += [row.get_attribute("data-indicator") for row in driver.find_elements("css selector", ".slide.active tbody tr")
                  if row.is_displayed()]
    assert sorted(shown) == sorted(runtime.package.table("indicators")["indicator_id"])
    assert len(shown) == len(set(shown))


def test_the_first_slide_answers_what_happened_during_pazos(client, dash_app):
    """The deck opens on the overview's answer (the PAZOS-period average against the years
    before, from the same query), not on the latest year's count over a chart of rates."""
    es = client.get("/").get_data(as_text=True)
    deck = client.get("/presentar").get_data(as_text=True)
    import re

    lead = re.search(r'id="headline-lead"[^>]*>([^<]+)<', es).group(1)
    first = re.search(r'id="slide-0".*?id="slide-1"', deck, re.S).group(0)
    assert lead in first
    assert "2024" not in first.split('class="slide-takeaway"', 1)[1][:300]  # not the latest year's count
