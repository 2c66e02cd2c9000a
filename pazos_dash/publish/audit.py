"""The attacker's view of a published package: rebuild every count table's equations from the
files and their `disclosure` metadata, join the tables of one population that the metadata
links (`enrolments_of`: enrolments of the people another table counts), and bound each
suppressed or derived cell by linear programming over all of them together."""

from __future__ import annotations

from dataclasses import dataclass

from pathlib import Path

import pandas as pd

from ..data import DataError, DataPackage, Problem, load_package
from ..data.package import DESCRIPTOR
from .build import from_published, spec_from_descriptor
from .disclosure import DisclosureError
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


def audit_problems(package: DataPackage) -> list[Problem]:
    """The audit's findings as the loader's problems: file, row (spreadsheet row of the cell),
    column (the count) — what `pazos-dash validate` and the app's start print."""
    problems = []
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
        problems.append(Problem(resource.path, f"disclosure control with k = {resource.k}", finding.problem,
                                row=2 + int(rows[0]) if rows else None, column=count))
    return problems


def load_audited(directory: Path | str) -> DataPackage:
    """Load and validate a package, then audit it; every reason to refuse it is one DataError."""
    package = load_package(directory)
    problems = audit_problems(package)
    if problems:
        raise DataError(directory, problems)
    return package
