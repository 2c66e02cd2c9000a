"""Whole callback responses, memoised. Every callback here is a pure function of its request
body (the inputs and state the browser sends), the package version and the host name (the
embed code spells out the site's address), so the serialised answer can be kept and sent
again: a callback then costs a cache lookup instead of building and serialising figures.
Figures and frames are memoised underneath too (runtime.py); this layer saves the rest.
The answer is kept compressed (Brotli, or gzip for clients without it), so a repeated callback
costs neither serialisation nor compression.
"""

from __future__ import annotations

import gzip
import hashlib
from typing import Callable

import brotli
from flask import Flask, Response, g, request
from flask_caching import Cache

_LIMIT = 2_000_000  # bytes: larger answers are not kept (none is, today)
_COMPRESS = {
    "br": lambda data: brotli.compress(data, quality=5),
    "gzip": lambda data: gzip.compress(data, compresslevel=6, mtime=0),
    "identity": lambda data: data,
}


def _encoding() -> str:
    accepted = {part.split(";")[0].strip() for part in request.headers.get("Accept-Encoding", "").split(",")}
    return next((name for name in ("br", "gzip") if name in accepted), "identity")


def _answer(body: bytes, encoding: str) -> Response:
    response = Response(body, mimetype="application/json")
    if encoding != "identity":
        response.headers["Content-Encoding"] = encoding
    response.headers["Vary"] = "Accept-Encoding"
    return response


class CallbackResponseCache:
    def __init__(self, server: Flask, cache: Cache, path: str, version: Callable[[], str]):
        self.cache = cache
        self.path = path
        self.version = version
        server.before_request(self._lookup)
        server.after_request(self._keep)

    def _applies(self) -> bool:
        return request.method == "POST" and request.path == self.path

    def _lookup(self) -> Response | None:
        if not self._applies():
            return None
        digest = hashlib.sha256(request.host.encode() + b"\0" + request.get_data(cache=True)).hexdigest()
        g.pazos_response_encoding = _encoding()
        g.pazos_response_key = f"response:{self.version()}:{digest}:{g.pazos_response_encoding}"
        body = self.cache.get(g.pazos_response_key)
        if body is None:
            return None
        g.pazos_response_hit = True
        return _answer(body, g.pazos_response_encoding)

    def _keep(self, response: Response) -> Response:
        key = g.get("pazos_response_key")
        if (key and not g.get("pazos_response_hit") and response.status_code == 200
                and not response.direct_passthrough and response.mimetype == "application/json"
                and "Content-Encoding" not in response.headers):
            encoding = g.pazos_response_encoding
            body = _COMPRESS[encoding](response.get_data())
            if len(body) <= _LIMIT:
                self.cache.set(key, body)
            return _answer(body, encoding)
        return response
