"""Synthetic control (Abadie, Diamond and Hainmueller 2010; Abadie 2021) over a panel of rates.

A treated unit's outcome is compared with a weighted average of donor units (weights ≥ 0 that sum
to 1) chosen so that the average follows the treated unit's outcome before the treatment. The
weights come from pysyncon's `Synth` with the pre-period outcomes themselves as the predictors and
a fixed predictor weighting (`custom_V`), so each fit is one quadratic program:

    W = argmin Σ_pre (y_treated,t − Σ_j w_j y_j,t)²   subject to w_j ≥ 0, Σ w_j = 1.

(pysyncon scales each predictor by its standard deviation across units; `custom_V` = that variance
undoes the scaling, so every pre-period year counts the same, in homicides per 100,000.)

Inference is by permutation, as Abadie (2021) recommends: every donor is treated in turn with the
other donors as its pool (placebo in space); each unit's post/pre RMSPE ratio is ranked and the
treated unit's rank over the number of units is the p-value. An in-time placebo (a fake start
before the real one) and leave-one-out over the donors with weight check the fit's robustness.

Pure functions of a year × unit frame of rates: no I/O, no Dash. The publish step
(publish/evidence.py) calls them and publishes every number as rows.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

WEIGHT_FLOOR = 0.0005  # a weight below this is set to 0 (and the rest rescaled to sum to 1) before publishing
WEIGHT_DECIMALS = 6


@dataclass(frozen=True)
class Fit:
    """One synthetic control: the published weights and everything computed from them."""

    treated: str
    weights: pd.Series  # donor -> weight (≥ 0, sums to 1; zeros dropped)
    observed: pd.Series  # year -> the treated unit's rate
    synthetic: pd.Series  # year -> Σ weight × donor rate
    pre: tuple[int, int]
    post: tuple[int, int]

    @property
    def gap(self) -> pd.Series:
        return self.observed - self.synthetic

    def _years(self, span: tuple[int, int]) -> pd.Series:
        return self.gap.loc[span[0]:span[1]]

    @property
    def pre_rmspe(self) -> float:
        return float(np.sqrt((self._years(self.pre) ** 2).mean()))

    @property
    def post_rmspe(self) -> float:
        return float(np.sqrt((self._years(self.post) ** 2).mean()))

    @property
    def ratio(self) -> float:
        return self.post_rmspe / self.pre_rmspe if self.pre_rmspe > 0 else float("inf")

    @property
    def mean_post_gap(self) -> float:
        return float(self._years(self.post).mean())

    def over(self, post: tuple[int, int]) -> "Fit":
        """The same weights, judged over another post window (e.g. 2021–2023 without the lockdown year)."""
        return Fit(self.treated, self.weights, self.observed, self.synthetic, self.pre, post)


def solve_weights(rates: pd.DataFrame, treated: str, donors: list[str], pre: tuple[int, int]) -> pd.Series:
    """pysyncon's Synth on the pre-period outcomes with V = each year's variance across units
    (every year weighs the same, in the outcome's own units). Raw weights, as solved."""
    from pysyncon import Synth  # imported here: the publish step needs it, the site never does

    years = [y for y in rates.index if pre[0] <= y <= pre[1]]
    Z0 = rates.loc[years, donors].astype(float)
    Z1 = rates.loc[years, treated].astype(float)
    variance = pd.concat([Z0, Z1], axis=1).std(axis=1).pow(2).to_numpy()
    if not np.all(variance > 0):
        raise ValueError(f"every pre-period year must vary across units; years {[y for y, v in zip(years, variance) if not v > 0]} do not")
    model = Synth()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(X0=Z0, X1=Z1, Z0=Z0, Z1=Z1, custom_V=variance)
    return pd.Series(np.asarray(model.W, dtype=float), index=donors)


def published_weights(raw: pd.Series) -> pd.Series:
    """Weights as published: below WEIGHT_FLOOR set to 0, the rest rescaled to sum to 1 and rounded."""
    kept = raw.clip(lower=0).where(raw >= WEIGHT_FLOOR, 0.0)
    kept = kept[kept > 0]
    kept = (kept / kept.sum()).round(WEIGHT_DECIMALS)
    # rounding may leave the sum 1e-6 off: give the difference to the largest weight
    kept.iloc[int(np.argmax(kept.to_numpy()))] += round(1.0 - float(kept.sum()), WEIGHT_DECIMALS)
    return kept.round(WEIGHT_DECIMALS).sort_values(ascending=False)


def synthetic_control(rates: pd.DataFrame, treated: str, donors: list[str], pre: tuple[int, int],
                      post: tuple[int, int]) -> Fit:
    """Fit on `pre`, judge on `post`; the synthetic series covers every year of `rates`."""
    donors = [d for d in donors if d != treated]
    weights = published_weights(solve_weights(rates, treated, donors, pre))
    synthetic = rates[list(weights.index)].astype(float) @ weights
    return Fit(treated, weights, rates[treated].astype(float), synthetic, pre, post)


@dataclass(frozen=True)
class Permutation:
    """Placebo in space: the treated unit and every donor treated in turn."""

    fits: dict[str, Fit]  # unit -> its fit (the treated unit first)
    treated: str

    def table(self, post: tuple[int, int] | None = None, max_pre_ratio: float | None = None) -> pd.DataFrame:
        """One row per unit: pre and post RMSPE, their ratio, the rank (1 = largest ratio) among
        the units kept, and whether a unit is kept (pre-RMSPE at most `max_pre_ratio` times the
        treated unit's, when a filter is asked for)."""
        fits = {u: (f.over(post) if post else f) for u, f in self.fits.items()}
        treated_pre = fits[self.treated].pre_rmspe
        rows = [{"unit": u, "role": "treated" if u == self.treated else "placebo", "pre_rmspe": f.pre_rmspe,
                 "post_rmspe": f.post_rmspe, "rmspe_ratio": f.ratio, "mean_post_gap": f.mean_post_gap,
                 "included": max_pre_ratio is None or f.pre_rmspe <= max_pre_ratio * treated_pre}
                for u, f in fits.items()]
        table = pd.DataFrame(rows)
        kept = table["included"]
        # rank 1 = the largest ratio; ties share the better (smaller) rank, so a tie never helps the treated unit
        table["rank"] = pd.array([pd.NA] * len(table), dtype="Int64")
        table.loc[kept, "rank"] = table.loc[kept, "rmspe_ratio"].rank(ascending=False, method="max").astype(int)
        return table

    def p_value(self, post: tuple[int, int] | None = None, max_pre_ratio: float | None = None) -> tuple[float, int, int]:
        """(rank / units, rank, units) of the treated unit."""
        table = self.table(post, max_pre_ratio)
        kept = table[table["included"]]
        rank = int(kept.loc[kept["role"] == "treated", "rank"].iloc[0])
        return rank / len(kept), rank, len(kept)


def placebo_in_space(rates: pd.DataFrame, treated: str, donors: list[str], pre: tuple[int, int],
                     post: tuple[int, int], main: Fit | None = None) -> Permutation:
    """Every donor treated in turn, its pool the other donors (never the treated unit)."""
    fits = {treated: main or synthetic_control(rates, treated, donors, pre, post)}
    for unit in donors:
        fits[unit] = synthetic_control(rates, unit, [d for d in donors if d != unit], pre, post)
    return Permutation(fits, treated)


def leave_one_out(rates: pd.DataFrame, main: Fit, donors: list[str]) -> dict[str, Fit]:
    """The fit again without each donor that has a weight in the main fit."""
    return {unit: synthetic_control(rates, main.treated, [d for d in donors if d != unit], main.pre, main.post)
            for unit in main.weights.index}


def spliced_rates(homicides: pd.DataFrame, population: pd.DataFrame, break_year: int) -> pd.DataFrame:
    """Rates with the old census base's populations brought to the new base's level: each unit's
    populations before `break_year` are multiplied by (population at the break) ÷ (the year before
    grown by its own last growth rate), the usual ratio splice of a series with a level break."""
    before, last, prior = break_year - 1, break_year - 1, break_year - 2
    growth = population.loc[last] / population.loc[prior]
    factor = population.loc[break_year] / (population.loc[before] * growth)
    adjusted = population.copy().astype(float)
    adjusted.loc[adjusted.index < break_year] = adjusted.loc[adjusted.index < break_year] * factor
    return homicides.astype(float) / adjusted * 100_000
