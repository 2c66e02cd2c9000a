"""The cluster map in a browser with the network blocked: metric and year change what is drawn,
suppressed clusters look suppressed, and a real mouse click opens the cluster's profile and puts
it in the address."""

from __future__ import annotations

import time

import pandas as pd
import pytest

from pazos_dash.i18n import cluster_name, fmt_number, t
from tests.browser.helpers import open_page, open_tab, drawn
from tests.conftest import PUBLISHED

pytestmark = pytest.mark.browser

_CLUSTERS = (
    "return document.querySelector('#graph-cluster_map .js-plotly-plot')._fullData"
    ".filter(t => t.meta && t.meta.cluster_id).map(t => ({id: t.meta.cluster_id, value: t.meta.value,"
    " suppressed: t.meta.suppressed, fill: t.fillcolor, pattern: t.fillpattern && t.fillpattern.shape}));"
)


def _open(dash_duo, dash_app, path: str, heading: str) -> None:
    open_page(dash_duo, dash_app, path, heading)
    drawn(dash_duo, "#graph-cluster_map")


def _drawn(dash_duo) -> dict[str, dict]:
    return {c["id"]: c for c in dash_duo.driver.execute_script(_CLUSTERS)}


def _published(year: int) -> pd.DataFrame:
    table = pd.read_csv(PUBLISHED / "homicides_by_cluster.csv")
    return table[(table["year"] == year) & table["cluster_id"].notna()].set_index("cluster_id")


def test_metric_and_year_change_the_map_to_the_published_rows(dash_duo, dash_app):
    _open(dash_duo, dash_app, "/en/clusters", t("page.clusters.heading", "en"))
    rows = _published(2023)
    assert {k: v["value"] for k, v in _drawn(dash_duo).items() if not v["suppressed"]} == \
        {k: float(v) for k, v in rows["homicides"].dropna().items()}

    dash_duo.find_element("#cluster_map-metric input[value='youth']").click()
    people = pd.read_csv(PUBLISHED / "youth_people.csv")
    people = people[(people["year"] == 2023) & people["cluster_id"].notna() & people["sex"].isna() & people["age_group"].isna()]
    expected = {r.cluster_id: float(r.people) for r in people.itertuples()}
    dash_duo._wait_for(lambda _: {k: v["value"] for k, v in _drawn(dash_duo).items()} == expected, timeout=10,
                       msg="young people per cluster were not drawn")
    assert dash_duo.get_logs() == []


def test_year_slider_moves_the_map_and_a_suppressed_cluster_is_drawn_as_suppressed(dash_duo, dash_app):
    table = pd.read_csv(PUBLISHED / "homicides_by_cluster.csv")
    year = int(table[table["cluster_id"].notna() & table["suppressed"]]["year"].iloc[0])
    _open(dash_duo, dash_app, f"/en/clusters?cluster_map-year={year}", t("page.clusters.heading", "en"))
    drawn = _drawn(dash_duo)
    rows = _published(year)
    for cluster_id, row in rows.iterrows():
        if row["suppressed"]:
            assert drawn[cluster_id]["suppressed"] and drawn[cluster_id]["value"] is None
            assert drawn[cluster_id]["fill"] == "#bdbdbd" and drawn[cluster_id]["pattern"] == "x"
        else:
            assert drawn[cluster_id]["value"] == float(row["homicides"])
    legend = dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('#graph-cluster_map .legendtext')).map(e => e.textContent);")
    assert "Suppressed (fewer than 5)" in legend
    open_tab(dash_duo, "cluster_map", "table")
    table_text = dash_duo.find_element("#table-cluster_map").text
    assert "yes" in table_text  # the table says 'suppressed: yes', never a 0
    assert dash_duo.get_logs() == []


# Where a real mouse must go to hit a cluster: a point inside its filled polygon as drawn, in
# viewport pixels (the SVG path's own isPointInFill decides, so a label or a gap does not count).
_INSIDE = """
const [cluster] = arguments;
const fill = Array.from(document.querySelectorAll('#graph-cluster_map .scatterlayer .trace'))
  .filter(g => { const t = g.__data__ && g.__data__[0] && g.__data__[0].trace; return t && t.meta && t.meta.cluster_id === cluster; })
  .map(g => g.querySelector('path.js-fill'))[0];
fill.scrollIntoView({block: 'center'});
const box = fill.getBoundingClientRect(), matrix = fill.getScreenCTM().inverse(), svg = fill.ownerSVGElement;
for (let step = 2; step <= 16; step *= 2) {
  for (let i = 1; i < step; i += 2) for (let j = 1; j < step; j += 2) {
    const x = box.left + box.width * i / step, y = box.top + box.height * j / step;
    const p = new DOMPoint(x, y).matrixTransform(matrix), point = svg.createSVGPoint();
    point.x = p.x; point.y = p.y;
    if (fill.isPointInFill(point)) return [Math.round(x), Math.round(y)];
  }
}
return null;
"""


