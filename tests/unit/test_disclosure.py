"""Suppression itself: textbook tables, and random tables checked by an independent attacker;
tables of one population (people and their enrolments) protected and attacked together; the
minors that a total minus adults would give."""

from __future__ import annotations

import itertools
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from pazos_dash.publish.disclosure import DisclosureError, protect
from pazos_dash.publish.table_audit import audit_tables
from pazos_dash.publish.protection import protected_table, protected_tables
from pazos_dash.publish.tables import TOTAL, EnrolmentsOf, TableSpec, family_matrix, margins_of
from tests.attacker import Table, attack, reveals_a_small_count


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


# --------------------------------------------------------------------------- minors by subtraction


def test_adults_are_hidden_when_total_minus_adults_would_give_a_small_count_of_minors():
    # Atoms 0-12, 13-17, 18+; published: 18+ and the total; never published: 0-17 = total - 18+.
    X = np.array([[0, 0, 1], [1, 1, 1], [1, 1, 0]], dtype=float)
    values = X @ np.array([1, 2, 50])
    assert protect(X, values, 5, forced={1}, derived={2}) == {0}
    lo, hi = _bounds(X, values, {0, 2}, 2)
    assert hi - lo >= 5
    # Six minors: not a small count, but still isolated by subtraction (rule 5): adults hidden too.
    assert protect(X, X @ np.array([0, 6, 50]), 5, forced={1}, derived={2}) == {0}
    # Without the derived cell the 3 went unnoticed.
    assert protect(X[:2], values[:2], 5, forced={1}) == set()
    # Minors published through their own parts (0-12 and 13-17 at city level) are a breakdown, not isolated.
    X = np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 1], [1, 1, 0]], dtype=float)
    assert protect(X, X @ np.array([5, 6, 50]), 5, forced={3}, derived={4}) == set()


VICTIM_AGE = TableSpec("age", ("year",), ("age_group",), {"age_group": ("0-12", "13-17", "18+")},
                       margins_of(("age_group",)), "n", 5, derived={"age_group": {"0-17": ("0-12", "13-17")}})


def _victims(**counts: int) -> pd.DataFrame:
    return pd.DataFrame({"year": 2020, "age_group": [g for g, n in counts.items() for _ in range(n)]})


def test_age_table_never_lets_total_minus_adults_give_a_small_count():
    table = protected_table(VICTIM_AGE, _victims(**{"0-12": 1, "13-17": 2, "18+": 50})).set_index("age_group")
    assert table.loc["18+", "suppressed"] and table.loc[TOTAL, "n"] == 53
    assert "0-17" not in table.index  # the derived margin is checked, never published
    # Minors published through their parts (0 and 9): nothing is isolated, everything is published.
    table = protected_table(VICTIM_AGE, _victims(**{"0-12": 0, "13-17": 9, "18+": 50})).set_index("age_group")
    assert not table["suppressed"].any() and table.loc["18+", "n"] == 50
    # 0-12 small and hidden: 13-17 and 18+ must not give the minors as total - adults, even at 9 (rule 5).
    table = protected_table(VICTIM_AGE, _victims(**{"0-12": 2, "13-17": 7, "18+": 50})).set_index("age_group")
    assert table.loc["18+", "suppressed"] and table.loc[TOTAL, "n"] == 59


def test_audit_names_the_minors_that_total_minus_adults_gives():
    published = pd.DataFrame({"year": 2020, "age_group": ["0-12", "13-17", "18+", TOTAL],
                              "n": [pd.NA, pd.NA, 50, 53], "suppressed": [True, True, False, False]})
    findings = audit_tables([VICTIM_AGE], {"age": published})
    assert any(f.cell == {"year": 2020, "age_group": "0-17"} and "[3, 3]" in f.problem for f in findings), findings
    # Nine minors isolated as 59 - 50 are refused too (rule 5), not only small counts.
    nine = published.assign(n=[pd.NA, pd.NA, 50, 59])
    assert any(f.cell == {"year": 2020, "age_group": "0-17"} and "rule 5" in f.problem for f in audit_tables([VICTIM_AGE], {"age": nine}))
    published.loc[2, ["n", "suppressed"]] = [pd.NA, True]
    assert audit_tables([VICTIM_AGE], {"age": published}) == []


