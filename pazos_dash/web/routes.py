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
from ..views.renderers import FORMATS, RENDERERS
from ..views.linked_data import catalog_jsonld
from ..views.releases import atom_feed


def package_zip_name(package) -> str:
    return f"{package.descriptor.get('name', 'package')}-{package.version}.zip"


def package_zip(runtime: Runtime, package=None) -> bytes:
    """The whole package, datapackage.json and every file it lists, as one zip (made once per
    version, from the loaded package's own snapshot: data/source.py)."""
    package = package or runtime.package
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

    @server.get(f"{prefix}download/<chart_id>.<any({', '.join(FORMATS)}):fmt>")
    def chart_data(chart_id: str, fmt: str) -> Response:
        """Exactly the chart's rows for the selection in the query, rendered from the same
        ChartView as the card; unknown or hostile values fall back to defaults, as on the page."""
        if chart_id not in CHARTS:
            abort(404)
        lang = request.args.get("lang") if request.args.get("lang") in LANGUAGES else urls.default_lang
        view = chart_view(runtime, urls, chart_id, lang, download=request.args)
        renderer = RENDERERS[fmt]
        if not renderer.can_render(view):
            abort(404)
        headers = {"Content-Disposition": f'attachment; filename="{chart_id}.{fmt}"', **renderer.headers(view)}
        return Response(renderer.render(view), content_type=renderer.media_type, headers=headers)

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
        """A file of the package being served, from the folder it was loaded from (its own
        snapshot, which a republish does not change); `X-Package-Version` names the release."""
        package = runtime.package
        if filename == package_zip_name(package):
            response = Response(package_zip(runtime, package), mimetype="application/zip",
                                headers={"Content-Disposition": f'attachment; filename="{filename}"'})
        elif filename not in {DESCRIPTOR} | {r.path for r in package.resources.values()}:
            abort(404)
        else:
            response = send_from_directory(package.directory.resolve(), filename, as_attachment=filename != DESCRIPTOR)
        response.headers["X-Package-Version"] = package.version
        return response
