"""The read-only API described in OpenAPI 3.1 (served at /api/v1/openapi.json), built from the
package being served: the dataset names are an enum of the published resources, so a
republished package with a new dataset is documented at once. The tests validate it with
openapi-spec-validator and call every path it documents, checking each answer against it."""

from __future__ import annotations

from typing import Any

from ..data import DataPackage
from ..urls import Urls
from ..views.renderers import API_FORMATS, RENDERERS

JSON = "application/json"

# What a filter value must look like, by the field's Table Schema type: one value or several
# separated by commas, no spaces. The API checks values against these very patterns (re.search,
# as JSON Schema validators do), so the document and the server cannot disagree.
ITEM_PATTERNS = {
    "integer": r"-?[0-9]{1,18}", "year": r"-?[0-9]{1,18}", "number": r"-?[0-9]{1,18}(\.[0-9]{1,18})?",
    "boolean": r"(true|false)", "date": r"[0-9]{4}-[0-9]{2}-[0-9]{2}",
}
ANY_ITEM = r"[^,]+"
RESERVED = ("limit", "offset", "format", "lang", "year_from", "year_to")
MAX_LIMIT = 100_000
YEARS = {"type": "integer", "minimum": 0, "maximum": 9999}


def values_pattern(kind: str) -> str:
    """The pattern of a filter's value for a field of this type ('2020' or '2020,2021')."""
    item = ITEM_PATTERNS.get(kind, ANY_ITEM)
    return f"^{item}(,{item})*$"


def _type_words(kind: str) -> str:
    return {"integer": "whole numbers", "year": "years", "number": "numbers (a dot for decimals)", "boolean": "true or false",
            "date": "dates (YYYY-MM-DD)"}.get(kind, "values (text, exactly as published)")


