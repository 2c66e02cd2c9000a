"""The publish step: the shipped package is what publish makes, it hides what it must, and it
replaces the previous package in one step or not at all."""

from __future__ import annotations

import itertools
import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import linprog

from pazos_dash.data import DataError, load_package
from pazos_dash.publish import build, publish
from pazos_dash.publish.audit import assert_protected, audit_package, load_audited
from pazos_dash.publish.demo_raw import write_demo_raw
from pazos_dash.publish.disclosure import DisclosureError
from pazos_dash.publish.schema import RAW_DESCRIPTOR
from pazos_dash.publish.tables import protected_table
from pazos_dash.publish.writer import package_descriptor, write_files
from tests.attacker import Table, attack, reveals_a_small_count
from tests.conftest import PUBLISHED, REPO, reseal

REFERENCE = REPO / "data" / "reference"
EDITORIAL = REPO / "data" / "editorial"


@pytest.fixture(scope="module")
def shipped():
    return load_package(PUBLISHED)


@pytest.fixture(scope="module")
def demo_raw(tmp_path_factory, shipped) -> Path:
    seed = int(re.search(r"--seed (\d+)", shipped.descriptor["inputs"]["generator"]).group(1))
    raw = tmp_path_factory.mktemp("raw")
    write_demo_raw(raw, REFERENCE, seed=seed)
    return raw


def _publish(raw: Path, out: Path, shipped, **kwargs):
    return publish(raw, out, reference=REFERENCE, editorial=EDITORIAL,
                   last_updated=shipped.descriptor["created"][:10], **kwargs)


