"""Pages: each is registered once per language; the default language (Spanish unless
PAZOS_DEFAULT_LANG says otherwise) at the site root, the other under its prefix (/en/).

The language is part of the path, so a shared link opens in the language it was copied in,
the server can send the right <html lang> and <title>, and link previews are in that language.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import dash
from dash import html

from ..components.shell import demo_notice, footer, navbar, page_frame
from ..i18n import LANGUAGES, t
from ..runtime import Runtime
from . import clusters, data, homicides, indicators, overview, partners, sdg, youth
from .base import Links, Page
from .embed import EMBED_SLUG, embed_layout
from .present import PRESENT_SLUGS, present_layout

PAGES: tuple[Page, ...] = tuple(
    module.PAGE for module in (overview, homicides, clusters, youth, partners, sdg, indicators, data)
)
PAGES_BY_ID = {page.page_id: page for page in PAGES}


class Router:
    """Maps (page, language) to paths and back; the default language has no path prefix."""

    def __init__(self, default_lang: str):
        self.default_lang = default_lang

    def prefix(self, lang: str) -> str:
        return "" if lang == self.default_lang else f"/{lang}"

    def path(self, page_id: str, lang: str) -> str:
        slug = PAGES_BY_ID[page_id].slugs[lang]
        return (self.prefix(lang) + "/" + slug).rstrip("/") or "/"

    def href(self, page_id: str, lang: str) -> str:
        return dash.get_relative_path(self.path(page_id, lang))

    def lang_of(self, path: str) -> str:
        """The language of a path relative to the app root ('en/homicides' -> 'en')."""
        first = path.strip("/").split("/", 1)[0]
        return first if first in LANGUAGES and first != self.default_lang else self.default_lang

    def title(self, page_id: str, lang: str) -> str:
        return f"{t(f'page.{page_id}.title', lang)} · {t('site.name', lang)}"


def _query_string(query: dict[str, Any]) -> str:
    return ("?" + urlencode(query)) if query else ""


def render(page: Page, lang: str, runtime: Runtime, router: Router, query: dict[str, Any] | None = None) -> html.Div:
    """The full layout of one page in one language. Query values are passed on to the switch link."""
    query = query or {}
    links = Links(lang, router.href, runtime.settings.base_path)
    other = "en" if lang == "es" else "es"
    names = runtime.package.resources if page.resources == ("*",) else page.resources
    nav_items = [(p.page_id, t(f"nav.{p.page_id}", lang), router.href(p.page_id, lang), p.page_id == page.page_id) for p in PAGES]
    return page_frame(
        lang=lang,
        heading=t(f"page.{page.page_id}.heading", lang),
        body=page.body(runtime, lang, links, {k: str(v) for k, v in query.items()}),
        notice=demo_notice(runtime.package.demo_resources(names), lang),
        nav=navbar(
            lang=lang,
            nav_items=nav_items,
            switch_href=router.href(page.page_id, other) + _query_string(query),
            home_href=router.href("overview", lang),
        ),
        foot=footer(package=runtime.package, lang=lang, methodology_href=router.href("data", lang),
                    present_href=dash.get_relative_path(present_path(router, lang))),
    )


def not_found(router: Router) -> html.Div:
    """Shown for unknown paths; bilingual because the path may not say which language was meant."""
    return html.Main(
        [
            html.Div(
                [
                    html.H1(t("page.not_found.title", lang), className="h3"),
                    html.P(t("page.not_found.body", lang)),
                    html.A(t("page.not_found.home", lang), href=router.href("overview", lang)),
                ],
                lang=lang,
                className="mb-4",
            )
            for lang in LANGUAGES
        ],
        className="container py-4",
        id="main",
    )


def _layout(page: Page, lang: str, runtime: Runtime, router: Router):
    """Dash Pages calls a layout with the query string as keyword arguments; taking them as one
    dict means no query key (?lang=, ?page=) can collide with a parameter name."""
    return lambda **query: render(page, lang, runtime, router, query)


def _embed(lang: str, runtime: Runtime, router: Router):
    def layout(chart_id: str | None = None, **query: Any) -> html.Main:
        links = Links(lang, router.href, runtime.settings.base_path)
        path = dash.get_relative_path(f"{router.prefix(lang)}/{EMBED_SLUG}")
        return embed_layout(runtime, lang, links, router.href("overview", lang), path, chart_id, query)
    return layout


def present_path(router: Router, lang: str) -> str:
    return f"{router.prefix(lang)}/{PRESENT_SLUGS[lang]}"


def _present(lang: str, runtime: Runtime, router: Router):
    def layout(**query: Any) -> html.Main:
        other = "en" if lang == "es" else "es"
        slide = {"slide": query["slide"]} if "slide" in query else {}
        return present_layout(runtime, lang, router.href("overview", lang),
                              dash.get_relative_path(present_path(router, other)) + _query_string(slide), query)
    return layout


def register_pages(runtime: Runtime, router: Router) -> None:
    """Register every page in every language with Dash Pages (call after the app exists)."""
    for page in PAGES:
        for lang in LANGUAGES:
            dash.register_page(
                f"pazos_dash.pages.{page.page_id}.{lang}",
                path=router.path(page.page_id, lang),
                name=t(f"nav.{page.page_id}", lang),
                title=router.title(page.page_id, lang),
                description=t(f"page.{page.page_id}.description", lang),
                layout=_layout(page, lang, runtime, router),
                lang=lang,
                page_id=page.page_id,
            )
    for lang in LANGUAGES:
        dash.register_page(
            f"pazos_dash.pages.present.{lang}",
            path=present_path(router, lang),
            title=f"{t('present.heading', lang)} · {t('site.name', lang)}",
            layout=_present(lang, runtime, router),
            lang=lang,
        )
        dash.register_page(
            f"pazos_dash.pages.embed.{lang}",
            path_template=f"{router.prefix(lang)}/{EMBED_SLUG}/<chart_id>",
            title=t("embed.title", lang),
            layout=_embed(lang, runtime, router),
            lang=lang,
        )
    dash.register_page(
        "pazos_dash.pages.not_found_404",
        path="/404",
        title=router.title("not_found", runtime.settings.default_lang),
        layout=lambda **_query: not_found(router),
    )
