"""The homicide and overview pages: what the reader selects is what is plotted and downloaded."""

from __future__ import annotations

import pandas as pd
import pytest
from selenium.webdriver.common.by import By

from pazos_dash.i18n import fmt_number, t
from tests.browser.helpers import choose, csv_of, open_page, open_tab, plotted, published_series
from tests.conftest import PUBLISHED

pytestmark = pytest.mark.browser

def test_count_rate_toggle_plots_the_published_rows(dash_duo, dash_app):
    open_page(dash_duo, dash_app, "/en/homicides", t("page.homicides.heading", "en"))
    published = pd.read_csv(PUBLISHED / "homicides_annual.csv").query("geography == 'Palmira'").sort_values("year")
    assert published_series(dash_duo, "homicides_annual", "en")["y"] == published["homicides"].tolist()

    dash_duo.find_element("#homicides_annual-measure input[value='rate_per_100k']").click()
    dash_duo._wait_for(
        lambda _: published_series(dash_duo, "homicides_annual", "en")["y"] == published["rate_per_100k"].tolist(),
        timeout=10, msg="the rate was not plotted",
    )
    csv = csv_of(dash_duo, "homicides_annual")
    assert csv["rate_per_100k"].tolist() == published["rate_per_100k"].tolist()
    assert dash_duo.get_logs() == []


def test_breakdown_selection_updates_chart_table_andcsv_of(dash_duo, dash_app):
    open_page(dash_duo, dash_app, "/homicidios", t("page.homicides.heading", "es"))
    choose(dash_duo, "homicides_breakdown", "dimension", "weapon")
    csv = csv_of(dash_duo, "homicides_breakdown")
    bars = [tr for tr in plotted(dash_duo, "homicides_breakdown") if tr["type"] == "bar"]
    assert [b["name"] for b in bars] == [t(f"category.{c}", "es") for c in ("firearm", "knife", "other")]
    for bar, category in zip(bars, ("firearm", "knife", "other")):
        rows = csv[csv["category"] == category]
        assert bar["y"] == [None if pd.isna(v) else v for v in rows["homicides"]]
    assert csv["suppressed"].any()  # and those cells are not drawn (None above), never as 0

    open_tab(dash_duo, "homicides_breakdown", "table")
    cells = dash_duo.driver.find_elements(By.CSS_SELECTOR, "#table-homicides_breakdown tbody td[data-column='homicides']")
    shown = [cell.text for cell in cells]
    assert len(shown) == len(csv)
    assert all(text == "" for text, hidden in zip(shown, csv["suppressed"]) if hidden)
    assert dash_duo.get_logs() == []


def test_demonstration_chart_is_marked_on_the_homicide_page(dash_duo, dash_app):
    open_page(dash_duo, dash_app, "/en/homicides", t("page.homicides.heading", "en"))
    card = dash_duo.find_element("#card-homicides_clusters_vs_rest")
    assert card.get_attribute("data-demo") == "true"
    plotted(dash_duo, "homicides_clusters_vs_rest")
    annotations = dash_duo.driver.execute_script(
        "return document.querySelector('#graph-homicides_clusters_vs_rest .js-plotly-plot').layout.annotations.map(a => a.text);")
    assert t("demo.watermark_some", "en") in annotations  # real totals, invented split: a note, not a stamp across
    bars = dash_duo.driver.execute_script(
        "return document.querySelector('#graph-homicides_clusters_vs_rest .js-plotly-plot')._fullData.map(t => t.marker.pattern.shape);")
    assert bars == ["/", "/"]  # demonstration values are hatched
    assert dash_duo.find_element("#card-homicides_annual").get_attribute("data-demo") == "false"


