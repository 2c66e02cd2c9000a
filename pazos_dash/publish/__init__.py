"""The publish step: private records -> disclosure-controlled Data Package in data/published/.

Never imports Dash: it runs where the private records are, not where the site is served.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..data import DataPackage, load_package
from .build import Inputs, build_all, read_manifest
from .evidence import evidence_outputs
from .municipal import municipal_output
from .other_counts import other_counts_table
from .revisions import plan_release, published_bytes, read_previous
from .schema import RAW_DESCRIPTOR
from .writer import publish_outputs

DEFAULT_K = 5
DEFAULT_K_YOUTH = 10


def publish(
    raw_dir: Path, out: Path, *, reference: Path, editorial: Path,
    k: int = DEFAULT_K, k_youth: int = DEFAULT_K_YOUTH, last_updated: str | None = None, before_swap=None,
    reason: str = "", reason_en: str = "", changelog: Path | None = None, next_update: str | None = None,
) -> DataPackage:
    """Validate the private inputs, build every table with disclosure control, compare with the
    package being replaced (its revisions need a reason: `reason` or the release's section of
    `changelog`), publish atomically."""
    raw_dir = Path(raw_dir)
    raw = load_package(raw_dir, RAW_DESCRIPTOR)
    demo_inputs, demo_fields, generator = read_manifest(raw_dir)
    inputs = Inputs(raw, Path(reference), Path(editorial), demo_inputs, demo_fields)
    outputs = [*build_all(inputs, k=k, k_youth=k_youth), other_counts_table(inputs)]
    municipal = municipal_output(inputs.reference)
    previous = read_previous(Path(out))
    monthly = next(o for o in outputs if o.name == "homicides_monthly")
    # the counterfactual: a function of the published panel, reused when that panel has not changed
    outputs += [municipal, *evidence_outputs(municipal, monthly, published_bytes(municipal), previous)]
    release = plan_release(previous, outputs, day=last_updated or date.today().isoformat(), reason=reason,
                           reason_en=reason_en, changelog=changelog, next_update=next_update)
    return publish_outputs([*outputs, release.revisions], Path(out), last_updated=release.last_updated,
                           k=k, k_youth=k_youth, generator=generator, before_swap=before_swap, properties=release.properties)
