"""The interrupted time-series model recovers a known break and finds none where there is none."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pazos_dash.analysis.its import interrupted_time_series


def _series(level_change: float, slope_change: float, seed: int, noise: float = 2.0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    dates = pd.date_range("2012-01-01", "2023-12-01", freq="MS")
    t = np.arange(len(dates), dtype=float)
    t0 = dates.get_loc(pd.Timestamp("2020-01-01"))
    after = (t >= t0).astype(float)
    seasonal = 2.0 * np.sin(2 * np.pi * dates.month / 12)
    counts = 20 - 0.03 * t + level_change * after + slope_change * (t - t0) * after + seasonal + rng.normal(0, noise, len(t))
    return pd.DataFrame({"date": dates, "count": counts})


def test_known_break_is_recovered():
    result = interrupted_time_series(_series(-6.0, -0.1, seed=1), break_date="2020-01-01")
    assert result.level_change.value == pytest.approx(-6.0, abs=1.5)
    assert result.slope_change.value == pytest.approx(-0.1, abs=0.06)
    assert result.level_change.significant
    assert result.level_change.low < -6.0 < result.level_change.high


@pytest.mark.parametrize("seed", [2, 3, 4])
def test_no_break_is_not_significant(seed):
    result = interrupted_time_series(_series(0.0, 0.0, seed=seed), break_date="2020-01-01")
    assert not result.level_change.significant
    assert result.level_change.low < 0 < result.level_change.high


def test_counterfactual_continues_the_pre_period_trend_after_the_break_only():
    result = interrupted_time_series(_series(-6.0, 0.0, seed=5), break_date="2020-01-01")
    frame = result.frame
    assert frame.loc[~frame["after"], "counterfactual"].isna().all()
    after = frame[frame["after"]]
    assert (after["counterfactual_low"] <= after["counterfactual"]).all()
    assert (after["counterfactual"] <= after["counterfactual_high"]).all()
    assert (after["counterfactual"] - after["fitted"]).mean() == pytest.approx(6.0, abs=1.5)


def test_missing_months_are_skipped_not_zero():
    series = _series(-6.0, 0.0, seed=6)
    series.loc[[10, 100], "count"] = np.nan
    result = interrupted_time_series(series, break_date="2020-01-01")
    assert result.months_used == len(series) - 2


def test_break_needs_months_on_both_sides():
    with pytest.raises(ValueError, match="three months"):
        interrupted_time_series(_series(0, 0, seed=7), break_date="2023-11-01")
