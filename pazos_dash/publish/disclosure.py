"""Cell suppression for count tables: primary (0 < n < k), complementary by greedy Gaussian
elimination, then an attacker audit by linear programming that repairs until every suppressed
cell's feasible interval is at least k wide.

Model (the rules are in docs/data.md, "Disclosure control"): a *family* of published cells that
share atoms (the finest counts). Row i of X marks the atoms cell i adds up; v = X @ atoms.
The attacker knows every published cell, that atoms are >= 0, and nothing else.
Methods: Hundepool et al., Statistical Disclosure Control (2012), ch. 5; Langsrud (2024),
GaussSuppression (Statistics Norway).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog

_EPS = 1e-9


class DisclosureError(ValueError):
    """The table cannot be protected as designed (e.g. a public cell is itself below k)."""


@dataclass(frozen=True)
class Interval:
    low: float
    high: float

    @property
    def width(self) -> float:
        return self.high - self.low


def primary_cells(values: np.ndarray, k: int) -> set[int]:
    """Cells with 0 < n < k."""
    return {i for i, value in enumerate(values) if 0 < value < k}


def _gauss_secondary(X: np.ndarray, values: np.ndarray, primary: set[int], forced: set[int]) -> set[int]:
    """Suppress every candidate whose publication would make a primary a linear combination
    of published cells. Candidates: forced first, then zeros, then larger values first."""
    order = sorted(
        (i for i in range(len(values)) if i not in primary),
        key=lambda i: (i not in forced, values[i] != 0, -values[i], -X[i].sum(), i),
    )
    basis = np.zeros((0, X.shape[1]))
    residual = X[sorted(primary)].astype(float)
    suppressed = set(primary)
    for cell in order:
        direction = X[cell] - basis.T @ (basis @ X[cell])
        norm = np.linalg.norm(direction)
        if norm < _EPS:
            continue  # already implied by published cells: publishing it costs nothing
        unit = direction / norm
        projection = residual @ unit
        if ((residual * residual).sum(axis=1) - projection**2 < _EPS).any():
            if cell in forced:
                raise DisclosureError(f"publishing forced cell {cell} would disclose a suppressed cell")
            suppressed.add(cell)
            continue
        basis = np.vstack([basis, unit])
        residual = residual - np.outer(projection, unit)
    return suppressed


def attacker_interval(X: np.ndarray, values: np.ndarray, suppressed: set[int], cell: int) -> tuple[Interval, np.ndarray]:
    """Min and max of `cell` over all non-negative atoms consistent with every published cell.

    Also returns, per published cell, how much it constrains the bounds (LP dual magnitudes).
    """
    published = [i for i in range(len(values)) if i not in suppressed]
    A, b = X[published], values[published]
    weights = np.zeros(len(published))
    bounds = []
    for sign in (1.0, -1.0):
        result = linprog(sign * X[cell], A_eq=A if published else None, b_eq=b if published else None,
                         bounds=(0, None), method="highs")
        if result.status == 3:  # unbounded
            bounds.append(np.inf * sign)
            continue
        if result.status != 0:
            raise DisclosureError(f"the attacker LP failed for cell {cell}: {result.message}")
        bounds.append(sign * result.fun)
        if published:
            weights += np.abs(result.eqlin.marginals)
    full = np.zeros(len(values))
    full[published] = weights
    return Interval(bounds[0], bounds[1]), full


def protect(
    X: np.ndarray,
    values: np.ndarray,
    k: int,
    *,
    forced: set[int] | frozenset[int] = frozenset(),
    min_width: float | None = None,
) -> set[int]:
    """The set of cells to suppress so that no published cell is in [1, k-1] and every
    suppressed cell's attacker interval is at least `min_width` (default k) wide."""
    X = np.asarray(X, dtype=float)
    values = np.asarray(values, dtype=float)
    min_width = k if min_width is None else min_width
    forced = set(forced)
    primary = primary_cells(values, k)
    if primary & forced:
        raise DisclosureError(f"cells {sorted(primary & forced)} are public but below k={k}: redesign the table")
    if not primary:
        return set()
    suppressed = _gauss_secondary(X, values, primary, forced)
    while True:
        for cell in sorted(suppressed):
            interval, weights = attacker_interval(X, values, suppressed, cell)
            if interval.width >= min_width - _EPS:
                continue
            # The published cells with non-zero duals are the attacker's proof: hide the cheapest.
            candidates = [
                i for i in np.nonzero(weights > _EPS)[0]
                if i not in forced and i not in suppressed and values[i] > 0
            ]
            if not candidates:
                candidates = [i for i in range(len(values)) if i not in forced and i not in suppressed and values[i] > 0]
            if not candidates:
                raise DisclosureError(f"cell {cell} cannot be protected: redesign the table")
            suppressed.add(min(candidates, key=lambda i: (values[i], X[i].sum(), i)))
            break
        else:
            return suppressed


def audit(X: np.ndarray, values: np.ndarray, suppressed: set[int]) -> dict[int, Interval]:
    """Every suppressed cell's attacker interval, for tests and for the publish step's final check."""
    X = np.asarray(X, dtype=float)
    values = np.asarray(values, dtype=float)
    return {cell: attacker_interval(X, values, suppressed, cell)[0] for cell in sorted(suppressed)}
