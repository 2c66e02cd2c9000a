"""Protection: aggregate each table's records into its cells and suppress, the tables of one
population together, group by group (the families of tables.py; the rules in docs/data.md). A
cell a previous release hid stays hidden (`hidden_before`, disclosure.protect's `hidden`)."""

from __future__ import annotations

from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

from .disclosure import DisclosureError, protect
from .tables import TableSpec, _check_joint, _groups, build_family, cell_key


def _relation_text(relation: dict) -> str:
    where = ", ".join(f"{d}={v}" for d, v in {**relation["on"], **relation["per"]}.items())
    if relation["kind"] == "at_most":
        return f"{relation['table']} ({where}) counts more enrolments than {relation['people']} counts people there"
    return f"{relation['table']} ({where}) counts fewer enrolments than {relation['people']} counts people there"


def protected_tables(specs: Sequence[TableSpec], records: Mapping[str, pd.DataFrame],
                     hidden_before: Mapping[str, Any] | None = None) -> dict[str, pd.DataFrame]:
    """Aggregate each table's records into its cells and suppress, all tables of `specs`
    together group by group; returns each table to publish (suppressed cells have an empty
    count and suppressed = True; totals are always published). `hidden_before`: per table, the
    cell_keys a previous release hid: they stay hidden (disclosure.protect's `hidden`)."""
    hidden_before = hidden_before or {}
    _check_joint(specs)
    out: dict[str, list[dict]] = {spec.name: [] for spec in specs}
    for key, members in _groups(specs, records):
        atoms = {spec.name: members[spec.name].groupby(list(spec.dims)).size() for spec in specs}
        family = build_family(specs, atoms)
        if family.A_ub is not None:
            slack = family.A_ub @ family.atoms
            for i in np.nonzero(slack > 0)[0]:
                relation, where = family.relations[i], dict(zip(specs[0].group, key))
                raise DisclosureError(f"{_relation_text(relation)} in {where}: the tables assume each person is counted in one "
                                      f"{', '.join(relation['link'].on)} per {', '.join(specs[0].group) or 'table'} and enrolled at most "
                                      f"once per {relation['link'].per}; fix the records")
        by_name = {spec.name: spec for spec in specs}
        keep = {i for i, (table, cell) in enumerate(zip(family.tables, family.cells))
                if i not in family.derived and cell_key(key, cell, by_name[table].dims) in hidden_before.get(table, ())}
        suppressed = protect(family.X, family.values, family.k, forced=family.forced, derived=family.derived, A_ub=family.A_ub,
                             hidden=keep)
        present = {spec.name for spec in specs if len(members[spec.name])}
        counts = {spec.name: spec.count for spec in specs}
        for i, (table, cell) in enumerate(zip(family.tables, family.cells)):
            if i in family.derived or table not in present:
                continue
            hidden = i in suppressed
            out[table].append({**dict(zip(specs[0].group, key)), **cell,
                               counts[table]: pd.NA if hidden else int(family.values[i]), "suppressed": hidden})
    result = {}
    for spec in specs:
        table = pd.DataFrame(out[spec.name], columns=[*spec.group, *spec.dims, spec.count, "suppressed"])
        table[spec.count] = table[spec.count].astype("Int64")
        result[spec.name] = table
    return result


def protected_table(spec: TableSpec, records: pd.DataFrame, hidden_before: Any = frozenset()) -> pd.DataFrame:
    """One table on its own (see protected_tables)."""
    return protected_tables([spec], {spec.name: records}, {spec.name: hidden_before})[spec.name]
