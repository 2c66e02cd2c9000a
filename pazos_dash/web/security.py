"""Response headers for a public site: a strict Content-Security-Policy built from Dash's own
inline-script hashes (no 'unsafe-eval', no inline script but Dash's: ours live in assets/), no
MIME sniffing, no referrer leaks to other sites, no powerful browser features, and no framing
except on the embed routes, which exist to be framed by any site.

Styles need 'unsafe-inline' (Dash and plotly.js set style attributes); images and map workers
need data:/blob: URLs. An optional basemap tile server is the only other origin allowed.
"""

from __future__ import annotations

from typing import Callable, Iterable
from urllib.parse import urlsplit

from flask import Flask, Response, request

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "interest-cohort", "browsing-topics")
)


def content_security_policy(script_hashes: Iterable[str], frame_ancestors: str, basemap_url: str = "") -> str:
    tiles = ""
    if basemap_url:
        parts = urlsplit(basemap_url)
        tiles = f" {parts.scheme}://{parts.netloc}"
    directives = {
        "default-src": "'self'",
        "script-src": " ".join(["'self'", *script_hashes]),
        "style-src": "'self' 'unsafe-inline'",
        "img-src": f"'self' data: blob:{tiles}",
        "font-src": "'self' data:",
        "connect-src": f"'self'{tiles}",
        "worker-src": "'self' blob:",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": frame_ancestors,
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


class SecurityHeaders:
    """Install before the app's first request (Flask refuses hooks after it). `script_hashes`
    (the app's `csp_hashes`) is asked once, when the first response leaves: Dash's own
    first-request setup has run by then (Dash Pages adds its inline `document.title` script
    there), so every response carries the complete policy, warm-up or not."""

    def __init__(self, server: Flask, embed_prefixes: tuple[str, ...], script_hashes: Callable[[], Iterable[str]],
                 basemap_url: str = ""):
        self.embed_prefixes = embed_prefixes
        self.basemap_url = basemap_url
        self._script_hashes = script_hashes
        self._policies: dict[bool, str] | None = None
        server.after_request(self._headers)

    def policy(self, framed: bool) -> str:
        if self._policies is None:  # two first requests at once compute the same policy: no lock needed
            hashes = list(self._script_hashes())
            self._policies = {embed: content_security_policy(hashes, "*" if embed else "'none'", self.basemap_url)
                              for embed in (True, False)}
        return self._policies[framed]

    def _headers(self, response: Response) -> Response:
        embeddable = request.path.startswith(self.embed_prefixes)
        response.headers["Content-Security-Policy"] = self.policy(embeddable)
        if not embeddable:
            response.headers["X-Frame-Options"] = "DENY"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
        response.headers["Permissions-Policy"] = PERMISSIONS_POLICY
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        return response
