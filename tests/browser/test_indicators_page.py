"""The indicator scoreboard in a browser: filters change the rows, statuses follow the written rule,
and the CSV holds exactly the rows shown."""

from __future__ import annotations

import pandas as pd
import pytest
from selenium.webdriver.common.by import By

from pazos_dash.i18n import t
from tests.browser.helpers import csv_of, open_page, drawn
from tests.conftest import PUBLISHED

pytestmark = pytest.mark.browser


def _rule(baseline, baseline_year, target, target_year, latest, latest_year, direction) -> str:
    """The rule as the page writes it, re-implemented here independently of the app."""
    if any(pd.isna(v) for v in (baseline, target, latest, baseline_year, target_year)) or latest_year <= baseline_year:
        return "no_data"
    met = latest <= target if direction == "lower_is_better" else latest >= target
    if latest_year >= target_year:  # the target's year has come: met or missed, never a forecast
        return "met" if met else "missed"
    expected = min(max((latest_year - baseline_year) / (target_year - baseline_year), 0), 1)
    progress = (latest - baseline) / (target - baseline)
    if met or progress >= expected - 0.10:
        return "on_track"
    return "at_risk" if progress >= 0 else "off_track"


def _graded(values: pd.DataFrame, indicator: str, target_year) -> pd.Series | None:
    """The value a target is graded with: its own year's (the page's written rule), or, while
    that year is ahead of every published value, the latest; None when the year has none."""
    mine = values[values["indicator_id"] == indicator]
    own = mine[mine["year"] == target_year]
    if len(own):
        return own.iloc[-1]
    return mine.iloc[-1] if len(mine) and values["year"].max() < target_year else None


def _published_statuses_and_progress() -> dict[str, tuple[str, float | None]]:
    """Each indicator's status (the rule above) and progress in % (1 decimal, as published), from the CSVs."""
    definitions = pd.read_csv(PUBLISHED / "indicators.csv").set_index("indicator_id")
    values = pd.read_csv(PUBLISHED / "indicator_values.csv").dropna(subset=["value"]).sort_values("year")
    facts = {}
    for indicator, d in definitions.iterrows():
        graded = _graded(values, indicator, d["target_year"])
        if graded is None:
            facts[indicator] = ("no_data", None)
            continue
        status = _rule(d["baseline"], d["baseline_year"], d["target"], d["target_year"], graded["value"], graded["year"], d["direction"])
        known = not any(pd.isna(v) for v in (d["baseline"], d["target"])) and d["target"] != d["baseline"]
        facts[indicator] = (status, round(100 * (graded["value"] - d["baseline"]) / (d["target"] - d["baseline"]), 1) if known else None)
    return facts


def _rows_shown(dash_duo) -> list[str]:
    # Read in one script call: the table may be re-rendered between two element look-ups.
    return dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('#table-indicator_scoreboard tbody tr')).map(r => r.dataset.indicator);")


def _open(dash_duo, dash_app, path: str, lang: str) -> None:
    open_page(dash_duo, dash_app, path, t("page.indicators.heading", lang))


def test_statuses_follow_the_written_rule_on_the_published_values(dash_duo, dash_app):
    _open(dash_duo, dash_app, "/en/indicators", "en")
    definitions = pd.read_csv(PUBLISHED / "indicators.csv").set_index("indicator_id")
    values = pd.read_csv(PUBLISHED / "indicator_values.csv").dropna(subset=["value"]).sort_values("year")
    for indicator in _rows_shown(dash_duo):
        d = definitions.loc[indicator]
        graded = _graded(values, indicator, d["target_year"])
        expected = "no_data" if graded is None else _rule(d["baseline"], d["baseline_year"], d["target"], d["target_year"],
                                                          graded["value"], graded["year"], d["direction"])
        badge = dash_duo.driver.find_element(By.CSS_SELECTOR, f"#indicator-row-{indicator} td[data-status]")
        assert badge.get_attribute("data-status") == expected, indicator
        assert badge.text == t(f"status.{expected}", "en")
    assert "10 points" in dash_duo.find_element("#status-rule").text
    assert dash_duo.get_logs() == []


