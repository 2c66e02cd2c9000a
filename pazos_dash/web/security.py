"""Response headers for a public site: a strict Content-Security-Policy built from Dash's own
inline-script hashes (no 'unsafe-eval', no inline script but Dash's), no MIME sniffing, no
referrer leaks to other sites, no powerful browser features, and no framing except on the
embed routes, which exist to be framed by any site.

Styles need 'unsafe-inline' (Dash and plotly.js set style attributes); images and map workers
need data:/blob: URLs. An optional basemap tile server is the only other origin allowed.
"""

from __future__ import annotations

from typing import Iterable
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
    """Install before the app's first request; call `seal(hashes)` once Dash has produced every
    inline script (after the warm-up request). Until then no policy is sent."""

    def __init__(self, server: Flask, embed_prefixes: tuple[str, ...], basemap_url: str = ""):
        self.embed_prefixes = embed_prefixes
        self.basemap_url = basemap_url
        self.policies: dict[bool, str] = {}
        server.after_request(self._headers)

    def seal(self, script_hashes: Iterable[str]) -> None:
        hashes = list(script_hashes)
        self.policies = {framed: content_security_policy(hashes, "*" if framed else "'none'", self.basemap_url)
                         for framed in (True, False)}

    def _headers(self, response: Response) -> Response:
        embeddable = request.path.startswith(self.embed_prefixes)
        if self.policies:
            response.headers["Content-Security-Policy"] = self.policies[embeddable]
        if not embeddable:
            response.headers["X-Frame-Options"] = "DENY"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
        response.headers["Permissions-Policy"] = PERMISSIONS_POLICY
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        return response
