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


@pytest.mark.parametrize("seed", [3, 4])
def test_the_numpy_model_matches_statsmodels_hac_ols(seed):
    """statsmodels is the reference (a test dependency); the app fits with NumPy to start faster."""
    import statsmodels.api as sm

    from pazos_dash.analysis.its import _design

    series = _series(-3.0, 0.05, seed=seed)
    series.loc[[5, 40, 100], "count"] = np.nan  # missing months are skipped, as in the real series
    result = interrupted_time_series(series, break_date="2020-01-01", hac_lags=3)

    dates = pd.to_datetime(series["date"])
    t = np.arange(len(series), dtype=float)
    t0 = float(dates.tolist().index(pd.Timestamp("2020-01-01")))
    after = (dates >= "2020-01-01").to_numpy(dtype=float)
    X = _design(t, after, t0, dates.dt.month.to_numpy(), True)
    known = series["count"].notna().to_numpy()
    reference = sm.OLS(series["count"][known].to_numpy(), X[known]).fit(cov_type="HAC", cov_kwds={"maxlags": 3})
    for name, estimate in (("level_change", result.level_change), ("slope_change", result.slope_change)):
        low, high = reference.conf_int().loc[name]
        assert estimate.value == pytest.approx(reference.params[name], rel=1e-9)
        assert (estimate.low, estimate.high) == pytest.approx((low, high), rel=1e-9)
        assert estimate.p_value == pytest.approx(reference.pvalues[name], rel=1e-6, abs=1e-12)
    counterfactual_X = X.copy()
    counterfactual_X[["level_change", "slope_change"]] = 0.0
    frame = reference.get_prediction(counterfactual_X).summary_frame(alpha=0.05)
    mask = after == 1
    assert result.frame["counterfactual"][mask].to_numpy() == pytest.approx(frame["mean"][mask].to_numpy(), rel=1e-9)
    assert result.frame["counterfactual_low"][mask].to_numpy() == pytest.approx(frame["mean_ci_lower"][mask].to_numpy(), rel=1e-9)
