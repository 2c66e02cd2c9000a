"""The HTML shell Dash answers every page with: `PazosDash` writes <html lang>, <title>, the link
previews, the linked data and the server's copy of the page into Dash's index page, and keeps the
validation layout's JSON once (an override of a private Dash method: see shell/README.md)."""

from __future__ import annotations

import re
from html import escape as html_escape
from pathlib import Path
from typing import Any

import dash
from dash import html
from flask import request
from plotly.io.json import to_json_plotly

from ..charts import CHARTS
from ..i18n import t
from ..pages import NOT_FOUND_MODULE, title as page_title
from ..web.link_preview import fill_empty_preview
from ..web.pictures import ChartPictures
from ..urls import Urls
from ..views.linked_data import dataset_jsonld, script_tags
from .dash_internals import lean_validation_layout
from .prerender import Pictures, to_html
from .routing import page_at, path_variables

ASSETS = Path(__file__).resolve().parents[2] / "assets"
_UNUSED_SCRIPTS = ("/dash_table/bundle.", "/deps/polyfill@")
_SCRIPT_SRC = re.compile(r'^<script src="([^"]+)"></script>$')
_EAGER_SCRIPTS = ("/first-paint.js", "/present.js")  # the deck moves before Dash starts
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
        """The page as HTML (shell/prerender.py). An address without a query string (a first visit,
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
            # Start the live page at once where the copy cannot stand alone: a chart without its
            # picture (a chosen view, a package republished since the start, pictures off). The
            # deck stands alone: its slides have pictures and assets/present.js moves it.
            eager = pictures.missing > 0
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
                + ",".join(f"#pazos-static {hidden}" for hidden in (".chart-tablist", ".chart-controls", ".copy-button",
                                                                    ".chart-image-buttons", '[id$="-panel-map"]',
                                                                    ".dash-graph:not(.has-picture)"))
                + ',#react-entry-point{display:none!important}</style></noscript>')

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
