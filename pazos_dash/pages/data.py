"""Data & methodology: the catalogue of every published dataset (with its data dictionary,
licence, sources and downloads), the read-only API, and the methodology in plain words."""

from dash import html

from ..charts import licence_titles, resource_sources
from ..data import Resource
from ..i18n import fmt_date, fmt_number, t
from ..pages.base import Links, Page, intro
from ..runtime import Runtime
from ..web.routes import package_zip_name

METHODOLOGY = ("definitions", "rates", "youth", "disclosure", "sources", "its", "demo")


def _dictionary(resource: Resource, lang: str) -> html.Details:
    rows = []
    for field in resource.schema.get("fields", []):
        local = field.get("i18n", {}).get(lang, {})
        rows.append(html.Tr([
            html.Th(html.Code(field["name"]), scope="row"),
            html.Td(local.get("title") or field.get("title", "")),
            html.Td(t(f"catalogue.type.{field.get('type', 'string')}", lang)),
            html.Td(local.get("description") or field.get("description", "")),
        ]))
    return html.Details(
        [
            html.Summary(t("catalogue.fields", lang, n=len(rows))),
            html.Div(html.Table(  # a phone scrolls the table, not the page
                [html.Thead(html.Tr([html.Th(t(f"catalogue.field.{h}", lang), scope="col") for h in ("name", "title", "type", "description")])),
                 html.Tbody(rows)],
                className="table table-sm small mb-2",
            ), className="table-responsive"),
        ],
        id=f"dictionary-{resource.name}",
    )


def _dataset(resource: Resource, lang: str, links: Links) -> html.Section:
    sources = resource_sources(resource, lang)
    kind = t("catalogue.demo", lang) if resource.demo else t("catalogue.real", lang)
    urls = links.urls
    facts = [
        (t("catalogue.kind", lang), html.Span(kind, className="badge text-bg-warning" if resource.demo else None)),
        (t("catalogue.rows", lang), fmt_number(len(resource.frame), lang)),
        (t("catalogue.updated", lang), fmt_date(resource.last_updated, lang)),
        (t("catalogue.licence", lang), ", ".join(licence_titles([resource], lang))),
        (t("catalogue.source", lang), [html.Span([html.A(s.title, href=s.url, rel="noopener") if s.url.startswith("http") else s.title,
                                                 "; " if i < len(sources) - 1 else ""]) for i, s in enumerate(sources)]),
        (t("catalogue.download", lang), [
            html.A(resource.path, href=urls.data_file(resource.path), download=resource.path, className="me-2"),
            html.A("API JSON", href=urls.api(resource.name, {"lang": lang}), className="me-2"),
            html.A("API CSV", href=urls.api(resource.name, {"format": "csv"})),
        ]),
    ]
    return html.Section(
        [
            html.H3(resource.title[lang], className="h6 mb-1"),
            html.P(resource.description[lang], className="small mb-1"),
            html.Dl([item for label, value in facts for item in (html.Dt(label, className="col-sm-3"), html.Dd(value, className="col-sm-9 mb-1"))],
                    className="row small mb-1"),
            _dictionary(resource, lang),
        ],
        className="catalogue-entry border-bottom py-3" + (" catalogue-entry--demo" if resource.demo else ""),
        id=f"catalogue-{resource.name}",
        **{"data-demo": "true" if resource.demo else "false", "data-title": resource.title[lang]},
    )


def _api(lang: str, links: Links) -> html.Section:
    urls = links.urls
    examples = [
        (urls.api(), t("api.list", lang)),
        (urls.api("homicides_annual", {"geography": "Palmira", "year": "2020,2021,2022"}), t("api.filter", lang)),
        (urls.api("youth_people", {"format": "csv"}), t("api.csv", lang)),
        (urls.api("homicides_annual", {"geography": "Palmira", "year_from": 2020, "year_to": 2023}), t("api.range", lang)),
        (urls.openapi(), t("api.openapi", lang)),
        (urls.catalog(), t("api.catalog", lang)),
    ]
    return html.Section(
        [
            html.H2(t("api.heading", lang), className="h4 mt-4"),
            html.P(t("api.intro", lang)),
            html.Ul([html.Li([html.A(html.Code(url), href=url), " — ", text]) for url, text in examples]),
            html.P(t("api.rules", lang), className="small"),
        ],
        id="api",
    )


def _methodology(lang: str) -> html.Section:
    return html.Section(
        [html.H2(t("method.heading", lang), className="h4 mt-4")]
        + [item for key in METHODOLOGY for item in (html.H3(t(f"method.{key}.title", lang), className="h6 mt-3"),
                                                    html.P(t(f"method.{key}.body", lang)))],
        id="methodology",
    )


def body(runtime: Runtime, lang: str, links: Links, query: dict) -> list:
    package = runtime.package
    zip_name = package_zip_name(package)
    return [
        intro("data", lang),
        html.P([
            html.A(t("page.data.zip", lang), href=links.urls.data_file(zip_name), download=zip_name, id="package-zip",
                   className="btn btn-primary btn-sm me-2"),
            html.A(t("page.data.package", lang), href=links.urls.data_file("datapackage.json"), id="datapackage-link"),
        ]),
        html.H2(t("catalogue.heading", lang), className="h4 mt-3"),
        html.Div([_dataset(r, lang, links) for r in package.resources.values()], id="catalogue"),
        _api(lang, links),
        _methodology(lang),
    ]


PAGE = Page("data", (), body)
