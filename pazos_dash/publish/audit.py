"""The attacker's view of a published package: rebuild every count table's equations from the
files and their `disclosure` metadata, then bound each suppressed cell by linear programming."""

from __future__ import annotations

from dataclasses import dataclass

from pathlib import Path

import pandas as pd

from ..data import DataError, DataPackage, Problem, load_package
from .build import from_published, spec_from_descriptor
from .disclosure import DisclosureError
from .tables import audit_table


@dataclass(frozen=True)
class Finding:
    resource: str
    cell: dict
    problem: str

    def __str__(self) -> str:
        where = ", ".join(f"{k}={v}" for k, v in self.cell.items())
        return f"{self.resource} ({where}): {self.problem}"


def audit_package(package: DataPackage) -> list[Finding]:
    """Every published count in [1, k-1] and every suppressed cell narrower than k."""
    findings: list[Finding] = []
    for spec_json in package.descriptor["resources"]:
        if "disclosure" not in spec_json:
            continue
        spec = spec_from_descriptor(spec_json)
        frame = package.table(spec.name)
        small = frame[(frame[spec.count] > 0) & (frame[spec.count] < spec.k)].fillna(False)
        for _, row in small.iterrows():
            findings.append(Finding(spec.name, {c: row[c] for c in (*spec.group, *spec.dims)},
                                    f"published count {row[spec.count]} is below k={spec.k}"))
        for cell, width in audit_table(spec, from_published(spec, frame)):
            if width < spec.k - 1e-9:
                findings.append(Finding(spec.name, cell, f"suppressed cell can be narrowed to an interval of width {width:g} < k={spec.k}"))
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
        frame = resource.frame
        match = pd.Series(True, index=frame.index)
        for key, value in finding.cell.items():
            if key in frame.columns:
                match &= frame[key].isna() if value is None or (isinstance(value, float) and pd.isna(value)) else (frame[key] == value)
        rows = list(match[match.fillna(False)].index)
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
