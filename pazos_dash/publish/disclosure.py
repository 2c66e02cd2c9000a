"""Cell suppression for count tables: primary (0 < n < k), complementary by greedy Gaussian
elimination, then an attacker audit by linear programming that repairs until every suppressed
cell's feasible interval is at least k wide.

Model (the rules are in docs/data.md, "Disclosure control"): a *family* of cells that share
atoms (the finest counts). Row i of X marks the atoms cell i adds up; v = X @ atoms.
The attacker knows every published cell, that atoms are >= 0, and any inequality the data
implies (`A_ub @ atoms <= 0`, e.g. "enrolments in a component <= people served": see
tables.EnrolmentsOf). *Derived* cells (e.g. minors = 0-12 + 13-17) are never published, but
must not be narrowed into [1, k-1] by what is.
Methods: Hundepool et al., Statistical Disclosure Control (2012), ch. 5; Langsrud (2024),
GaussSuppression (Statistics Norway).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import numpy as np
from scipy.optimize import linprog

_EPS = 1e-9
# The thresholds no package and no option can lower (DISCLOSURE.md, docs/data.md): 5 for the
# homicide victims, 10 for the young people (some of them minors). Higher ones are allowed.
FLOORS = {"victims": 5, "youth": 10}


class DisclosureError(ValueError):
    """The table cannot be protected as designed (e.g. a public cell is itself below k)."""


def floor_of(resource: str, population: str = "") -> int:
    """The threshold a table's counts may not go below: by what the code knows of the table (its
    name), never only by what its metadata declares."""
    if resource.startswith("youth_") or population == "youth":
        return FLOORS["youth"]
    return FLOORS["victims"]


def check_floors(*, k: int, k_youth: int) -> None:
    if k < FLOORS["victims"] or k_youth < FLOORS["youth"]:
        raise DisclosureError(f"k = {k} and youth k = {k_youth}: the floor is k >= {FLOORS['victims']} for the homicide "
                              f"tables and k >= {FLOORS['youth']} for the young people's; a threshold may be raised, never lowered")


@dataclass(frozen=True)
class Interval:
    low: float
    high: float

    @property
    def width(self) -> float:
        return self.high - self.low


def exposed(interval: Interval, k: float, min_width: float | None = None, *, suppressed: bool = False) -> bool:
    """Whether the attacker learns too much about a hidden cell: an interval less than k (or
    `min_width`) wide that holds some value in [1, k-1]. For a primary cell (its value is in
    [1, k-1]) that is simply "narrower than k"; a complement the totals pin at 14, or minors
    known to be 6 to 8, reveal no small count. A `suppressed` cell pinned to 0 is exposed too:
    the protection publishes a complement it finds pinned, so in a file that is a fault.
    The file-based audit, which cannot tell primary from complementary cells, uses this same test."""
    width = k if min_width is None else min_width
    if suppressed and interval.width < _EPS and interval.low <= k - 1 + _EPS:
        return True
    return interval.width < width - _EPS and interval.high >= 1 - _EPS and interval.low <= k - 1 + _EPS


def published_by_parts(X: np.ndarray, cell: int, published: Iterable[int]) -> bool:
    """Whether a derived cell (minors = 0-12 + 13-17) is simply published through its own parts:
    the sum of published cells that lie inside it. Then it is a published breakdown (of minors,
    at city level), not something isolated by subtracting other groups from a total."""
    inside = [i for i in published if i != cell and np.all(X[i] <= X[cell] + _EPS)]
    if not inside:
        return False
    A = X[inside].T
    coefficients, *_ = np.linalg.lstsq(A, X[cell], rcond=None)
    return bool(np.linalg.norm(A @ coefficients - X[cell]) < 1e-6)


def isolated(X: np.ndarray, interval: Interval, k: float, cell: int, hidden: Iterable[int]) -> bool:
    """Rule 5 (DISCLOSURE.md): a derived cell (minors) may not be isolated by subtracting other
    published cells (adults) from a total, whatever its value: unless its own parts are published,
    its attacker interval must be at least k wide."""
    hidden = set(hidden)
    published = [i for i in range(len(X)) if i not in hidden]
    return interval.width < k - _EPS and not published_by_parts(X, cell, published)


def primary_cells(values: np.ndarray, k) -> set[int]:
    """Cells with 0 < n < k (k: one threshold, or one per cell)."""
    ks = np.broadcast_to(np.asarray(k, dtype=float), np.shape(values))
    return {i for i, value in enumerate(values) if 0 < value < ks[i]}


def _gauss_secondary(X: np.ndarray, values: np.ndarray, primary: set[int], forced: set[int],
                     unpublished: set[int] = frozenset()) -> set[int]:
    """Suppress every candidate whose publication would make a primary a linear combination
    of published cells. Candidates: forced first, then zeros, then larger values first.
    Primaries may include unpublished (derived) cells; those are never candidates."""
    order = sorted(
        (i for i in range(len(values)) if i not in primary and i not in unpublished),
        key=lambda i: (i not in forced, values[i] != 0, -values[i], -X[i].sum(), i),
    )
    basis = np.zeros((0, X.shape[1]))
    residual = X[sorted(primary)].astype(float)
    suppressed = set(primary) - set(unpublished)
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


def attacker_interval(X: np.ndarray, values: np.ndarray, suppressed: Iterable[int], cell: int,
                      A_ub: np.ndarray | None = None) -> tuple[Interval, np.ndarray]:
    """Min and max of `cell` over all non-negative atoms consistent with every published cell
    (every cell not in `suppressed`) and with `A_ub @ atoms <= 0`.

    Also returns, per published cell, how much it constrains the bounds (LP dual magnitudes).
    Raises DisclosureError when no atoms fit the published cells (the cells contradict A_ub).
    """
    hidden = set(suppressed)
    published = [i for i in range(len(values)) if i not in hidden]
    A, b = X[published], values[published]
    inequalities = A_ub is not None and len(A_ub) > 0
    weights = np.zeros(len(published))
    bounds = []
    for sign in (1.0, -1.0):
        result = linprog(sign * X[cell], A_eq=A if published else None, b_eq=b if published else None,
                         A_ub=A_ub if inequalities else None, b_ub=np.zeros(len(A_ub)) if inequalities else None,
                         bounds=(0, None), method="highs")
        if result.status == 3:  # unbounded
            bounds.append(np.inf * sign)
            continue
        if result.status == 2:
            raise DisclosureError("the published cells contradict each other or the relations between the tables (no counts fit them all)")
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
    k,
    *,
    forced: set[int] | frozenset[int] = frozenset(),
    min_width: float | None = None,
    derived: set[int] | frozenset[int] = frozenset(),
    A_ub: np.ndarray | None = None,
    hidden: set[int] | frozenset[int] = frozenset(),
) -> set[int]:
    """The set of cells to suppress so that no published cell is in [1, k-1] and no hidden
    cell is exposed: every primary cell's attacker interval is at least `min_width` (default k)
    wide; a complement may be narrower only if it holds no value in [1, k-1]; a derived cell
    (minors) must be published through its own parts or be at least k wide (rule 5: never
    isolated by subtraction, whatever its value);
    a complement the others pin to one value is published instead. `k` is one threshold or one
    per cell (tables of one family may differ). Derived cells are never published and never in
    the returned set. `hidden`: cells a previous release hid; they stay hidden whatever their
    value now, protected as primaries (an interval at least k wide), so that no release narrows
    what an earlier one hid."""
    X = np.asarray(X, dtype=float)
    values = np.asarray(values, dtype=float)
    ks = np.broadcast_to(np.asarray(k, dtype=float), values.shape)
    widths = ks if min_width is None else np.broadcast_to(np.asarray(min_width, dtype=float), values.shape)
    forced, derived = set(forced), set(derived)
    primary = primary_cells(values, ks)
    if primary & forced:
        bad = sorted(primary & forced)
        raise DisclosureError(f"cells {bad} are public but below k={int(ks[bad[0]])}: redesign the table")
    strict = set(hidden) - forced - derived  # kept hidden, and as wide as a primary, whatever their value now
    primary |= strict
    if not primary and not derived:
        return set()
    suppressed = _gauss_secondary(X, values, primary, forced, derived)
    wide: set[int] = set()  # hiding more only widens intervals: a cell found wide stays wide
    while True:
        for cell in sorted((suppressed | derived) - wide):
            interval, weights = attacker_interval(X, values, suppressed | derived, cell, A_ub)
            if interval.width >= widths[cell] - _EPS:
                wide.add(cell)
                continue
            if cell in derived:
                if not isolated(X, interval, ks[cell], cell, suppressed | derived):
                    continue
            elif cell not in strict and not exposed(interval, ks[cell], widths[cell]):
                continue
            # The published cells with non-zero duals are the attacker's proof: hide the cheapest.
            fixed = forced | suppressed | derived
            candidates = [i for i in np.nonzero(weights > _EPS)[0] if i not in fixed and values[i] > 0]
            if not candidates:
                candidates = [i for i in range(len(values)) if i not in fixed and values[i] > 0]
            if not candidates:
                raise DisclosureError(f"cell {cell} cannot be protected: redesign the table")
            suppressed.add(min(candidates, key=lambda i: (values[i], X[i].sum(), i)))
            break
        else:
            break
    # A complement the published cells pin to one value hides nothing: publish it. Each such
    # cell is implied by the published ones, so publishing them all changes no interval.
    pinned = {cell for cell in suppressed - primary - wide
              if attacker_interval(X, values, suppressed | derived, cell, A_ub)[0].width < _EPS}
    return suppressed - pinned


def audit(X: np.ndarray, values: np.ndarray, suppressed: set[int], *, derived: set[int] | frozenset[int] = frozenset(),
          A_ub: np.ndarray | None = None) -> dict[int, Interval]:
    """Every suppressed and derived cell's attacker interval, for tests and for the publish step's final check."""
    X = np.asarray(X, dtype=float)
    values = np.asarray(values, dtype=float)
    hidden = set(suppressed) | set(derived)
    return {cell: attacker_interval(X, values, hidden, cell, A_ub)[0] for cell in sorted(hidden)}
