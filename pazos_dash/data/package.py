"""Read a Frictionless Data Package (v2), type each resource by its Table Schema, validate it.

(Longer than 300 lines on purpose: every rule that can refuse a package is here, so every
message has the one shape file/row/column/expected/found; issue 14 adds rules and may split it.)

Only the subset of Table Schema this project publishes is implemented (types string, integer,
number, boolean, date, year; constraints required, unique, enum, minimum, maximum, pattern; primaryKey;
foreignKeys), vectorised with pandas so that validating 100x the demonstration volume stays
fast. Every problem names file, row, column, what was expected and what was found; all of a
package's problems are raised together as one DataError.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import numpy as np
import pandas as pd

from .profile import structure_problems
from .rules import geometry_problems, rule_problems

DESCRIPTOR = "datapackage.json"
_MAX_PER_COLUMN = 5  # a column full of bad cells reports a few, then a count
_LARGEST_EXACT = 2**53 - 1
_TRUE = {"true", "True", "TRUE", "1"}
_FALSE = {"false", "False", "FALSE", "0"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a published file, in terms a data steward can act on.

    `row` counts lines of the file as a spreadsheet shows them (the CSV header is row 1);
    for GeoJSON it is the feature's position (1 = first feature); for JSON syntax errors, the line.
    """

    file: str
    expected: str
    found: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: expected {self.expected}, found {self.found}"


class DataError(Exception):
    """The published data package cannot be used; `problems` lists every reason found."""

    def __init__(self, directory: Path | str, problems: Iterable[Problem]):
        self.directory = str(directory)
        self.problems = tuple(problems)
        super().__init__(self.message)

    @property
    def message(self) -> str:
        count = len(self.problems)
        lines = [f"Invalid data package in {self.directory} ({count} problem{'s' * (count != 1)}):"]
        lines += [f"  - {problem}" for problem in self.problems]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True, eq=False)
class Resource:
    """One typed, validated resource and the metadata that travels with it."""

    name: str
    path: str
    format: str
    title: dict[str, str]
    description: dict[str, str]
    schema: dict[str, Any]
    frame: pd.DataFrame
    demo: bool
    sources: tuple[dict[str, Any], ...]
    licenses: tuple[dict[str, Any], ...]
    last_updated: str
    geojson: dict[str, Any] | None = None
    disclosure: dict[str, Any] | None = None  # the publish step's description: k, dims, margins
    rules: tuple[dict[str, Any], ...] = ()  # declared rules across fields and files (data/rules.py)

    @property
    def k(self) -> int | None:
        """The disclosure threshold of this resource's counts, as published; None if not controlled."""
        return int(self.disclosure["k"]) if self.disclosure and "k" in self.disclosure else None

    def source(self, name: str) -> dict[str, Any] | None:
        """The source entry a row cites by name."""
        return next((s for s in self.sources if s.get("name") == name), None)

    @property
    def field_names(self) -> list[str]:
        return [f["name"] for f in self.schema.get("fields", [])]


@dataclass(frozen=True, eq=False)
class DataPackage:
    """The whole published package, loaded once and read-only afterwards."""

    directory: Path
    descriptor: dict[str, Any]
    resources: dict[str, Resource] = field(default_factory=dict)
    version: str = ""

    def table(self, name: str) -> pd.DataFrame:
        return self.resources[name].frame

    @property
    def title(self) -> dict[str, str]:
        return _localised(self.descriptor, "title")

    @property
    def last_updated(self) -> str:
        dates = [r.last_updated for r in self.resources.values() if r.last_updated]
        return max(dates) if dates else str(self.descriptor.get("created", ""))[:10]

    @property
    def release(self) -> str:
        """The release's version as the publisher stamped it (`version`: its date, date.N for a
        second release that day); `version` above is the content hash the caches use."""
        return str(self.descriptor.get("version", ""))

    @property
    def releases(self) -> list[dict[str, Any]]:
        """Every release, oldest first (see publish/revisions.py); empty for older packages."""
        return [r for r in self.descriptor.get("releases", []) if isinstance(r, dict)]

    @property
    def next_update(self) -> str:
        """The date of the next planned release, as the publisher declared it ('' if none)."""
        return str(self.descriptor.get("next_update", ""))

    @property
    def licenses(self) -> tuple[dict[str, Any], ...]:
        return tuple(self.descriptor.get("licenses", ()))

    def demo_resources(self, names: Iterable[str]) -> list[Resource]:
        return [self.resources[n] for n in names if n in self.resources and self.resources[n].demo]


