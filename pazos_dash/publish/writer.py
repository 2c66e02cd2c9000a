"""Write a package to a temporary folder, validate and audit it, then swap it in atomically."""

from __future__ import annotations

import ctypes
import hashlib
import json
from dataclasses import replace
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, Callable

from ..data import DataPackage, load_package
from ..data.package import DESCRIPTOR
from .audit import assert_protected
from .build import CC_BY, Output

_RENAME_EXCHANGE = 2


def package_descriptor(outputs: list[Output], *, last_updated: str, k: int, k_youth: int, generator: str = "",
                       properties: dict[str, Any] | None = None) -> dict[str, Any]:
    """The descriptor; `properties` (the release: version, releases, next_update) override or add
    package-level keys."""
    descriptor = {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "pazos-palmira",
        "title": "PAZOS — Paz y Oportunidades, Palmira: datos publicados",
        "description": "Datos anonimizados del tablero público de PAZOS, la estrategia de prevención de violencia de Palmira (Valle del Cauca, Colombia), 2020–2023. Producidos por `pazos-dash publish` con control de divulgación.",
        "i18n": {"en": {"title": "PAZOS — Peace and Opportunities, Palmira: published data",
                        "description": "Anonymized data behind the public PAZOS dashboard, the violence-prevention strategy of Palmira (Valle del Cauca, Colombia), 2020–2023. Produced by `pazos-dash publish` with disclosure control."}},
        "version": last_updated,
        "created": f"{last_updated}T00:00:00Z",
        "licenses": CC_BY,
        "contributors": [{"title": "Alcaldía de Palmira — equipo PAZOS", "roles": ["publisher"]}],
        "disclosure": {
            "k": k, "k_youth": k_youth,
            "method": "primary suppression (0 < n < k), complementary suppression by Gaussian elimination, linear-programming audit and repair",
            "min_interval_width": "k of the resource",
            "flag": "suppressed cells are empty with suppressed = true; primary and complementary cells are not told apart",
        },
        "resources": [output.descriptor(last_updated) for output in outputs],
    }
    if generator:
        descriptor["inputs"] = {"generator": generator, "note": "synthetic record-level inputs; see each resource's demo flag"}
    descriptor.update(properties or {})
    return descriptor


def write_files(directory: Path, outputs: list[Output], descriptor: dict[str, Any]) -> None:
    """Every file, then the descriptor with each file's size and SHA-256 (the Data Package's
    `bytes` and `hash`): a file cut short or changed afterwards is refused by the loader."""
    for output, spec in zip(outputs, descriptor["resources"]):
        target = directory / output.path
        if output.geojson is not None:
            target.write_text(json.dumps(output.geojson, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        else:
            output.frame.to_csv(target, index=False, lineterminator="\n")
        written = target.read_bytes()
        spec["bytes"] = len(written)
        spec["hash"] = "sha256:" + hashlib.sha256(written).hexdigest()
    (directory / DESCRIPTOR).write_text(json.dumps(descriptor, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def replace_directory(new: Path, target: Path) -> None:
    """Put `new` where `target` is in one step; the old content ends up at `new` (to delete)."""
    if not target.exists():
        os.rename(new, target)
        return
    if _exchange(new, target):
        return
    # Fallback (no renameat2): two renames; a crash between them leaves the old one beside it.
    aside = target.with_name(f".{target.name}.old")
    shutil.rmtree(aside, ignore_errors=True)
    os.rename(target, aside)
    os.rename(new, target)
    os.rename(aside, new)


def publish_outputs(
    outputs: list[Output], out: Path, *, last_updated: str, k: int, k_youth: int, generator: str = "",
    before_swap: Callable[[Path], None] | None = None, properties: dict[str, Any] | None = None,
) -> DataPackage:
    """Write, validate (data layer), audit (disclosure), then swap in. On any failure the
    previous package at `out` is untouched and the temporary folder is removed."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; the web server must read it
    try:
        descriptor = package_descriptor(outputs, last_updated=last_updated, k=k, k_youth=k_youth, generator=generator,
                                        properties=properties)
        write_files(staging, outputs, descriptor)
        package = load_package(staging)  # raises DataError naming file, row and column
        assert_protected(package)
        if before_swap is not None:
            before_swap(staging)
        replace_directory(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return replace(package, directory=out)
