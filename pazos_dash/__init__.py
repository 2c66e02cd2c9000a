"""PAZOS dashboard: `create_app(settings)` builds the Dash app on a validated published package."""

from __future__ import annotations

from html import escape as html_escape
from pathlib import Path

import dash
from dash import html
from flask import request
from flask_caching import Cache

from .data import DataError
from .data.source import PackageSource
from .pages import Router, register_pages
from .pages.callbacks import register_callbacks, register_map_callbacks
from .runtime import Runtime, cache_config
from .settings import Settings
from .i18n import LANGUAGES, t
from .pages.embed import EMBED_SLUG
from .web.observability import configure_logging, install_access_log
from .web.routes import register_routes
from .web.security import SecurityHeaders

__all__ = ["create_app", "Settings", "DataError"]

ASSETS = Path(__file__).resolve().parents[1] / "assets"
PARTIAL_PLOTLY = r"plotly-pazos\.min\.js"


class PazosDash(dash.Dash):
    """Dash with a server-rendered <html lang> and <title> that follow the requested page."""

    router: Router

    def interpolate_index(self, **kwargs: str) -> str:
        path = self.strip_relative_path(request.path) or ""
        page, _ = dash._pages._path_to_page(path.strip("/"))  # the same lookup Dash's router does
        if page.get("title"):
            kwargs["title"] = html_escape(page["title"], quote=False)
        index = super().interpolate_index(**kwargs)
        return index.replace("<html>", f'<html lang="{self.router.lang_of(path)}">', 1)


def create_app(settings: Settings | None = None) -> PazosDash:
    """Load and validate the package (raising DataError if it is unusable), then build the app."""
    settings = settings or Settings.from_env()
    source = PackageSource(settings.data_dir, settings.reload_interval)
    app = PazosDash(
        __name__,
        use_pages=True,
        pages_folder="",
        assets_folder=str(ASSETS),
        # assets/plotly-pazos.min.js (frontend/) holds only the trace types drawn here; a tile
        # basemap needs the map trace, so then Dash's full plotly.js is served instead.
        assets_ignore=PARTIAL_PLOTLY if settings.basemap_url else "",
        url_base_pathname=settings.base_path,
        title="PAZOS Palmira",
        update_title=None,
        compress=True,
        serve_locally=True,
        suppress_callback_exceptions=False,
    )
    app.router = Router(settings.default_lang)
    cache = Cache(app.server, config=cache_config(settings))
    runtime = Runtime(settings, source, cache)
    app.server.config["PAZOS_RUNTIME"] = runtime
    register_pages(runtime, app.router)
    register_callbacks(app, runtime, app.router)
    register_map_callbacks(app, runtime, app.router)
    app.layout = html.Div(dash.page_container, id="app-root")
    register_routes(app.server, runtime, app.config.routes_pathname_prefix)
    # Pure UI state stays in the browser: the phone menu opens without a server round trip.
    app.clientside_callback(
        "function(n, isOpen) { const open = n ? !isOpen : isOpen; return [open, String(open)]; }",
        dash.Output("navbar-collapse", "is_open"),
        dash.Output("navbar-toggler", "aria-expanded"),
        dash.Input("navbar-toggler", "n_clicks"),
        dash.State("navbar-collapse", "is_open"),
        prevent_initial_call=True,
    )
    headers = _harden(app, settings)
    _warm_up(app)
    headers.seal(app.csp_hashes())  # after the warm-up: Dash has produced every inline script
    return app


def _harden(app: PazosDash, settings: Settings) -> SecurityHeaders:
    """Headers, logs and error pages for the public."""
    server = app.server
    runtime: Runtime = server.config["PAZOS_RUNTIME"]
    prefix = app.config.routes_pathname_prefix
    embeds = tuple(f"{prefix}{app.router.prefix(lang).lstrip('/')}/{EMBED_SLUG}/".replace("//", "/") for lang in LANGUAGES)
    headers = SecurityHeaders(server, embeds, settings.basemap_url)
    configure_logging()
    install_access_log(server, lambda: runtime.package.version)

    @server.errorhandler(500)
    def _server_error(_error):  # never a traceback: Flask has already logged it
        message = " / ".join(t("error.server", lang) for lang in LANGUAGES)
        return message, 500, {"Content-Type": "text/plain; charset=utf-8"}

    return headers


def _warm_up(app: PazosDash) -> None:
    """Serve one request before any visitor does: Dash builds its router and validation layout
    (every page rendered once, so every default figure is cached) on the first request. Under
    gunicorn with preload_app this happens once in the master, and the workers inherit it."""
    with app.server.test_client() as client:
        response = client.get(app.config.requests_pathname_prefix)
    if response.status_code != 200:
        raise RuntimeError(f"the dashboard failed its warm-up request (HTTP {response.status_code})")
