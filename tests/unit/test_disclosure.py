"""Suppression itself: textbook tables, and random tables checked by an independent attacker."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from pazos_dash.publish.disclosure import DisclosureError, protect
from pazos_dash.publish.tables import TOTAL, TableSpec, family_matrix, margins_of, protected_table


def _bounds(X: np.ndarray, values: np.ndarray, hidden: set[int], cell: int) -> tuple[float, float]:
    """The attacker, written independently of the code under test: min and max of one cell."""
    shown = [i for i in range(len(values)) if i not in hidden]
    lo = linprog(X[cell], A_eq=X[shown], b_eq=values[shown], bounds=(0, None), method="highs")
    hi = linprog(-X[cell], A_eq=X[shown], b_eq=values[shown], bounds=(0, None), method="highs")
    return lo.fun, (np.inf if hi.status == 3 else -hi.fun)


def test_one_small_cell_in_a_row_with_a_total_hides_a_second_cell():
    # Row of three cells and its total: 3 is below k=5, so a complement must go too.
    X = np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 1]], dtype=float)
    values = X @ np.array([3, 20, 9])
    hidden = protect(X, values, 5, forced={3})
    assert 0 in hidden and len(hidden) == 2
    assert 2 in hidden  # the smaller non-zero cell is the cheaper complement
    assert 3 not in hidden
    for cell in hidden:
        lo, hi = _bounds(X, values, hidden, cell)
        assert hi - lo >= 5


def test_complement_grows_until_the_interval_is_k_wide():
    # 1 and 2 hidden together would only give [0, 3]: a third cell is needed for width >= 5.
    X = np.vstack([np.eye(4), np.ones(4)])
    values = X @ np.array([1, 2, 30, 40])
    hidden = protect(X, values, 5, forced={4})
    assert {0, 1} <= hidden and len(hidden) == 3


def test_a_public_total_below_k_cannot_be_protected():
    X = np.vstack([np.eye(2), np.ones(2)])
    with pytest.raises(DisclosureError, match="redesign"):
        protect(X, X @ np.array([1, 2]), 5, forced={2})


def test_two_way_table_with_margins_is_protected():
    spec = TableSpec("t", ("year",), ("area", "sex"), {"area": ("A", "B", "C"), "sex": ("f", "m")},
                     margins_of(("area", "sex")), "n", 5)
    records = pd.DataFrame({"year": 2020, "area": ["A"] * 2 + ["A"] * 30 + ["B"] * 12 + ["B"] * 25 + ["C"] * 9 + ["C"] * 14,
                            "sex": ["f"] * 2 + ["m"] * 30 + ["f"] * 12 + ["m"] * 25 + ["f"] * 9 + ["m"] * 14})
    table = protected_table(spec, records)
    shown = table[~table["suppressed"]]
    assert not ((shown["n"] > 0) & (shown["n"] < 5)).any()
    assert table.loc[(table["area"] == TOTAL) & (table["sex"] == TOTAL), "n"].item() == 92
    assert table["suppressed"].sum() >= 4  # a 2x2 rectangle at least


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.integers(2, 4), cols=st.integers(2, 4), k=st.integers(2, 6),
    data=st.data(),
)
def test_random_tables_publish_no_small_cell_and_no_narrow_interval(rows, cols, k, data):
    counts = data.draw(st.lists(st.integers(0, 12), min_size=rows * cols, max_size=rows * cols))
    spec = TableSpec("t", (), ("r", "c"), {"r": tuple(range(rows)), "c": tuple(range(cols))},
                     margins_of(("r", "c")), "n", k)
    atoms = pd.Series({(r, c): counts[r * cols + c] for r in range(rows) for c in range(cols)})
    cells, X, values = family_matrix(spec, atoms)
    forced = {i for i, cell in enumerate(cells) if all(v == TOTAL for v in cell.values())}
    if 0 < values[-1] < k:
        return  # a grand total below k cannot be published at all: the design must change
    hidden = protect(X, values, k, forced=forced)

    published = [values[i] for i in range(len(values)) if i not in hidden]
    assert not any(0 < v < k for v in published), "a small cell was published"
    assert not hidden & forced
    for cell in hidden:
        lo, hi = _bounds(X, values, hidden, cell)
        assert hi - lo >= k - 1e-6, f"cell {cells[cell]} narrowed to [{lo}, {hi}]"
    assert protect(X, values, k, forced=forced) == hidden  # deterministic
