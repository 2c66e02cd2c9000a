"""Interrupted time series: a segmented regression of monthly counts with a break.

    count_t = b0 + b1 * t + b2 * after_t + b3 * (t - t0) * after_t + month-of-year effects + e_t

b2 is the change in level at the break, b3 the change in monthly slope. Standard errors are
Newey–West (HAC) so that autocorrelated months do not overstate certainty. The counterfactual
is the same model with the break switched off: the pre-period trend projected forward.
This shows an association in time, not a cause: see the caveats on the page.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import statsmodels.api as sm


@dataclass(frozen=True)
class Estimate:
    value: float
    low: float
    high: float
    p_value: float

    @property
    def significant(self) -> bool:
        return self.p_value < 0.05


@dataclass(frozen=True)
class ITSResult:
    level_change: Estimate
    slope_change: Estimate
    frame: pd.DataFrame  # date, observed, fitted, counterfactual, counterfactual_low, counterfactual_high, after
    months_used: int
    break_date: pd.Timestamp


def _design(t: np.ndarray, after: np.ndarray, t0: int, months: np.ndarray, seasonal: bool) -> pd.DataFrame:
    columns = {"const": np.ones(len(t)), "trend": t, "level_change": after, "slope_change": (t - t0) * after}
    if seasonal:
        for month in range(2, 13):
            columns[f"month_{month}"] = (months == month).astype(float)
    return pd.DataFrame(columns)


def interrupted_time_series(
    series: pd.DataFrame, *, break_date: str | pd.Timestamp, seasonal: bool = True, hac_lags: int = 3
) -> ITSResult:
    """Fit the segmented model to `series` (columns date, count; missing counts are skipped)."""
    break_date = pd.Timestamp(break_date)
    data = series[["date", "count"]].copy()
    data["date"] = pd.to_datetime(data["date"])
    data = data.sort_values("date").reset_index(drop=True)
    start = data["date"].iloc[0]
    t = ((data["date"].dt.year - start.year) * 12 + data["date"].dt.month - start.month).to_numpy(dtype=float)
    t0 = float((break_date.year - start.year) * 12 + break_date.month - start.month)
    after = (data["date"] >= break_date).to_numpy(dtype=float)
    if after.sum() < 3 or (1 - after).sum() < 3:
        raise ValueError("the break must leave at least three months on each side")
    months = data["date"].dt.month.to_numpy()
    X = _design(t, after, t0, months, seasonal)
    observed = data["count"].astype(float)
    known = observed.notna().to_numpy()
    model = sm.OLS(observed[known].to_numpy(), X[known]).fit(cov_type="HAC", cov_kwds={"maxlags": hac_lags})

    def estimate(name: str) -> Estimate:
        low, high = model.conf_int().loc[name]
        return Estimate(float(model.params[name]), float(low), float(high), float(model.pvalues[name]))

    counterfactual_X = X.copy()
    counterfactual_X["level_change"] = 0.0
    counterfactual_X["slope_change"] = 0.0
    prediction = model.get_prediction(counterfactual_X).summary_frame(alpha=0.05)
    frame = pd.DataFrame({
        "date": data["date"],
        "observed": observed,
        "fitted": model.predict(X),
        "counterfactual": prediction["mean"].where(after == 1),
        "counterfactual_low": prediction["mean_ci_lower"].where(after == 1),
        "counterfactual_high": prediction["mean_ci_upper"].where(after == 1),
        "after": after.astype(bool),
    })
    return ITSResult(estimate("level_change"), estimate("slope_change"), frame, int(known.sum()), break_date)