def _tree(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def _without_history(tree: dict[str, bytes]) -> dict[str, bytes]:
    """A package's files but its release history (the releases, their revisions and the version
    they number), which depends on the packages each publish replaced (a first publish has none
    to compare with)."""
    tree = dict(tree)
    tree.pop("revisions.csv")
    descriptor = json.loads(tree.pop("datapackage.json"))
    descriptor.pop("releases")
    descriptor.pop("version")  # the day of the release, numbered among that day's releases
    for resource in descriptor["resources"]:
        if resource["name"] == "revisions":  # its file's size and digest: the history again
            resource.pop("bytes"), resource.pop("hash")
    tree["datapackage.json"] = json.dumps(descriptor, sort_keys=True).encode()
    return tree


def test_shipped_package_is_the_output_of_publish_on_the_demo_inputs(tmp_path, demo_raw, shipped):
    _publish(demo_raw, tmp_path / "published", shipped)
    assert _without_history(_tree(tmp_path / "published")) == _without_history(_tree(PUBLISHED))


def test_publishing_what_is_published_changes_nothing(tmp_path, demo_raw, shipped):
    """Re-running the publish step over the shipped package, history and all, is not a release."""
    out = tmp_path / "published"
    shutil.copytree(PUBLISHED, out)
    _publish(demo_raw, out, shipped)
    assert _tree(out) == _tree(PUBLISHED)


def test_no_published_count_is_below_k(shipped):
    for spec in shipped.descriptor["resources"]:
        if "disclosure" not in spec:
            continue
        d = spec["disclosure"]
        counts = shipped.table(spec["name"])[d["count"]].dropna()
        assert not ((counts > 0) & (counts < d["k"])).any(), spec["name"]


def test_suppressed_cells_are_empty_never_zero(shipped):
    for spec in shipped.descriptor["resources"]:
        if "disclosure" in spec:
            frame = shipped.table(spec["name"])
            hidden = frame[frame["suppressed"]]
            assert hidden[spec["disclosure"]["count"]].isna().all(), spec["name"]
    raw_text = (PUBLISHED / "homicides_by_cluster.csv").read_text(encoding="utf-8")
    assert ",True" in raw_text and not re.search(r",0,True", raw_text)


def _joint_equations(package, source: str, year: int):
    """Every published cell of one source and year, as equations over the finest atoms of
    *all* its tables together (built here from the files, independently of the publish code)."""
    resources = [s for s in package.descriptor["resources"] if s.get("disclosure", {}).get("source") == source]
    dims = sorted({d for s in resources for d in s["disclosure"]["dims"]})
    categories = {}
    for s in resources:
        categories.update({d: [str(v) for v in vals] for d, vals in s["disclosure"]["categories"].items()})
    atoms = list(itertools.product(*(categories[d] for d in dims)))
    rows, values, hidden_cells = [], [], []
    for s in resources:
        frame = package.table(s["name"])
        frame = frame[frame["year"] == year]
        for _, record in frame.iterrows():
            key = {d: (None if pd.isna(record[d]) else str(record[d])) for d in s["disclosure"]["dims"]}
            row = np.array([all(key[d] is None or atom[dims.index(d)] == key[d] for d in key) for atom in atoms], float)
            if record["suppressed"]:
                hidden_cells.append((s["name"], key, row))
            else:
                rows.append(row)
                values.append(float(record[s["disclosure"]["count"]]))
    return np.array(rows), np.array(values), hidden_cells


@pytest.mark.parametrize("source", ["victims", "enrolments", "people"])
def test_no_suppressed_cell_can_be_pinned_from_all_published_tables_together(shipped, source):
    k = next(s["disclosure"]["k"] for s in shipped.descriptor["resources"] if s.get("disclosure", {}).get("source") == source)
    years = sorted({int(y) for s in shipped.descriptor["resources"] if s.get("disclosure", {}).get("source") == source
                    for y in shipped.table(s["name"])["year"].dropna()})
    checked = 0
    for year in years:
        A, b, hidden = _joint_equations(shipped, source, year)
        for name, key, row in hidden:
            lo = linprog(row, A_eq=A, b_eq=b, bounds=(0, None), method="highs")
            hi = linprog(-row, A_eq=A, b_eq=b, bounds=(0, None), method="highs")
            assert lo.status == 0
            width = np.inf if hi.status == 3 else -hi.fun - lo.fun
            assert width >= k, f"{name} {year} {key}: interval [{lo.fun}, {-hi.fun}] narrower than k={k}"
            checked += 1
    if source == "victims":
        assert checked > 0, "the shipped package should exercise suppression"


def test_package_audit_finds_nothing_on_the_shipped_package(shipped):
    assert audit_package(shipped) == []


def test_audit_catches_a_revealed_complement(tmp_path, shipped):
    """Mutation: publish one hidden cell of a pair and the audit must see the other pinned."""
    copy = tmp_path / "published"
    shutil.copytree(PUBLISHED, copy)
    path = copy / "homicides_by_age_group.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    year = frame.loc[frame["suppressed"] == "True", "year"].iloc[0]
    hidden = frame[(frame["year"] == year) & (frame["suppressed"] == "True")]
    victim = hidden.index[-1]
    total = int(frame.loc[(frame["year"] == year) & (frame["age_group"] == ""), "homicides"].item())
    shown = frame[(frame["year"] == year) & (frame["suppressed"] == "False") & (frame["age_group"] != "")]
    others = total - shown["homicides"].astype(int).sum()
    frame.loc[victim, ["homicides", "suppressed"]] = [str(others), "False"]  # reveals the complement as 'the rest'
    frame.to_csv(path, index=False)
    reseal(copy, "homicides_by_age_group.csv")
    findings = audit_package(load_package(copy))
    assert any(f.resource == "homicides_by_age_group" for f in findings)


def test_audit_names_minors_that_the_total_minus_adults_gives(tmp_path, shipped):
    """Mutation: a year whose minors' cells are hidden gets an 18+ count that leaves 3 minors."""
    copy = tmp_path / "published"
    shutil.copytree(PUBLISHED, copy)
    path = copy / "homicides_by_age_group.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    year = "2013"  # 0-12 and 13-17 hidden, 18+ = 172 of 185 published: 13 minors, publishable
    total = int(frame.loc[(frame["year"] == year) & (frame["age_group"] == ""), "homicides"].item())
    frame.loc[(frame["year"] == year) & (frame["age_group"] == "18+"), "homicides"] = str(total - 3)
    frame.to_csv(path, index=False)
    reseal(copy, "homicides_by_age_group.csv")
    with pytest.raises(DataError) as refused:
        load_audited(copy)
    first_row_of_2013 = 2 + frame.index[frame["year"] == year][0]
    assert f"homicides_by_age_group.csv, row {first_row_of_2013}, column 'homicides'" in str(refused.value)
    assert "age_group=0-17 (0-12 + 13-17, or the total minus the rest) can be narrowed to [3, 3]" in str(refused.value)


def test_shipped_minors_are_never_total_minus_adults_below_k(shipped):
    """The independent check of rule 5: wherever 18+ and the total are published, 0-17 = total - 18+ is 0 or >= k."""
    k = shipped.resources["homicides_by_age_group"].k
    ages = shipped.table("homicides_by_age_group")
    for year, rows in ages.groupby("year"):
        cells = rows.set_index(rows["age_group"].astype(object).fillna("total"))
        if not cells.loc["18+", "suppressed"]:
            minors = cells.loc["total", "homicides"] - cells.loc["18+", "homicides"]
            assert not 0 < minors < k, f"{year}: {minors} minors by subtraction"


# --------------------------------------------------------------------------- the youth tables, attacked together


@pytest.fixture(scope="module")
def thin_raw(tmp_path_factory, demo_raw) -> Path:
    """The demo inputs of 2020 with one young person in 12 (every 12th): clusters of a dozen
    people, so the youth tables must suppress (the shipped package hides no youth cell)."""
    raw = tmp_path_factory.mktemp("thin")
    shutil.copytree(demo_raw, raw, dirs_exist_ok=True)
    enrolments = pd.read_csv(raw / "enrolments.csv", dtype=str, keep_default_na=False)
    enrolments = enrolments[enrolments["year"] == "2020"]
    kept = set(sorted(enrolments["person_id"].unique())[::12])
    enrolments[enrolments["person_id"].isin(kept)].to_csv(raw / "enrolments.csv", index=False)
    return raw


def _youth_attack(package, year: int):
    """The independent attacker (tests/attacker.py) on both youth tables, from the files."""
    tables = []
    for name in ("youth_enrolments", "youth_people"):
        d = next(r for r in package.descriptor["resources"] if r["name"] == name)["disclosure"]
        frame = package.table(name)
        tables.append(Table(name, tuple(d["dims"]), {c: tuple(v) for c, v in d["categories"].items()}, d["count"],
                            frame[frame["year"] == year]))
    return attack(tables, "youth_enrolments", "youth_people")


def test_a_joint_attack_over_all_youth_tables_finds_no_suppressed_cell_narrower_than_k(tmp_path, thin_raw, shipped):
    thin = _publish(thin_raw, tmp_path / "published", shipped)  # publish itself ran the package audit
    k = thin.resources["youth_people"].k
    found = _youth_attack(thin, 2020)
    for name, key, lo, hi in found:
        assert hi - lo >= k - 1e-6, f"{name} 2020 {key}: [{lo}, {hi}] narrower than k={k}"
    assert len(found) > 50  # the thin sample does exercise suppression in both tables
    assert {name for name, *_ in found} == {"youth_enrolments", "youth_people"}


def test_validate_refuses_youth_tables_whose_link_names_no_table(tmp_path):
    copy = tmp_path / "published"
    shutil.copytree(PUBLISHED, copy)
    descriptor = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    enrolments = next(r for r in descriptor["resources"] if r["name"] == "youth_enrolments")
    enrolments["disclosure"]["enrolments_of"]["resource"] = "youth_persons"
    (copy / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=1), encoding="utf-8")
    with pytest.raises(DataError) as refused:
        load_audited(copy)
    assert "datapackage.json, column 'resources.youth_enrolments.disclosure': expected a disclosure description the audit can " \
           "follow, found youth_enrolments: disclosure.enrolments_of names 'youth_persons', which is not a count table" in str(refused.value)


