"""The app before the public: headers, logs, the callback guard and cache on Dash's private
`_dash-update-component` wire format, precompressed static files, error pages, and the warm-up
request that lets Dash build its router before the first visitor (see shell/README.md)."""

from __future__ import annotations

from flask import request

from ..i18n import LANGUAGES, t
from ..runtime import Runtime
from ..settings import Settings
from ..web.api import api_error
from .limits import install_limits
from ..web.origin import CanonicalOrigin
from ..web.observability import configure_logging, install_access_log
from ..web.security import SecurityHeaders
from .callback_cache import CallbackResponseCache
from .callback_guard import CallbackRequestGuard
from .index import ASSETS, PazosDash
from .routing import location_checks
from .static import StaticFiles

# Dash's callback endpoint (private wire format: shell/README.md).
CALLBACK_ROUTE = "_dash-update-component"


def harden(app: PazosDash, settings: Settings) -> None:
    """Headers, logs and error pages for the public."""
    server = app.server
    runtime: Runtime = server.config["PAZOS_RUNTIME"]
    prefix = app.config.routes_pathname_prefix
    embeds = tuple(app.urls.embed(None, lang) + "/" for lang in LANGUAGES)
    configure_logging()
    # Order matters: the access log's clock starts before a cached answer can end the request.
    install_access_log(server, lambda: runtime.package.version)
    SecurityHeaders(server, embeds, app.csp_hashes, settings.basemap_url)
    # A malformed callback request is refused before the cache or Dash reads it.
    # Dash's page router reads the browser's location as sent: a path under this app, a query string.
    location = location_checks(app.config.requests_pathname_prefix)
    CallbackRequestGuard(server, f"{prefix}{CALLBACK_ROUTE}", lambda: app.callback_map, location)
    CallbackResponseCache(server, runtime.cache, f"{prefix}{CALLBACK_ROUTE}", lambda: runtime.package.version)
    StaticFiles(server, prefix, ASSETS, runtime.cache)

    @server.errorhandler(404)
    def _not_found(_error):
        """Flask's own 404s (an unknown download or published file, a path outside the app) get
        the site's page in the address's language; the API's stay JSON."""
        if request.path.startswith(f"{prefix}api/"):
            return api_error(404, f"unknown address; start at {prefix}api/v1/")
        body = app.index()
        return (body[0] if isinstance(body, tuple) else body), 404

    @server.errorhandler(500)
    def _server_error(_error):  # never a traceback: Flask has already logged it
        message = " / ".join(t("error.server", lang) for lang in LANGUAGES)
        return message, 500, {"Content-Type": "text/plain; charset=utf-8"}

    # Bodies capped as read (chunked too), the callback endpoint's methods, unknown bundles 404.
    install_limits(server, f"{prefix}{CALLBACK_ROUTE}", lambda: _not_found(None))
    # Outermost: absolute addresses from PAZOS_PUBLIC_URL, hosts outside PAZOS_ALLOWED_HOSTS refused.
    server.wsgi_app = CanonicalOrigin(server.wsgi_app, settings.public_url, settings.allowed_hosts,  # type: ignore[method-assign]
                                      health_path=f"{prefix}healthz")


def warm_up(app: PazosDash) -> None:
    """Serve one request before any visitor does: Dash builds its router and validation layout
    (every page rendered once, so every default figure is cached) on the first request. Under
    gunicorn with preload_app this happens once in the master, and the workers inherit it.
    The request is for the (small) layout, not an index page: an index page rendered before the
    seal would serialise the full validation layout (0.8 s)."""
    with app.server.test_client() as client:
        response = client.get(app.config.requests_pathname_prefix + "_dash-layout")
    if response.status_code != 200:
        raise RuntimeError(f"the dashboard failed its warm-up request (HTTP {response.status_code})")
    app.seal()
