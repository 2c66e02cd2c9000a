"""Count tables with their margins, protected family by family.

A *family* is every cell built from the same atoms within one group (one year, say): e.g.
homicides by cluster in 2021 plus the 2021 municipal total. Tables of one population that
share only their forced totals (a star of tables, like the homicide tables) can each be
protected and audited alone: that is exact. Tables linked by what the data implies are one
family: the youth tables count the same young people, once as unique people (by cluster, sex,
age group) and once as enrolments (by cluster and component), and an attacker knows that no
one enrols twice in a component and everyone served enrols at least once (EnrolmentsOf). Those
tables are protected and audited together, year by year, with those inequalities in the LP.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

from .disclosure import DisclosureError

TOTAL = "total"


@dataclass(frozen=True)
class EnrolmentsOf:
    """This table counts enrolments of the people that table `resource` counts: a person is
    counted once per `per` category they enrol in (a component), in the same `on` cell (the
    cluster) as in `resource`. So, for every combination of `on` categories:
    enrolments in each `per` category <= people there <= all their enrolments.
    With real-valued counts these inequalities are all an attacker can infer from the two
    tables (any counts that satisfy them can be split into people with sets of components)."""

    resource: str
    on: tuple[str, ...]
    per: str


@dataclass(frozen=True)
class TableSpec:
    """How to publish one count table.

    group: columns that split the table into independent families (usually the year).
    dims: the cross-classification inside a family; its atoms are every combination of categories.
    margins: which subsets of `dims` are published as cells (() is the family total, always forced).
    population: the people the table counts; tables linked by `enrolments_of` must share it.
    derived: categories that are never published but must not be computable into [1, k-1],
        e.g. {"age_group": {"0-17": ("0-12", "13-17")}}: minors, as total - 18+ (one cell per
        published margin that contains the dimension).
    enrolments_of: this table counts enrolments of another table's people (see EnrolmentsOf).
    """

    name: str
    group: tuple[str, ...]
    dims: tuple[str, ...]
    categories: dict[str, tuple]
    margins: tuple[tuple[str, ...], ...]
    count: str
    k: int
    population: str = ""
    derived: dict[str, dict[str, tuple]] = field(default_factory=dict)
    enrolments_of: EnrolmentsOf | None = None

    def joint_metadata(self) -> dict[str, Any]:
        """The `disclosure` keys an auditor needs to join and attack this table with others."""
        out: dict[str, Any] = {}
        if self.population:
            out["population"] = self.population
        if self.derived:
            out["derived"] = {d: {name: list(parts) for name, parts in groups.items()} for d, groups in self.derived.items()}
        if self.enrolments_of:
            out["enrolments_of"] = {"resource": self.enrolments_of.resource, "on": list(self.enrolments_of.on),
                                    "per": self.enrolments_of.per}
        return out

    @staticmethod
    def joint_from_metadata(disclosure: Mapping[str, Any]) -> dict[str, Any]:
        """The inverse of joint_metadata, as TableSpec keyword arguments."""
        link = disclosure.get("enrolments_of")
        return {
            "population": str(disclosure.get("population", "")),
            "derived": {d: {name: tuple(parts) for name, parts in groups.items()}
                        for d, groups in (disclosure.get("derived") or {}).items()},
            "enrolments_of": EnrolmentsOf(link["resource"], tuple(link["on"]), link["per"]) if link else None,
        }


def _combos(spec: TableSpec) -> list[tuple]:
    return list(itertools.product(*(spec.categories[d] for d in spec.dims)))


def _atom_counts(spec: TableSpec, atoms: pd.Series) -> np.ndarray:
    return np.array([atoms.get(c if len(c) > 1 else c[0], 0) for c in _combos(spec)], dtype=float)


def family_matrix(spec: TableSpec, atoms: pd.Series) -> tuple[list[dict], np.ndarray, np.ndarray]:
    """Cells (as {dim: category or TOTAL}), the cell-by-atom matrix X, and the cell values.

    `atoms` is a count indexed by every combination of spec.dims' categories (zeros included).
    """
    combos = _combos(spec)
    cells, rows = [], []
    for margin in spec.margins:
        positions = [spec.dims.index(d) for d in margin]
        for key in itertools.product(*(spec.categories[d] for d in margin)):
            row = np.array([all(combo[p] == k for p, k in zip(positions, key)) for combo in combos], dtype=float)
            cells.append({d: (key[margin.index(d)] if d in margin else TOTAL) for d in spec.dims})
            rows.append(row)
    X = np.vstack(rows)
    return cells, X, X @ _atom_counts(spec, atoms)


def derived_matrix(spec: TableSpec, atoms: pd.Series) -> tuple[list[dict], np.ndarray, np.ndarray]:
    """The derived cells: in every published margin with a derived dimension, the sum of the
    derived category's parts (e.g. age_group = 0-17 in each year, and per sex if published)."""
    combos = _combos(spec)
    cells, rows = [], []
    for dim, groups in spec.derived.items():
        for margin in spec.margins:
            if dim not in margin:
                continue
            others = [d for d in margin if d != dim]
            for name, parts in groups.items():
                for key in itertools.product(*(spec.categories[d] for d in others)):
                    fixed = dict(zip(others, key))
                    row = np.array([combo[spec.dims.index(dim)] in parts
                                    and all(combo[spec.dims.index(d)] == v for d, v in fixed.items()) for combo in combos], dtype=float)
                    cells.append({d: (name if d == dim else fixed.get(d, TOTAL)) for d in spec.dims})
                    rows.append(row)
    if not rows:
        return [], np.zeros((0, len(combos))), np.zeros(0)
    X = np.vstack(rows)
    return cells, X, X @ _atom_counts(spec, atoms)


