"""The structure of a descriptor the loader relies on, checked with JSON Schema before anything is read.

A subset of the Data Package v2 profile (the parts this loader reads: resources, paths, Table
Schema fields, types and constraints, keys, sources, licences, bytes and hash) plus the project's
own properties (`demo`, `last_updated`, `disclosure`, `rules`, `i18n`). Anything else a standard
descriptor may carry is allowed. The full v2 profile is checked in the tests with `frictionless`.
A descriptor that fails here is refused with a message naming the JSON path, never a traceback.
"""

from __future__ import annotations

from typing import Any

TYPES = ["string", "integer", "number", "boolean", "date", "year"]

_TEXT = {"type": "string"}
_SOURCE = {"type": "object", "required": ["title"],
           "properties": {"title": _TEXT, "name": {"type": "string", "pattern": "^[a-z0-9][a-z0-9._-]*$"}, "path": _TEXT}}
_LICENCE = {"type": "object", "anyOf": [{"required": ["name"]}, {"required": ["path"]}],
            "properties": {"name": _TEXT, "path": _TEXT, "title": _TEXT}}
_CONSTRAINTS = {
    "type": "object",
    "properties": {
        "required": {"type": "boolean"}, "unique": {"type": "boolean"},
        "enum": {"type": "array", "minItems": 1},
        "minimum": {"type": ["number", "string"]}, "maximum": {"type": ["number", "string"]},
        "pattern": {"type": "string", "minLength": 1},
    },
}
_FIELD = {
    "type": "object", "required": ["name"],
    "properties": {"name": {"type": "string", "minLength": 1}, "type": {"enum": TYPES}, "title": _TEXT,
                   "constraints": _CONSTRAINTS, "trueValues": {"type": "array", "items": _TEXT},
                   "falseValues": {"type": "array", "items": _TEXT}},
}
_KEY = {"anyOf": [{"type": "string"}, {"type": "array", "items": _TEXT, "minItems": 1}]}
_RULE = {
    "type": "object", "required": ["type"],
    "properties": {"type": {"enum": ["ratio", "total", "not_greater"]}},
}
_RESOURCE = {
    "type": "object", "required": ["name", "path", "schema"],
    "properties": {
        "name": {"type": "string", "pattern": "^[a-z0-9][a-z0-9._-]*$"},
        "path": {"type": "string", "minLength": 1},
        "format": _TEXT, "title": _TEXT, "description": _TEXT,
        "bytes": {"type": "integer", "minimum": 0},
        "hash": {"type": "string", "pattern": "^(sha256:)?[0-9a-f]{64}$"},
        "demo": {"type": "boolean"},
        "last_updated": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}"},
        "sources": {"type": "array", "items": _SOURCE},
        "licenses": {"type": "array", "items": _LICENCE, "minItems": 1},
        "schema": {
            "type": "object", "required": ["fields"],
            "properties": {
                "fields": {"type": "array", "items": _FIELD, "minItems": 1},
                "primaryKey": _KEY,
                "missingValues": {"type": "array", "items": _TEXT},
                "foreignKeys": {"type": "array", "items": {
                    "type": "object", "required": ["fields", "reference"],
                    "properties": {"fields": _KEY, "reference": {"type": "object", "required": ["fields"],
                                                                 "properties": {"resource": _TEXT, "fields": _KEY}}}}},
            },
        },
        "disclosure": {"type": "object", "required": ["k"], "properties": {
            "k": {"type": "integer", "minimum": 1}, "population": _TEXT,
            "derived": {"type": "object", "additionalProperties": {
                "type": "object", "additionalProperties": {"type": "array", "minItems": 1}}},
            "enrolments_of": {"type": "object", "required": ["resource", "on", "per"],
                              "properties": {"resource": _TEXT, "on": {"type": "array", "items": _TEXT}, "per": _TEXT}},
        }},
        "rules": {"type": "array", "items": _RULE},
    },
}
DESCRIPTOR_PROFILE: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object", "required": ["resources"],
    "properties": {
        "name": _TEXT, "title": _TEXT, "version": _TEXT,
        "licenses": {"type": "array", "items": _LICENCE},
        "sources": {"type": "array", "items": _SOURCE},
        "resources": {"type": "array", "items": _RESOURCE, "minItems": 1},
    },
}


def structure_problems(descriptor: Any) -> list[tuple[str, str, str]]:
    """(JSON path, what the profile expects, what was found) for each structural fault."""
    from jsonschema import Draft202012Validator

    found = []
    for error in sorted(Draft202012Validator(DESCRIPTOR_PROFILE).iter_errors(descriptor), key=lambda e: list(e.absolute_path)):
        path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path).lstrip(".") or "(the descriptor)"
        expected = {"required": "the required properties", "type": f"type {error.validator_value}",
                    "enum": f"one of {error.validator_value}", "pattern": f"text matching {error.validator_value}",
                    "minItems": "a non-empty list", "minimum": f"a number >= {error.validator_value}"}.get(error.validator, error.validator)
        found.append((path, str(expected), error.message[:160]))
    return found
