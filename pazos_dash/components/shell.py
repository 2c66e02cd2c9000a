"""The site chrome around every page: skip link, navbar with language switch, notices, footer."""

from __future__ import annotations

from typing import Any, Sequence

import dash_bootstrap_components as dbc
from dash import dcc, html

from ..data import DataPackage, Resource
from ..i18n import fmt_date, t


def navbar(*, lang: str, nav_items: Sequence[tuple[str, str, str, bool]], switch_href: str, home_href: str) -> dbc.Navbar:
    """nav_items: (page_id, label, href, is_current). The language switch reloads the page in the other language."""
    other = "en" if lang == "es" else "es"
    links = [
        dbc.NavItem(
            dbc.NavLink(label, href=href, active=current, id=f"nav-{page_id}")
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
    return dbc.Navbar(
        dbc.Container(
            [
                dbc.NavbarBrand(t("site.name", lang), href=home_href, className="fw-bold"),
                # A plain button: dbc.NavbarToggler cannot carry an accessible name.
                html.Button(
                    html.Span(className="navbar-toggler-icon"),
                    id="navbar-toggler",
                    className="navbar-toggler",
                    type="button",
                    **{"aria-label": t("shell.menu", lang), "aria-controls": "navbar-collapse", "aria-expanded": "false"},
                ),
                dbc.Collapse(
                    html.Nav(
                        [dbc.Nav(links, navbar=True, className="me-auto"), switch],
                        className="d-lg-flex align-items-center w-100",
                        **{"aria-label": t("shell.nav_label", lang)},
                    ),
                    id="navbar-collapse",
                    navbar=True,
                    is_open=False,
                ),
            ],
            fluid="xl",
        ),
        color="#0b4f8a",  # white on it: 8.3:1 (Bootstrap's primary is 4.5:1)
        dark=True,
        expand="lg",
        className="site-navbar",
    )


def demo_notice(resources: Sequence[Resource], lang: str) -> Any:
    """A visible notice naming every demonstration resource the page shows; nothing if none."""
    if not resources:
        return None
    names = ", ".join(r.title[lang] for r in resources)
    return dbc.Alert(
        [html.Strong(t("demo.notice_title", lang) + ". "), t("demo.notice", lang, names=names)],
        color="warning",
        id="demo-notice",
        className="demo-notice",
    )


def footer(*, package: DataPackage, lang: str, methodology_href: str) -> html.Footer:
    licences = ", ".join(lic.get("title") or lic.get("name", "") for lic in package.licenses)
    return html.Footer(
        dbc.Container(
            html.P(
                [
                    html.Span(t("footer.publisher", lang) + " "),
                    html.Span(t("footer.updated", lang, date=fmt_date(package.last_updated, lang)) + " ", id="footer-updated"),
                    html.Span(t("footer.licence", lang, licence=licences) + " ", id="footer-licence"),
                    html.A(t("footer.methodology", lang), href=methodology_href, id="footer-methodology"),
                ],
                className="mb-0 small",
            ),
            fluid="xl",
        ),
        className="site-footer py-3 mt-4",
    )


def page_frame(
    *, lang: str, heading: str, body: list[Any], notice: Any, nav: dbc.Navbar, foot: html.Footer
) -> html.Div:
    """Assemble one page: skip link, navbar, main (h1, notice, body), footer."""
    return html.Div(
        [
            html.A(t("shell.skip", lang), href="#main", className="visually-hidden-focusable skip-link"),
            dcc.Store(id="page-lang", data=lang),
            nav,
            html.Main(
                dbc.Container([html.H1(heading, className="h2 my-3", id="page-heading"), notice, *body], fluid="xl"),
                id="main",
                tabIndex="-1",
                lang=lang,
            ),
            foot,
        ],
        className="site",
        lang=lang,
    )