@dataclass
class Family:
    """The cells of one group (year) of several tables over their atoms, side by side."""

    tables: list[str]          # per cell: which table
    cells: list[dict]          # per cell: {dim: category or TOTAL (or a derived category)}
    X: np.ndarray              # cells x atoms (block-diagonal: each table has its own atoms)
    values: np.ndarray
    k: np.ndarray
    forced: set[int]
    derived: set[int]
    A_ub: np.ndarray | None    # attacker's inequalities: A_ub @ atoms <= 0
    relations: list[dict]      # per row of A_ub: what it says (for messages)
    atoms: np.ndarray
    _positions: dict = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._positions = {(t, tuple(sorted(c.items()))): i for i, (t, c) in enumerate(zip(self.tables, self.cells))}

    def index(self, table: str, cell: dict) -> int | None:
        return self._positions.get((table, tuple(sorted(cell.items()))))


def _check_joint(specs: Sequence[TableSpec]) -> None:
    names = {s.name: s for s in specs}
    for spec in specs:
        link = spec.enrolments_of
        if link is None:
            continue
        people = names.get(link.resource)
        if people is None:
            raise DisclosureError(f"{spec.name}: disclosure.enrolments_of names '{link.resource}', which is not a count table beside it (the tables of one population are protected and audited together)")
        if spec.group != people.group:
            raise DisclosureError(f"{spec.name} and {people.name} are split by different groups ({spec.group} vs {people.group})")
        if spec.population != people.population:
            raise DisclosureError(f"{spec.name} and {people.name} count enrolments of the same people but name different populations")
        if link.per not in spec.dims:
            raise DisclosureError(f"{spec.name}: disclosure.enrolments_of.per '{link.per}' is not one of its dimensions")
        for dim in link.on:
            if dim not in spec.dims or dim not in people.dims or tuple(spec.categories[dim]) != tuple(people.categories[dim]):
                raise DisclosureError(f"{spec.name}: disclosure.enrolments_of.on '{dim}' must be a dimension of both tables, with the same categories")


def build_family(specs: Sequence[TableSpec], atoms: Mapping[str, pd.Series]) -> Family:
    """One group of the tables in `specs` as one family (atoms: per table, as in family_matrix)."""
    _check_joint(specs)
    tables, cells, blocks, values, ks, forced, derived, counts = [], [], [], [], [], set(), set(), []
    offsets, start = {}, 0
    for spec in specs:
        series = atoms.get(spec.name, pd.Series(dtype=float))
        for is_derived, (spec_cells, X, v) in ((False, family_matrix(spec, series)), (True, derived_matrix(spec, series))):
            for cell in spec_cells:
                i = len(cells)
                if is_derived:
                    derived.add(i)
                elif all(value == TOTAL for value in cell.values()):
                    forced.add(i)
                tables.append(spec.name)
                cells.append(cell)
                ks.append(spec.k)
            blocks.append((start, X))
            values.extend(v)
        offsets[spec.name] = start
        counts.append(_atom_counts(spec, series))
        start += len(_combos(spec))
    X = np.zeros((len(cells), start))
    row = 0
    for offset, block in blocks:
        X[row:row + len(block), offset:offset + block.shape[1]] = block
        row += len(block)
    A_ub, relations = _relations(specs, offsets, start)
    return Family(tables, cells, X, np.asarray(values, dtype=float), np.asarray(ks, dtype=float), forced, derived,
                  A_ub, relations, np.concatenate(counts) if counts else np.zeros(0))