def test_its_break_year_changes_the_estimate_and_caveats_are_shown(dash_duo, dash_app):
    open_page(dash_duo, dash_app, "/en/homicides", t("page.homicides.heading", "en"))
    before = dash_duo.find_element("#homicides_monthly_its-takeaway").text
    assert "January 2020" in before
    dash_duo.find_element("#homicides_monthly_its-break_year input[value='2019']").click()
    dash_duo.wait_for_contains_text("#homicides_monthly_its-takeaway", "January 2019", timeout=10)
    caveats = dash_duo.find_element("#its-caveats").text
    assert "COVID-19" in caveats and "Javeriana" in caveats
    assert dash_duo.get_logs() == []


@pytest.mark.parametrize("lang", ["es", "en"])
def test_kpi_numbers_equal_values_computed_from_the_package(dash_duo, dash_app, runtime, lang):
    open_page(dash_duo, dash_app, "/" if lang == "es" else "/en/", t("page.overview.heading", lang))
    clusters = pd.read_csv(PUBLISHED / "clusters.csv")
    intro = dash_duo.find_element("#page-intro").text
    assert fmt_number(clusters["residents"].sum(), lang) in intro and f"{clusters['neighbourhoods'].sum()} " in intro
    published = pd.read_csv(PUBLISHED / "homicides_annual.csv").query("geography == 'Palmira'").sort_values("year")
    assert dash_duo.find_element("#kpi-rate-value").text == fmt_number(published["rate_per_100k"].iloc[-1], lang, 1)
    lowest = published.loc[published["rate_per_100k"].idxmin()]
    assert dash_duo.find_element("#kpi-lowest-value").text == str(int(lowest["year"]))
    assert fmt_number(lowest["rate_per_100k"], lang, 1) in dash_duo.find_element("#kpi-lowest-detail").text
    assert fmt_number(3000, lang) in dash_duo.find_element("#kpi-youth-value").text
    assert dash_duo.find_element("#kpi-partners-value").text == str(len(pd.read_csv(PUBLISHED / "partners.csv")))
    assert dash_duo.find_element("#kpi-partners").get_attribute("data-demo") == "true"
    dash_duo.find_element("#kpi-rate-link").click()
    dash_duo.wait_for_text_to_equal("#page-heading", t("page.homicides.heading", lang), timeout=10)
    checked = dash_duo.find_element("#homicides_annual-measure input:checked").get_attribute("value")
    assert checked == "rate_per_100k"  # the card opened its page with the same selection


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_2019_press_figures_129_and_124_are_beside_the_police_series(dash_duo, dash_app, lang):
    """A journalist who read "129" or "124" for 2019 finds both on the homicide page, each with
    its publisher, and reads why the counts differ."""
    open_page(dash_duo, dash_app, "/homicidios" if lang == "es" else "/en/homicides", t("page.homicides.heading", lang))
    takeaway = dash_duo.find_element("#homicides_other_counts-takeaway").text
    assert "2019" in takeaway and "129" in takeaway and "124" in takeaway
    traces = plotted(dash_duo, "homicides_other_counts")

    def at_2019(name: str) -> list:
        trace = next(tr for tr in traces if tr["name"] == name)
        return [y for x, y in zip(trace["x"], trace["y"]) if round(x) == 2019]  # marks are dodged a fraction of a year

    assert at_2019(t("category.ccspjp", lang)) == [124]
    assert at_2019(t("category.secretaria_seguridad_palmira", lang)) == [129]
    assert at_2019(t("legend.police_series", lang)) == [129]
    dash_duo.find_element("#card-homicides_other_counts summary").click()
    rows = dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('#table-homicides_other_counts tbody tr'))"
        ".map(r => Array.from(r.cells).map(c => c.innerText.trim()));")
    mine = [r for r in rows if r[0] == "2019"]
    assert any(t("category.ccspjp", lang) in r and "124" in r for r in mine), mine
    assert any(t("category.secretaria_seguridad_palmira", lang) in r and "129" in r for r in mine), mine
    why = dash_duo.find_element("#other-counts-definitions").text
    assert t("category.forensic_deaths", lang) in why and "326" in why and "291" in why
    assert dash_duo.get_logs() == []
