"""The HTML shell Dash answers every page with: `PazosDash` writes <html lang>, <title>, the link
previews, the linked data and the server's copy of the page into Dash's index page, and keeps the
validation layout's JSON once (an override of a private Dash method: see shell/README.md)."""

from __future__ import annotations

from html import escape as html_escape
from pathlib import Path
from typing import Any

import dash
from flask import request
from plotly.io.json import to_json_plotly

from ..charts import CHARTS
from ..i18n import t
from ..pages import NOT_FOUND_MODULE, title as page_title
from ..urls import Urls
from ..views.linked_data import dataset_jsonld, script_tags
from .dash_internals import lean_validation_layout
from .prerender import to_html
from .routing import page_at, path_variables

ASSETS = Path(__file__).resolve().parents[2] / "assets"
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