def _relations(specs: Sequence[TableSpec], offsets: dict[str, int], n_atoms: int) -> tuple[np.ndarray | None, list[dict]]:
    names = {s.name: s for s in specs}
    rows, relations = [], []
    for spec in specs:
        link = spec.enrolments_of
        if link is None:
            continue
        people = names[link.resource]
        enrolment_combos, people_combos = _combos(spec), _combos(people)
        for key in itertools.product(*(spec.categories[d] for d in link.on)):
            where = dict(zip(link.on, key))
            persons = np.zeros(n_atoms)
            for j, combo in enumerate(people_combos):
                if all(combo[people.dims.index(d)] == v for d, v in where.items()):
                    persons[offsets[people.name] + j] = 1
            per_category = []
            for category in spec.categories[link.per]:
                enrolled = np.zeros(n_atoms)
                for j, combo in enumerate(enrolment_combos):
                    if combo[spec.dims.index(link.per)] == category and all(combo[spec.dims.index(d)] == v for d, v in where.items()):
                        enrolled[offsets[spec.name] + j] = 1
                per_category.append(enrolled)
                rows.append(enrolled - persons)
                relations.append({"kind": "at_most", "table": spec.name, "people": people.name, "on": where, "per": {link.per: category},
                                  "link": link})
            rows.append(persons - sum(per_category))
            relations.append({"kind": "at_least", "table": spec.name, "people": people.name, "on": where, "per": {}, "link": link})
    return (np.vstack(rows) if rows else None), relations


def _groups(specs: Sequence[TableSpec], frames: Mapping[str, pd.DataFrame]) -> list[tuple[tuple, dict[str, pd.DataFrame]]]:
    """Each group key (e.g. year) with every table's rows for it."""
    group = specs[0].group
    keys: set[tuple] = set()
    for spec in specs:
        frame = frames[spec.name]
        if group:
            keys |= set(frame[list(group)].drop_duplicates().itertuples(index=False, name=None))
        else:
            keys.add(())
    out = []
    for key in sorted(keys):
        parts = {}
        for spec in specs:
            frame = frames[spec.name]
            if group:
                mask = np.logical_and.reduce([frame[g] == v for g, v in zip(group, key)]) if len(frame) else np.zeros(0, bool)
                parts[spec.name] = frame[mask]
            else:
                parts[spec.name] = frame
        out.append((key, parts))
    return out


def cell_key(group: tuple, cell: Mapping[str, Any], dims: Sequence[str]) -> tuple:
    """A cell's identity across releases: its group values and its categories as text (TOTAL for
    "all"), the way a previous release's file is read back (revisions.hidden_cells)."""
    return (tuple(int(g) if isinstance(g, (int, np.integer)) else g for g in group), tuple(str(cell[d]) for d in dims))


def joint_sets(specs: Sequence[TableSpec]) -> list[list[TableSpec]]:
    """The tables to attack together: those linked by enrolments_of (transitively); every
    other table alone. In declaration order."""
    names = {s.name: s for s in specs}
    parent = {s.name: s.name for s in specs}

    def root(name: str) -> str:
        while parent[name] != name:
            name = parent[name]
        return name

    for spec in specs:
        if spec.enrolments_of and spec.enrolments_of.resource in names:
            parent[root(spec.name)] = root(spec.enrolments_of.resource)
    sets: dict[str, list[TableSpec]] = {}
    for spec in specs:
        sets.setdefault(root(spec.name), []).append(spec)
    return list(sets.values())


def margins_of(dims: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    """Every subset of dims, finest first: a table published with all its margins."""
    return tuple(c for n in range(len(dims), -1, -1) for c in itertools.combinations(dims, n))

