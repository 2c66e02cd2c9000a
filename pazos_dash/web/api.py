"""A read-only API over the published package, for newsrooms and researchers who script:

    GET /api/v1/                      what there is
    GET /api/v1/openapi.json          this API described in OpenAPI 3.1 (web/openapi.py)
    GET /api/v1/datasets              every dataset: title, description, fields, licence, sources, flags
    GET /api/v1/datasets/<name>       its rows; filters `?<field>=<value>[,<value>…]` (no spaces; each
                                      parameter once, checked against the document's patterns), the year range
                                      `year_from`, `year_to` (inclusive), `limit`, `offset`,
                                      `format=json|csv`, `lang=es|en` (titles and descriptions)

Only published rows leave: the API reads the same validated package as the pages, so a
suppressed cell is empty here too. An unknown dataset answers 404, a bad filter 400, both as
JSON with a message that says what was wrong.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
from flask import Flask, Response, jsonify, request

from ..charts import licence_titles, resource_sources
from ..data import DataPackage, Resource
from ..i18n import LANGUAGES
from ..runtime import Runtime
from ..urls import Urls
from ..views.exports import BOM, records
from ..views.renderers import API_FORMATS
from .openapi import MAX_LIMIT, RESERVED, YEARS, openapi_document, values_pattern

RANGE = {"year_from": "year", "year_to": "year"}  # range filter -> the field it bounds
WHOLE = re.compile(r"[0-9]+")  # ASCII digits only: `int()` would also take '3_0', ' 30' and '３０'


class BadRequest(ValueError):
    pass


def api_error(status: int, message: str) -> Response:
    response = jsonify(error={"status": status, "message": message})
    response.status_code = status
    return response


def _lang() -> str:
    lang = _once().get("lang", "es")
    if lang not in LANGUAGES:
        raise BadRequest(f"lang: expected one of {', '.join(LANGUAGES)}, found {lang!r}")
    return lang


def _field_title(field: dict[str, Any], lang: str) -> str:
    return field.get("i18n", {}).get(lang, {}).get("title") or field.get("title", field["name"])


def summary(resource: Resource, package: DataPackage, lang: str, prefix: str) -> dict[str, Any]:
    return {
        "name": resource.name,
        "title": resource.title[lang],
        "description": resource.description[lang],
        "demonstration_data": resource.demo,
        "rows": len(resource.frame),
        "last_updated": resource.last_updated,
        "licences": list(licence_titles([resource], lang)),
        "sources": [{"name": s.name, "title": s.title, "path": s.url} for s in resource_sources(resource, lang)],
        "fields": [{"name": f["name"], "type": f.get("type", "string"), "title": _field_title(f, lang),
                    "description": f.get("i18n", {}).get(lang, {}).get("description") or f.get("description", "")}
                   for f in resource.schema.get("fields", [])],
        "url": f"{prefix}api/v1/datasets/{resource.name}",
        "file": f"{prefix}data/{resource.path}",
        "package_version": package.version,
    }


_EXPECTED = {"integer": "a whole number", "year": "a whole number", "number": "a number", "boolean": "true or false",
             "date": "a date (YYYY-MM-DD)"}


def _values(raw: str, kind: str, name: str) -> list[Any]:
    """A filter's comma-separated values, checked against the pattern the OpenAPI document gives
    for this type (the same test a JSON Schema validator makes: `re.search`), then parsed."""
    if raw == "":
        raise BadRequest(f"{name}: give at least one value")
    if not re.search(values_pattern(kind), raw):
        raise BadRequest(f"{name}: expected {_EXPECTED.get(kind, 'values')}, found {raw[:100]!r} "
                         "(several values: separated by commas, no spaces)")
    items = raw.removesuffix("\n").split(",")  # Python's `$` lets one final newline through
    if kind in ("integer", "year"):
        return [int(item) for item in items]
    if kind == "number":
        return [float(item) for item in items]
    if kind == "boolean":
        return [item == "true" for item in items]
    return items


def _whole(raw: str, name: str, low: int, high: int) -> int:
    """A whole number in [low, high], written in ASCII digits only."""
    if not WHOLE.fullmatch(raw) or not low <= int(raw) <= high:
        raise BadRequest(f"{name}: expected a whole number from {low} to {high}, found {raw[:100]!r}")
    return int(raw)


def filtered(resource: Resource, args: dict[str, str]) -> tuple[pd.DataFrame, dict[str, list[Any]]]:
    """Rows whose fields equal one of the given values; every filter must name a field."""
    types = {f["name"]: f.get("type", "string") for f in resource.schema.get("fields", [])}
    frame = resource.frame
    filters: dict[str, list[Any]] = {}
    for name, raw in args.items():
        if name in RESERVED:
            continue
        if name not in types:
            raise BadRequest(f"{name}: not a field of {resource.name}; its fields are {', '.join(types)}")
        values = _values(raw, types[name], name)
        filters[name] = values
        column = frame[name]
        frame = frame[column.isin(values) if types[name] != "date" else column.astype(str).isin([str(v) for v in values])]
    for name, field in RANGE.items():  # inclusive bounds beside the equality filters
        if name not in args:
            continue
        if field not in types:
            raise BadRequest(f"{name}: {resource.name} has no field {field!r}")
        bound = _whole(args[name], name, YEARS["minimum"], YEARS["maximum"])
        filters[name] = [bound]
        years = pd.to_numeric(frame[field], errors="coerce")
        frame = frame[(years >= bound) if name.endswith("_from") else (years <= bound)]
    return frame, filters


def _page(args: dict[str, str]) -> tuple[int, int]:
    limit = _whole(args["limit"], "limit", 1, MAX_LIMIT) if "limit" in args else MAX_LIMIT
    offset = _whole(args["offset"], "offset", 0, 10**9) if "offset" in args else 0
    return limit, offset


def _once() -> dict[str, str]:
    """The query's parameters, each given once: a repeated one is refused (several values go in
    one, separated by commas), rather than silently keeping the first."""
    repeated = [name for name, values in request.args.lists() if len(values) > 1]
    if repeated:
        raise BadRequest(f"{repeated[0]}: given {len(request.args.getlist(repeated[0]))} times; give it once "
                         "(several values separated by commas)")
    return request.args.to_dict()


def register_api(server: Flask, runtime: Runtime, prefix: str, urls: Urls) -> None:
    base = f"{prefix}api/v1/"

    @server.get(base)
    def api_index() -> Response:
        return jsonify(name="PAZOS Palmira open data API", version=1, datasets=f"{base}datasets",
                       package_version=runtime.package.version, openapi=urls.openapi(),
                       documentation=urls.page("data", urls.default_lang, fragment="api"))

    @server.get(f"{base}openapi.json")
    def api_openapi() -> Response:
        return jsonify(openapi_document(runtime.package, urls))

    @server.get(f"{base}datasets")
    def api_datasets() -> Response:
        try:
            lang = _lang()
        except BadRequest as error:
            return api_error(400, str(error))
        package = runtime.package
        return jsonify(package_version=package.version, last_updated=package.last_updated,
                       datasets=[summary(r, package, lang, prefix) for r in package.resources.values()])

    @server.get(f"{base}datasets/<name>")
    def api_dataset(name: str) -> Response:
        package = runtime.package
        if name not in package.resources:
            return api_error(404, f"no dataset named {name!r}; see {base}datasets")
        resource = package.resources[name]
        try:
            args = _once()
            lang = _lang()
            fmt = args.get("format", "json")
            if fmt not in API_FORMATS:  # views.renderers, the one list of formats
                raise BadRequest(f"format: expected {' or '.join(API_FORMATS)}, found {fmt!r}")
            frame, filters = filtered(resource, args)
            limit, offset = _page(args)
        except BadRequest as error:
            return api_error(400, str(error))
        page = frame.iloc[offset:offset + limit]
        if fmt == "csv":
            return Response(BOM + page.to_csv(index=False, lineterminator="\n"), content_type="text/csv; charset=utf-8")
        return jsonify(dataset=summary(resource, package, lang, prefix), filters=filters, total=len(frame),
                       offset=offset, limit=limit, data=records(page))

    @server.get(f"{prefix}api/")
    @server.get(f"{prefix}api/<path:_rest>")  # any other address under api/, versions to come included
    def api_unknown(_rest: str = "") -> Response:
        return api_error(404, f"unknown address; start at {base}")
