"""Flask routes: each chart's data (CSV, Excel, JSON), the published package's own files
(nothing else on disk), and the Atom feed of releases in each language."""

from __future__ import annotations

import io
import json
import zipfile

from flask import Flask, Response, abort, jsonify, request, send_from_directory

from ..charts import CHARTS
from ..data.package import DESCRIPTOR
from ..i18n import LANGUAGES
from ..runtime import Runtime
from ..urls import Urls
from ..views import chart_view
from ..views.exports import FORMATS, as_csv, as_json, as_xlsx, as_zip, licence_urls, metadata
from ..views.linked_data import catalog_jsonld
from ..views.releases import atom_feed


def package_zip_name(package) -> str:
    return f"{package.descriptor.get('name', 'package')}-{package.version}.zip"


def package_zip(runtime: Runtime) -> bytes:
    """The whole package, datapackage.json and every file it lists, as one zip (made once per
    version)."""
    package = runtime.package
    key = f"zip:{package.version}"
    data = runtime.cache.get(key)
    if data is None:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in [DESCRIPTOR, *(r.path for r in package.resources.values())]:
                archive.write(package.directory / name, arcname=name)
        data = out.getvalue()
        runtime.cache.set(key, data)
    return data


def register_routes(server: Flask, runtime: Runtime, prefix: str, urls: Urls) -> None:
    """Mount the routes under `prefix` (the app's routes_pathname_prefix, ending in '/')."""

    @server.get(f"{prefix}download/<chart_id>.<any(csv, json, xlsx, zip):fmt>")
    def chart_data(chart_id: str, fmt: str) -> Response:
        """Exactly the chart's rows for the selection in the query, rendered from the same
        ChartView as the card; unknown or hostile values fall back to defaults, as on the page."""
        if chart_id not in CHARTS:
            abort(404)
        lang = request.args.get("lang") if request.args.get("lang") in LANGUAGES else urls.default_lang
        view = chart_view(runtime, urls, chart_id, lang, options=request.args)
        headers = {"Content-Disposition": f'attachment; filename="{chart_id}.{fmt}"'}
        if fmt == "csv":
            # The table stays plain; its metadata (licence and citation in it) and its licence are linked.
            headers["Link"] = ", ".join([f'<{view.urls.downloads["json"]}>; rel="describedby"; type="application/json"',
                                         *[f'<{url}>; rel="license"' for url in licence_urls(view)]])
            return Response(as_csv(view.frame, lang), content_type=FORMATS[fmt], headers=headers)
        meta = metadata(view, view.urls.absolute(view.urls.page), view.urls.absolute(view.urls.embed))
        render = {"json": lambda: as_json(view.frame, meta), "xlsx": lambda: as_xlsx(view.frame, meta, lang),
                  "zip": lambda: as_zip(view.frame, meta, lang)}
        body = render[fmt]()
        return Response(body, content_type=FORMATS[fmt], headers=headers)

    @server.get(f"{prefix}catalog.jsonld")
    def catalog() -> Response:
        """The DCAT catalogue of the published datasets, for portals that harvest (CKAN's ckanext-dcat)."""
        body = json.dumps(catalog_jsonld(runtime.package, urls, request.host_url.rstrip("/")), ensure_ascii=False, indent=1)
        return Response(body, content_type="application/ld+json; charset=utf-8")

    def feed(lang: str):
        def atom() -> Response:
            """Each release and its revisions, newest first, for newsrooms' feed readers."""
            return Response(atom_feed(runtime.package, urls, lang, request.host_url), content_type="application/atom+xml; charset=utf-8")
        return atom

    for lang in LANGUAGES:
        server.add_url_rule(f"{prefix}{urls.feed_path(lang).lstrip('/')}", f"feed_{lang}", feed(lang), methods=["GET"])

    @server.get(f"{prefix}healthz")
    def healthz() -> Response:
        """For load balancers and uptime checks: the process is up and which package it serves."""
        package = runtime.package
        return jsonify(status="ok", package_version=package.version, last_updated=package.last_updated,
                       resources=len(package.resources))

    @server.get(f"{prefix}data/<path:filename>")
    def published_file(filename: str) -> Response:
        package = runtime.package
        if filename == package_zip_name(package):
            return Response(package_zip(runtime), mimetype="application/zip",
                            headers={"Content-Disposition": f'attachment; filename="{filename}"'})
        if filename not in {DESCRIPTOR} | {r.path for r in package.resources.values()}:
            abort(404)
        return send_from_directory(package.directory.resolve(), filename, as_attachment=filename != DESCRIPTOR)
