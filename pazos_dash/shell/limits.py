"""What a request may be, checked before anything reads it.

- **Body size.** A declared `Content-Length` over `MAX_BODY` is refused before anything is read
  (Flask's `MAX_CONTENT_LENGTH`). A chunked body has no length, and Werkzeug's own cap on it
  only *stops* reading at the limit, handing the reader a body cut short (a 50 MB callback was
  answered 200); so `BodyCap` reads a chunked body first, at most `MAX_BODY` + 1 bytes, and
  what is over the limit reaches Flask as a declared length over it: a 413 on every route that
  reads a body, and a worker never holds more than the limit of one. The only route here that
  reads a body is Dash's callback endpoint; a 413 anywhere is JSON.
- **Methods on the callback endpoint.** It takes POST only; anything else gets a JSON 405 with
  `Allow: POST` (Flask would answer GET with the site's HTML 404 and PUT with `Allow: GET, HEAD`).
- **Dash's component bundles.** An address under `/_dash-component-suites/` that names no
  registered file raises Dash's `DependencyException` (a 500 with a traceback); it is a 404.
"""

from __future__ import annotations

import io
import json
from typing import Any, Callable

from dash.exceptions import DependencyException
from flask import Flask, Response, g, request
from werkzeug.exceptions import RequestEntityTooLarge

MAX_BODY = 1_000_000  # bytes; the browser's largest callback body here is a few KB
PIECE = 64 * 1024  # bytes read from the server's stream at a time


class BodyCap:
    """WSGI middleware: a chunked body (no declared length) is read here, in small pieces, up to
    one byte past `limit`. Within the limit, the app gets it as a body of known length; over it,
    the app gets an empty body *declared* one byte too long, which Flask refuses with 413 the
    moment anything asks for it. The pieces are freed before the app runs: a worker never holds
    more than the limit of a body, nor a large block that would fragment its heap."""

    def __init__(self, app: Callable[..., Any], limit: int):
        self.app = app
        self.limit = limit

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        if "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower() and "wsgi.input" in environ:
            pieces, size, stream = [], 0, environ["wsgi.input"]
            while size <= self.limit:
                piece = stream.read(min(PIECE, self.limit + 1 - size))
                if not piece:
                    break
                pieces.append(piece)
                size += len(piece)
            body = b"".join(pieces) if size <= self.limit else b""
            del pieces
            environ["wsgi.input"] = io.BytesIO(body)
            environ["CONTENT_LENGTH"] = str(len(body) if size <= self.limit else self.limit + 1)
            environ.pop("HTTP_TRANSFER_ENCODING", None)  # Werkzeug reads a chunked request's length as unknown
        return self.app(environ, start_response)


def json_error(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    response = Response(json.dumps({"error": {"status": status, "message": message}}), status=status,
                        mimetype="application/json", headers=headers)
    return response


def install_limits(server: Flask, callback_path: str, not_found: Callable[[], Response | tuple]) -> None:
    """Cap every body at MAX_BODY, answer the callback endpoint's other methods in JSON, and send
    unknown component-bundle addresses to `not_found` (the site's 404)."""
    server.config["MAX_CONTENT_LENGTH"] = MAX_BODY
    server.wsgi_app = BodyCap(server.wsgi_app, MAX_BODY)  # type: ignore[method-assign]

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
