"""The site chrome around every page: skip link, navbar with language switch, notices, footer."""

from __future__ import annotations

from typing import Any, Sequence

import dash_bootstrap_components as dbc
from dash import dcc, html

from .bootstrap import alert, container

from ..charts.provenance import licence_title
from ..data import DataPackage
from ..i18n import fmt_date, t


NAVBAR_COLOUR = "#0b4f8a"  # white on it: 8.3:1 (Bootstrap's primary is 4.5:1)


def navbar(*, lang: str, nav_items: Sequence[tuple[str, str, str, bool]], switch_href: str, home_href: str) -> dbc.Navbar:
    """nav_items: (page_id, label, href, is_current). Page links navigate inside the app; the
    language switch reloads the page in the other language."""
    other = "en" if lang == "es" else "es"
    # <ul>/<li> rather than dbc.Nav/NavItem (which render <div>s): screen readers announce a list
    # and how many links it holds.
    links = [
        html.Li(
            dbc.NavLink(
                [label, html.Span(f" ({t('shell.current', lang)})", className="visually-hidden")] if current else label,
                href=href, id=f"nav-{page_id}", active=current,
            ),
            className="nav-item",
        )
        for page_id, label, href, current in nav_items
    ]
    # Plain <a> and <button>: dbc's have no hreflang/lang/title, and dbc.NavbarToggler always
    # calls itself "Toggle navigation" (English) and never tells whether the menu is open.
    switch = html.A(
        t("shell.lang_switch", lang),
        href=switch_href,
        hrefLang=other,
        lang=other,
        id="language-switch",
        className="btn btn-outline-light btn-sm ms-lg-3 my-2 my-lg-0",
        title=t("shell.lang_switch_label", lang),
    )
    # The phone menu's toggler is a native <details>: it opens without any script (the page is
    # whole before Dash starts, and with scripts off); the links follow it as its sibling, shown
    # when it is open (pazos.css). From the lg breakpoint on there is no toggler and the links
    # are always shown.
    toggler = html.Details(
        html.Summary(html.Span(className="navbar-toggler-icon"), id="navbar-toggler", className="navbar-toggler",
                     title=t("shell.menu", lang), **{"aria-label": t("shell.menu", lang), "aria-controls": "navbar-collapse"}),
        id="navbar-menu",
        className="navbar-menu",
    )
    return dbc.Navbar(
        container(
            [
                dbc.NavbarBrand(t("site.name", lang), href=home_href, class_name="fw-bold"),
                toggler,
                html.Nav(
                    [html.Ul(links, className="navbar-nav me-auto"), switch],
                    className="navbar-links d-lg-flex align-items-center",
                    id="navbar-collapse",
                    **{"aria-label": t("shell.nav_label", lang)},
                ),
            ],
        ),
        tag="header",
        role="banner",  # dbc.Navbar would call a <header> "navigation"; the <nav> inside is that
        expand="lg",
        dark=True,
        color=NAVBAR_COLOUR,
        class_name="site-navbar",
    )


def demo_notice(cards: Sequence[tuple[str, str]], lang: str) -> Any:
    """A notice naming, with a link to each, the cards of the page that use demonstration data
    (the cards carry the badge); nothing when no card shown does."""
    if not cards:
        return None
    links: list[Any] = []
    for number, (card_id, title) in enumerate(cards):
        links += ([", "] if number else []) + [html.A(title, href=f"#{card_id}", className="alert-link")]
    return alert(
        [html.Strong(t("demo.notice_title", lang) + ". "), t("demo.notice", lang), " ", *links, "."],
        color="warning",
        id="demo-notice",
        className="demo-notice small py-2",
    )


def footer(*, package: DataPackage, lang: str, methodology_href: str, present_href: str, feed_href: str = "") -> html.Footer:
    licences = ", ".join(licence_title(lic, lang) for lic in package.licenses)
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
                    *([" · ", html.A(t("footer.feed", lang), href=feed_href, id="footer-feed", rel="alternate")] if feed_href else []),
                ],
                className="mb-0 small",
            ),
        ),
        className="site-footer py-3 mt-4",
    )


def print_header(*, lang: str, address: str, today: str) -> html.Div:
    """Shown only on paper: the site, the address the page was printed from (kept up to date by
    assets/clientside.js as the selection changes) and the date it was printed."""
    return html.Div(
        [html.Strong(t("site.name", lang)), " · ", html.Span(address, id="print-address"), " · ",
         html.Span(t("print.date", lang, date=fmt_date(today, lang)), id="print-date")],
        className="print-only print-header small",
    )


def page_stores(lang: str) -> list[Any]:
    """What every page tells its callbacks: its language, and the browser's width class ("wide"
    until assets/clientside.js `widthClass` says "narrow"; the charts then redraw for a phone)."""
    return [dcc.Store(id="page-lang", data=lang), dcc.Store(id="page-width", data="wide")]


def page_frame(
    *, lang: str, heading: str, body: list[Any], notice: Any, nav: html.Header, foot: html.Footer, printed: Any = None
) -> html.Div:
    """Assemble one page: skip link, navbar, main (what a printout heads with, h1, notice, body), footer."""
    return html.Div(
        [
            html.A(t("shell.skip", lang), href="#main", className="visually-hidden-focusable skip-link"),
            *page_stores(lang),
            nav,
            html.Main(
                container([printed, html.H1(heading, className="h2 my-3", id="page-heading"), notice, *body]),
                id="main",
                tabIndex="-1",
                lang=lang,
            ),
            foot,
        ],
        className="site",
        lang=lang,
    )
