"""The scoreboard query: the battery the governance needs, filters, and sorting."""

import io

import pandas as pd
import pytest

from pazos_dash.data import load_package, queries
from tests.conftest import PUBLISHED


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
    on_track = queries.indicator_scoreboard(package, status="on_track")
    assert set(on_track["progress_status"]) == {"on_track"} and 0 < len(on_track) < 10


_STATUS_ORDER = ("on_track", "at_risk", "off_track", "no_data")  # the page's order, written here on purpose
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


def test_latest_value_is_the_last_published_year(package):
    board = queries.indicator_scoreboard(package).set_index("indicator_id")
    values = pd.read_csv(PUBLISHED / "indicator_values.csv").dropna(subset=["value"])
    last = values.sort_values("year").groupby("indicator_id").last()
    for indicator, row in board.iterrows():
        assert row["latest_year"] == last.at[indicator, "year"]
        assert row["latest"] == pytest.approx(last.at[indicator, "value"])


def test_scoreboard_csv_is_the_filtered_rows(client):
    response = client.get("/download/indicator_scoreboard.csv?component=all&status=any&sort=progress&order=desc")
    frame = pd.read_csv(io.BytesIO(response.data), encoding="utf-8-sig")
    assert set(frame["component"]) == {"all"}
    assert frame["progress_pct"].dropna().tolist() == sorted(frame["progress_pct"].dropna().tolist(), reverse=True)
