"""PAZOS dashboard: `create_app(settings)` builds the Dash app on a validated published package."""

from __future__ import annotations

import copy
import json
import re
from html import escape as html_escape
from pathlib import Path
from typing import Any, Iterator

import dash
from dash import html
from dash.development.base_component import Component
from flask import request
from flask_caching import Cache
from plotly.io.json import to_json_plotly

from .charts import CHARTS
from .data import DataError
from .data.source import PackageSource
from .pages import NOT_FOUND_MODULE, register_pages, site_urls, title as page_title
from .publish.audit import load_audited
from .pages.callbacks import register_callbacks, register_map_callbacks, register_presentation_callbacks
from .runtime import Runtime, cache_config
from .settings import Settings
from .i18n import LANGUAGES, t
from .urls import Urls
from .web.callback_cache import CallbackResponseCache
from .web.callback_guard import CallbackRequestGuard
from .web.crawlers import register_crawler_files
from .web.observability import configure_logging, install_access_log
from .views.linked_data import dataset_jsonld, script_tags
from .web.api import api_error, register_api
from .web.routes import register_routes
from .web.security import SecurityHeaders
from .web.prerender import to_html
from .web.static import StaticFiles

__all__ = ["create_app", "Settings", "DataError"]

ASSETS = Path(__file__).resolve().parents[1] / "assets"
_UNUSED_SCRIPTS = ("/dash_table/bundle.", "/deps/polyfill@")
PARTIAL_PLOTLY = r"plotly-pazos\.min\.js"


