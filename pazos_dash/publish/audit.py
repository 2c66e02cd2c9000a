"""The attacker's view of a published package: rebuild every count table's equations from the
files and their `disclosure` metadata, join the tables of one population that the metadata
links (`enrolments_of`: enrolments of the people another table counts), and bound each
suppressed or derived cell by linear programming over all of them together.

And the auditor's: nothing the package says about itself is believed. The threshold is the
code's floor (disclosure.FLOORS) when the file declares less; a suppressed cell must be empty;
each row's status must agree with its source (no demonstration row cites an official publisher,
no official status cites the demonstration data); rows that have no official counterpart
(invented cluster splits, the youth and money tables) are never `reported`; and every row that
cites the Police is checked against the Police's own tables in data/reference (official.py),
preliminary years included."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from ..data import DataError, DataPackage, Problem, load_package
from ..data.package import DESCRIPTOR
from ..domain import OFFICIAL_STATUSES
from . import official
from .build import from_published, spec_from_descriptor
from .disclosure import DisclosureError, floor_of
from .sources import DEMO
from .table_audit import audit_tables
from .tables import joint_sets


@dataclass(frozen=True)
class Finding:
    resource: str
    cell: dict
    problem: str

    def __str__(self) -> str:
        where = ", ".join(f"{k}={v}" for k, v in self.cell.items())
        return f"{self.resource} ({where}): {self.problem}"


def audit_package(package: DataPackage) -> list[Finding]:
    """Every published count in [1, k-1] and every exposed hidden cell: a suppressed one narrowed
    below k around a small count, or a derived one (minors = total - adults) narrowed into
    [1, k-1]; tables linked in their metadata are attacked together."""
    findings: list[Finding] = []
    specs = []
    for spec_json in package.descriptor["resources"]:
        if "disclosure" not in spec_json:
            continue
        spec = spec_from_descriptor(spec_json)
        # the code's floor, whatever the file declares (a lowered k is also reported by audit_problems)
        spec = replace(spec, k=max(int(spec.k), floor_of(spec.name, spec.population)))
        specs.append(spec)
        frame = package.table(spec.name)
        small = frame[(frame[spec.count] > 0) & (frame[spec.count] < spec.k)].fillna(False)
        for _, row in small.iterrows():
            findings.append(Finding(spec.name, {c: row[c] for c in (*spec.group, *spec.dims)},
                                    f"published count {row[spec.count]} is below k={spec.k}"))
    for joint in joint_sets(specs):
        try:
            found = audit_tables(joint, {spec.name: from_published(spec, package.table(spec.name)) for spec in joint})
        except DisclosureError as error:  # the metadata cannot be joined as declared
            findings.append(Finding(joint[0].name, {}, str(error)))
            continue
        findings += [Finding(f.table, f.cell, f.problem) for f in found]
    return findings


def assert_protected(package: DataPackage) -> None:
    findings = audit_package(package)
    if findings:
        raise DisclosureError("disclosure audit failed:\n" + "\n".join(f"  - {f}" for f in findings[:50]))


def audit_problems(package: DataPackage, reference: Path | None = None) -> list[Problem]:
    """The audit's findings as the loader's problems: file, row (spreadsheet row of the cell),
    column (the count) — what `pazos-dash validate` and the app's start print. With the
    floors, suppressed cells, statuses and sources checked, and every row citing the Police
    compared with the official tables in `reference` (default data/reference)."""
    problems = [*_threshold_problems(package), *_provenance_problems(package)]
    reference = REFERENCE if reference is None else Path(reference)
    if (reference / official.ANNUAL).exists():
        problems += _official_problems(package, reference)
    for finding in audit_package(package):
        resource = package.resources[finding.resource]
        if not finding.cell:  # the metadata itself: the descriptor names what cannot be joined
            problems.append(Problem(DESCRIPTOR, "a disclosure description the audit can follow", finding.problem,
                                    column=f"resources.{finding.resource}.disclosure"))
            continue
        frame = resource.frame
        match = pd.Series(True, index=frame.index)
        for key, value in finding.cell.items():
            if key in frame.columns:
                match &= frame[key].isna() if value is None or (isinstance(value, float) and pd.isna(value)) else (frame[key] == value)
        rows = list(match[match.fillna(False)].index)
        if not rows and "year" in finding.cell and "year" in frame.columns:  # a derived cell has no row: its year's first
            rows = list(frame.index[frame["year"] == finding.cell["year"]])
        count = resource.disclosure.get("count", "count") if resource.disclosure else None
        k = max(resource.k or 0, floor_of(resource.name, str((resource.disclosure or {}).get("population", ""))))
        problems.append(Problem(resource.path, f"disclosure control with k = {k}", finding.problem,
                                row=2 + int(rows[0]) if rows else None, column=count))
    return problems


REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference"
OFFICIAL_ROWS = ("reported", "preliminary")
# Tables no official publisher has figures for: their rows are demo, municipal or suppressed,
# never reported (the cluster table's split rows too: only its totals are the Police's).
NO_OFFICIAL_FIGURE = ("youth_people", "youth_enrolments", "contributions", "partners")


def _row(resource, position: int) -> int:
    return position + (1 if resource.format == "geojson" else 2)


def _names(cell) -> set[str]:
    return set() if cell is None or (not isinstance(cell, str) and pd.isna(cell)) else {n.strip() for n in str(cell).split(";")}


def _threshold_problems(package: DataPackage) -> list[Problem]:
    """The declared k against the code's floor; a suppressed cell that keeps its value."""
    problems = []
    for resource in package.resources.values():
        if not resource.disclosure:
            continue
        floor = floor_of(resource.name, str(resource.disclosure.get("population", "")))
        if resource.k is not None and resource.k < floor:
            problems.append(Problem(DESCRIPTOR, f"disclosure.k of at least {floor}, the floor for this table (a package cannot lower it)",
                                    str(resource.k), column=f"resources.{resource.name}.disclosure.k"))
        count = resource.disclosure.get("count")
        frame = resource.frame
        if count in frame.columns and "suppressed" in frame.columns:
            kept = frame["suppressed"].fillna(False).astype(bool) & frame[count].notna()
            for i in list(frame.index[kept])[:5]:
                problems.append(Problem(resource.path, "an empty count in a suppressed cell (suppressed = true)",
                                        f"{frame.at[i, count]}", row=_row(resource, int(i)), column=count))
    return problems


