"""An attacker on the youth tables, written independently of the publish code.

It knows what anyone knows from the files: every published cell, that counts are >= 0, and
what enrolments mean: one person enrols at most once in a component and at least once in all,
in the cluster where they are served. So, per cluster: enrolments in each component <= people
served there <= all enrolments there. It bounds each hidden cell by two linear programs.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import linprog


@dataclass(frozen=True)
class Table:
    name: str
    dims: tuple[str, ...]
    categories: dict[str, tuple]
    count: str
    frame: pd.DataFrame  # one year; a dimension's empty cell (or "total") means every category


def _key(row, dims) -> tuple:
    return tuple(None if pd.isna(row[d]) or row[d] == "total" else row[d] for d in dims)


def attack(tables: list[Table], enrolments: str, people: str, on: str = "area", per: str = "component",
           inequalities: bool = True) -> list[tuple[str, tuple, float, float]]:
    """(table, cell key, low, high) for every hidden cell of `tables`, attacked together."""
    atoms = [(t.name, combo) for t in tables for combo in itertools.product(*(t.categories[d] for d in t.dims))]
    by_name = {t.name: t for t in tables}

    def indicator(name: str, **fixed) -> np.ndarray:
        dims = by_name[name].dims
        return np.array([n == name and all(v is None or combo[dims.index(d)] == v for d, v in fixed.items())
                         for n, combo in atoms], dtype=float)

    equations, values, hidden = [], [], []
    for t in tables:
        for _, row in t.frame.iterrows():
            key = _key(row, t.dims)
            vector = indicator(t.name, **dict(zip(t.dims, key)))
            if bool(row["suppressed"]):
                hidden.append((t.name, key, vector))
            else:
                equations.append(vector)
                values.append(float(row[t.count]))
    rows = []
    if inequalities:
        for area in by_name[people].categories[on]:
            persons = indicator(people, **{on: area})
            enrolled = [indicator(enrolments, **{on: area, per: c}) for c in by_name[enrolments].categories[per]]
            rows += [e - persons for e in enrolled] + [persons - sum(enrolled)]
    A_ub = np.array(rows) if rows else None
    b_ub = np.zeros(len(rows)) if rows else None
    out = []
    for name, key, vector in hidden:
        low = linprog(vector, A_eq=np.array(equations), b_eq=np.array(values), A_ub=A_ub, b_ub=b_ub, bounds=(0, None), method="highs")
        high = linprog(-vector, A_eq=np.array(equations), b_eq=np.array(values), A_ub=A_ub, b_ub=b_ub, bounds=(0, None), method="highs")
        assert low.status == 0, f"the published cells contradict each other ({name} {key}): {low.message}"
        out.append((name, key, low.fun, np.inf if high.status == 3 else -high.fun))
    return out


def reveals_a_small_count(low: float, high: float, k: int) -> bool:
    """Narrower than k and holding some value in [1, k-1]."""
    return high - low < k - 1e-6 and high >= 1 - 1e-6 and low <= k - 1 + 1e-6
