"""Youth, partners and SDG pages: a filter updates the chart, and what is shown is what is published."""

from __future__ import annotations

import pandas as pd
import pytest

from pazos_dash.i18n import fmt_number, t
from tests.browser.helpers import choose, csv_of, open_page, plotted
from tests.conftest import PUBLISHED

pytestmark = pytest.mark.browser

def test_youth_cluster_filter_shows_the_published_rows_and_their_total(dash_duo, dash_app):
    open_page(dash_duo, dash_app, "/en/youth", t("page.youth.heading", "en"))
    assert "Enrolments and unique people" in dash_duo.find_element("#youth-measures").text
    choose(dash_duo, "youth_enrolments_by_component", "area", "C3")
    published = pd.read_csv(PUBLISHED / "youth_enrolments.csv")
    rows = published[(published["area"] == "C3") & published["component"].notna()].reset_index(drop=True)
    csv = csv_of(dash_duo, "youth_enrolments_by_component")
    pd.testing.assert_series_equal(csv["enrolments"], rows["enrolments"], check_dtype=False, check_names=False)
    bars = [tr for tr in plotted(dash_duo, "youth_enrolments_by_component") if tr["type"] == "bar"]
    prevention = rows[rows["component"] == "prevention"]["enrolments"]
    assert next(b for b in bars if b["name"] == "Prevention")["y"] == [None if pd.isna(v) else v for v in prevention]
    latest = rows[rows["year"] == rows["year"].max()]
    total = fmt_number(latest.loc[~latest["suppressed"], "enrolments"].sum(), "en")
    dash_duo.wait_for_contains_text("#youth_enrolments_by_component-takeaway", total, timeout=10)
    if latest["suppressed"].any():
        assert "suppressed" in dash_duo.find_element("#youth_enrolments_by_component-takeaway").text
    assert dash_duo.get_logs() == []


def test_partners_measure_switch_plots_the_committed_amounts(dash_duo, dash_app):
    open_page(dash_duo, dash_app, "/aliados", t("page.partners.heading", "es"))
    choose(dash_duo, "resources_by_sector", "measure", "committed")
    csv = csv_of(dash_duo, "resources_by_sector")
    contributions = pd.read_csv(PUBLISHED / "contributions.csv")
    assert csv["committed_cop"].sum() == contributions["committed_cop"].sum()
    dash_duo._wait_for(
        lambda _: next(tr for tr in plotted(dash_duo, "resources_by_sector") if tr["name"] == t("category.public", "es"))["y"]
        == pytest.approx((csv[csv["sector"] == "public"]["committed_cop"] / 1e6).tolist(), abs=0.05),
        timeout=10, msg="committed amounts were not plotted",
    )
    total = fmt_number(contributions["executed_cop"].sum() / 1e6, "es")
    assert total in dash_duo.find_element("#resources_by_sector-takeaway").text
    named = dash_duo.find_element("#named-partners").text
    assert "Open Society Foundations" in named and "Aliado internacional A" not in named
    assert dash_duo.get_logs() == []


def test_sdg_page_shows_the_matrix_in_official_colours_and_indicator_16_1_1(dash_duo, dash_app):
    open_page(dash_duo, dash_app, "/en/sdg", t("page.sdg.heading", "en"))
    colours = {tr["colour"] for tr in plotted(dash_duo, "sdg_matrix")}
    assert colours == {"#E5243B", "#DDA63A", "#4C9F38", "#C5192D", "#A21942", "#DD1367", "#00689D", "#19486A"}
    series = plotted(dash_duo, "sdg_16_1_1")[0]
    annual = pd.read_csv(PUBLISHED / "homicides_annual.csv").query("geography == 'Palmira'").sort_values("year")
    assert series["y"] == annual["rate_per_100k"].tolist()
    assert "CONPES 4089" in dash_duo.find_element("#policy-frame").text
    assert dash_duo.find_element("#card-sdg_16_1_1").get_attribute("data-demo") == "false"
    assert dash_duo.get_logs() == []