def _provenance_problems(package: DataPackage) -> list[Problem]:
    """Each row's status against its source and against what exists: no demonstration source under
    an official status, no official publisher under `demo`, no `reported` where no official figure exists."""
    problems = []
    for resource in package.resources.values():
        frame = resource.frame
        if "status" not in frame.columns:
            continue
        sources = frame["source"] if "source" in frame.columns else pd.Series(None, index=frame.index)
        split = frame["area"].notna() if resource.name == "homicides_by_cluster" and "area" in frame.columns else None
        found = 0
        for i, status, cell in zip(frame.index, frame["status"], sources):
            names, row = _names(cell), _row(resource, int(i))
            if status in OFFICIAL_STATUSES and status != "suppressed" and DEMO["name"] in names:
                problems.append(Problem(resource.path, "status demo for a row whose source is the demonstration data",
                                        f"status {status} with source {cell}", row=row, column="status"))
            elif status == "demo" and names & official.OFFICIAL_SOURCE_NAMES:
                problems.append(Problem(resource.path, "no official publisher cited by a demonstration row",
                                        f"source {cell}", row=row, column="source"))
            elif status in OFFICIAL_ROWS and (resource.name in NO_OFFICIAL_FIGURE or (split is not None and bool(split.at[i]))):
                problems.append(Problem(resource.path, "demo, municipal or suppressed: no official figure exists for this row",
                                        f"status {status}", row=row, column="status"))
            else:
                continue
            found += 1
            if found >= 5:
                break
    return problems


