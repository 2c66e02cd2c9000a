"""Flask routes: each chart's CSV, and the published package's own files (nothing else on disk)."""

from __future__ import annotations

from flask import Flask, Response, abort, jsonify, request, send_from_directory

from ..charts import CHARTS
from ..data.package import DESCRIPTOR
from ..runtime import Runtime


def register_routes(server: Flask, runtime: Runtime, prefix: str) -> None:
    """Mount the routes under `prefix` (the app's routes_pathname_prefix, ending in '/')."""

    @server.get(f"{prefix}download/<chart_id>.csv")
    def chart_csv(chart_id: str) -> Response:
        if chart_id not in CHARTS:
            abort(404)
        options = CHARTS[chart_id].clean(request.args)  # unknown or hostile values fall back to defaults
        csv = runtime.chart_frame(chart_id, **options).to_csv(index=False, lineterminator="\n")
        return Response(
            csv,
            mimetype="text/csv",
            headers={"Content-Disposition": f'attachment; filename="{chart_id}.csv"'},
        )

    @server.get(f"{prefix}healthz")
    def healthz() -> Response:
        """For load balancers and uptime checks: the process is up and which package it serves."""
        package = runtime.package
        return jsonify(status="ok", package_version=package.version, last_updated=package.last_updated,
                       resources=len(package.resources))

    @server.get(f"{prefix}data/<path:filename>")
    def published_file(filename: str) -> Response:
        package = runtime.package
        if filename not in {DESCRIPTOR} | {r.path for r in package.resources.values()}:
            abort(404)
        return send_from_directory(package.directory.resolve(), filename, as_attachment=filename != DESCRIPTOR)
