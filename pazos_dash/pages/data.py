"""Data & methodology: the catalogue of every published dataset, with licence and downloads."""

from dash import html

from ..data import Resource
from ..i18n import fmt_date, fmt_number, t
from ..pages.base import Links, Page, coming_next, intro
from ..runtime import Runtime


def _catalogue_row(resource: Resource, lang: str, links: Links) -> html.Tr:
    licence = ", ".join(lic.get("title") or lic.get("name", "") for lic in resource.licenses)
    kind = t("catalogue.demo", lang) if resource.demo else t("catalogue.real", lang)
    return html.Tr(
        [
            html.Th(resource.title[lang], scope="row"),
            html.Td(resource.description[lang]),
            html.Td(kind, className="text-warning-emphasis fw-semibold" if resource.demo else None),
            html.Td(fmt_number(len(resource.frame), lang), className="num"),
            html.Td(licence),
            html.Td(fmt_date(resource.last_updated, lang)),
            html.Td(html.A(resource.path, href=links.route(f"data/{resource.path}"), download=resource.path)),
        ],
        id=f"catalogue-{resource.name}",
    )


def body(runtime: Runtime, lang: str, links: Links, query: dict) -> list:
    headers = ["resource", "description", "kind", "rows", "licence", "updated", "download"]
    table = html.Table(
        [
            html.Thead(html.Tr([html.Th(t(f"catalogue.{h}", lang), scope="col") for h in headers])),
            html.Tbody([_catalogue_row(r, lang, links) for r in runtime.package.resources.values()]),
        ],
        className="table table-sm align-top catalogue-table",
        id="catalogue",
    )
    return [
        intro("data", lang),
        html.Div(table, className="table-responsive"),
        html.P(html.A(t("page.data.package", lang), href=links.route("data/datapackage.json"), id="datapackage-link")),
        coming_next("data", lang),
    ]


PAGE = Page("data", {"es": "datos", "en": "data"}, ("*",), body)
