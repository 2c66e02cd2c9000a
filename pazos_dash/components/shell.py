"""The site chrome around every page: skip link, navbar with language switch, notices, footer."""

from __future__ import annotations

from typing import Any, Sequence

from dash import dcc, html

from .bootstrap import alert, container

from ..data import DataPackage
from ..i18n import fmt_date, t


NAVBAR_COLOUR = "#0b4f8a"  # white on it: 8.3:1 (Bootstrap's primary is 4.5:1)


def navbar(*, lang: str, nav_items: Sequence[tuple[str, str, str, bool]], switch_href: str, home_href: str) -> html.Header:
    """nav_items: (page_id, label, href, is_current). Page links navigate inside the app; the
    language switch reloads the page in the other language."""
    other = "en" if lang == "es" else "es"
    links = [
        html.Li(
            dcc.Link(
                [label, html.Span(f" ({t('shell.current', lang)})", className="visually-hidden")] if current else label,
                href=href, id=f"nav-{page_id}", className="nav-link active" if current else "nav-link",
            ),
            className="nav-item",
        )
        for page_id, label, href, current in nav_items
    ]
    switch = html.A(
        t("shell.lang_switch", lang),
        href=switch_href,
        hrefLang=other,
        lang=other,
        id="language-switch",
        className="btn btn-outline-light btn-sm ms-lg-3 my-2 my-lg-0",
        title=t("shell.lang_switch_label", lang),
    )
    return html.Header(
        container(
            [
                dcc.Link(t("site.name", lang), href=home_href, className="navbar-brand fw-bold"),
                html.Button(
                    html.Span(className="navbar-toggler-icon"),
                    id="navbar-toggler",
                    className="navbar-toggler",
                    type="button",
                    **{"aria-label": t("shell.menu", lang), "aria-controls": "navbar-collapse", "aria-expanded": "false"},
                ),
                # Opened and closed by a clientside callback (pazos_dash/__init__.py).
                html.Div(
                    html.Nav(
                        [html.Ul(links, className="navbar-nav me-auto"), switch],
                        className="d-lg-flex align-items-center w-100",
                        **{"aria-label": t("shell.nav_label", lang)},
                    ),
                    id="navbar-collapse",
                    className=NAVBAR_CLOSED,
                ),
            ],
            className="d-flex flex-wrap align-items-center justify-content-between",
        ),
        className="navbar navbar-expand-lg navbar-dark site-navbar",
        style={"backgroundColor": NAVBAR_COLOUR},
        **{"data-bs-theme": "dark"},
    )


NAVBAR_CLOSED = "collapse navbar-collapse"


def demo_notice(cards: Sequence[tuple[str, str]], lang: str) -> Any:
    """A notice naming, with a link to each, the cards of the page that use demonstration data
    (the cards carry the badge); nothing when no card shown does."""
    if not cards:
        return None
    links: list[Any] = []
    for number, (card_id, title) in enumerate(cards):
        links += ([", "] if number else []) + [html.A(title, href=f"#{card_id}")]
    return alert(
        [html.Strong(t("demo.notice_title", lang) + ". "), t("demo.notice", lang), " ", *links, "."],
        color="warning",
        id="demo-notice",
        className="demo-notice small py-2",
    )


def footer(*, package: DataPackage, lang: str, methodology_href: str, present_href: str) -> html.Footer:
    licences = ", ".join(lic.get("title") or lic.get("name", "") for lic in package.licenses)
    return html.Footer(
        container(
            html.P(
                [
                    html.Span(t("footer.publisher", lang) + " "),
                    html.Span(t("footer.updated", lang, date=fmt_date(package.last_updated, lang)) + " ", id="footer-updated"),
                    html.Span(t("footer.licence", lang, licence=licences) + " ", id="footer-licence"),
                    html.A(t("footer.methodology", lang), href=methodology_href, id="footer-methodology"),
                    " · ",
                    html.A(t("present.heading", lang), href=present_href, id="footer-present"),
                ],
                className="mb-0 small",
            ),
        ),
        className="site-footer py-3 mt-4",
    )


def page_frame(
    *, lang: str, heading: str, body: list[Any], notice: Any, nav: html.Header, foot: html.Footer
) -> html.Div:
    """Assemble one page: skip link, navbar, main (h1, notice, body), footer."""
    return html.Div(
        [
            html.A(t("shell.skip", lang), href="#main", className="visually-hidden-focusable skip-link"),
            dcc.Store(id="page-lang", data=lang),
            nav,
            html.Main(
                container([html.H1(heading, className="h2 my-3", id="page-heading"), notice, *body]),
                id="main",
                tabIndex="-1",
                lang=lang,
            ),
            foot,
        ],
        className="site",
        lang=lang,
    )