def _one_by_one(specs, records):
    """The protection before issue 14: each youth table alone, as if the other did not exist."""
    return {s.name: protected_table(replace(s, enrolments_of=None), records[s.name]) for s in specs}


def test_youth_tables_protected_one_by_one_are_refused_by_publish_and_by_validate(tmp_path, monkeypatch, thin_raw):
    monkeypatch.setattr(build, "protected_tables", _one_by_one)
    inputs = build.Inputs(load_package(thin_raw, RAW_DESCRIPTOR), REFERENCE, EDITORIAL, *build.read_manifest(thin_raw)[:2])
    outputs = build.build_all(inputs, k=5, k_youth=10)
    folder = tmp_path / "written"
    folder.mkdir()
    write_files(folder, outputs, package_descriptor(outputs, last_updated="2026-11-24", k=5, k_youth=10))

    # The finding, by the independent attacker: a cluster's people narrowed below k.
    narrowed = [(name, key) for name, key, lo, hi in _youth_attack(load_package(folder), 2020) if reveals_a_small_count(lo, hi, 10)]
    assert ("youth_people", ("C5", None, None)) in narrowed
    # What `publish` checks before it swaps a package in ...
    with pytest.raises(DisclosureError, match=r"youth_people \(year=2020, area=C5, sex=None, age_group=None\): suppressed cell "
                                                r"can be narrowed .* \(attacked together with youth_enrolments\)"):
        assert_protected(load_package(folder))
    # ... and what `pazos-dash validate` and the app's start refuse, naming file, row and column.
    with pytest.raises(DataError) as refused:
        load_audited(folder)
    assert re.search(r"youth_people\.csv, row \d+, column 'people': .* \(attacked together with youth_enrolments\)", str(refused.value))


