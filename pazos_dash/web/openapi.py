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


def openapi_document(package: DataPackage, urls: Urls) -> dict[str, Any]:
    """OpenAPI 3.1 for /api/v1/ over this package; paths are relative to the server (`/api/v1`)."""
    names = list(package.resources)
    licences = package.licenses
    rows_params = [
        _param("name", "path", "A dataset's name (see /datasets).", {"type": "string", "enum": names}, required=True,
               example="homicides_annual"),
        _param("filters", "query",
               "Equality filters: any field of the dataset as `<field>=<value>[,<value>…]` (one of the values). "
               "Values are parsed to the field's type; an unknown field or a value of the wrong type is a 400.",
               {"type": "object", "additionalProperties": {"type": "string"}}, style="form", explode=True,
               example={"geography": "Palmira"}),
        _param("year_from", "query", "Rows whose `year` is this or later (datasets with a `year` field).",
               {"type": "integer"}, example=2020),
        _param("year_to", "query", "Rows whose `year` is this or earlier (datasets with a `year` field).",
               {"type": "integer"}, example=2023),
        _param("limit", "query", "At most this many rows.", {"type": "integer", "minimum": 1, "maximum": 100000, "default": 100000}),
        _param("offset", "query", "Skip this many rows first.", {"type": "integer", "minimum": 0, "default": 0}),
        _param("format", "query", "JSON with the dataset's description, or the rows as CSV (UTF-8 with BOM).",
               {"type": "string", "enum": list(API_FORMATS), "default": "json"}),  # views.renderers, the one list
        LANG,
    ]
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "PAZOS Palmira open data API",
            "version": "1",
            "summary": "Read-only access to the published, disclosure-controlled data behind the PAZOS dashboard.",
            "description": (f"Data package version {package.descriptor.get('version', '')} ({package.version}). Only published "
                            "rows leave: a suppressed cell is null here too. Errors are JSON with a message that says what was wrong."),
            "license": {"name": licences[0].get("title", licences[0].get("name", "")), "url": licences[0].get("path", "")}
            if licences else {"name": "see each dataset"},
        },
        "servers": [{"url": urls.api_root().rstrip("/")}],
        "externalDocs": {"description": "Data & methodology", "url": urls.page("data", urls.default_lang)},
        "paths": {
            "/": {"get": {"operationId": "index", "summary": "What there is",
                          "responses": {"200": {"description": "Names and addresses", "content": {JSON: {"schema": {"$ref": "#/components/schemas/Index"}}}}}}},
            "/openapi.json": {"get": {"operationId": "openapi", "summary": "This document",
                                      "responses": {"200": {"description": "OpenAPI 3.1", "content": {JSON: {"schema": {"type": "object", "required": ["openapi", "paths"]}}}}}}},
            "/datasets": {"get": {"operationId": "listDatasets", "summary": "Every dataset with its fields, licence and sources",
                                  "parameters": [LANG],
                                  "responses": {"200": {"description": "The catalogue", "content": {JSON: {"schema": {"$ref": "#/components/schemas/DatasetList"}}}},
                                                "400": _error("A bad `lang`")}}},
            "/datasets/{name}": {"get": {
                "operationId": "getDataset", "summary": "A dataset's rows, filtered and paged",
                "parameters": rows_params,
                "responses": {
                    "200": {"description": "The rows (JSON with the dataset's description, or CSV)",
                            "content": {JSON: {"schema": {"$ref": "#/components/schemas/Rows"}},
                                        **{RENDERERS[fmt].media_type.split(";")[0]: {"schema": {"type": "string"}}
                                           for fmt in API_FORMATS if fmt != "json"}}},
                    "400": _error("A filter, range, page or format that cannot be applied; the message names it"),
                    "404": _error("No dataset of that name"),
                }}},
        },
        "components": {"schemas": _schemas()},
    }