def _localised(obj: dict[str, Any], key: str) -> dict[str, str]:
    """`title` is Spanish (the primary language); `i18n.en.title` carries the English text."""
    spanish = str(obj.get(key, ""))
    english = str(obj.get("i18n", {}).get("en", {}).get(key, "")) or spanish
    return {"es": spanish, "en": english}


# --------------------------------------------------------------------------- descriptor


def load_package(directory: Path | str, descriptor: dict[str, Any] | None = None) -> DataPackage:
    """Load and validate the package in `directory`; raise DataError listing every problem.

    `descriptor` replaces the folder's datapackage.json (the publish step validates private
    inputs against its own schemas, whatever the input folder claims).
    """
    directory = Path(directory)
    problems: list[Problem] = []
    digest = hashlib.sha256()
    if descriptor is not None:
        raw = json.dumps(descriptor, sort_keys=True).encode()
    else:
        try:
            raw = (directory / DESCRIPTOR).read_bytes()
        except OSError as exc:
            raise DataError(
                directory, [Problem(DESCRIPTOR, "a Data Package descriptor", f"none ({exc.strerror})")]
            ) from None
    digest.update(raw)
    try:
        descriptor = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise DataError(directory, [Problem(DESCRIPTOR, "UTF-8 text", f"byte {exc.start}")]) from None
    except json.JSONDecodeError as exc:
        raise DataError(
            directory,
            [Problem(DESCRIPTOR, "valid JSON", exc.msg, row=exc.lineno, column=str(exc.colno))],
        ) from None

    problems += _check_descriptor(descriptor)
    if problems:
        raise DataError(directory, problems)

    resources: dict[str, Resource] = {}
    for spec in descriptor["resources"]:
        resource, found = _load_resource(directory, spec, descriptor, digest)
        problems += found
        if resource is not None:
            resources[resource.name] = resource
    declared = {spec["name"] for spec in descriptor["resources"]}
    problems += _check_foreign_keys(resources, declared)
    if not problems:  # rules read typed, complete values: only once every cell has passed
        for resource in resources.values():
            problems += rule_problems(resource, resources, Problem)
    if problems:
        raise DataError(directory, problems)
    return DataPackage(directory, descriptor, resources, digest.hexdigest()[:16])


def _check_descriptor(descriptor: Any) -> list[Problem]:
    if not isinstance(descriptor, dict):
        return [Problem(DESCRIPTOR, "a JSON object", type(descriptor).__name__)]
    resources = descriptor.get("resources")
    if not isinstance(resources, list) or not resources:
        return [Problem(DESCRIPTOR, "a non-empty 'resources' list", repr(resources))]
    structure = structure_problems(descriptor)  # before anything is read: a wrong shape is a message
    if structure:
        return [Problem(DESCRIPTOR, expected, found, column=path) for path, expected, found in structure[:20]]
    problems = []
    seen: set[str] = set()
    for position, spec in enumerate(resources, start=1):
        where = f"{DESCRIPTOR} resources[{position}]"
        if not isinstance(spec, dict):
            problems.append(Problem(where, "an object", type(spec).__name__))
            continue
        for key in ("name", "path"):
            if not isinstance(spec.get(key), str) or not spec.get(key):
                problems.append(Problem(where, f"a '{key}' string", repr(spec.get(key))))
        name, path = spec.get("name"), spec.get("path")
        if isinstance(name, str):
            if name in seen:
                problems.append(Problem(where, "a unique resource name", f"'{name}' again"))
            seen.add(name)
        if isinstance(path, str) and (Path(path).is_absolute() or ".." in Path(path).parts):
            problems.append(Problem(where, "a path inside the package folder", path))
        schema = spec.get("schema")
        fields = schema.get("fields") if isinstance(schema, dict) else None
        if not isinstance(fields, list) or not all(
            isinstance(f, dict) and isinstance(f.get("name"), str) for f in fields
        ):
            problems.append(Problem(where, "a 'schema' with a 'fields' list of named fields", repr(schema)[:80]))
    return problems


# --------------------------------------------------------------------------- resources