def test_real_figures_equal_the_reference_files(shipped):
    monthly = pd.read_csv(REFERENCE / "palmira_homicides_police_monthly_2003_2024.csv").set_index(["year", "month"])["homicides"]
    published = shipped.table("homicides_monthly").dropna(subset=["month"])
    shown = published[~published["suppressed"]]
    assert len(shown) > 250
    for row in shown.itertuples():
        assert row.homicides == monthly[(row.year, row.month)]
    annual = shipped.table("homicides_annual").query("geography == 'Palmira'").set_index("year")["homicides"]
    totals = published.groupby("year").size()  # every year is present
    assert set(totals.index) == set(annual.index)
    month_totals = shipped.table("homicides_monthly")
    month_totals = month_totals[month_totals["month"].isna()].set_index("year")["homicides"]
    assert (month_totals == annual.loc[month_totals.index]).all()

    breakdowns = pd.read_csv(REFERENCE / "palmira_homicides_police_breakdowns_2011_2024.csv")
    sex = breakdowns[breakdowns["dimension"] == "sex"].replace({"FEMENINO": "female", "MASCULINO": "male"})
    by_sex = shipped.table("homicides_by_sex").dropna(subset=["sex"])
    for row in by_sex[~by_sex["suppressed"]].itertuples():
        expected = sex[(sex["year"] == row.year) & (sex["category"] == row.sex)]["homicides"].sum()
        assert row.homicides == expected

    youth = pd.read_csv(REFERENCE / "palmira_youth_homicide_rate.csv")
    values = shipped.table("indicator_values").query("indicator_id == 'youth_homicide_rate'")
    assert values["value"].astype(float).tolist() == youth["rate_per_100k"].astype(float).tolist()
    assert shipped.table("youth_served_reported").loc[0, "people_min"] == 3000


