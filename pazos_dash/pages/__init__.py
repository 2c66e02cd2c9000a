"""Pages: each is registered once per language; the default language (Spanish unless
PAZOS_DEFAULT_LANG says otherwise) at the site root, the other under its prefix (/en/).

The language is part of the path, so a shared link opens in the language it was copied in,
the server can send the right <html lang> and <title>, and link previews are in that language.
"""

from __future__ import annotations

from typing import Any

import dash
from dash import html
from dash.development.base_component import Component

from ..components.shell import demo_notice, footer, navbar, page_frame
from ..domain import other_language
from ..i18n import LANGUAGES, t
from ..runtime import Runtime
from ..urls import Urls
from . import clusters, data, homicides, indicators, overview, partners, sdg, youth
from .base import Links, Page
from .embed import embed_layout
from .present import present_layout

PAGES: tuple[Page, ...] = tuple(
    module.PAGE for module in (overview, homicides, clusters, youth, partners, sdg, indicators, data)
)
PAGES_BY_ID = {page.page_id: page for page in PAGES}


def site_urls(base_path: str, default_lang: str) -> Urls:
    """The deployment's addresses, knowing which page shows each chart (for permalinks)."""
    return Urls(base_path, default_lang, {chart: page.page_id for page in PAGES for chart in page.charts})


def title(page_id: str, lang: str) -> str:
    return f"{t(f'page.{page_id}.title', lang)} · {t('site.name', lang)}"


def demo_cards(body: list[Any]) -> list[tuple[str, str]]:
    """(id, title) of every card in a rendered body that shows a demonstration row: the cards
    mark themselves (data-demo), so the page's notice names exactly what is marked."""
    found: list[tuple[str, str]] = []

    def walk(node: Any) -> None:
        if isinstance(node, (list, tuple)):
            for child in node:
                walk(child)
            return
        if not isinstance(node, Component):
            return
        if getattr(node, "data-demo", None) == "true":
            found.append((getattr(node, "id", ""), getattr(node, "data-title", "")))
        walk(getattr(node, "children", None))

    walk(body)
    return found


def render(page: Page, lang: str, runtime: Runtime, urls: Urls, query: dict[str, Any] | None = None) -> html.Div:
    """The full layout of one page in one language. Query values are passed on to the switch link."""
    query = query or {}
    links = Links(lang, urls)
    other = other_language(lang)
    nav_items = [(p.page_id, t(f"nav.{p.page_id}", lang), urls.page(p.page_id, lang), p.page_id == page.page_id) for p in PAGES]
    body = page.body(runtime, lang, links, {k: str(v) for k, v in query.items()})
    return page_frame(
        lang=lang,
        heading=t(f"page.{page.page_id}.heading", lang),
        body=body,
        notice=demo_notice(demo_cards(body), lang),
        nav=navbar(
            lang=lang,
            nav_items=nav_items,
            switch_href=urls.page(page.page_id, other, query),
            home_href=urls.page("overview", lang),
        ),
        foot=footer(package=runtime.package, lang=lang, methodology_href=urls.page("data", lang), present_href=urls.present(lang),
                    feed_href=urls.feed(lang)),
    )


def not_found(urls: Urls) -> html.Div:
    """Shown for unknown paths; bilingual because the path may not say which language was meant."""
    return html.Main(
        [
            html.Div(
                [
                    html.H1(t("page.not_found.title", lang), className="h3"),
                    html.P(t("page.not_found.body", lang)),
                    html.A(t("page.not_found.home", lang), href=urls.page("overview", lang)),
                ],
                lang=lang,
                className="mb-4",
            )
            for lang in LANGUAGES
        ],
        className="container py-4",
        id="main",
    )


def _layout(page: Page, lang: str, runtime: Runtime, urls: Urls):
    """Dash Pages calls a layout with the query string as keyword arguments; taking them as one
    dict means no query key (?lang=, ?page=) can collide with a parameter name."""
    return lambda **query: render(page, lang, runtime, urls, query)


def _embed(lang: str, runtime: Runtime, urls: Urls):
    def layout(chart_id: str | None = None, **query: Any) -> html.Main:
        return embed_layout(runtime, lang, Links(lang, urls), chart_id, query)
    return layout


def _present(lang: str, runtime: Runtime, urls: Urls):
    def layout(**query: Any) -> html.Main:
        return present_layout(runtime, Links(lang, urls), query)
    return layout


def register_pages(runtime: Runtime, urls: Urls) -> None:
    """Register every page in every language with Dash Pages (call after the app exists)."""
    for page in PAGES:
        for lang in LANGUAGES:
            dash.register_page(
                f"pazos_dash.pages.{page.page_id}.{lang}",
                path=urls.page_path(page.page_id, lang),
                name=t(f"nav.{page.page_id}", lang),
                title=title(page.page_id, lang),
                description=t(f"page.{page.page_id}.description", lang),
                layout=_layout(page, lang, runtime, urls),
                lang=lang,
                page_id=page.page_id,
            )
    for lang in LANGUAGES:
        dash.register_page(
            f"pazos_dash.pages.present.{lang}",
            path=urls.present_path(lang),
            title=f"{t('present.heading', lang)} · {t('site.name', lang)}",
            layout=_present(lang, runtime, urls),
            lang=lang,
        )
        dash.register_page(
            f"pazos_dash.pages.embed.{lang}",
            path_template=f"{urls.embed_path(lang)}/<chart_id>",
            title=t("embed.title", lang),
            layout=_embed(lang, runtime, urls),
            lang=lang,
        )
    dash.register_page(
        "pazos_dash.pages.not_found_404",
        path="/404",
        title=title("not_found", urls.default_lang),
        layout=lambda **_query: not_found(urls),
    )