def _load_resource(
    directory: Path, spec: dict[str, Any], descriptor: dict[str, Any], digest: Any
) -> tuple[Resource | None, list[Problem]]:
    path = spec["path"]
    file_path = directory / path
    try:
        raw = file_path.read_bytes()
    except OSError as exc:
        return None, [Problem(path, f"the file of resource '{spec['name']}'", f"none ({exc.strerror})")]
    digest.update(path.encode())
    digest.update(raw)
    integrity = _integrity_problems(path, raw, spec)
    if integrity:  # a cut or altered file: nothing it says can be trusted
        return None, integrity

    fmt = spec.get("format") or Path(path).suffix.lstrip(".").lower()
    geojson = None
    if fmt == "geojson":
        geojson, table, problems = _read_geojson(path, raw)
    else:
        table, problems = _read_csv(path, raw)
    if table is None:
        return None, problems

    schema = spec["schema"]
    frame, cell_problems = _type_and_check(path, table, schema, header_row=fmt != "geojson")
    problems += cell_problems
    if frame is None:
        return None, problems
    problems += _check_primary_key(path, frame, schema, first_row=2 if fmt != "geojson" else 1)
    resource = Resource(
        name=spec["name"],
        path=path,
        format=fmt,
        title=_localised(spec, "title"),
        description=_localised(spec, "description"),
        schema=schema,
        frame=frame,
        demo=bool(spec.get("demo", False)),
        sources=tuple(spec.get("sources", descriptor.get("sources", ()))),
        licenses=tuple(spec.get("licenses", descriptor.get("licenses", ()))),
        last_updated=str(spec.get("last_updated", descriptor.get("created", "")))[:10],
        geojson=geojson,
        disclosure=spec.get("disclosure") if isinstance(spec.get("disclosure"), dict) else None,
        rules=tuple(spec.get("rules", ())),
    )
    if geojson is not None:
        problems += geometry_problems(path, geojson, Problem)
    problems += _check_cited_sources(resource, first_row=2 if fmt != "geojson" else 1)
    return resource, problems


def _integrity_problems(path: str, raw: bytes, spec: dict[str, Any]) -> list[Problem]:
    """The file is the one the descriptor describes: its size (`bytes`) and SHA-256 (`hash`), as
    the Data Package standard records them. A file cut short or edited after publishing fails."""
    problems = []
    if "bytes" in spec and spec["bytes"] != len(raw):
        problems.append(Problem(path, f"{spec['bytes']} bytes, as {DESCRIPTOR} records", f"{len(raw)} bytes"))
    if "hash" in spec:
        recorded = str(spec["hash"]).removeprefix("sha256:")
        actual = hashlib.sha256(raw).hexdigest()
        if recorded != actual:
            problems.append(Problem(path, f"SHA-256 {recorded[:12]}…, as {DESCRIPTOR} records", f"{actual[:12]}… (the file was changed)"))
    return problems


def _check_cited_sources(resource: Resource, first_row: int) -> list[Problem]:
    """A row's `source` names sources of its resource (`a;b`), so every figure shown can name
    where it comes from; an unknown name is a problem at that row."""
    if "source" not in resource.frame.columns:
        return []
    known = {s.get("name") for s in resource.sources if s.get("name")}
    problems = []
    cells = resource.frame["source"]
    wrong = {cell for cell in cells.dropna().unique() if any(name.strip() not in known for name in str(cell).split(";"))}
    if not wrong:  # each distinct cell checked once: a large table repeats a few
        return []
    for position in np.flatnonzero(cells.isin(list(wrong)).fillna(False).to_numpy(dtype=bool))[:_MAX_PER_COLUMN]:
        problems.append(Problem(resource.path, f"source names listed in the resource's 'sources' ({', '.join(sorted(known)) or 'none'})",
                                repr(str(cells.iloc[position])), row=first_row + int(position), column="source"))
    return problems


def _read_csv(path: str, raw: bytes) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Parse strictly: an unterminated quote, or a row with fewer or more cells than the header,
    is a problem at that row (a lenient parser would silently swallow the rest of the file)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [Problem(path, "UTF-8 text", f"an invalid byte at position {exc.start}")]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[list[str]] = []
    problems: list[Problem] = []
    try:
        for record in reader:
            rows.append(record)
    except csv.Error as exc:
        where = len(rows) + 1  # the record being read: its opening row
        found = "a quote that is never closed" if "unexpected end of data" in str(exc) or "EOF" in str(exc) else str(exc)
        return None, [Problem(path, "well-formed CSV (every quoted cell closed)", found, row=where)]
    rows = [r for r in rows if r != []]  # blank lines
    if not rows:
        return None, [Problem(path, "a header row", "an empty file", row=1)]
    header, body = rows[0], rows[1:]
    for number, record in enumerate(body, start=2):
        if len(record) != len(header):
            problems.append(Problem(path, f"{len(header)} cells, as in the header", f"{len(record)} cells", row=number))
            if len(problems) >= _MAX_PER_COLUMN:
                break
    if problems:
        return None, problems
    return pd.DataFrame(body, columns=header, dtype=str), []