def test_demonstration_resources_are_flagged_and_pseudonymous(shipped):
    demo = {name for name, r in shipped.resources.items() if r.demo}
    assert {"homicides_by_cluster", "clusters", "youth_enrolments", "youth_people", "partners", "contributions"} <= demo
    assert not shipped.resources["homicides_annual"].demo and not shipped.resources["homicides_monthly"].demo
    real_names = set(shipped.table("partners_named")["partner"])
    assert not real_names & set(shipped.table("partners")["name"].astype(str))
    assert int(shipped.table("clusters")["residents"].sum()) == 118_195
    people = shipped.table("youth_people")
    total_2021 = people[(people["year"] == 2021) & people[["area", "sex", "age_group"]].isna().all(axis=1)]["people"].item()
    assert total_2021 > 3000  # consistent with the reported "more than 3,000"


def test_minors_are_never_broken_down_below_cluster_level(shipped):
    for spec in shipped.descriptor["resources"]:
        names = {f["name"] for f in spec["schema"]["fields"]}
        if "age_group" in names:
            assert "neighbourhood_id" not in names, spec["name"]
        assert "person_id" not in names and "victim_id" not in names and "enrolment_id" not in names


def test_publish_is_atomic_under_an_injected_failure(tmp_path, demo_raw, shipped):
    out = tmp_path / "published"
    shutil.copytree(PUBLISHED, out)
    before = _tree(out)

    def crash(_staging):
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        _publish(demo_raw, out, shipped, before_swap=crash)
    assert _tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["published"], "a temporary folder was left behind"


def test_bad_input_names_file_row_and_column_and_publishes_nothing(tmp_path, demo_raw, shipped):
    raw = tmp_path / "raw"
    shutil.copytree(demo_raw, raw)
    victims = pd.read_csv(raw / "victims.csv", dtype=str, keep_default_na=False)
    victims.loc[9, "sex"] = "x"
    victims.to_csv(raw / "victims.csv", index=False)
    out = tmp_path / "published"
    shutil.copytree(PUBLISHED, out)
    before = _tree(out)
    with pytest.raises(DataError) as caught:
        _publish(raw, out, shipped)
    assert "victims.csv, row 11, column 'sex': expected one of" in str(caught.value)
    assert _tree(out) == before


def test_publish_replaces_an_existing_package_and_is_deterministic(tmp_path, demo_raw, shipped):
    out = tmp_path / "published"
    out.mkdir()
    (out / "stale.csv").write_text("old\n")
    _publish(demo_raw, out, shipped)
    first = _tree(out)
    assert "stale.csv" not in first
    _publish(demo_raw, out, shipped)
    assert _tree(out) == first


def test_other_counts_validate_and_every_row_cites_its_publisher_with_an_address(shipped):
    """The other publishers' figures: a resource that loads (the validator ran in `shipped`),
    each row with publisher, definition, report and URL, citing by name a source whose address
    is that URL; the figures journalists quote are there, and nothing replaced the police series."""
    resource = shipped.resources["other_counts"]
    frame = resource.frame
    assert len(frame) >= 15 and not resource.demo
    sources = {s["name"]: s for s in resource.sources}
    for row in frame.itertuples():
        assert str(row.source_url).startswith("http"), row
        assert row.publisher and row.definition and row.published_in, row
        assert sources[row.source]["path"] == row.source_url, row  # one source per publisher and report
        assert sources[row.source]["title"] and sources[row.source]["i18n"]["en"]["title"], row
    def figure(year, publisher):
        return frame[(frame["year"] == year) & (frame["publisher"] == publisher)]["homicides"].dropna().astype(int).tolist()
    assert figure(2019, "secretaria_seguridad_palmira") == [129] and figure(2019, "ccspjp") == [124]
    assert figure(2011, "medicina_legal") == [326]
    reports = pd.read_csv(REFERENCE / "palmira_homicides_public_reports.csv").query("geography == 'Palmira'")
    annual_only = reports[~reports["note"].fillna("").str.startswith("partial year")]
    assert len(frame) == len(annual_only) + 2  # + Medicina Legal 2011 and the Mayor's Office 2020 (public facts)
    police = shipped.table("homicides_annual").query("geography == 'Palmira'").set_index("year")["homicides"]
    assert police[2011] == 291 and police[2019] == 129  # the primary series is untouched
