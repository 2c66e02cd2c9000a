"""What a reader sees in a chart card is what the CSV holds, and demonstration data says so."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from pazos_dash.i18n import t
from tests.browser.helpers import csv_of, open_page, open_tab, published_series, drawn

pytestmark = pytest.mark.browser


def _parse(text: str, lang: str) -> float:
    thousands, decimal = (".", ",") if lang == "es" else (",", ".")
    return float(text.replace(thousands, "").replace(decimal, ".").replace("\u2212", "-"))


@pytest.mark.parametrize("lang,path", [("es", "/homicidios"), ("en", "/en/homicides")])
def test_chart_table_and_csv_show_the_same_numbers(dash_duo, dash_app, lang, path):
    open_page(dash_duo, dash_app, path, t("page.homicides.heading", lang))
    csv = csv_of(dash_duo, "homicides_annual")

    reported = published_series(dash_duo, "homicides_annual", lang)
    assert reported["x"] == csv["year"].tolist()
    assert reported["y"] == csv["homicides"].tolist()

    open_tab(dash_duo, "homicides_annual", "table")
    table = dash_duo.find_element("#table-homicides_annual")
    cells = table.find_elements(By.CSS_SELECTOR, "tbody td[data-column='homicides']")
    assert [_parse(cell.text, lang) for cell in cells] == csv["homicides"].astype(float).tolist()
    rates = table.find_elements(By.CSS_SELECTOR, "tbody td[data-column='rate_per_100k']")
    # Rates read with one decimal on the page; the download keeps the published value.
    assert [_parse(cell.text, lang) for cell in rates] == [float(f"{v:.1f}") for v in csv["rate_per_100k"].tolist()]

    takeaway = dash_duo.find_element("#homicides_annual-takeaway").text
    latest = csv.dropna(subset=["homicides"]).iloc[-1]
    assert str(int(latest["year"])) in takeaway and str(int(latest["homicides"])) in takeaway
    assert dash_duo.get_logs() == []


def test_demonstration_data_is_announced_on_the_page_and_the_chart(dash_duo, dash_app):
    open_page(dash_duo, dash_app, "/en/clusters", t("page.clusters.heading", "en"))
    notice = dash_duo.find_element("#demo-notice")
    assert "demonstration data" in notice.text.lower()
    card = dash_duo.find_element("#card-cluster_residents")
    assert card.get_attribute("data-demo") == "true"
    assert t("demo.badge_some", "en") in card.text  # invented split of a real total: "includes"
    drawn(dash_duo, "#graph-cluster_residents")
    annotations = dash_duo.driver.execute_script(
        "return document.querySelector('#graph-cluster_residents .js-plotly-plot').layout.annotations.map(a => a.text);"
    )
    assert t("demo.watermark_some", "en") in annotations
    csv = csv_of(dash_duo, "cluster_residents")
    assert set(csv["status"]) == {"demo"}
    assert csv["residents"].sum() == 118195  # the real total from the founding document
    assert dash_duo.get_logs() == []


def test_demo_notice_names_exactly_the_cards_that_show_demonstration_rows(dash_duo, dash_app):
    """The page is not called demonstration: its notice links exactly the marked cards, and the
    official homicide series is not among them."""
    open_page(dash_duo, dash_app, "/en/homicides", t("page.homicides.heading", "en"))
    notice = dash_duo.find_element("#demo-notice")
    linked = {a.get_attribute("href").rsplit("#", 1)[1] for a in notice.find_elements(By.TAG_NAME, "a")}
    marked = {card.get_attribute("id") for card in dash_duo.driver.find_elements(By.CSS_SELECTOR, "[data-demo='true']")}
    assert linked == marked == {"card-homicides_clusters_vs_rest"}
    assert dash_duo.find_element("#card-homicides_annual").get_attribute("data-demo") == "false"
    assert "this page shows demonstration data" not in notice.text.lower()


def test_the_overview_opens_on_real_figures_without_a_demonstration_banner_over_them(dash_duo, dash_app):
    open_page(dash_duo, dash_app, "/", t("page.overview.heading", "es"))
    notice = dash_duo.find_element("#demo-notice")  # only the partners KPI is demonstration
    assert [a.text for a in notice.find_elements(By.TAG_NAME, "a")] == [t("kpi.partners.label", "es")]
    assert dash_duo.find_element("#card-homicides_annual").get_attribute("data-demo") == "false"
    assert dash_duo.find_element("#kpi-rate").get_attribute("data-demo") == "false"
    assert "DIJIN" in dash_duo.find_element("#kpi-rate").text


def test_page_without_demonstration_data_has_no_notice(dash_duo, dash_app):
    open_page(dash_duo, dash_app, "/ods", t("page.sdg.heading", "es"))
    assert dash_duo.driver.find_elements(By.ID, "demo-notice") == []


def test_footer_shows_update_date_licence_and_methodology_link(dash_duo, dash_app, runtime):
    from pazos_dash.i18n import fmt_date

    open_page(dash_duo, dash_app, "/en/", t("page.overview.heading", "en"))
    drawn(dash_duo, "#graph-homicides_annual")  # page has settled
    assert fmt_date(runtime.package.last_updated, "en") in dash_duo.find_element("#footer-updated").text
    assert "Creative Commons Attribution 4.0" in dash_duo.find_element("#footer-licence").text
    dash_duo.find_element("#footer-methodology").click()
    dash_duo.wait_for_text_to_equal("#page-heading", t("page.data.heading", "en"), timeout=10)
    assert dash_duo.driver.current_url.endswith("/en/data")


_OVERLAPS = """
const out = [];
for (const g of document.querySelectorAll('.chart-graph')) {
  const bar = g.querySelector('.modebar');
  if (!bar || !g.querySelector('.main-svg')) continue;
  const b = bar.getBoundingClientRect();
  if (!b.width) continue;
  for (const e of g.querySelectorAll('.legend .traces, .annotation')) {
    const r = e.getBoundingClientRect();
    if (r.width && r.left < b.right && r.right > b.left && r.top < b.bottom && r.bottom > b.top) {
      out.push([g.id, e.textContent.slice(0, 40)]);
    }
  }
}
return out;
"""


def test_on_a_desktop_the_tool_bar_covers_no_legend_entry_or_demonstration_mark(dash_duo, dash_app):
    """The map, the residents chart and the cluster profile: the tool bar sits above the plot."""
    from selenium.webdriver.common.action_chains import ActionChains

    open_page(dash_duo, dash_app, "/clusteres", t("page.clusters.heading", "es"))
    driver = dash_duo.driver
    driver.set_window_size(1366, 900)
    graphs = driver.execute_script("return Array.from(document.querySelectorAll('.chart-graph')).map(g => '#' + g.id);")
    assert "#graph-cluster_map" in graphs
    for graph in graphs:
        drawn(dash_duo, graph)
        ActionChains(driver).move_to_element(dash_duo.find_element(graph)).perform()  # the bar shows on hover
        overlaps = driver.execute_script(_OVERLAPS)
        assert not overlaps, overlaps
    assert dash_duo.get_logs() == []
