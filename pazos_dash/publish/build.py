"""Build every published resource from the private inputs, the public reference and the
editorial files, one module per group of resources (read in publication order):
homicides.py (annual series and victim tables), places.py (clusters, neighbourhoods, partners,
SDG alignment), youth.py, indicator_tables.py. What a resource is made of: output.py; the sources
it cites: sources.py. Count tables go through disclosure control (tables.protected_tables)."""

from __future__ import annotations

import json
from pathlib import Path

from .homicides import VICTIM_TABLES, annual_homicides, homicide_tables, official_annual, reconcile  # noqa: F401
from .indicator_tables import indicator_tables
from .output import (CC_BY, DANE_SOURCE, DEMO_SOURCE, EDITORIAL_SOURCE, ODBL_NOTE, POLICE_SOURCE, SEED_SOURCE, STATUSES, Inputs,
                     Output, _area_fields, _cited_sources, _cluster_fk, _cluster_of, _count_output, _dim, _source_field,
                     _status_field, _suppressed_field, from_published, spec_from_descriptor, to_published, with_row_provenance)
from .places import area_tables, partner_tables, sdg_table
from .youth import REPORTED_YOUTH_2021, youth_tables  # noqa: F401

__all__ = ["CC_BY", "Inputs", "Output", "STATUSES", "build_all", "from_published", "read_manifest", "spec_from_descriptor",
           "to_published", "with_row_provenance", "_status_field", "_source_field", "_suppressed_field", "_cluster_fk",
           "_count_output", "_area_fields", "_dim", "_cluster_of", "_cited_sources", "DANE_SOURCE", "DEMO_SOURCE",
           "EDITORIAL_SOURCE", "ODBL_NOTE", "POLICE_SOURCE", "SEED_SOURCE"]


def build_all(inputs: Inputs, *, k: int, k_youth: int) -> list[Output]:
    """Every resource of the package, in publication order."""
    outputs: dict[str, Output] = {}
    for output in [annual_homicides(inputs), *homicide_tables(inputs, k), *area_tables(inputs),
                   *youth_tables(inputs, k_youth), *partner_tables(inputs), sdg_table(inputs)]:
        outputs[output.name] = output
    for output in indicator_tables(inputs, outputs):
        outputs[output.name] = output
    return [with_row_provenance(output) for output in outputs.values()]


def read_manifest(raw_dir: Path) -> tuple[frozenset[str], dict[str, list[str]], str]:
    """Which inputs (or input fields) are demonstration data; absent manifest = all real."""
    path = raw_dir / "manifest.json"
    if not path.exists():
        return frozenset(), {}, ""
    manifest = json.loads(path.read_text(encoding="utf-8"))
    return frozenset(manifest.get("demo_inputs", [])), dict(manifest.get("demo_fields", {})), str(manifest.get("generator", ""))


def read_manifest_municipal(raw_dir: Path) -> frozenset[str]:
    """Inputs that are the Mayor's Office's own count (manifest `municipal_inputs`): their tables are
    published as `municipal`, citing the Mayor's Office, and are not reconciled with the Police's."""
    path = raw_dir / "manifest.json"
    if not path.exists():
        return frozenset()
    return frozenset(json.loads(path.read_text(encoding="utf-8")).get("municipal_inputs", []))
