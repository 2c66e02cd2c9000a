"""Count tables with their margins, protected family by family.

A *family* is every published cell built from the same atoms within one group (one year, say):
e.g. homicides by cluster in 2021 plus the 2021 municipal total. Families of one source share
only their forced totals (a star of tables), so auditing each family alone is exact.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Sequence

import numpy as np
import pandas as pd

from .disclosure import audit, protect

TOTAL = "total"


@dataclass(frozen=True)
class TableSpec:
    """How to publish one count table.

    group: columns that split the table into independent families (usually the year).
    dims: the cross-classification inside a family; its atoms are every combination of categories.
    margins: which subsets of `dims` are published as cells (() is the family total, always forced).
    """

    name: str
    group: tuple[str, ...]
    dims: tuple[str, ...]
    categories: dict[str, tuple]
    margins: tuple[tuple[str, ...], ...]
    count: str
    k: int


def family_matrix(spec: TableSpec, atoms: pd.Series) -> tuple[list[dict], np.ndarray, np.ndarray]:
    """Cells (as {dim: category or TOTAL}), the cell-by-atom matrix X, and the cell values.

    `atoms` is a count indexed by every combination of spec.dims' categories (zeros included).
    """
    combos = list(itertools.product(*(spec.categories[d] for d in spec.dims)))
    counts = np.array([atoms.get(c if len(c) > 1 else c[0], 0) for c in combos], dtype=float)
    cells, rows = [], []
    for margin in spec.margins:
        positions = [spec.dims.index(d) for d in margin]
        for key in itertools.product(*(spec.categories[d] for d in margin)):
            row = np.array([all(combo[p] == k for p, k in zip(positions, key)) for combo in combos], dtype=float)
            cells.append({d: (key[margin.index(d)] if d in margin else TOTAL) for d in spec.dims})
            rows.append(row)
    X = np.vstack(rows)
    return cells, X, X @ counts


def protected_table(spec: TableSpec, records: pd.DataFrame) -> pd.DataFrame:
    """Aggregate records into the spec's cells, suppress, and return the table to publish.

    Suppressed cells have an empty count and suppressed = True; totals are always published.
    """
    columns = [*spec.group, *spec.dims, spec.count, "suppressed"]
    out: list[dict] = []
    groups = records.groupby(list(spec.group), sort=True) if spec.group else [((), records)]
    for group_key, members in groups:
        group_key = group_key if isinstance(group_key, tuple) else (group_key,)
        atoms = members.groupby(list(spec.dims)).size()
        cells, X, values = family_matrix(spec, atoms)
        forced = {i for i, cell in enumerate(cells) if all(v == TOTAL for v in cell.values())}
        suppressed = protect(X, values, spec.k, forced=forced)
        for i, cell in enumerate(cells):
            hidden = i in suppressed
            out.append(
                {**dict(zip(spec.group, group_key)), **cell,
                 spec.count: pd.NA if hidden else int(values[i]), "suppressed": hidden}
            )
    table = pd.DataFrame(out, columns=columns)
    table[spec.count] = table[spec.count].astype("Int64")
    return table


def audit_table(spec: TableSpec, table: pd.DataFrame) -> list[tuple[dict, float]]:
    """Attack a *published* table from its own rows: every suppressed cell's interval width.

    Uses only what is in the file (published counts and which cells are suppressed), so a writer
    bug that publishes an unmodelled margin or a wrong flag shows up here.
    """
    results = []
    groups = table.groupby(list(spec.group), sort=True) if spec.group else [((), table)]
    for _, rows in groups:
        cells, X, _ = family_matrix(spec, pd.Series(dtype=float))
        lookup = {tuple(str(r[d]) for d in spec.dims): r for _, r in rows.iterrows()}
        values = np.zeros(len(cells))
        hidden = set()
        for i, cell in enumerate(cells):
            row = lookup[tuple(str(cell[d]) for d in spec.dims)]
            if bool(row["suppressed"]):
                hidden.add(i)
            else:
                values[i] = float(row[spec.count])
        for i, interval in audit(X, values, hidden).items():
            results.append((cells[i], interval.width))
    return results


def margins_of(dims: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    """Every subset of dims, finest first: a table published with all its margins."""
    return tuple(c for n in range(len(dims), -1, -1) for c in itertools.combinations(dims, n))
