"""Static files for phones on mobile data: Brotli at its highest quality, which is too slow to
run per request (about 1 s per MB) but 20 % smaller than on-the-fly compression, and a
year-long cache lifetime for every fingerprinted file (Dash names component bundles by version
and appends `?m=<mtime>` to assets, so a changed file gets a new address).

Our assets are precompressed in the repository (`scripts/precompress.py` writes `<asset>.br`).
Dash's component bundles come from installed packages: the first request for one is answered
as usual (flask-compress) while a background thread compresses it once into the shared cache;
later requests get that copy.
"""

from __future__ import annotations

import threading
from pathlib import Path

import brotli
from flask import Flask, Response, request
from flask_caching import Cache

YEAR = "public, max-age=31536000, immutable"


def _accepts_brotli() -> bool:
    return any(part.split(";")[0].strip() == "br" for part in request.headers.get("Accept-Encoding", "").split(","))


class StaticFiles:
    def __init__(self, server: Flask, prefix: str, assets: Path, cache: Cache):
        self.assets_prefix = f"{prefix}assets/"
        self.suites_prefix = f"{prefix}_dash-component-suites/"
        # Read once: the committed .br files change only with a deploy.
        self.precompressed = {path.name[: -len(".br")]: path.read_bytes() for path in assets.glob("*.br")}
        self.cache = cache
        self._pending: set[str] = set()
        self._lock = threading.Lock()
        server.after_request(self._after)

    def _bundle(self, response: Response, path: str) -> None:
        """Send the cached Brotli copy of a component bundle, or start making one."""
        key = f"static-br:{path}"
        compressed = self.cache.get(key)
        if compressed is not None:
            response.set_data(compressed)
            response.headers["Content-Encoding"] = "br"
            response.headers["Vary"] = "Accept-Encoding"
            return
        with self._lock:
            if path in self._pending:
                return
            self._pending.add(path)
        data = response.get_data()

        def compress() -> None:
            try:
                self.cache.set(key, brotli.compress(data, quality=11), timeout=0)
            finally:
                with self._lock:
                    self._pending.discard(path)

        threading.Thread(target=compress, name="brotli", daemon=True).start()

    def _after(self, response: Response) -> Response:
        if request.method not in ("GET", "HEAD") or response.status_code not in (200, 304):
            return response
        path = request.path
        if path.startswith(self.assets_prefix):
            if "m" in request.args:
                response.headers["Cache-Control"] = YEAR
            if response.status_code == 200 and "Content-Encoding" not in response.headers:
                # Flask streams files; flask-compress then skips gzip. A buffered body is
                # compressed like any other response for clients without Brotli.
                response.direct_passthrough = False
                compressed = self.precompressed.get(path[len(self.assets_prefix):])
                if compressed is not None and _accepts_brotli():
                    response.set_data(compressed)
                    response.headers["Content-Encoding"] = "br"
                    response.headers["Vary"] = "Accept-Encoding"
                    if response.get_etag()[0]:
                        response.set_etag(f"{response.get_etag()[0]}:br")
                else:
                    response.set_data(response.get_data())
        elif path.startswith(self.suites_prefix) and ".v" in path:
            response.headers["Cache-Control"] = YEAR
            if (response.status_code == 200 and "Content-Encoding" not in response.headers and _accepts_brotli()
                    and request.method == "GET"):
                self._bundle(response, path)
        return response
