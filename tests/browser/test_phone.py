"""A phone first (issue 16): every page, in both languages, at 360×740 (and still at 1366×900).

What a reader on a phone would notice, measured in the page as drawn:
- the document never scrolls sideways;
- no two tick labels of an axis overlap, and no axis title sits on its tick labels;
- a chart's year axis spans the years of its data (half a year or so each side), never decades
  without data;
- every link and button is at least 24×24 px (WCAG 2.2, 2.5.8; links inside a sentence are
  exempt, as the criterion says);
- a vertical swipe over a chart scrolls the page and leaves the chart's axes as they were.
"""

from __future__ import annotations

import time

import pytest

from pazos_dash.i18n import t
from pazos_dash.pages import PAGES

pytestmark = pytest.mark.browser

PHONE, DESKTOP = (360, 740), (1366, 900)
PAGE_IDS = [page.page_id for page in PAGES] + ["present"]
TARGET = 24  # px, WCAG 2.2 success criterion 2.5.8 (minimum target size)
YEAR_PADDING = 1.0  # a year axis may reach at most this far beyond its data's first and last years


def path_of(dash_app, page_id: str, lang: str) -> str:
    return dash_app.urls.present(lang) if page_id == "present" else dash_app.urls.page_path(page_id, lang)


def heading_of(page_id: str, lang: str) -> str:
    return t("present.heading" if page_id == "present" else f"page.{page_id}.heading", lang)


def answer(driver, script: str, *args):
    """A script's answer, or False while the page is too busy to run it (a first, cold drawing)."""
    from selenium.common.exceptions import TimeoutException

    try:
        return driver.execute_script(script, *args)
    except TimeoutException:
        return False


def open_at(dash_duo, dash_app, page_id: str, lang: str, size: tuple[int, int]) -> None:
    """Open a page in a browser window of `size` (a phone: mobile viewport and touch), and wait
    until its charts are drawn for that width."""
    width, height = size
    driver = dash_duo.driver
    dash_duo.start_server(dash_app)
    phone = width < 576
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": phone})
    driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": phone, "maxTouchPoints": 5 if phone else 1})
    driver.get(dash_duo.server_url.rstrip("/") + path_of(dash_app, page_id, lang))
    dash_duo._wait_for(lambda d: d.execute_script("var h = document.getElementById('page-heading'); return h && h.textContent")
                       == heading_of(page_id, lang), timeout=10, msg=f"{page_id} ({lang}) did not open")
    # Every chart drawn, and on a phone redrawn for the narrow screen.
    dash_duo._wait_for(lambda d: answer(d, _DRAWN, phone), timeout=30,
                       msg=f"the charts of {page_id} ({lang}) were not drawn for {width} px")
    time.sleep(0.5)  # the last relayout (automargin) settles


_DRAWN = """
const phone = arguments[0];
// A chart is drawn when it nears the viewport (assets/first-paint.js): scroll to the first one
// not drawn yet, as a reader scrolling down the page does, and look again at the next poll.
const plotOf = el => el.matches('.js-plotly-plot') ? el : el.querySelector('.js-plotly-plot');
// Only the charts a reader can see: one in a closed tab or a slide not shown is drawn when opened.
const boxes = [...document.querySelectorAll('[id^="graph-"]:not([id^="graph-map-"]), [id^="slide-graph-"]')]
  .filter(el => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden');
const pending = boxes.find(el => { const g = plotOf(el); return !(g && g._fullLayout && (g.data || []).length); });
if (pending) { pending.scrollIntoView({block: 'center'}); return false; }
window.scrollTo(0, 0);
const graphs = boxes.map(plotOf);
// A narrow figure has its legend below, in the container (figures/theme.py NARROW_LAYOUT).
return graphs.every(g => !phone || (g.layout.legend && g.layout.legend.yref === 'container'));
"""

