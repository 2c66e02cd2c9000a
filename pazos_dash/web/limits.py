"""What a request may be, checked before anything reads it.

- **Body size.** Every body is read through Werkzeug's stream with Flask's `MAX_CONTENT_LENGTH`
  enforced on the bytes actually read, not only on a declared `Content-Length`: a chunked body
  (no length) stops being read at `MAX_BODY` + 1 bytes and the request answers 413, so a worker
  never holds more than the limit of any one body. (gunicorn sets `wsgi.input_terminated`, so
  Werkzeug streams chunked bodies with the cap; a server that does not gets an empty body.)
  The only route here that reads a body is Dash's callback endpoint; a 413 anywhere is JSON.
- **Methods on the callback endpoint.** It takes POST only; anything else gets a JSON 405 with
  `Allow: POST` (Flask would answer GET with the site's HTML 404 and PUT with `Allow: GET, HEAD`).
- **Dash's component bundles.** An address under `/_dash-component-suites/` that names no
  registered file raises Dash's `DependencyException` (a 500 with a traceback); it is a 404.
"""

from __future__ import annotations

import json
from typing import Callable

from dash.exceptions import DependencyException
from flask import Flask, Response, g, request
from werkzeug.exceptions import RequestEntityTooLarge

MAX_BODY = 1_000_000  # bytes; the browser's largest callback body here is a few KB


def json_error(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    response = Response(json.dumps({"error": {"status": status, "message": message}}), status=status,
                        mimetype="application/json", headers=headers)
    return response


def install_limits(server: Flask, callback_path: str, not_found: Callable[[], Response | tuple]) -> None:
    """Cap every body at MAX_BODY, answer the callback endpoint's other methods in JSON, and send
    unknown component-bundle addresses to `not_found` (the site's 404)."""
    server.config["MAX_CONTENT_LENGTH"] = MAX_BODY

    @server.before_request
    def _callback_methods() -> Response | None:
        if request.path == callback_path and request.method != "POST":
            g.pazos_problem = f"callback request refused: method {request.method}"
            return json_error(405, f"method {request.method}: the callback endpoint takes POST only",
                              {"Allow": "POST"})
        return None

    @server.errorhandler(RequestEntityTooLarge)
    def _too_large(_error: RequestEntityTooLarge) -> Response:
        g.pazos_problem = f"body larger than {MAX_BODY} bytes"
        # The rest of the body is never read (gunicorn drains at most 64 KB of it, then closes).
        return json_error(413, f"body: larger than {MAX_BODY} bytes")

    @server.errorhandler(DependencyException)
    def _no_such_bundle(_error: DependencyException):
        return not_found()