class PazosDash(dash.Dash):
    """Dash with a server-rendered <html lang> and <title> that follow the requested page."""

    urls: Urls
    full_plotly = False  # a tile basemap needs Dash's full plotly.js (the map trace)
    _validation_json: str | None = None
    _sealed = False

    def seal(self) -> None:
        """After the warm-up: the validation layout is final, so serialise it only once more."""
        self.validation_layout = lean_validation_layout(self.validation_layout)
        self._sealed = True

    def _generate_config_html(self) -> str:
        """Dash serialises its whole config, validation layout included, for every index page
        (5 ms of a 6 ms response); only its per-page-load token changes, so the layout's JSON
        is kept once the app is sealed. Dash has no public hook before this serialisation, so
        this overrides a private method (and calls `_config`); tests/unit/test_dash_internals.py
        fails if the result stops matching Dash's own."""
        if not self._sealed:
            return super()._generate_config_html()
        config = self._config()
        validation = config.pop("validation_layout", None)
        if validation is None:
            return super()._generate_config_html()
        if self._validation_json is None:
            self._validation_json = to_json_plotly(validation)
        return (f'<script id="_dash-config" type="application/json">{to_json_plotly(config)[:-1]},'
                f'"validation_layout":{self._validation_json}}}</script>')

    def index(self, *args: Any, **kwargs: Any) -> str | tuple[str, int]:
        """Dash's index page for every path Flask does not route elsewhere; for an address that is
        not a page, the same with HTTP 404 (Dash would answer 200 with its app shell)."""
        body = super().index(*args, **kwargs)
        return body if self.answer_for(request.path)[2] else (body, 404)

    def answer_for(self, address: str) -> tuple[dict[str, Any], dict[str, str], bool]:
        """(the registered page, its path variables, whether it exists) for an address: a path no
        page matches, the not-found page itself, or an embed of an unknown chart does not."""
        if not self.urls.inside(address):
            return {}, {}, False
        page = page_at(self.urls.relative(address))
        variables = path_variables(page, self.urls.relative(address))
        exists = bool(page) and not page["module"].endswith(NOT_FOUND_MODULE) and page.get("exists", lambda **_: True)(**variables)
        return page, variables, exists

    def interpolate_index(self, **kwargs: str) -> str:
        page, variables, exists = self.answer_for(request.path)
        path = self.urls.relative(request.path)
        lang = self.urls.lang_for(request.path, request.query_string.decode("latin-1"))
        if exists:
            if page.get("title"):
                kwargs["title"] = html_escape(page["title"], quote=False)
        else:
            kwargs["title"] = html_escape(page_title("not_found", lang), quote=False)
            if not page or page["module"].endswith(NOT_FOUND_MODULE):
                page = dash.page_registry[f"pazos_dash.pages.{NOT_FOUND_MODULE}"]
        # Content before scripts: the page, rendered from the layout Dash's router will render, in
        # the HTML itself (read at once, and with scripts off); assets/first-paint.js removes it
        # when the live page is drawn over it.
        kwargs["app_entry"] = self._static_page(page, variables) + kwargs.get("app_entry", "")
        # Dash always sends dash_table's loader and Babel's polyfill for old browsers (43 KB
        # compressed); no page here has a DataTable, and every browser that can draw the charts
        # has what the polyfill adds except Babel's regenerator runtime, which dash-bootstrap-
        # components' bundle defines as a global (and the partial plotly.js bundle again, later).
        kwargs["scripts"] = "\n".join(line for line in kwargs.get("scripts", "").split("\n")
                                      if not any(unused in line for unused in _UNUSED_SCRIPTS))
        kwargs["metas"] = (self._chart_preview(kwargs.get("metas", ""), page, path) + self._linked_data(page, path)
                           + self._first_paint_head())
        # Feed readers find the releases feed from any page (autodiscovery), in the page's language.
        kwargs["metas"] += (f'\n<link rel="alternate" type="application/atom+xml" '
                            f'href="{html_escape(self.urls.feed(lang))}" title="{html_escape(t("feed.title", lang))}">')
        index = super().interpolate_index(**kwargs)
        return index.replace("<html>", f'<html lang="{lang}">', 1)

    def _static_page(self, page: dict[str, Any], variables: dict[str, str]) -> str:
        """The page as HTML (web/prerender.py). An address without a query string (a first visit,
        mostly) is memoised per package version and host, as the router's callback renders the
        same layout again for the live page; a chosen view is rendered each time (no visitor can
        fill the cache with made-up query strings)."""
        runtime = self.server.config["PAZOS_RUNTIME"]
        key = f"static-page:{runtime.package.version}:{request.host_url}:{request.path}" if not request.query_string else None
        cached = runtime.cache.get(key) if key else None
        if cached is None:
            query: dict[str, Any] = {}
            for name, values in request.args.lists():
                query[name] = values[0] if len(values) == 1 else values
            layout = page["layout"](**variables, **query)
            cached = f'<div id="pazos-static">{to_html(layout)}</div>'
            if key:
                runtime.cache.set(key, cached, timeout=3600)
        return cached

    def _first_paint_head(self) -> str:
        """Where plotly.js is (assets/first-paint.js loads it when a chart nears the viewport) and,
        with scripts off, every tab's panel shown (the tables are in the page) and no empty chart box."""
        return (f'\n<meta name="pazos-plotly" content="{html_escape(self.plotly_url)}">'
                '\n<noscript><style>.chart-panel[hidden]{display:block!important}.chart-tablist,'
                '[role="figure"],#react-entry-point{display:none!important}</style></noscript>')

    @property
    def plotly_url(self) -> str:
        """The plotly.js the charts use: the partial bundle in assets/ (fingerprinted by its mtime,
        as Dash does for assets), or Dash's full one when a tile basemap needs the map trace."""
        if self.full_plotly:
            return f"{self.config.requests_pathname_prefix}_dash-component-suites/plotly/package_data/plotly.min.js"
        bundle = ASSETS / "plotly-pazos.min.js"
        return f"{self.get_asset_url(bundle.name)}?m={bundle.stat().st_mtime}"

    def _chart_preview(self, metas: str, page: dict[str, Any], path: str) -> str:
        """An embed's link preview shows its chart: Dash Pages gives one image per registered
        page, and all embeds of a language are one page, so the chart's image replaces it here."""
        chart_id = path.rsplit("/", 1)[-1]
        if "chart_id" not in (page.get("path_template") or "") or chart_id not in CHARTS:
            return metas
        lang = self.urls.lang_of(path)
        site, chart = (self.get_asset_url(self.urls.og_image(key, lang)).lstrip("/") for key in ("site", chart_id))
        return metas.replace(site, chart)

    def _linked_data(self, page: dict[str, Any], path: str) -> str:
        """For machines, in the page's <head> (search engines read it without running the app):
        the DCAT catalogue's address on every page, and on the data page a schema.org Dataset
        for each published dataset."""
        link = f'\n<link rel="alternate" type="application/ld+json" href="{html_escape(self.urls.catalog())}" title="DCAT">'
        if page.get("page_id") != "data":
            return link
        runtime = self.server.config["PAZOS_RUNTIME"]
        package, lang = runtime.package, self.urls.lang_of(path)
        origin = request.host_url.rstrip("/")
        return link + "\n" + script_tags([dataset_jsonld(r, package, self.urls, lang, origin) for r in package.resources.values()])