def _official_problems(package: DataPackage, reference: Path) -> list[Problem]:
    """Every row citing the Police equals the Police's figure, and is preliminary in a preliminary year."""
    problems: list[Problem] = []
    annual = official.annual(reference).set_index(["year", "geography"])
    preliminary = official.preliminary_years(reference)
    police = official.OFFICIAL_SOURCE_NAMES
    if "homicides_annual" in package.resources:
        resource = package.resources["homicides_annual"]
        for i, row in resource.frame.iterrows():
            key = (int(row["year"]), str(row["geography"]))
            if key not in annual.index:
                problems.append(Problem(resource.path, "a year and territory of the official series", f"{key[0]}, {key[1]}",
                                        row=_row(resource, int(i)), column="year"))
                continue
            ref = annual.loc[key]
            if pd.notna(row["homicides"]) and int(row["homicides"]) != int(ref["homicides"]):
                problems.append(Problem(resource.path, f"{int(ref['homicides'])}, the Police's figure (data/reference/{official.ANNUAL})",
                                        str(row["homicides"]), row=_row(resource, int(i)), column="homicides"))
            should = "preliminary" if str(ref["note"]).startswith("preliminary") else "reported"
            if row["status"] in OFFICIAL_ROWS and row["status"] != should:
                problems.append(Problem(resource.path, f"status {should} (the Police's figure for {key[0]} is {should})",
                                        str(row["status"]), row=_row(resource, int(i)), column="status"))
    for resource in package.resources.values():
        frame = resource.frame
        if "status" in frame.columns and "note" in frame.columns:
            says = frame["note"].astype("string").str.contains("preliminar", na=False) & (frame["status"] == "reported")
            problems += [Problem(resource.path, "status preliminary (the row's note says preliminary)", "reported",
                                 row=_row(resource, int(i)), column="status") for i in list(frame.index[says])[:5]
                         if resource.name != "homicides_annual"]
    cells = official.official_cells(reference)
    for name, dimension in official.VICTIM_DIMENSIONS.items():
        if name not in package.resources:
            continue
        resource = package.resources[name]
        frame, expected = resource.frame, cells[name]
        years = {y for y, c in expected if c is not None} if dimension != "area" else {y for y, _ in expected}
        for i, row in frame.iterrows():
            if row["status"] not in OFFICIAL_ROWS or not (_names(row.get("source")) & police):
                continue
            year, category = int(row["year"]), row[dimension]
            category = None if pd.isna(category) else (int(category) if dimension == "month" else str(category))
            where = f"{year}" + (f", {dimension} = {category}" if category is not None else "")
            if (year, category) not in expected and (category is None or year not in years):
                problems.append(Problem(resource.path, f"a cell the Police publish ({where} has no official figure): "
                                        "status demo or municipal", str(row["status"]), row=_row(resource, int(i)), column="status"))
                continue
            want = int(expected.get((year, category), 0))
            if pd.notna(row["homicides"]) and int(row["homicides"]) != want:
                problems.append(Problem(resource.path, f"{want}, the Police's figure for {where} (data/reference)",
                                        str(row["homicides"]), row=_row(resource, int(i)), column="homicides"))
            if year in preliminary and row["status"] == "reported":
                problems.append(Problem(resource.path, f"status preliminary (the Police's figure for {year} is preliminary)",
                                        "reported", row=_row(resource, int(i)), column="status"))
    return problems[:50]


def load_audited(directory: Path | str, reference: Path | None = None) -> DataPackage:
    """Load and validate a package, then audit it; every reason to refuse it is one DataError."""
    package = load_package(directory)
    problems = audit_problems(package, reference)
    if problems:
        raise DataError(directory, problems)
    return package