def _read_geojson(path: str, raw: bytes) -> tuple[dict | None, pd.DataFrame | None, list[Problem]]:
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        row = getattr(exc, "lineno", None)
        return None, None, [Problem(path, "valid GeoJSON (UTF-8 JSON)", str(exc), row=row)]
    features = document.get("features") if isinstance(document, dict) else None
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection" or not isinstance(features, list):
        return None, None, [Problem(path, "a GeoJSON FeatureCollection", repr(document)[:60])]
    problems = []
    rows = []
    for number, feature in enumerate(features, start=1):
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        if not isinstance(geometry, dict) or geometry.get("type") not in {"Polygon", "MultiPolygon", "Point"}:
            problems.append(Problem(path, "a Polygon, MultiPolygon or Point geometry", repr(geometry)[:60], row=number, column="geometry"))
        properties = feature.get("properties") if isinstance(feature, dict) else None
        rows.append({k: "" if v is None else str(v) for k, v in (properties or {}).items()})
    return document, pd.DataFrame(rows).fillna(""), problems


def _type_and_check(
    path: str, table: pd.DataFrame, schema: dict[str, Any], *, header_row: bool
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Cast each column to its declared type; report header, type and constraint problems."""
    fields = schema["fields"]
    declared = [f["name"] for f in fields]
    header = list(table.columns)
    head = 1 if header_row else None
    problems = [
        Problem(path, f"column '{name}' declared in the schema", f"header {header}", row=head, column=name)
        for name in declared
        if name not in header
    ]
    problems += [
        Problem(path, f"only the columns declared in the schema {declared}", f"extra column '{name}'", row=head, column=name)
        for name in header
        if name not in declared
    ]
    if problems:
        return None, problems

    first_row = 2 if header_row else 1
    missing_values = set(schema.get("missingValues", [""]))
    typed: dict[str, pd.Series] = {}
    for spec in fields:
        name = spec["name"]
        raw = table[name]
        missing = raw.isin(missing_values)
        values, bad, expected = _cast(raw, missing, spec)
        problems += _cell_problems(path, name, raw, bad, expected, first_row)
        problems += _constraint_problems(path, name, raw, values, missing, spec, first_row)
        typed[name] = values
    return pd.DataFrame(typed, index=table.index), problems


def _cast(raw: pd.Series, missing: pd.Series, spec: dict[str, Any]) -> tuple[pd.Series, pd.Series, str]:
    kind = spec.get("type", "string")
    present = ~missing
    if kind in ("integer", "year"):
        numbers = pd.to_numeric(raw.where(present), errors="coerce").astype(float)
        # Beyond 2**53 a float cannot hold every integer: such a cell is a problem, not a cast error.
        bad = present & (numbers.isna() | (numbers % 1 != 0) | ~(numbers.abs() <= _LARGEST_EXACT))
        expected = f"an integer of at most {len(str(_LARGEST_EXACT))} digits" if kind == "integer" else "a year"
        return numbers.where(~bad).round().astype("Int64"), bad, expected
    if kind == "number":
        numbers = pd.to_numeric(raw.where(present), errors="coerce").astype(float)
        bad = present & ~np.isfinite(numbers.fillna(np.nan).to_numpy(dtype=float))
        return numbers.where(~bad).astype("Float64"), bad, "a finite number"
    if kind == "boolean":
        true_values = set(spec.get("trueValues", _TRUE))
        false_values = set(spec.get("falseValues", _FALSE))
        values = pd.Series(pd.NA, index=raw.index, dtype="boolean")
        values[raw.isin(true_values)] = True
        values[raw.isin(false_values)] = False
        return values, present & values.isna(), "true or false"
    if kind == "date":
        dates = pd.to_datetime(raw.where(present), format="%Y-%m-%d", errors="coerce")
        return dates, present & dates.isna(), "a date YYYY-MM-DD"
    return raw.where(present).astype("string"), pd.Series(False, index=raw.index), "text"


def _cell_problems(
    path: str, column: str, raw: pd.Series, bad: pd.Series, expected: str, first_row: int
) -> list[Problem]:
    positions = list(bad[bad].index)
    problems = [
        Problem(path, expected, _describe(raw.at[i]), row=first_row + int(i), column=column)
        for i in positions[:_MAX_PER_COLUMN]
    ]
    if len(positions) > _MAX_PER_COLUMN:
        problems.append(
            Problem(path, expected, f"{len(positions) - _MAX_PER_COLUMN} more bad cells in this column", column=column)
        )
    return problems


def _constraint_problems(
    path: str,
    column: str,
    raw: pd.Series,
    values: pd.Series,
    missing: pd.Series,
    spec: dict[str, Any],
    first_row: int,
) -> list[Problem]:
    constraints = spec.get("constraints", {})
    checks: list[tuple[pd.Series, str]] = []
    if constraints.get("required"):
        checks.append((missing, "a value (the field is required)"))
    present = ~missing & values.notna()
    if "enum" in constraints:
        allowed = [str(v) for v in constraints["enum"]]
        checks.append((present & ~raw.isin(allowed), f"one of {allowed}"))
    if "minimum" in constraints:
        minimum = constraints["minimum"]
        checks.append((present & (values < minimum).fillna(False), f"a value >= {minimum}"))
    if "maximum" in constraints:
        maximum = constraints["maximum"]
        checks.append((present & (values > maximum).fillna(False), f"a value <= {maximum}"))
    if "pattern" in constraints:  # Table Schema: the whole text matches the regular expression
        pattern = re.compile(constraints["pattern"])
        wrong = [v for v in raw[present].unique() if not pattern.fullmatch(str(v))]  # each distinct value once
        checks.append((present & raw.isin(wrong), f"text matching {constraints['pattern']}"))
    if constraints.get("unique"):
        checks.append((present & values.duplicated(keep="first"), "a unique value"))
    problems: list[Problem] = []
    for mask, expected in checks:
        problems += _cell_problems(path, column, raw, mask.astype(bool), expected, first_row)
    return problems


def _describe(value: Any) -> str:
    return "an empty cell" if value == "" else repr(value)


def _key_fields(key: Any) -> list[str]:
    return [key] if isinstance(key, str) else list(key or [])


def _check_primary_key(path: str, frame: pd.DataFrame, schema: dict[str, Any], first_row: int) -> list[Problem]:
    key = _key_fields(schema.get("primaryKey"))
    if not key:
        return []
    duplicated = frame.duplicated(subset=key, keep="first")
    column = ", ".join(key)
    problems = []
    for i in list(duplicated[duplicated].index)[:_MAX_PER_COLUMN]:
        found = ", ".join(str(frame.at[i, k]) for k in key)
        problems.append(Problem(path, f"a unique primary key ({column})", f"({found}) again", row=first_row + int(i), column=column))
    return problems


def _check_foreign_keys(resources: dict[str, Resource], declared: set[str]) -> list[Problem]:
    """Every foreign key value must exist in the referenced resource (skipped if that one failed to load)."""
    problems: list[Problem] = []
    for resource in resources.values():
        first_row = 1 if resource.format == "geojson" else 2
        for fk in resource.schema.get("foreignKeys", []):
            fields = _key_fields(fk.get("fields"))
            reference = fk.get("reference", {})
            target_name = reference.get("resource") or resource.name
            target = resources.get(target_name)
            if target is None and target_name in declared:
                continue  # its own problems are already reported
            if target is None:
                problems.append(Problem(resource.path, f"a resource named '{target_name}' to reference", "none", column=", ".join(fields)))
                continue
            target_fields = _key_fields(reference.get("fields"))
            absent = [f for f in fields if f not in resource.frame] + [f for f in target_fields if f not in target.frame]
            if absent or len(fields) != len(target_fields):
                problems.append(Problem(resource.path, "foreign key fields declared in both schemas", f"{fields} -> {target_fields}", column=", ".join(fields)))
                continue
            known = set(target.frame[target_fields].astype(str).itertuples(index=False, name=None))
            frame = resource.frame
            present = frame[fields].notna().all(axis=1)
            keys = frame[fields].astype(str).itertuples(index=False, name=None)
            for i, (ok, key) in enumerate(zip(present, keys)):
                if ok and key not in known:
                    problems.append(
                        Problem(
                            resource.path,
                            f"a {', '.join(target_fields)} listed in {target.path}",
                            ", ".join(key),
                            row=first_row + i,
                            column=", ".join(fields),
                        )
                    )
                    if len(problems) >= 50:
                        return problems
    return problems
