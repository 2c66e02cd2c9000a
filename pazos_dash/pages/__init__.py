"""Pages: each is registered once per language; the default language (Spanish unless
PAZOS_DEFAULT_LANG says otherwise) at the site root, the other under its prefix (/en/).

The language is part of the path, so a shared link opens in the language it was copied in,
the server can send the right <html lang> and <title>, and link previews are in that language.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import dash
from dash import html
from dash.development.base_component import Component


from ..charts import CHARTS
from ..components.shell import demo_notice, footer, navbar, page_frame, print_header
from ..domain import other_language
from ..i18n import LANGUAGES, t
from ..runtime import Runtime
from ..shell.routing import request_address, router_location
from ..urls import Urls
from ..views.chart_view import request_origin
from . import clusters, data, homicides, impact, indicators, overview, partners, sdg, youth
from .base import Links, Page
from .embed import embed_index, embed_layout
from .present import present_layout

PAGES: tuple[Page, ...] = tuple(
    module.PAGE for module in (overview, homicides, impact, clusters, youth, partners, sdg, indicators, data)
)
PAGES_BY_ID = {page.page_id: page for page in PAGES}
NOT_FOUND_MODULE = "not_found_404"  # the module name Dash Pages renders for a path no page matches


def site_urls(base_path: str, default_lang: str) -> Urls:
    """The deployment's addresses, knowing which page shows each chart (for permalinks)."""
    return Urls(base_path, default_lang, {chart: page.page_id for page in PAGES for chart in (*page.charts, *page.numbers)})


def unpaged_cards(runtime: Runtime, urls: Urls) -> list[Any]:
    """A full card of each chart no page shows as a card (the headline and the numbers, drawn
    there as such): their embeds have one, and the callbacks that serve it are checked against it."""
    from .base import card_for

    carded = {chart for page in PAGES for chart in page.charts}
    lang = urls.default_lang
    return [card_for(runtime, chart_id, lang, Links(lang, urls)) for chart_id in CHARTS if chart_id not in carded]


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


def _frame(lang: str, runtime: Runtime, urls: Urls, *, current: str | None, heading: str, body: list[Any],
           switch_href: str, address: str) -> html.Div:
    """The site's chrome (skip link, navbar with the language switch, footer) around a body."""
    nav_items = [(p.page_id, t(f"nav.{p.page_id}", lang), urls.page(p.page_id, lang), p.page_id == current) for p in PAGES]
    return page_frame(
        lang=lang,
        heading=heading,
        body=body,
        notice=demo_notice(demo_cards(body), lang),
        nav=navbar(lang=lang, nav_items=nav_items, switch_href=switch_href, home_href=urls.page("overview", lang)),
        foot=footer(package=runtime.package, lang=lang, methodology_href=urls.page("data", lang), present_href=urls.present(lang),
                    feed_href=urls.feed(lang)),
        printed=print_header(lang=lang, address=urls.absolute(request_origin(), address), today=date.today().isoformat()),
    )


def render(page: Page, lang: str, runtime: Runtime, urls: Urls, query: dict[str, Any] | None = None) -> html.Div:
    """The full layout of one page in one language. Query values are passed on to the switch link."""
    query = query or {}
    body = page.body(runtime, lang, Links(lang, urls), {k: str(v) for k, v in query.items()})
    return _frame(lang, runtime, urls, current=page.page_id, heading=t(f"page.{page.page_id}.heading", lang), body=body,
                  switch_href=urls.page(page.page_id, other_language(lang), query), address=urls.page(page.page_id, lang, query))


def requested_address() -> tuple[str, str]:
    """(path, query string) of the address being rendered: in Dash's page router, the browser's
    location (shell.routing); otherwise the request's own."""
    return router_location() or request_address()


def not_found(runtime: Runtime, urls: Urls, lang: str) -> html.Div:
    """Shown, with HTTP 404, for any address that is not a page, in the address's language, with
    the site's navigation (the switch leads to the other language's overview: an unknown address
    has no translation)."""
    body = [
        html.P(t("page.not_found.body", lang), className="lead", id="not-found-body"),
        html.P(html.A(t("page.not_found.home", lang), href=urls.page("overview", lang), id="not-found-home",
                      className="btn btn-primary")),
    ]
    return _frame(lang, runtime, urls, current=None, heading=t("page.not_found.title", lang), body=body,
                  switch_href=urls.page("overview", other_language(lang)), address=requested_address()[0])


def not_found_lang(urls: Urls) -> str:
    return urls.lang_for(*requested_address())


def _layout(page: Page, lang: str, runtime: Runtime, urls: Urls):
    """Dash Pages calls a layout with the query string as keyword arguments; taking them as one
    dict means no query key (?lang=, ?page=) can collide with a parameter name."""
    return lambda **query: render(page, lang, runtime, urls, query)


def _embed(lang: str, runtime: Runtime, urls: Urls):
    def layout(chart_id: str | None = None, **query: Any) -> html.Main | html.Div:
        if chart_id not in CHARTS:  # a 404 with the list of embeds, inside the site's navigation and footer
            return _frame(lang, runtime, urls, current=None, heading=t("embed.index", lang), body=[embed_index(lang, urls)],
                          switch_href=urls.embed(None, other_language(lang)), address=requested_address()[0])
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
                image=urls.og_image(page.charts[0] if page.charts else "site", lang),  # link previews (scripts/og_images.py)
                layout=_layout(page, lang, runtime, urls),
                lang=lang,
                page_id=page.page_id,
            )
    for lang in LANGUAGES:
        dash.register_page(
            f"pazos_dash.pages.present.{lang}",
            path=urls.present_path(lang),
            title=f"{t('present.heading', lang)} · {t('site.name', lang)}",
            image=urls.og_image("site", lang),
            layout=_present(lang, runtime, urls),
            lang=lang,
        )
        dash.register_page(
            f"pazos_dash.pages.embed.{lang}",
            path_template=f"{urls.embed_path(lang)}/<chart_id>",
            title=t("embed.title", lang),
            image=urls.og_image("site", lang),  # the chart's own, set per address in PazosDash.interpolate_index
            layout=_embed(lang, runtime, urls),
            lang=lang,
            exists=lambda chart_id: chart_id in CHARTS,  # an unknown chart is a 404 (showing the list of embeds)
        )
    # Dash Pages renders this for any path no page matches; the server answers those with 404
    # (PazosDash.index). Title and language follow the address asked for.
    dash.register_page(
        f"pazos_dash.pages.{NOT_FOUND_MODULE}",
        path="/404",
        title=lambda **_: title("not_found", not_found_lang(urls)),
        description=lambda **_: t("page.not_found.body", not_found_lang(urls)),
        image=urls.og_image("site", urls.default_lang),  # a link preview of the site, not an empty one
        layout=lambda **_query: not_found(runtime, urls, not_found_lang(urls)),
    )
