"""Interrupted time series: a segmented regression of monthly counts with a break.

    count_t = b0 + b1 * t + b2 * after_t + b3 * (t - t0) * after_t + month-of-year effects + e_t

b2 is the change in level at the break, b3 the change in monthly slope. Standard errors are
Newey–West (HAC, Bartlett kernel, no small-sample correction, normal inference: statsmodels'
`OLS.fit(cov_type="HAC")`, which a test checks this against) so that autocorrelated months do
not overstate certainty. It is written with NumPy because importing statsmodels took a third of
the app's start-up. The counterfactual
is the same model with the break switched off: the pre-period trend projected forward.
This shows an association in time, not a cause: see the caveats on the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from statistics import NormalDist

import numpy as np
import pandas as pd

_Z = NormalDist()


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


@dataclass(frozen=True)
class _OLS:
    """Least squares with Newey–West covariance."""

    params: np.ndarray
    cov: np.ndarray

    @classmethod
    def fit(cls, y: np.ndarray, X: np.ndarray, lags: int) -> "_OLS":
        xtx_inv = np.linalg.pinv(X.T @ X)
        params = xtx_inv @ X.T @ y
        scores = X * (y - X @ params)[:, None]
        middle = scores.T @ scores
        for lag in range(1, lags + 1):
            weight = 1 - lag / (lags + 1)
            cross = scores[lag:].T @ scores[:-lag]
            middle += weight * (cross + cross.T)
        return cls(params, xtx_inv @ middle @ xtx_inv)

    def estimate(self, index: int) -> "Estimate":
        value, se = float(self.params[index]), float(np.sqrt(self.cov[index, index]))
        z = _Z.inv_cdf(0.975)
        p_value = 2 * (1 - _Z.cdf(abs(value) / se)) if se > 0 else float("nan")
        return Estimate(value, value - z * se, value + z * se, p_value)

    def predict(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Mean and its 95 % interval."""
        mean = X @ self.params
        se = np.sqrt(np.einsum("ij,jk,ik->i", X, self.cov, X))
        z = _Z.inv_cdf(0.975)
        return mean, mean - z * se, mean + z * se


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
    model = _OLS.fit(observed[known].to_numpy(), X[known].to_numpy(), hac_lags)

    counterfactual_X = X.copy()
    counterfactual_X["level_change"] = 0.0
    counterfactual_X["slope_change"] = 0.0
    mean, low, high = model.predict(counterfactual_X.to_numpy())
    frame = pd.DataFrame({
        "date": data["date"],
        "observed": observed,
        "fitted": X.to_numpy() @ model.params,
        "counterfactual": pd.Series(mean).where(after == 1),
        "counterfactual_low": pd.Series(low).where(after == 1),
        "counterfactual_high": pd.Series(high).where(after == 1),
        "after": after.astype(bool),
    })
    column = list(X.columns).index
    return ITSResult(model.estimate(column("level_change")), model.estimate(column("slope_change")), frame,
                     int(known.sum()), break_date)
