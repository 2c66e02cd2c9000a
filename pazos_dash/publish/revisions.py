"""Revisions, visible: every publish compares the new package with the one it replaces.

A published value that changed (or a row that disappeared) becomes a row of the `revisions`
resource: release, date, dataset, row key, field, value before, value after, and the reason the
publisher gave (`--reason`, or the release's section of a `--changelog` file). The package keeps
its history: `releases` in datapackage.json lists every release (version, date, how many values
were revised, rows added, datasets added or removed, the reason), and `next_update` says when
the next one is planned. The dashboard lists the revisions on the data page, marks revised values
in its charts, names them in every download's metadata and announces each release in an Atom feed.

Publishing exactly what is already published is not a release: the package is left as it is
(same version, same history), so re-running the publish step is harmless.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field as dc_field
from datetime import date as Date
from pathlib import Path
from typing import Any

import pandas as pd

from ..data.package import DESCRIPTOR
from .build import Output
from .tables import TOTAL
from .schema import field

RESOURCE = "revisions"
CHANGES = ("changed", "removed")
DEFAULT_CADENCE_MONTHS = 3  # the next planned update when the publisher names none: quarterly
PUBLISH_SOURCE = {
    "name": "publicacion-pazos",
    "title": "Alcaldía de Palmira, equipo PAZOS: comparación de cada publicación con la anterior (pazos-dash publish)",
    "i18n": {"en": {"title": "Mayor's Office of Palmira, PAZOS team: each release compared with the previous one (pazos-dash publish)"}},
}
COLUMNS = ["release", "date", "resource", "key", "field", "old_value", "new_value", "change", "reason", "reason_en"]


class RevisionError(ValueError):
    """The release cannot be recorded as it stands (a revision without a reason, a changelog
    without this release's section); nothing is published."""


@dataclass(frozen=True)
class Previous:
    """The package being replaced, read as published text (no typing: values are compared as written)."""

    descriptor: dict[str, Any]
    files: dict[str, bytes]  # resource name -> the bytes of its file

    @property
    def resources(self) -> dict[str, dict[str, Any]]:
        return {r["name"]: r for r in self.descriptor.get("resources", [])}

    @property
    def releases(self) -> list[dict[str, Any]]:
        return list(self.descriptor.get("releases", []))

    def table(self, name: str) -> pd.DataFrame:
        return _text_table(self.files[name])


@dataclass(frozen=True)
class Release:
    """What the publish step writes for this release: the revisions resource, the package
    properties that carry the history, and the date to stamp."""

    revisions: Output
    properties: dict[str, Any]
    last_updated: str
    new: bool  # False when the content is what is already published (nothing to release)
    changes: list[dict[str, Any]] = dc_field(default_factory=list)


def _text_table(raw: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8-sig")


def published_bytes(output: Output) -> bytes:
    """Exactly what writer.write_files puts in the output's file."""
    if output.geojson is not None:
        return (json.dumps(output.geojson, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    return output.frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def read_previous(out: Path) -> Previous | None:
    """The package at `out`, if there is one (a first publish replaces nothing)."""
    path = Path(out) / DESCRIPTOR
    if not path.exists():
        return None
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    files = {}
    for resource in descriptor.get("resources", []):
        file = Path(out) / resource["path"]
        if file.exists():
            files[resource["name"]] = file.read_bytes()
    return Previous(descriptor, files)


def hidden_cells(previous: Previous | None) -> dict[str, frozenset]:
    """Per count table of the previous release, the cells it hid (tables.cell_key form): the next
    release keeps them hidden, so that no release narrows what an earlier one protected."""
    if previous is None:
        return {}
    out: dict[str, frozenset] = {}
    for name, resource in previous.resources.items():
        disclosure = resource.get("disclosure")
        if not isinstance(disclosure, dict) or name not in previous.files:
            continue
        frame = previous.table(name)
        group, dims = list(disclosure.get("group", [])), list(disclosure.get("dims", []))
        if "suppressed" not in frame.columns or any(c not in frame.columns for c in (*group, *dims)):
            continue
        hidden = frame[frame["suppressed"].str.lower() == "true"]
        out[name] = frozenset(
            (tuple(int(v) if v.lstrip("-").isdigit() else v for v in row[:len(group)]),
             tuple(TOTAL if v == "" else v for v in row[len(group):]))
            for row in hidden[[*group, *dims]].itertuples(index=False, name=None))
    return out


def _key_text(names: list[str], values: Any) -> str:
    values = values if isinstance(values, tuple) else (values,)
    return "; ".join(f"{n}={v}" for n, v in zip(names, values))


def compare(previous: Previous, outputs: list[Output]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """(changes, notes): every published value that changed or row that went away, by the
    resource's primary key; and what was added (rows per resource, whole resources) or removed."""
    old_resources = previous.resources
    changes: list[dict[str, Any]] = []
    rows_added: dict[str, int] = {}
    new_names = [o.name for o in outputs if o.name != RESOURCE]
    for output in outputs:
        name, key = output.name, output.primary_key
        if name == RESOURCE or name not in previous.files or output.geojson is not None or not key:
            continue
        old, new = previous.table(name), _text_table(published_bytes(output))
        if any(k not in old.columns for k in key):
            continue  # the key itself changed: a new table, not a revision of the old one
        old_i, new_i = old.set_index(key), new.set_index(key)
        common = old_i.index.intersection(new_i.index)
        fields = [c for c in new_i.columns if c in old_i.columns]
        if len(common) and fields:
            before, after = old_i.loc[common, fields], new_i.loc[common, fields]
            differs = before.ne(after)
            count = (output.disclosure or {}).get("count")
            if count in differs.columns and "suppressed" in fields:
                # a cell hidden in either release: its value is never written, nor its change
                hidden = (before["suppressed"].str.lower() == "true") | (after["suppressed"].str.lower() == "true")
                differs.loc[hidden, count] = False
            for index, row in differs.iterrows():
                for column in row.index[row.to_numpy()]:
                    changes.append({"resource": name, "key": _key_text(key, index), "field": column,
                                    "old_value": before.at[index, column], "new_value": after.at[index, column], "change": "changed"})
        for index in old_i.index.difference(new_i.index):
            changes.append({"resource": name, "key": _key_text(key, index), "field": "", "old_value": "", "new_value": "",
                            "change": "removed"})
        added = len(new_i.index.difference(old_i.index))
        if added:
            rows_added[name] = added
    notes = {
        "rows_added": rows_added,
        "resources_added": [n for n in new_names if n not in old_resources],
        "resources_removed": [n for n in old_resources if n not in new_names and n != RESOURCE],
    }
    return changes, notes


# What the writer stamps on a resource's descriptor rather than what the build says of it: the
# release date, and the file's size and digest (the file's bytes are compared themselves).
WRITTEN = ("last_updated", "bytes", "hash")


def _same_content(previous: Previous, outputs: list[Output]) -> bool:
    """Is everything but the revisions exactly what is published (files and resource metadata)?"""
    old = previous.resources
    mine = [o for o in outputs if o.name != RESOURCE]
    if sorted(o.name for o in mine) != sorted(n for n in old if n != RESOURCE):
        return False
    for output in mine:
        if previous.files.get(output.name) != published_bytes(output):
            return False
        a = {k: v for k, v in output.descriptor("").items() if k not in WRITTEN}
        b = {k: v for k, v in old[output.name].items() if k not in WRITTEN}
        if a != b:
            return False
    return True


def reason_from_changelog(path: Path, *headings: str) -> tuple[str, str]:
    """The reason under this release's heading (`## 2026-12-01`, or the version): Spanish text,
    and an optional line starting `en:` for the English one."""
    text = Path(path).read_text(encoding="utf-8")
    sections = dict(re.findall(r"^##\s+(\S+)\s*\n(.*?)(?=^##\s|\Z)", text, flags=re.M | re.S))
    for heading in headings:
        if heading in sections:
            lines = [line.strip() for line in sections[heading].strip().splitlines() if line.strip()]
            english = " ".join(line[3:].strip() for line in lines if line.lower().startswith("en:"))
            spanish = " ".join(line for line in lines if not line.lower().startswith("en:"))
            return spanish, english
    raise RevisionError(f"{path}: expected a section '## {headings[0]}' with the reason for this release, "
                        f"found sections {sorted(sections) or 'none'}")


def _version(day: str, history: list[dict[str, Any]]) -> str:
    """The release's version: its date, or date.N when the same day already had a release."""
    same_day = [r for r in history if str(r.get("version", "")).split(".")[0] == day]
    return day if not same_day else f"{day}.{len(same_day) + 1}"


def _months_later(day: str, months: int) -> str:
    d = Date.fromisoformat(day)
    month = d.month - 1 + months
    year, month = d.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return Date(year, month, min(d.day, last)).isoformat()
        except ValueError:
            continue
    raise AssertionError("unreachable")


def revisions_output(rows: list[dict[str, Any]]) -> Output:
    frame = pd.DataFrame(rows, columns=COLUMNS).astype({c: "string" for c in COLUMNS})
    return Output(
        name=RESOURCE, frame=frame, sources=[PUBLISH_SOURCE], primary_key=["release", "resource", "key", "field"],
        title=("Revisiones de cifras publicadas", "Revisions of published figures"),
        description=("Cada valor publicado que cambió (o cada fila que desapareció) de una publicación a la siguiente: "
                     "versión, fecha, conjunto de datos, fila, campo, valor anterior, valor nuevo y el motivo que dio quien publica. "
                     "Las filas nuevas y los conjuntos nuevos se cuentan en 'releases' de datapackage.json.",
                     "Every published value that changed (or row that went away) from one release to the next: version, "
                     "date, dataset, row, field, value before, value after and the reason the publisher gave. New rows and "
                     "new datasets are counted in 'releases' in datapackage.json."),
        fields=[field("release", title="Versión del paquete", required=True), field("date", "date", title="Fecha de la publicación", required=True),
                field("resource", title="Conjunto de datos", required=True), field("key", title="Fila (clave primaria)", required=True),
                field("field", title="Campo"), field("old_value", title="Valor anterior"), field("new_value", title="Valor nuevo"),
                field("change", title="Tipo de cambio", required=True, enum=list(CHANGES)),
                field("reason", title="Motivo (como lo escribió quien publica)"), field("reason_en", title="Motivo (en inglés)")])


def plan_release(previous: Previous | None, outputs: list[Output], *, day: str, reason: str = "", reason_en: str = "",
                 changelog: Path | None = None, next_update: str | None = None) -> Release:
    """Compare with the package being replaced and say what this release writes."""
    history = previous.releases if previous else []
    old_rows = previous.table(RESOURCE).to_dict("records") if previous and RESOURCE in previous.files else []
    if previous is not None and history and _same_content(previous, outputs):
        kept = {k: previous.descriptor[k] for k in ("version", "releases", "next_update") if k in previous.descriptor}
        return Release(revisions_output(old_rows), kept, str(previous.descriptor.get("created", day))[:10], new=False)
    version = _version(day, history)
    changes, notes = compare(previous, outputs) if previous is not None else ([], {"rows_added": {}, "resources_added": [], "resources_removed": []})
    if changelog is not None and not reason:
        reason, reason_en = reason_from_changelog(changelog, version, day)
    if changes and not reason.strip():
        first = changes[0]
        raise RevisionError(
            f"{len(changes)} published value(s) changed or went away since release "
            f"{history[-1]['version'] if history else previous.descriptor.get('version', '?')} (first: {first['resource']}, "
            f"{first['key']}, {first['field'] or 'row'}: {first['old_value']!r} -> {first['new_value']!r}); "
            "say why with --reason or --changelog")
    rows = old_rows + [{"release": version, "date": day, **c, "reason": reason, "reason_en": reason_en} for c in changes]
    entry = {"version": version, "date": day, "previous": history[-1]["version"] if history else None,
             "revisions": len(changes), **notes, "reason": reason, "reason_en": reason_en}
    properties = {"version": version, "releases": [*history, entry],
                  "next_update": next_update or _months_later(day, DEFAULT_CADENCE_MONTHS)}
    return Release(revisions_output(rows), properties, day, new=True, changes=changes)
