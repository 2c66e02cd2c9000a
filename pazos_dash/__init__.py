"""PAZOS dashboard: `create_app(settings)` builds the Dash app on a validated published package.
Everything that leans on Dash's or plotly's private behaviour is in `shell/` (its README lists each hook)."""

from __future__ import annotations

import dash
from dash import html
from flask_caching import Cache

from .data import DataError
from .data.source import PackageSource
from .pages import register_pages, site_urls, unpaged_cards
from .pages.callbacks import register_callbacks, register_map_callbacks, register_presentation_callbacks
from .pages.present import slide_pictures
from .publish.audit import load_audited
from .runtime import Runtime, cache_config
from .settings import Settings
from .shell.harden import harden, warm_up
from .shell.index import ASSETS, PARTIAL_PLOTLY, PazosDash
from .web.api import register_api
from .web.crawlers import register_crawler_files
from .web.pictures import ChartPictures, register_picture_route
from .web.routes import register_routes

__all__ = ["create_app", "Settings", "DataError"]


def create_app(settings: Settings | None = None) -> PazosDash:
    """Load and validate the package (raising DataError if it is unusable), then build the app."""
    settings = settings or Settings.from_env()
    source = PackageSource(settings.data_dir, settings.reload_interval, load=load_audited)
    app = PazosDash(
        __name__,
        use_pages=True,
        pages_folder="",
        assets_folder=str(ASSETS),
        # assets/plotly-pazos.min.js (frontend/) holds only the trace types drawn here; it is never
        # in the page's scripts: assets/first-paint.js loads it when a chart nears the viewport
        # (PazosDash.plotly_url). A tile basemap needs the map trace, so then Dash's full
        # plotly.js is loaded instead (and the partial bundle is ignored altogether).
        assets_ignore=PARTIAL_PLOTLY,
        url_base_pathname=settings.base_path,
        title="PAZOS Palmira",
        update_title=None,
        compress=True,
        serve_locally=True,
        suppress_callback_exceptions=False,
    )
    app.urls = site_urls(settings.base_path, settings.default_lang)
    app.full_plotly = bool(settings.basemap_url)
    app.pictures = ChartPictures(settings.picture_dir)
    cache = Cache(app.server, config=cache_config(settings))
    # pages show a picture where no chart box is wanted (the overview's headline)
    runtime = Runtime(settings, source, cache, pictures=app.pictures)
    app.server.config["PAZOS_RUNTIME"] = runtime
    register_pages(runtime, app.urls)
    app.extra_validation = lambda: unpaged_cards(runtime, app.urls)
    register_callbacks(app, runtime, app.urls)
    register_map_callbacks(app, runtime, app.urls)
    register_presentation_callbacks(app, runtime, app.urls)
    app.layout = html.Div(dash.page_container, id="app-root")
    register_routes(app.server, runtime, app.config.routes_pathname_prefix, app.urls)
    register_api(app.server, runtime, app.config.routes_pathname_prefix, app.urls)
    register_crawler_files(app.server, runtime, app.config.routes_pathname_prefix, app.urls)
    register_picture_route(app.server, app.pictures, app.config.routes_pathname_prefix)
    harden(app, settings)
    warm_up(app)
    if settings.pictures:
        app.pictures.build(runtime, extra=slide_pictures(runtime, app.urls))
    return app
