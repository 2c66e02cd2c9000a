"""Data & methodology: when the data was last updated and when it will be next, the catalogue of
every published dataset (with its data dictionary, licence, sources and downloads), every release
and the values it revised, the read-only API, and the methodology in plain words."""

from dash import html

from ..charts import licence_titles, resource_sources
from ..data import DataPackage, Resource
from ..i18n import has, fmt_date, fmt_number, t
from ..pages.base import Links, Page, intro
from ..runtime import Runtime
from ..views.dictionary import allowed_values, describe
from ..views.releases import dataset_title, reason, release_summary, releases_with_revisions, value_text
from ..web.routes import package_zip_name

METHODOLOGY = ("definitions", "rates", "youth", "disclosure", "sources", "its", "demo")


def _dictionary(resource: Resource, lang: str) -> html.Details:
    rows = []
    for field in resource.schema.get("fields", []):
        local = field.get("i18n", {}).get(lang, {})
        rows.append(html.Tr([
            html.Th(html.Code(field["name"]), scope="row"),
            html.Td(local.get("title") or (t(f"field.{field['name']}", lang) if lang != "es" and has(f"field.{field['name']}", lang)
                                           else field.get("title", ""))),
            html.Td(t(f"catalogue.type.{field.get('type', 'string')}", lang)),
            html.Td([describe(field, lang),
                     *([html.Ul([html.Li([html.Code(value), f": {words}" if words else ""]) for value, words in allowed_values(field, lang)],
                               className="mb-0 ps-3")] if allowed_values(field, lang) else [])]),
        ]))
    return html.Details(
        [
            html.Summary(t("catalogue.fields", lang, n=len(rows))),
            html.Div(html.Table(  # a phone scrolls the table, not the page
                [html.Thead(html.Tr([html.Th(t(f"catalogue.field.{h}", lang), scope="col") for h in ("name", "title", "type", "description")])),
                 html.Tbody(rows)],
                className="table table-sm small mb-2",
            ), className="table-responsive", tabIndex="0", role="region", **{"aria-label": t("catalogue.fields", lang, n=len(rows))}),
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
            # What each address gives first, then the address on a line of its own (a long address
            # wrapping on a phone never reads as a list item of its own).
            html.Ul([html.Li([text, html.Br(), html.A(html.Code(url), href=url, className="api-example")]) for url, text in examples],
                     className="api-examples"),
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


def _updates(package: DataPackage, lang: str, links: Links) -> html.P:
    """The last update and the next planned one (the package's `next_update`), and the feed."""
    parts = [t("updates.last", lang, date=fmt_date(package.last_updated, lang), version=package.release or package.version)]
    if package.next_update:
        parts.append(" " + t("updates.next", lang, date=fmt_date(package.next_update, lang)))
    return html.P([html.Span(parts, id="updates-dates"), " ",
                   html.A(t("updates.feed", lang), href=links.urls.feed(lang), id="feed-link", rel="alternate")],
                  className="update-dates", id="updates")


def _revisions(package: DataPackage, lang: str, links: Links) -> html.Section:
    """Every release, newest first: what it changed, why, and each revised value (before → after)."""
    entries = []
    for release, rows in releases_with_revisions(package):
        version = str(release["version"])
        why = reason(release, lang)
        content = [html.H3(t("releases.title", lang, version=version, date=fmt_date(release["date"], lang)), className="h6 mb-1"),
                   html.P(release_summary(package, release, lang), className="small mb-1")]
        if why:
            content.append(html.P([html.Strong(t("releases.reason", lang) + ": "), why], className="small mb-1"))
        if len(rows):
            header = html.Thead(html.Tr([html.Th(t(f"releases.col.{c}", lang), scope="col") for c in
                                         ("resource", "key", "field", "old_value", "new_value", "change")]))
            body = html.Tbody([html.Tr([
                html.Td(dataset_title(package, str(r.resource), lang)), html.Td(html.Code(str(r.key))),
                html.Td(html.Code(str(r.field)) if str(r.field) else ""),
                html.Td(value_text(r.old_value, str(r.field), lang), className="num"),
                html.Td(value_text(r.new_value, str(r.field), lang), className="num"),
                html.Td(t(f"releases.change.{r.change}", lang)),
            ], **{"data-resource": str(r.resource), "data-field": str(r.field)}) for r in rows.itertuples()])
            content.append(html.Div(html.Table([html.Caption(t("releases.caption", lang, version=version)), header, body],
                                               className="table table-sm small mb-2 revisions-table"),
                                    className="table-responsive", tabIndex="0", role="region",
                                    **{"aria-label": t("releases.caption", lang, version=version)}))
        entries.append(html.Article(content, className="release border-bottom py-2", id=f"release-{version}",
                                    **{"data-release": version}))
    return html.Section(
        [html.H2(t("releases.heading", lang), className="h4 mt-4"), html.P(t("releases.intro", lang), className="small")]
        + (entries or [html.P(t("releases.none", lang), className="small")]),
        id="revisions",
    )


def body(runtime: Runtime, lang: str, links: Links, query: dict) -> list:
    package = runtime.package
    zip_name = package_zip_name(package)
    return [
        intro("data", lang),
        _updates(package, lang, links),
        html.P([
            html.A(t("page.data.zip", lang), href=links.urls.data_file(zip_name), download=zip_name, id="package-zip",
                   className="btn btn-primary btn-sm me-2"),
            html.A(t("page.data.package", lang), href=links.urls.data_file("datapackage.json"), id="datapackage-link"),
        ]),
        html.H2(t("catalogue.heading", lang), className="h4 mt-3"),
        html.Div([_dataset(r, lang, links) for r in package.resources.values()], id="catalogue"),
        _revisions(package, lang, links),
        _api(lang, links),
        _methodology(lang),
    ]


PAGE = Page("data", (), body)