# Charts shown on screen: in an open tab and not in a hidden slide.
_VISIBLE_GRAPHS = """
return [...document.querySelectorAll('.js-plotly-plot')].filter(g => {
  const r = g.getBoundingClientRect();
  return g._fullLayout && r.width > 0 && r.height > 0 && getComputedStyle(g).visibility !== 'hidden'
    && !g.closest('.slide:not(.active)');
});
"""

_OVERLAPS = _VISIBLE_GRAPHS.replace("return [", "const graphs = [", 1) + """
const boxes = nodes => [...nodes].filter(n => n.textContent.trim()).map(n => ({text: n.textContent, r: n.getBoundingClientRect()}))
  .filter(b => b.r.width > 0);
const meet = (a, b) => a.r.left < b.r.right - 1 && b.r.left < a.r.right - 1 && a.r.top < b.r.bottom - 1 && b.r.top < a.r.bottom - 1;
const found = [];
for (const g of graphs) {
  const name = g.parentElement.id || g.closest('[id]').id;
  for (const axis of Object.keys(g._fullLayout).filter(k => /^[xy]axis\\d*$/.test(k))) {
    const id = g._fullLayout[axis]._id;  // x, y, y2
    const ticks = boxes(g.querySelectorAll(`g.${id}tick > text`));
    for (let i = 0; i < ticks.length; i++) for (let j = i + 1; j < ticks.length; j++)
      if (meet(ticks[i], ticks[j])) found.push(`${name} ${id}: "${ticks[i].text}" over "${ticks[j].text}"`);
    for (const title of boxes(g.querySelectorAll(`.g-${id}title text`)))
      for (const tick of ticks) if (meet(title, tick)) found.push(`${name} ${id}: title "${title.text}" over "${tick.text}"`);
  }
}
return found;
"""

_YEAR_RANGES = _VISIBLE_GRAPHS.replace("return [", "const graphs = [", 1) + """
const found = [];
for (const g of graphs) {
  const axis = g._fullLayout.xaxis;
  if (!axis || !axis.visible || axis.type !== 'linear') continue;
  const xs = g._fullData.filter(d => d.visible !== false && d.xaxis === 'x' && d.x)
    .flatMap(d => Array.from(d.x)).filter(v => typeof v === 'number' && !Number.isNaN(v));
  if (!xs.length || !xs.every(v => Number.isInteger(v) && v > 1900 && v < 2100)) continue;  // not a year axis
  found.push({chart: g.parentElement.id || g.closest('[id]').id, first: Math.min(...xs), last: Math.max(...xs),
              range: axis.range.slice()});
}
return found;
"""

# Links and buttons a finger has to hit. A link inside a sentence is exempt (WCAG 2.5.8 "inline").
_SMALL_TARGETS = """
const min = arguments[0];
const inSentence = el => el.tagName === 'A' && [...el.parentElement.childNodes]
  .some(n => n.nodeType === 3 && n.textContent.trim());
const shown = el => {
  const r = el.getBoundingClientRect();
  if (r.width <= 1 || r.height <= 1) return false;
  const style = getComputedStyle(el);
  if (style.visibility === 'hidden' || el.closest('[hidden], .slide:not(.active)')) return false;
  const details = el.closest('details:not([open])');
  return !details || el.parentElement === details;  // a closed menu shows only its summary
};
return [...document.querySelectorAll('a[href], button, summary, [role=tab], .modebar-btn')]
  .filter(el => shown(el) && !inSentence(el))
  .map(el => ({el: el.outerHTML.slice(0, 90), w: el.getBoundingClientRect().width, h: el.getBoundingClientRect().height}))
  .filter(x => x.w < min - 0.5 || x.h < min - 0.5)
  .map(x => `${Math.round(x.w)}×${Math.round(x.h)} ${x.el}`);
"""

_RANGES = _VISIBLE_GRAPHS.replace("return [", "const graphs = [", 1) + """
return graphs.map(g => Object.keys(g._fullLayout).filter(k => /^[xy]axis\\d*$/.test(k))
  .map(k => k + '=' + JSON.stringify(g._fullLayout[k].range)).join(' '));
"""


