"""The only place an address is built: pages, charts on their page, embeds, downloads, the API,
published files and the presentation. The deployment's base path is applied here, once."""

from __future__ import annotations

from typing import Mapping
from urllib.parse import parse_qs, urlencode

from .domain import LANGUAGES

PAGE_SLUGS: dict[str, dict[str, str]] = {
    "overview": {"es": "", "en": ""},
    "homicides": {"es": "homicidios", "en": "homicides"},
    "impact": {"es": "impacto", "en": "impact"},
    "clusters": {"es": "clusteres", "en": "clusters"},
    "youth": {"es": "jovenes", "en": "youth"},
    "partners": {"es": "aliados", "en": "partners"},
    "sdg": {"es": "ods", "en": "sdg"},
    "indicators": {"es": "seguimiento", "en": "indicators"},
    "data": {"es": "datos", "en": "data"},
}
PRESENT_SLUGS = {"es": "presentar", "en": "present"}
EMBED_SLUG = "embed"
FEED_FILE = "feed.xml"  # the Atom feed of releases, one per language


def _query(params: Mapping[str, object] | None) -> str:
    clean = {k: str(v) for k, v in (params or {}).items() if v is not None}
    return ("?" + urlencode(clean)) if clean else ""


class Urls:
    """Addresses for one deployment: its base path (`/` or `/pazos/`), its default language (no
    prefix; the other lives under `/<lang>/`) and the page each chart lives on."""

    def __init__(self, base_path: str = "/", default_lang: str = "es", chart_pages: Mapping[str, str] | None = None):
        self.base_path = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
        self.default_lang = default_lang
        self.chart_pages = dict(chart_pages or {})

    # ---- paths relative to the app's root (what Dash's page registry takes)
    def prefix(self, lang: str) -> str:
        return "" if lang == self.default_lang else f"/{lang}"

    def page_path(self, page_id: str, lang: str) -> str:
        return (self.prefix(lang) + "/" + PAGE_SLUGS[page_id][lang]).rstrip("/") or "/"

    def present_path(self, lang: str) -> str:
        return f"{self.prefix(lang)}/{PRESENT_SLUGS[lang]}"

    def embed_path(self, lang: str) -> str:
        return f"{self.prefix(lang)}/{EMBED_SLUG}"

    def feed_path(self, lang: str) -> str:
        return f"{self.prefix(lang)}/{FEED_FILE}"

    def lang_of(self, path: str) -> str:
        """The language of a path relative to the app root ('en/homicides' -> 'en')."""
        first = path.strip("/").split("/", 1)[0]
        return first if first in LANGUAGES and first != self.default_lang else self.default_lang

    def inside(self, address: str) -> bool:
        """Whether an address lies under the base path (a sub-path deployment answers nothing else)."""
        path = "/" + address.lstrip("/")
        return path.startswith(self.base_path) or path + "/" == self.base_path

    def relative(self, address: str) -> str:
        """An address as a browser sends it ('/pazos/en/x') -> the path relative to the app root
        ('en/x'); '' for the root and for anything outside the base path."""
        path = "/" + address.lstrip("/")
        return path[len(self.base_path):].strip("/") if self.inside(address) else ""

    def lang_for(self, address: str, query: str = "") -> str:
        """The language of an answer to this address: its path's (`/en/...` English, else the
        default), and for a download the `lang` it asks for, as download addresses carry it."""
        path = self.relative(address)
        if path.startswith("download/"):
            asked = parse_qs(query).get("lang", [""])[-1]
            if asked in LANGUAGES:
                return asked
        return self.lang_of(path)

    # ---- addresses a browser follows (base path applied)
    def href(self, path: str, params: Mapping[str, object] | None = None, fragment: str = "") -> str:
        return self.base_path + path.lstrip("/") + _query(params) + (f"#{fragment}" if fragment else "")

    def picture(self, name: str) -> str:
        """A chart's static picture (web/pictures.py), by name."""
        return f"{self.base_path}picture/{name}.svg"

    def page(self, page_id: str, lang: str, params: Mapping[str, object] | None = None, fragment: str = "") -> str:
        return self.href(self.page_path(page_id, lang), params, fragment)

    def chart(self, chart_id: str, lang: str, state_query: Mapping[str, str] | None = None) -> str:
        """A chart on its page with its selection (`ChartState.query()`: `<chart>-<option>` keys,
        defaults left out): the permalink people share and cite."""
        return self.page(self.chart_pages.get(chart_id, "overview"), lang, state_query, fragment=f"card-{chart_id}")

    def embed(self, chart_id: str | None, lang: str, state_query: Mapping[str, str] | None = None) -> str:
        return self.href(self.embed_path(lang) + (f"/{chart_id}" if chart_id else ""), state_query)

    def download(self, chart_id: str, fmt: str, options: Mapping[str, str], lang: str) -> str:
        """A chart's rows for a selection (`ChartState.encoded()`: plain option names, defaults
        left out, as the page's keys without their `<chart>-` prefix); the metadata (and Excel's
        labels) in `lang`."""
        return self.href(f"download/{chart_id}.{fmt}", {**options, "lang": lang})

    def downloads(self, chart_id: str, options: Mapping[str, str], lang: str, formats: tuple[str, ...]) -> dict[str, str]:
        """The download address of each format (views.renderers.FORMATS, the one list)."""
        return {fmt: self.download(chart_id, fmt, options, lang) for fmt in formats}

    def api(self, dataset: str | None = None, params: Mapping[str, object] | None = None) -> str:
        return self.href("api/v1/datasets" + (f"/{dataset}" if dataset else ""), params)

    def api_root(self) -> str:
        """Where the API starts (its OpenAPI document's server)."""
        return self.href("api/v1/")

    def openapi(self) -> str:
        return self.href("api/v1/openapi.json")

    def catalog(self) -> str:
        """The DCAT catalogue of the published datasets (JSON-LD), for portals that harvest."""
        return self.href("catalog.jsonld")

    def data_file(self, name: str) -> str:
        return self.href(f"data/{name}")

    def feed(self, lang: str) -> str:
        """The Atom feed that announces each release and its revisions, in `lang`."""
        return self.href(self.feed_path(lang))

    def revisions(self, lang: str, release: str | None = None) -> str:
        """The data page's list of releases and revisions (at one release when given)."""
        return self.page("data", lang, fragment=f"release-{release}" if release else "revisions")

    def present(self, lang: str, slide: int | None = None) -> str:
        return self.href(self.present_path(lang), {"slide": slide} if slide else None)

    def site_pages(self) -> list[dict[str, str]]:
        """Every page a reader (or a search engine) may open, each as {language: address}: the
        sitemap's entries, the two languages of one page paired."""
        pages = [{lang: self.page(page_id, lang) for lang in LANGUAGES} for page_id in PAGE_SLUGS]
        return pages + [{lang: self.present(lang) for lang in LANGUAGES}]

    def route(self, path: str) -> str:
        """A server route of this deployment (/download/, /data/, /healthz) as Flask mounts it."""
        return self.base_path + path.lstrip("/")

    @staticmethod
    def og_image(key: str, lang: str) -> str:
        """A link preview's image, as a path inside assets/ (Dash adds the host and base path):
        `key` is a chart id or 'site' (scripts/og_images.py draws them)."""
        return f"og/{key}-{lang}.png"

    @staticmethod
    def absolute(host_url: str, href: str) -> str:
        return host_url.rstrip("/") + href