def test_filters_change_the_rows_and_the_csv_holds_exactly_them(dash_duo, dash_app):
    _open(dash_duo, dash_app, "/seguimiento", "es")
    assert len(_rows_shown(dash_duo)) == 10
    dash_duo.find_element("#indicator_scoreboard-status input[value='met']").click()
    dash_duo._wait_for(lambda _: 0 < len(_rows_shown(dash_duo)) < 10, timeout=10, msg="the status filter did not apply")
    facts = _published_statuses_and_progress()
    graded_met = sorted((facts[i][1], i) for i in facts if facts[i][0] == "met")
    assert len({p for p, _ in graded_met}) > 1, "the published values cannot show whether the rows are sorted"
    dash_duo.find_element("#indicator_scoreboard-sort input[value='progress']").click()
    dash_duo._wait_for(lambda _: "sort=progress" in dash_duo.find_element("#download-indicator_scoreboard").get_attribute("href"),
                       timeout=10, msg="the sort did not apply")
    shown = _rows_shown(dash_duo)
    assert shown == [i for _, i in graded_met]  # least progress first
    csv = csv_of(dash_duo, "indicator_scoreboard")
    assert csv["indicator_id"].tolist() == shown
    assert set(csv["progress_status"]) == {"met"}
    dash_duo.find_element("#indicator_scoreboard-order input[value='desc']").click()
    dash_duo._wait_for(lambda _: _rows_shown(dash_duo) == [i for _, i in reversed(graded_met)], timeout=10,
                       msg="the descending order did not apply")
    assert dash_duo.get_logs() == []


def test_an_indicator_opens_its_detail_with_target_and_definition(dash_duo, dash_app):
    _open(dash_duo, dash_app, "/en/indicators?indicator_detail-indicator=young_people_served", "en")
    takeaway = dash_duo.find_element("#indicator_detail-takeaway").text
    assert "People aged 16 to 29 served at least once" in takeaway
    card = dash_duo.find_element("#card-indicator_detail")
    assert card.get_attribute("data-demo") == "true"
    drawn(dash_duo, "#graph-indicator_detail")
    names = dash_duo.driver.execute_script(
        "return document.querySelector('#graph-indicator_detail .js-plotly-plot')._fullData.map(t => t.name);")
    assert any(name.startswith("Target") for name in names)


_CARDS = """
const rows = Array.from(document.querySelectorAll('#table-indicator_scoreboard tbody tr'));
return {page: document.scrollingElement.scrollWidth, width: innerWidth,
        wrap: (w => [w.scrollWidth, w.clientWidth])(document.getElementById('table-wrap-indicator_scoreboard')),
        rows: rows.map(r => { const s = r.querySelector('td[data-status]').getBoundingClientRect();
                              return {id: r.dataset.indicator, right: s.right, labelled: getComputedStyle(r.querySelector('td[data-status]'), '::before').content}; })};
"""


def test_on_a_phone_the_scoreboard_is_a_list_of_cards_and_a_name_jumps_to_its_detail(dash_duo, dash_app):
    """At 360 px every indicator is a card whose status shows without scrolling sideways, each
    value under its column's name; tapping an indicator's name brings its detail card into view."""
    dash_duo.start_server(dash_app)
    driver = dash_duo.driver
    driver.set_window_size(360, 740)
    driver.get(dash_duo.server_url.rstrip("/") + "/seguimiento")
    dash_duo.wait_for_text_to_equal("#page-heading", t("page.indicators.heading", "es"), timeout=10)
    seen = driver.execute_script(_CARDS)
    assert seen["page"] <= seen["width"] and seen["wrap"][0] <= seen["wrap"][1], seen  # no sideways scroll box
    assert len(seen["rows"]) == 10 and all(r["right"] <= seen["width"] for r in seen["rows"]), seen
    assert all(t("scoreboard.status", "es") in r["labelled"] for r in seen["rows"]), seen
    last = seen["rows"][-1]["id"]
    link = driver.find_element(By.CSS_SELECTOR, f"#indicator-row-{last} th a")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", link)
    dash_duo._wait_for(lambda d: f"indicator_detail-indicator={last}" in d.current_url, timeout=10, msg="the address did not follow")
    in_view = ("const r = document.getElementById('card-indicator_detail').getBoundingClientRect();"
               "return r.top >= -2 && r.top < innerHeight / 2;")
    dash_duo._wait_for(lambda d: d.execute_script(in_view), timeout=10, msg="the detail card is not in view")
    assert dash_duo.get_logs() == []