def problems_at(driver, size: tuple[int, int]) -> dict[str, list]:
    """Everything a reader at this size would notice, by check."""
    width = driver.execute_script("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    ranges = driver.execute_script(_YEAR_RANGES)
    return {
        "scrolls sideways": [f"document {width[0]} px wide in a {width[1]} px window"] if width[0] > width[1] else [],
        "tick labels overlap": driver.execute_script(_OVERLAPS),
        "year axis beyond its data": [f"{r['chart']}: {r['range']} for years {r['first']}–{r['last']}" for r in ranges
                                      if r["range"][0] < r["first"] - YEAR_PADDING or r["range"][1] > r["last"] + YEAR_PADDING],
        "tap targets under 24×24": driver.execute_script(_SMALL_TARGETS, TARGET),
    }


def swipe_up(driver, x: int, y: int, distance: int = 250) -> None:
    """A finger drags up over (x, y), as when scrolling down a page (Chrome DevTools Protocol)."""
    send = lambda kind, points: driver.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})
    send("touchStart", [{"x": x, "y": y}])
    for step in range(1, 11):
        send("touchMove", [{"x": x, "y": y - distance * step / 10}])
        time.sleep(0.02)
    send("touchEnd", [])
    time.sleep(0.6)


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["360x740", "1366x900"])
@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("page_id", PAGE_IDS)
def test_page_reads_at_this_width(dash_duo, dash_app, page_id, lang, size):
    open_at(dash_duo, dash_app, page_id, lang, size)
    problems = problems_at(dash_duo.driver, size)
    assert {check: found for check, found in problems.items() if found} == {}


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("page_id", [p for p in PAGE_IDS if p != "data"])
def test_a_swipe_over_a_chart_scrolls_the_page_and_leaves_the_chart_alone(dash_duo, dash_app, page_id, lang):
    open_at(dash_duo, dash_app, page_id, lang, PHONE)
    driver = dash_duo.driver
    graph = driver.execute_script(_VISIBLE_GRAPHS)[0]
    # The chart's middle at the middle of the screen, the page free to scroll on.
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", graph)
    time.sleep(0.3)
    before = driver.execute_script(_RANGES), driver.execute_script("return window.scrollY")
    box = driver.execute_script("const r = arguments[0].getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2];", graph)
    swipe_up(driver, int(box[0]), int(box[1]))
    after = driver.execute_script(_RANGES), driver.execute_script("return window.scrollY")
    assert after[0] == before[0], "a swipe changed a chart's axes (it zoomed or panned)"
    if page_id != "present":  # the deck is one screen; elsewhere the page goes on below the chart
        assert after[1] > before[1] + 50, "a swipe over the chart did not scroll the page"


_HEIGHTS = """
return [...document.querySelectorAll('.js-plotly-plot')].filter(g => g._fullLayout && g.getClientRects().length)
  .map(g => [g.parentElement.id || g.id, Math.round(g.getBoundingClientRect().height)]);
"""


def test_a_phone_turned_sideways_keeps_every_chart_within_the_screen(dash_duo, dash_app):
    """Turned to landscape (740×360), every drawn chart fits the window's height (none taller than
    the screen); turned upright again, each has its own height back."""
    open_at(dash_duo, dash_app, "homicides", "es", PHONE)
    driver = dash_duo.driver
    upright = dict(driver.execute_script(_HEIGHTS))
    assert upright and max(upright.values()) > 360, "a chart is taller than a phone turned sideways"
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 740, "height": 360, "deviceScaleFactor": 1, "mobile": True})
    dash_duo._wait_for(lambda d: (lambda h: h and all(v <= d.execute_script("return window.innerHeight") for v in h.values()))(
        dict(answer(d, _HEIGHTS) or [])), timeout=10, msg="a chart stayed taller than the landscape screen")
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 360, "height": 740, "deviceScaleFactor": 1, "mobile": True})
    dash_duo._wait_for(lambda d: {k: v for k, v in dict(answer(d, _HEIGHTS) or []).items() if k in upright} == upright,
                       timeout=10, msg="the charts did not get their own height back")