TOO_LONG = {"description": "The address is longer than the server takes (answered by the web server, before the API)"}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {JSON: {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _param(name: str, where: str, description: str, schema: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"name": name, "in": where, "description": description, "schema": schema, **extra}


LANG = _param("lang", "query", "Language of titles and descriptions.", {"type": "string", "enum": ["es", "en"], "default": "es"})


def _schemas() -> dict[str, Any]:
    nullable_string = {"type": ["string", "null"]}
    source = {"type": "object", "required": ["name", "title", "path"],
              "properties": {"name": {"type": "string"}, "title": {"type": "string"}, "path": {"type": "string"}}}
    field = {"type": "object", "required": ["name", "type", "title"],
             "properties": {"name": {"type": "string"}, "type": {"type": "string"}, "title": {"type": "string"},
                            "description": {"type": "string"}}}
    return {
        "Error": {"type": "object", "required": ["error"], "properties": {"error": {
            "type": "object", "required": ["status", "message"],
            "properties": {"status": {"type": "integer"}, "message": {"type": "string", "description": "What was wrong"}}}}},
        "Dataset": {"type": "object",
                    "required": ["name", "title", "description", "demonstration_data", "rows", "licences", "sources", "fields", "url",
                                 "file", "package_version"],
                    "properties": {
                        "name": {"type": "string"}, "title": {"type": "string"}, "description": {"type": "string"},
                        "demonstration_data": {"type": "boolean", "description": "True when the values are invented (no public figure exists)"},
                        "rows": {"type": "integer", "minimum": 0}, "last_updated": nullable_string,
                        "licences": {"type": "array", "items": {"type": "string"}},
                        "sources": {"type": "array", "items": source}, "fields": {"type": "array", "items": field},
                        "url": {"type": "string"}, "file": {"type": "string"}, "package_version": {"type": "string"}}},
        "DatasetList": {"type": "object", "required": ["package_version", "datasets"],
                        "properties": {"package_version": {"type": "string"}, "last_updated": nullable_string,
                                       "datasets": {"type": "array", "items": {"$ref": "#/components/schemas/Dataset"}}}},
        "Rows": {"type": "object", "required": ["dataset", "filters", "total", "offset", "limit", "data"],
                 "properties": {
                     "dataset": {"$ref": "#/components/schemas/Dataset"},
                     "filters": {"type": "object", "additionalProperties": {"type": "array"},
                                 "description": "The filters applied, values parsed to their field's type"},
                     "total": {"type": "integer", "minimum": 0, "description": "Rows matching, before limit and offset"},
                     "offset": {"type": "integer", "minimum": 0}, "limit": {"type": "integer", "minimum": 1},
                     "data": {"type": "array", "items": {"type": "object",
                                                          "description": "One row: field name to value; a missing or suppressed value is null"}}}},
        "Index": {"type": "object", "required": ["name", "version", "datasets", "package_version", "openapi"],
                  "properties": {"name": {"type": "string"}, "version": {"type": "integer"}, "datasets": {"type": "string"},
                                 "package_version": {"type": "string"}, "openapi": {"type": "string"},
                                 "documentation": {"type": "string"}}},
    }


def _dataset_operation(package: DataPackage, name: str) -> dict[str, Any]:
    """GET /datasets/<name>: its own fields as equality filters, each with its type's pattern."""
    resource = package.resources[name]
    fields = [f for f in resource.schema.get("fields", []) if f["name"] not in RESERVED]
    types = {f["name"]: f.get("type", "string") for f in fields}
    params = [_param(f["name"], "query",
                     f"Rows whose `{f['name']}` is one of these {_type_words(types[f['name']])}, separated by commas.",
                     {"type": "string", "pattern": values_pattern(types[f["name"]])})
              for f in fields]
    if "year" in types:
        params += [_param("year_from", "query", "Rows whose `year` is this or later.", YEARS, example=2020),
                   _param("year_to", "query", "Rows whose `year` is this or earlier.", YEARS, example=2023)]
    params += [
        _param("limit", "query", "At most this many rows.", {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": MAX_LIMIT}),
        _param("offset", "query", "Skip this many rows first.", {"type": "integer", "minimum": 0, "maximum": 10**9, "default": 0}),
        _param("format", "query", "JSON with the dataset's description, or the rows as CSV (UTF-8 with BOM).",
               {"type": "string", "enum": list(API_FORMATS), "default": "json"}),  # views.renderers, the one list
        LANG,
    ]
    return {"get": {
        "operationId": f"get_{name}", "summary": resource.title.get("en") or name,
        "description": (f"{resource.description.get('en', '')}\n\nThe rows of `{name}`, filtered and paged. Each parameter is "
                        "given at most once (several values: separated by commas); a parameter that is not documented here "
                        "(a field this dataset does not have) is a 400."),
        "parameters": params,
        "responses": {
            "200": {"description": "The rows (JSON with the dataset's description, or CSV)",
                    "content": {JSON: {"schema": {"$ref": "#/components/schemas/Rows"}},
                                **{RENDERERS[fmt].media_type.split(";")[0]: {"schema": {"type": "string"}}
                                   for fmt in API_FORMATS if fmt != "json"}}},
            "400": _error("A filter, range, page or format that cannot be applied, or a parameter given twice; the message names it"),
            "414": TOO_LONG,
        }}}


def openapi_document(package: DataPackage, urls: Urls) -> dict[str, Any]:
    """OpenAPI 3.1 for /api/v1/ over this package; paths are relative to the server (`/api/v1`).
    Each dataset has its own path, so its filters are exactly its fields."""
    licences = package.licenses
    datasets = {f"/datasets/{name}": _dataset_operation(package, name) for name in package.resources}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "PAZOS Palmira open data API",
            "version": "1",
            "summary": "Read-only access to the published, disclosure-controlled data behind the PAZOS dashboard.",
            "description": (f"Data package version {package.descriptor.get('version', '')} ({package.version}). Only published "
                            "rows leave: a suppressed cell is null here too. Errors are JSON with a message that says what was "
                            "wrong; a dataset that is not listed here answers 404."),
            "license": {"name": licences[0].get("title", licences[0].get("name", "")), "url": licences[0].get("path", "")}
            if licences else {"name": "see each dataset"},
        },
        "servers": [{"url": urls.api_root().rstrip("/")}],
        "externalDocs": {"description": "Data & methodology", "url": urls.page("data", urls.default_lang)},
        "paths": {
            "/": {"get": {"operationId": "index", "summary": "What there is",
                          "responses": {"200": {"description": "Names and addresses", "content": {JSON: {"schema": {"$ref": "#/components/schemas/Index"}}}},
                                        "414": TOO_LONG}}},
            "/openapi.json": {"get": {"operationId": "openapi", "summary": "This document",
                                      "responses": {"200": {"description": "OpenAPI 3.1", "content": {JSON: {"schema": {"type": "object", "required": ["openapi", "paths"]}}}},
                                                    "414": TOO_LONG}}},
            "/datasets": {"get": {"operationId": "listDatasets", "summary": "Every dataset with its fields, licence and sources",
                                  "parameters": [LANG],
                                  "responses": {"200": {"description": "The catalogue", "content": {JSON: {"schema": {"$ref": "#/components/schemas/DatasetList"}}}},
                                                "400": _error("A bad `lang`, or a parameter given twice"), "414": TOO_LONG}}},
            **datasets,
        },
        "components": {"schemas": _schemas()},
    }
