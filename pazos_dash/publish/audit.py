"""The attacker's view of a published package: rebuild every count table's equations from the
files and their `disclosure` metadata, then bound each suppressed cell by linear programming."""

from __future__ import annotations

from dataclasses import dataclass

from ..data import DataPackage
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