def _template_pattern(template: str, group: bool) -> str:
    """A page's path template as a regular expression, each <variable> matching anything (as Dash's router)."""
    parts = re.split(r"<[^>]*>", template)
    names = re.findall(r"<([^>]*)>", template)
    if not group:
        return ".*".join(map(re.escape, parts))
    return re.escape(parts[0]) + "".join(f"(?P<{name}>.*)" + re.escape(part) for name, part in zip(names, parts[1:]))


def page_at(path: str) -> dict[str, Any]:
    """The registered page Dash Pages renders at `path` (no slashes around it), found in the
    public `dash.page_registry` as Dash's router does: in registration order, a page's template
    (each <variable> matching anything) before its fixed path; {} when none matches."""
    for page in dash.page_registry.values():
        template = (page.get("path_template") or "").strip("/")
        if template and re.fullmatch(_template_pattern(template, group=False), path):
            return page
        if path == page["path"].strip("/"):
            return page
    return {}


def path_variables(page: dict[str, Any], path: str) -> dict[str, str]:
    """The <variables> of a page's path template, read from `path` ({} for a fixed path)."""
    template = (page.get("path_template") or "").strip("/")
    match = re.fullmatch(_template_pattern(template, group=True), path) if template else None
    return match.groupdict() if match else {}


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
    cache = Cache(app.server, config=cache_config(settings))
    runtime = Runtime(settings, source, cache)
    app.server.config["PAZOS_RUNTIME"] = runtime
    register_pages(runtime, app.urls)
    register_callbacks(app, runtime, app.urls)
    register_map_callbacks(app, runtime, app.urls)
    register_presentation_callbacks(app, runtime, app.urls)
    app.layout = html.Div(dash.page_container, id="app-root")
    register_routes(app.server, runtime, app.config.routes_pathname_prefix, app.urls)
    register_api(app.server, runtime, app.config.routes_pathname_prefix, app.urls)
    register_crawler_files(app.server, runtime, app.config.routes_pathname_prefix, app.urls)
    # Pure UI state stays in the browser: the phone menu opens without a server round trip.
    app.clientside_callback(
        dash.ClientsideFunction(namespace="navbar", function_name="toggle"),  # assets/clientside-navbar.js
        dash.Output("navbar-collapse", "is_open"),
        dash.Output("navbar-toggler", "aria-expanded"),
        dash.Input("navbar-toggler", "n_clicks"),
        dash.State("navbar-collapse", "is_open"),
        prevent_initial_call=True,
    )
    _harden(app, settings)
    _warm_up(app)
    return app


def _harden(app: PazosDash, settings: Settings) -> None:
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
    home = app.config.requests_pathname_prefix
    location = {
        "_pages_location.pathname": lambda value: isinstance(value, str) and value.startswith(home.rstrip("/") or "/"),
        "_pages_location.search": lambda value: value is None or isinstance(value, str),
    }
    CallbackRequestGuard(server, f"{prefix}_dash-update-component", lambda: app.callback_map, location)
    CallbackResponseCache(server, runtime.cache, f"{prefix}_dash-update-component", lambda: runtime.package.version)
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


def _warm_up(app: PazosDash) -> None:
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


_HEAVY_PROPS = ("children", "figure", "data")


def lean_validation_layout(layout: Component) -> html.Div:
    """Dash Pages validates callbacks against every page rendered at once and sends that tree
    in every index page (1.7 MB here, figures included). The renderer only needs each id'd
    component and its type: keep those, once each, with their id and nothing else."""
    lean: dict[str, Component] = {}
    for component in _with_ids(layout):
        key = json.dumps(component.id, sort_keys=True)  # an id is a string or a dict (pattern matching)
        if key not in lean:
            bare = copy.copy(component)
            for prop in [*component._prop_names, *component.__dict__]:
                if prop != "id" and (prop in _HEAVY_PROPS or prop in component._prop_names or prop.startswith(("data-", "aria-"))):
                    bare.__dict__.pop(prop, None)
            lean[key] = bare
    return html.Div(list(lean.values()))


def _with_ids(component: Component) -> Iterator[Component]:
    """Each component with an id below `component`, through `children` as Dash's own walk does."""
    children = getattr(component, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if isinstance(child, Component):
            if getattr(child, "id", None) is not None:
                yield child
            yield from _with_ids(child)