def _click_cluster(dash_duo, cluster_id: str) -> None:
    """A real mouse click (move, press, release) inside the cluster's drawn polygon."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.actions.action_builder import ActionBuilder

    x, y = dash_duo.driver.execute_script(_INSIDE, cluster_id)
    actions = ActionBuilder(dash_duo.driver)
    actions.pointer_action.move_to_location(x, y).click()
    actions.perform()
    ActionChains(dash_duo.driver).reset_actions()


def test_clicking_a_cluster_opens_its_profile_and_puts_it_in_the_address(dash_duo, dash_app):
    _open(dash_duo, dash_app, "/clusteres?cluster_map-metric=rate", t("page.clusters.heading", "es"))
    assert t("profile.hint", "es") in dash_duo.find_element("#cluster-profile").text
    clusters = pd.read_csv(PUBLISHED / "clusters.csv").set_index("cluster_id")
    heading = t("profile.heading", "es", name=clusters.at["C3", "name"])

    _click_cluster(dash_duo, "C3")
    dash_duo.wait_for_text_to_equal("#profile-name", heading, timeout=10)
    assert dash_duo.find_element("#profile-residents").text == fmt_number(clusters.at["C3", "residents"], "es")
    assert dash_duo.find_element("#profile-neighbourhoods").text.count("Barrio 3-") == clusters.at["C3", "neighbourhoods"]
    address = dash_duo.driver.current_url
    assert "cluster=C3" in address and "cluster_map-metric=rate" in address  # the other keys are kept
    assert "cluster=C3" in dash_duo.find_element("#language-switch").get_attribute("href")
    assert dash_duo.get_logs() == []

    _click_cluster(dash_duo, "C5")  # another click replaces the cluster, without a new history entry
    dash_duo.wait_for_text_to_equal("#profile-name", t("profile.heading", "es", name=clusters.at["C5", "name"]), timeout=10)
    assert "cluster=C5" in dash_duo.driver.current_url and "C3" not in dash_duo.driver.current_url
    address = dash_duo.driver.current_url

    dash_duo.driver.get("about:blank")
    dash_duo.driver.get(address)  # a copied address or a bookmark opens the same profile
    dash_duo.wait_for_text_to_equal("#profile-name", t("profile.heading", "es", name=clusters.at["C5", "name"]), timeout=10)
    assert t("profile.trend", "es", metric=t("map.metric.rate", "es")) in dash_duo.find_element("#cluster-profile").text
    dash_duo.find_element("#cluster_map-metric input[value='homicides']").click()  # a metric change keeps it
    trend = t("profile.trend", "es", metric=t("map.metric.homicides", "es"))
    dash_duo._wait_for(lambda _: trend in dash_duo.find_element("#cluster-profile").text,
                       timeout=10, msg="the profile did not follow the metric")
    assert dash_duo.find_element("#profile-name").text == t("profile.heading", "es", name=clusters.at["C5", "name"])
    assert dash_duo.get_logs() == []


def test_clicking_a_cluster_in_the_embed_opens_its_profile_too(dash_duo, dash_app):
    dash_duo.start_server(dash_app)
    dash_duo.driver.get(dash_duo.server_url.rstrip("/") + "/en/embed/cluster_map")
    drawn(dash_duo, "#graph-cluster_map")
    _click_cluster(dash_duo, "C6")
    name = pd.read_csv(PUBLISHED / "clusters.csv").set_index("cluster_id").at["C6", "name"]
    dash_duo.wait_for_text_to_equal("#profile-name", t("profile.heading", "en", name=cluster_name(name, "en")), timeout=10)
    assert dash_duo.get_logs() == []  # the embed has no address store: nothing may fail for want of it


def test_the_network_is_really_blocked_and_the_map_page_does_not_need_it(dash_duo, dash_app):
    _open(dash_duo, dash_app, "/en/clusters", t("page.clusters.heading", "en"))
    reached = dash_duo.driver.execute_async_script(
        "const done = arguments[0];"
        "fetch('https://cdn.jsdelivr.net/npm/bootstrap@5.3.6/dist/css/bootstrap.min.css', {mode: 'no-cors'})"
        ".then(() => done(true)).catch(() => done(false));")
    assert reached is False
    dash_duo.reset_log_timestamp()  # the probe above logs its own failure
    dash_duo.driver.get(dash_duo.server_url + "/en/clusters")
    drawn(dash_duo, "#graph-cluster_map")
    assert dash_duo.get_logs() == []


_SLIDER = ("const s = document.querySelector('#cluster_map-year [role=slider]');"
           " return [s.getAttribute('aria-valuemin'), s.getAttribute('aria-valuemax'), s.getAttribute('aria-valuenow')].map(Number);")


def test_the_play_button_steps_through_the_years_and_pauses(dash_duo, dash_app):
    """Play and the step to the next year happen in the browser (assets/clientside.js); the
    year shown is the one in the address."""
    _open(dash_duo, dash_app, "/en/clusters", t("page.clusters.heading", "en"))
    first, last, _ = dash_duo.driver.execute_script(_SLIDER)
    dash_duo.driver.get(dash_duo.server_url + f"/en/clusters?cluster_map-year={last}")
    drawn(dash_duo, "#graph-cluster_map")
    dash_duo.find_element("#cluster_map-play").click()
    for year in (first, first + 1):  # after the last year it starts again from the first
        dash_duo._wait_for(lambda d: dash_duo.driver.execute_script(_SLIDER)[2] == year
                           and f"cluster_map-year={year}" in d.current_url, timeout=10, msg=f"the map did not reach {year}")
    dash_duo.find_element("#cluster_map-play").click()  # pause
    time.sleep(1.6)  # a step already under way when the button was pressed may still land
    paused = dash_duo.driver.execute_script(_SLIDER)[2]
    time.sleep(3.2)  # two more steps of the timer (1.5 s): nothing may move
    assert dash_duo.driver.execute_script(_SLIDER)[2] == paused
    assert dash_duo.get_logs() == []
