"""The indicator status rule, on the edge cases the governance asks about."""

import pytest

from pazos_dash.analysis.indicators import assess


def _assess(**overrides):
    values = dict(baseline=100.0, baseline_year=2020, target=200.0, target_year=2024, latest=150.0, latest_year=2022,
                  direction="higher_is_better")
    values.update(overrides)
    return assess(**values)


def test_half_way_at_half_time_is_on_track():
    result = _assess()
    assert result.status == "on_track" and result.progress == pytest.approx(0.5) and result.expected == pytest.approx(0.5)


def test_behind_pace_but_moving_the_right_way_is_at_risk():
    assert _assess(latest=110.0).status == "at_risk"


def test_moving_the_wrong_way_is_off_track():
    assert _assess(latest=90.0).status == "off_track"


def test_target_already_met_is_on_track_even_early():
    assert _assess(latest=250.0, latest_year=2021).status == "on_track"  # before its year: not yet graded


def test_no_target_or_no_value_is_no_data():
    assert _assess(target=None).status == "no_data"
    assert _assess(latest=None).status == "no_data"
    assert _assess(latest=float("nan")).status == "no_data"


def test_only_the_baseline_year_is_no_data():
    assert _assess(latest_year=2020).status == "no_data"


@pytest.mark.parametrize("latest, status", [(30.5, "on_track"), (33.5, "at_risk"), (40.0, "off_track"), (29.0, "on_track")])
def test_lower_is_better_indicators_such_as_the_homicide_rate(latest, status):
    result = _assess(baseline=36.6, target=30.0, latest=latest, latest_year=2022, baseline_year=2019, target_year=2024,
                     direction="lower_is_better")
    assert result.status == status


@pytest.mark.parametrize("latest, status", [(30.5, "missed"), (32.9, "missed"), (40.0, "missed"), (30.0, "met"), (29.0, "met")])
def test_a_target_whose_year_has_come_is_met_or_missed_never_on_track(latest, status):
    """The 2023 rate 32.9 against 30 in 2023 is missed (it showed 'at risk'), however close."""
    result = _assess(baseline=36.6, target=30.0, latest=latest, latest_year=2023, baseline_year=2019, target_year=2023,
                     direction="lower_is_better")
    assert result.status == status


def test_prevention_1965_against_2000_in_its_year_is_missed():
    """It showed 'On track' (98 % of the way, within the 10-point tolerance)."""
    assert _assess(baseline=0.0, target=2000.0, latest=1965.0, latest_year=2023, baseline_year=2020, target_year=2023).status == "missed"


def test_latest_year_past_the_target_year_expects_the_whole_way():
    assert _assess(latest=190.0, latest_year=2026).expected == 1.0
    assert _assess(latest=190.0, latest_year=2026).status == "missed"
    assert _assess(latest=200.0, latest_year=2026).status == "met"
