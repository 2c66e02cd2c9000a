"""The attacker's side of the count tables: read published tables back into their families and
bound every hidden cell by linear programming (tables.py builds the families; protection is in
tables.protected_tables). The package-level audit (audit.py) calls audit_tables per joint set."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from .disclosure import DisclosureError, audit, exposed, isolated
from .tables import TOTAL, Family, TableSpec, _check_joint, _groups, build_family


@dataclass(frozen=True)
class AuditFinding:
    table: str
    cell: dict      # group columns and dims; None = the total over that dimension
    problem: str


def _shown(cell: dict) -> dict:
    return {d: (None if v == TOTAL else v) for d, v in cell.items()}


def audit_tables(specs: Sequence[TableSpec], frames: Mapping[str, pd.DataFrame]) -> list[AuditFinding]:
    """Attack *published* tables from their own rows, all of `specs` together: every
    suppressed cell narrower than k, every derived cell exposed, every published pair of cells
    that contradicts a declared relation.

    Uses only what is in the files (published counts, which cells are suppressed, the
    `disclosure` metadata), so a writer bug that publishes an unmodelled margin or a wrong flag
    shows up here. `frames` hold TOTAL markers for "all categories" (build.from_published).
    A cell without a row is treated as unpublished (derived).
    """
    _check_joint(specs)
    findings: list[AuditFinding] = []
    by_name = {s.name: s for s in specs}
    together = {s.name: f" (attacked together with {', '.join(o.name for o in specs if o.name != s.name)})" if len(specs) > 1 else ""
                for s in specs}
    for key, rows in _groups(specs, frames):
        group = dict(zip(specs[0].group, key))
        family = build_family(specs, {})
        values = np.zeros(len(family.cells))
        hidden, unpublished = set(), set(family.derived)
        lookups = {name: {tuple(str(r[d]) for d in by_name[name].dims): r for _, r in part.iterrows()} for name, part in rows.items()}
        for i, (table, cell) in enumerate(zip(family.tables, family.cells)):
            if i in family.derived:
                continue
            row = lookups[table].get(tuple(str(cell[d]) for d in by_name[table].dims))
            if row is None:
                unpublished.add(i)
            elif bool(row["suppressed"]):
                hidden.add(i)
            else:
                values[i] = float(row[by_name[table].count])
        contradictions = _contradictions(specs, family, values, hidden | unpublished)
        for table, cell, text in contradictions:
            findings.append(AuditFinding(table, {**group, **_shown(cell)}, text))
        if contradictions:
            continue
        try:
            intervals = audit(family.X, values, hidden, derived=unpublished, A_ub=family.A_ub)
        except DisclosureError as error:
            findings.append(AuditFinding(specs[0].name, group, str(error)))
            continue
        for i, interval in intervals.items():
            table, cell, k = family.tables[i], {**group, **_shown(family.cells[i])}, family.k[i]
            also = together[table]
            if i in family.derived:
                if not isolated(family.X, interval, k, i, hidden | unpublished):
                    continue
            elif not exposed(interval, k, suppressed=i in hidden):
                continue
            if i in hidden:
                findings.append(AuditFinding(table, cell, f"suppressed cell can be narrowed to an interval of width {interval.width:g} < k={k:g}, "
                                                          f"[{interval.low:g}, {interval.high:g}]{also}"))
            else:
                what = _derived_text(by_name[table], family.cells[i])
                rule = ": minors isolated by subtraction (disclosure rule 5)" if i in family.derived else f", which holds values in [1, {k - 1:g}]"
                findings.append(AuditFinding(table, cell, f"{what} can be narrowed to [{interval.low:g}, {interval.high:g}], "
                                                          f"narrower than k={k:g}{rule}{also}"))
    return findings


def _derived_text(spec: TableSpec, cell: dict) -> str:
    for dim, groups in spec.derived.items():
        if cell.get(dim) in groups:
            return f"the unpublished count {dim}={cell[dim]} ({' + '.join(groups[cell[dim]])}, or the total minus the rest)"
    return "a cell without a row"


def _contradictions(specs: Sequence[TableSpec], family: Family, values: np.ndarray, hidden: set[int]) -> list[tuple[str, dict, str]]:
    """Published pairs of cells that break a declared relation (enrolments in a component >
    people, or all enrolments < people): the files cannot both be right."""
    out = []
    names = {s.name: s for s in specs}
    for spec in specs:
        link = spec.enrolments_of
        if link is None:
            continue
        people = names[link.resource]
        for key in itertools.product(*((*spec.categories[d], TOTAL) for d in link.on)):
            where = dict(zip(link.on, key))
            p = family.index(people.name, {d: where.get(d, TOTAL) for d in people.dims})
            if p is None or p in hidden:
                continue
            for category in (*spec.categories[link.per], TOTAL):
                e = family.index(spec.name, {d: where.get(d, category if d == link.per else TOTAL) for d in spec.dims})
                if e is None or e in hidden:
                    continue
                if category != TOTAL and values[e] > values[p]:
                    out.append((spec.name, family.cells[e], f"{values[e]:g} enrolments in {link.per}={category} but only "
                                f"{values[p]:g} people in {people.name} there: no one enrols twice in one {link.per}"))
                if category == TOTAL and values[e] < values[p]:
                    out.append((spec.name, family.cells[e], f"{values[e]:g} enrolments in all but {values[p]:g} people in "
                                f"{people.name} there: everyone served enrols at least once"))
    return out
