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
from .pages import NOT_FOUND_MODULE, register_pages, site_urls, title as page_title, unpaged_cards
from .publish.audit import load_audited
from .pages.callbacks import register_callbacks, register_map_callbacks, register_presentation_callbacks
from .runtime import Runtime, cache_config
from .settings import Settings
from .i18n import LANGUAGES, t
from .urls import Urls
from .web.callback_cache import CallbackResponseCache
from .web.callback_guard import CallbackRequestGuard
from .web.crawlers import register_crawler_files
from .web.limits import install_limits
from .web.origin import CanonicalOrigin
from .web.link_preview import fill_empty_preview
from .web.observability import configure_logging, install_access_log
from .views.linked_data import dataset_jsonld, script_tags
from .web.api import api_error, register_api
from .web.routes import register_routes
from .web.security import SecurityHeaders
from .web.pictures import ChartPictures, register_picture_route
from .web.prerender import Pictures, to_html
from .web.static import StaticFiles

__all__ = ["create_app", "Settings", "DataError"]

ASSETS = Path(__file__).resolve().parents[1] / "assets"
_UNUSED_SCRIPTS = ("/dash_table/bundle.", "/deps/polyfill@")
_SCRIPT_SRC = re.compile(r'^<script src="([^"]+)"></script>$')
_EAGER_SCRIPTS = ("/first-paint.js",)
PARTIAL_PLOTLY = r"plotly-pazos\.min\.js"


class PazosDash(dash.Dash):
    """Dash with a server-rendered <html lang> and <title> that follow the requested page."""

    urls: Urls
    pictures: ChartPictures
    full_plotly = False  # a tile basemap needs Dash's full plotly.js (the map trace)
    _validation_json: str | None = None
    _sealed = False
    # Components no page renders but a callback names: the cards of the charts shown only as a
    # number or the headline on their page (full cards in their embeds).
    extra_validation: Any = None

    def seal(self) -> None:
        """After the warm-up: the validation layout is final, so serialise it only once more."""
        extra = self.extra_validation() if callable(self.extra_validation) else []
        self.validation_layout = lean_validation_layout(html.Div([self.validation_layout, *extra]) if extra else self.validation_layout)
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
            image = request.host_url.rstrip("/") + self.get_asset_url(self.urls.og_image("site", lang))
            kwargs["metas"] = fill_empty_preview(kwargs.get("metas", ""), t("page.not_found.body", lang), image)
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
        scripts = [line for line in kwargs.get("scripts", "").split("\n") if not any(unused in line for unused in _UNUSED_SCRIPTS)]
        # Static first: Dash's renderer, React and the components' bundles are in the page but not
        # run (type="pazos/deferred"); assets/first-paint.js starts them when a reader interacts with
        # a card, or at once where the server's copy cannot stand alone (the deck, a chart without
        # its picture).
        kwargs["scripts"] = "\n".join(_deferred(line) for line in scripts)
        kwargs["renderer"] = ('<script id="_dash-renderer" type="pazos/deferred">'
                              'var renderer = new DashRenderer();</script>')
        kwargs["metas"] = (self._chart_preview(kwargs.get("metas", ""), page, path) + self._linked_data(page, path)
                           + self._first_paint_head())
        # Feed readers find the releases feed from any page (autodiscovery), in the page's language.
        kwargs["metas"] += (f'\n<link rel="alternate" type="application/atom+xml" '
                            f'href="{html_escape(self.urls.feed(lang))}" title="{html_escape(t("feed.title", lang))}">')
        # The page's own address for link previews (Dash Pages writes only twitter:url); absolute
        # from PAZOS_PUBLIC_URL when set (web/origin.py).
        kwargs["metas"] += f'\n<meta property="og:url" content="{html_escape(request.url)}">'
        index = super().interpolate_index(**kwargs)
        # <meta charset> within the first 1,024 bytes (HTML spec): Dash writes it after the page's meta tags.
        charset = '<meta charset="UTF-8">'
        if charset in index:
            index = index.replace(charset, "", 1).replace("<head>", f"<head>\n{charset}", 1)
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
            prefix = self.config.requests_pathname_prefix
            pictures = Pictures(self.pictures.for_figure, lambda name: f"{prefix}picture/{name}.svg")
            body = to_html(layout, pictures=pictures)
            # Start the live page at once where the copy cannot stand alone: the deck (it moves by
            # script) and a chart without its picture (a chosen view, a package republished since
            # the start, pictures off).
            eager = pictures.missing > 0 or page.get("module", "").startswith("pazos_dash.pages.present.")
            start = ' data-start="now"' if eager else ""
            cached = f'<div id="pazos-static"{start}>{body}</div>'
            if key:
                runtime.cache.set(key, cached, timeout=3600)
        return cached

    def _first_paint_head(self) -> str:
        """Where plotly.js is (assets/first-paint.js loads it when a chart nears the viewport) and,
        with scripts off, every tab's panel shown (the tables are in the page), each chart's picture
        and no empty chart box, and no control that needs a script (the chart's options, the copy
        and image buttons, the map tab)."""
        return (f'\n<meta name="pazos-plotly" content="{html_escape(self.plotly_url)}">'
                '\n<noscript><style>#pazos-static .chart-panel[hidden]{display:block!important}'
                '#pazos-static :is(.chart-tablist,.chart-controls,.copy-button,.chart-image-buttons,[id$="-panel-map"],'
                '[role="figure"]:not(:has(.static-chart))),#react-entry-point{display:none!important}</style></noscript>')

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



def _deferred(line: str) -> str:
    """A script tag of Dash's page as one assets/first-paint.js runs later (first-paint.js itself,
    and inline scripts, as they were)."""
    match = _SCRIPT_SRC.match(line.strip())
    if not match or any(eager in match.group(1) for eager in _EAGER_SCRIPTS):
        return line
    return f'<script type="pazos/deferred" data-src="{match.group(1)}"></script>'


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
    _harden(app, settings)
    _warm_up(app)
    if settings.pictures:
        app.pictures.build(runtime)
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

    # Bodies capped as read (chunked too), the callback endpoint's methods, unknown bundles 404.
    install_limits(server, f"{prefix}_dash-update-component", lambda: _not_found(None))
    # Outermost: absolute addresses from PAZOS_PUBLIC_URL, hosts outside PAZOS_ALLOWED_HOSTS refused.
    server.wsgi_app = CanonicalOrigin(server.wsgi_app, settings.public_url, settings.allowed_hosts,  # type: ignore[method-assign]
                                      health_path=f"{prefix}healthz")


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
