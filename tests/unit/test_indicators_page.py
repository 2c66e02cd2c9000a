"""The scoreboard query: the battery the governance needs, filters, and sorting."""

import io

import pandas as pd
import pytest
from dash import html

from pazos_dash.data import load_package, queries
from tests.conftest import PUBLISHED
from tests.unit.test_chart_views import texts


@pytest.fixture(scope="module")
def package():
    return load_package(PUBLISHED)


def test_battery_covers_every_component_and_the_required_indicators(package):
    indicators = pd.read_csv(PUBLISHED / "indicators.csv", keep_default_na=False)
    assert {"homicide_rate", "youth_homicide_rate", "young_people_served", "budget_execution_rate", "external_leverage"} <= set(indicators["indicator_id"])
    assert {f"enrolments_{c}" for c in ("disruption", "intervention", "prevention", "safe_environments", "access_to_justice")} <= set(indicators["indicator_id"])
    assert indicators.set_index("indicator_id").at["homicide_rate", "sdg_indicator"] == "16.1.1"


def test_filters_keep_only_matching_rows(package):
    everything = queries.indicator_scoreboard(package)
    assert len(everything) == 10
    prevention = queries.indicator_scoreboard(package, component="prevention")
    assert list(prevention["indicator_id"]) == ["enrolments_prevention"]
    graded = queries.indicator_scoreboard(package, status="missed")
    assert set(graded["progress_status"]) == {"missed"} and 0 < len(graded) < 10


_STATUS_ORDER = ("met", "missed", "on_track", "at_risk", "off_track", "no_data")  # the page's order, written here on purpose
_COLUMN = {"indicator": "indicator_id", "progress": "progress_pct", "status": "progress_status"}


def _keys(board: pd.DataFrame, sort: str) -> list:
    """The sorted column as (unknown?, value, indicator) tuples: unknown values go last either way,
    ties fall back to the indicator id."""
    column = board[_COLUMN.get(sort, sort)].astype(object)
    if sort == "status":
        column = column.map(_STATUS_ORDER.index)
    return [(pd.isna(v), None if pd.isna(v) else v, i) for v, i in zip(column, board["indicator_id"])]


@pytest.mark.parametrize("sort", queries.SCOREBOARD_SORTS)
def test_every_column_sorts_both_ways(package, sort):
    up = queries.indicator_scoreboard(package, sort=sort, order="asc")
    down = queries.indicator_scoreboard(package, sort=sort, order="desc")
    assert sorted(up["indicator_id"]) == sorted(down["indicator_id"])
    keys_up, keys_down = _keys(up, sort), _keys(down, sort)
    known_up = [k[1:] for k in keys_up if not k[0]]
    known_down = [k[1:] for k in keys_down if not k[0]]
    assert known_up == sorted(known_up)
    assert known_down == sorted(known_down, reverse=True)
    assert [k[0] for k in keys_up] == sorted(k[0] for k in keys_up)      # unknown last
    assert [k[0] for k in keys_down] == sorted(k[0] for k in keys_down)  # unknown last, also descending
    assert len(set(known_up)) > 1, f"the published values cannot show whether '{sort}' sorts"


def test_status_order_is_the_one_the_app_declares():
    from pazos_dash.analysis.indicators import STATUSES

    assert tuple(STATUSES) == _STATUS_ORDER


def test_every_target_is_graded_with_the_value_of_its_own_year(package):
    """Never with a later year's value (the homicide target of 2023 is not graded with 2024's),
    and a target year without a value says so instead of borrowing another year's."""
    board = queries.indicator_scoreboard(package).set_index("indicator_id")
    values = pd.read_csv(PUBLISHED / "indicator_values.csv").dropna(subset=["value"])
    definitions = pd.read_csv(PUBLISHED / "indicators.csv").set_index("indicator_id")
    horizon = values["year"].max()
    missing = 0
    for indicator, row in board.iterrows():
        target_year = definitions.at[indicator, "target_year"]
        own = values[(values["indicator_id"] == indicator) & (values["year"] == target_year)]
        if len(own):
            assert row["graded_year"] == target_year, indicator
            assert row["graded"] == pytest.approx(own["value"].item()), indicator
        elif target_year <= horizon:
            missing += 1
            assert pd.isna(row["graded"]) and pd.isna(row["graded_year"]), indicator
            assert row["graded_note"] == "no_value_target_year" and row["progress_status"] == "no_data", indicator
    assert board.at["homicide_rate", "graded_year"] == 2023 and values["year"].max() > 2023  # a later value exists, unused
    assert missing >= 1, "the published values cannot show a target year without a value"


def test_the_scoreboard_table_says_when_the_target_year_has_no_value(runtime, dash_app):
    from pazos_dash.i18n import t
    from pazos_dash.pages.base import table_for
    from pazos_dash.views import chart_view

    for lang in ("es", "en"):
        view = chart_view(runtime, dash_app.urls, "indicator_scoreboard", lang, options={})
        table = table_for(view)
        row = next(r for r in table.children[2].children if r.id == "indicator-row-youth_homicide_rate")
        cell = next(c for c in row.children if getattr(c, "data-column", None) == "graded")
        assert all(not isinstance(child, list) for child in cell.children), "a nested list is not a valid Dash child"
        assert [c.children for c in cell.children if isinstance(c, html.Span)] == [t("scoreboard.no_value", lang, year=2023)]
        homicide = next(r for r in table.children[2].children if r.id == "indicator-row-homicide_rate")
        graded = " ".join(texts(next(c for c in homicide.children if getattr(c, "data-column", None) == "graded")))
        assert "(2023)" in graded and "(2024)" not in graded


def test_scoreboard_csv_is_the_filtered_rows(client):
    response = client.get("/download/indicator_scoreboard.csv?component=all&status=any&sort=progress&order=desc&lang=en")
    frame = pd.read_csv(io.BytesIO(response.data), encoding="utf-8-sig")  # labels and words in the reader's language
    from pazos_dash.i18n import t

    assert set(frame["Component"]) == {t("category.all", "en")}
    progress = frame["Progress toward the target (%)"].dropna().tolist()
    assert progress == sorted(progress, reverse=True)


def test_a_year_range_chosen_backwards_is_said_not_silently_swapped():
    """The chart shows 2015–2022 for "from 2022 to 2015": its takeaway says so, in both languages."""
    from pazos_dash.charts import CHARTS
    from pazos_dash.pages.base import range_note

    spec = CHARTS["homicides_annual"]
    assert range_note(spec, {"year_from": "2022", "year_to": "2015"}, "es").startswith("Se muestra 2015–2022")
    assert range_note(spec, {"year_from": "2022", "year_to": "2015"}, "en").startswith("Showing 2015–2022")
    assert range_note(spec, {"year_from": "2015", "year_to": "2022"}, "es") == ""
    assert range_note(CHARTS["cluster_residents"], {"year_from": "2022", "year_to": "2015"}, "es") == ""