# --------------------------------------------------------------------------- people and enrolments together


PEOPLE = TableSpec("people", ("year",), ("area",), {"area": ("A", "B")}, margins_of(("area",)), "people", 5, population="youth")
ENROLMENTS = TableSpec("enrolments", ("year",), ("area", "component"), {"area": ("A", "B"), "component": ("x", "y")},
                       margins_of(("area", "component")), "enrolments", 5, population="youth",
                       enrolments_of=EnrolmentsOf("people", ("area",), "component"))


def _served(people: list[tuple[str, str, tuple[str, ...]]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(person, area, components) -> enrolment records and unique-people records for 2020."""
    enrolments = pd.DataFrame([{"year": 2020, "person_id": p, "area": a, "component": c} for p, a, cs in people for c in cs])
    return enrolments, enrolments.drop_duplicates("person_id")


def _as_tables(specs: list[TableSpec], frames: dict[str, pd.DataFrame]) -> list[Table]:
    return [Table(s.name, s.dims, s.categories, s.count, frames[s.name]) for s in specs]


def test_people_and_enrolments_protected_one_by_one_are_pinned_together():
    # 4 people in A and 10 in B, each in both components. One by one, each table hides A and B:
    # people A in [0, 14]. Together: 28 enrolments in 2 components need >= 10 people in B
    # (20 enrolments there), so B = 10 and A = 14 - 10 = 4: the small cell is exact.
    enrolments, people = _served([(f"{a}{i}", a, ("x", "y")) for a, n in (("A", 4), ("B", 10)) for i in range(n)])
    alone = {"people": protected_table(PEOPLE, people),
             "enrolments": protected_table(replace(ENROLMENTS, enrolments_of=None), enrolments)}
    separate = {(n, key): (lo, hi) for n, key, lo, hi in attack(_as_tables([PEOPLE], alone), "", "people", inequalities=False)}
    assert separate[("people", ("A",))] == (0, 14)
    together = {(n, key): (lo, hi) for n, key, lo, hi in attack(_as_tables([ENROLMENTS, PEOPLE], alone), "enrolments", "people")}
    assert together[("people", ("A",))] == pytest.approx((4, 4))
    assert together[("people", ("B",))] == pytest.approx((10, 10))
    assert any("attacked together with enrolments" in f.problem and f.cell == {"year": 2020, "area": "A"}
               for f in audit_tables([ENROLMENTS, PEOPLE], alone))

    joint = protected_tables([ENROLMENTS, PEOPLE], {"enrolments": enrolments, "people": people})
    for name, key, lo, hi in attack(_as_tables([ENROLMENTS, PEOPLE], joint), "enrolments", "people"):
        assert hi - lo >= 5, f"{name} {key}: [{lo}, {hi}]"
    assert joint["enrolments"]["suppressed"].sum() > alone["enrolments"]["suppressed"].sum()  # the row totals went too
    assert audit_tables([ENROLMENTS, PEOPLE], joint) == []


def test_enrolments_that_break_the_relation_are_refused():
    # A person served in two clusters in one year: the tables' relation would be false.
    enrolments, people = _served([("p1", "A", ("x",)), *[(f"b{i}", "B", ("x",)) for i in range(12)]])
    enrolments = pd.concat([enrolments, pd.DataFrame([{"year": 2020, "person_id": "p1", "area": "B", "component": "x"}])])
    with pytest.raises(DisclosureError, match=r"enrolments \(area=B, component=x\) counts more enrolments than people counts people there in \{'year': 2020\}"):
        protected_tables([ENROLMENTS, PEOPLE], {"enrolments": enrolments, "people": people})


def test_audit_names_published_cells_that_contradict_the_relation():
    enrolments, people = _served([(f"p{i}", "A" if i < 12 else "B", ("x", "y")) for i in range(24)])
    joint = protected_tables([ENROLMENTS, PEOPLE], {"enrolments": enrolments, "people": people})
    assert not joint["enrolments"]["suppressed"].any()
    joint["enrolments"].loc[(joint["enrolments"]["area"] == "A") & (joint["enrolments"]["component"] == "x"), "enrolments"] = 13
    findings = audit_tables([ENROLMENTS, PEOPLE], joint)
    assert [(f.table, f.cell) for f in findings] == [("enrolments", {"year": 2020, "area": "A", "component": "x"})]
    assert "13 enrolments in component=x but only 12 people" in findings[0].problem


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(areas=st.integers(2, 3), components=st.integers(2, 3), k=st.integers(2, 10), data=st.data())
def test_random_people_and_enrolments_hide_every_small_count_from_a_joint_attack(areas, components, k, data):
    area_codes, component_codes = tuple("ABC"[:areas]), tuple("xyz"[:components])
    people_spec = TableSpec("people", ("year",), ("area", "sex"), {"area": area_codes, "sex": ("f", "m")},
                            margins_of(("area", "sex")), "people", k, population="youth")
    enrolment_spec = TableSpec("enrolments", ("year",), ("area", "component"), {"area": area_codes, "component": component_codes},
                               margins_of(("area", "component")), "enrolments", k, population="youth",
                               enrolments_of=EnrolmentsOf("people", ("area",), "component"))
    subsets = [s for n in range(1, components + 1) for s in itertools.combinations(component_codes, n)]
    served = []
    for area in area_codes:
        for sex in ("f", "m"):
            for i in range(data.draw(st.integers(0, 9), label=f"people {area} {sex}")):
                served.append((f"{area}{sex}{i}", area, sex, data.draw(st.sampled_from(subsets))))
    enrolments = pd.DataFrame([{"year": 2020, "person_id": p, "area": a, "sex": s, "component": c}
                               for p, a, s, cs in served for c in cs], columns=["year", "person_id", "area", "sex", "component"])
    people = enrolments.drop_duplicates("person_id")
    if 0 < len(people) < k or 0 < len(enrolments) < k or not len(people):
        return  # a grand total below k cannot be published at all: the design must change
    specs = [enrolment_spec, people_spec]
    truth = {"people": people, "enrolments": enrolments}

    def true_count(spec: TableSpec, key: tuple) -> int:
        rows = truth[spec.name]
        return int(np.logical_and.reduce([rows[d] == v for d, v in zip(spec.dims, key) if v is not None] + [np.ones(len(rows), bool)]).sum())

    try:
        tables = protected_tables(specs, truth)
    except DisclosureError as error:
        # Only when the totals alone give a small count away: hide every other non-zero cell and
        # the joint attack still narrows one (e.g. 3 enrolments in 2 components of 2 people: >= 1 in each).
        assert "cannot be protected" in str(error)
        everything = {}
        for spec in specs:
            cells = [dict(zip(spec.dims, key)) for m in spec.margins
                     for key in itertools.product(*((*spec.categories[d],) if d in m else (None,) for d in spec.dims))]
            everything[spec.name] = pd.DataFrame([{**c, spec.count: true_count(spec, tuple(c.values())),
                                                   "suppressed": any(v is not None for v in c.values()) and true_count(spec, tuple(c.values())) > 0}
                                                  for c in cells])
        assert any(reveals_a_small_count(lo, hi, k) for *_, lo, hi in attack(_as_tables(specs, everything), "enrolments", "people")), \
            f"protection gave up although hiding all but the totals protects: {error}"
        return

    for spec in specs:
        shown = tables[spec.name][~tables[spec.name]["suppressed"]][spec.count]
        assert not ((shown > 0) & (shown < k)).any(), f"a small cell of {spec.name} was published"
        totals = tables[spec.name][(tables[spec.name][list(spec.dims)] == TOTAL).all(axis=1)]
        assert not totals["suppressed"].any() and totals[spec.count].item() == len(truth[spec.name])
    for name, key, lo, hi in attack(_as_tables(specs, tables), "enrolments", "people"):
        true = true_count(people_spec if name == "people" else enrolment_spec, key)
        if 0 < true < k:
            assert hi - lo >= k - 1e-6, f"small cell {name} {key} = {true} narrowed to [{lo}, {hi}] (k={k})"
        assert not reveals_a_small_count(lo, hi, k), f"{name} {key} = {true} narrowed to [{lo}, {hi}] (k={k})"
    assert audit_tables(specs, tables) == []
