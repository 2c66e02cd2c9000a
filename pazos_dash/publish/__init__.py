"""The publish step: private records -> disclosure-controlled Data Package in data/published/.

Never imports Dash: it runs where the private records are, not where the site is served.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..data import DataPackage, load_package
from .build import Inputs, build_all, read_manifest
from .schema import RAW_DESCRIPTOR
from .writer import publish_outputs

DEFAULT_K = 5
DEFAULT_K_YOUTH = 10


def publish(
    raw_dir: Path, out: Path, *, reference: Path, editorial: Path,
    k: int = DEFAULT_K, k_youth: int = DEFAULT_K_YOUTH, last_updated: str | None = None, before_swap=None,
) -> DataPackage:
    """Validate the private inputs, build every table with disclosure control, publish atomically."""
    raw_dir = Path(raw_dir)
    raw = load_package(raw_dir, RAW_DESCRIPTOR)
    demo_inputs, demo_fields, generator = read_manifest(raw_dir)
    inputs = Inputs(raw, Path(reference), Path(editorial), demo_inputs, demo_fields)
    outputs = build_all(inputs, k=k, k_youth=k_youth)
    return publish_outputs(outputs, Path(out), last_updated=last_updated or date.today().isoformat(),
                           k=k, k_youth=k_youth, generator=generator, before_swap=before_swap)
