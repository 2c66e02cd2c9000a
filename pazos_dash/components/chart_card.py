"""The chart card: a renderer over one ChartView — title, demonstration badge, takeaway,
controls, then the chart, its table, its map (where the rows have places) and its sources and
processing as equal tabs; downloads, a share menu (link, embed code, image), a ready citation,
the permalink and the source line."""

from __future__ import annotations

from typing import Any

from html import escape

from dash import dcc, html

from ..charts import Provenance
from ..charts.state import codec_rules
from ..i18n import fmt_date, t
from ..views import ChartView
from ..views.citation import cite
from ..views.renderers import renderable
from ..views.text import cell_text, column_label, is_number, number_decimals
from .bootstrap import badge

GRAPH_CONFIG = {
    "displaylogo": False,
    "showSendToCloud": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d"],
}


def layout_height(figure: Any) -> int | None:
    """The height a figure's layout fixes, if it fixes one (else its graph's CSS height holds)."""
    layout = (figure or {}).get("layout") if isinstance(figure, dict) else getattr(figure, "layout", None)
    height = (layout or {}).get("height") if isinstance(layout, dict) else getattr(layout, "height", None)
    return int(height) if height else None


def figure_height(figure: Any) -> int:
    """The height plotly.js draws a figure at: its layout's, or plotly's default (450 px). The
    chart's box keeps it before plotly.js has drawn (assets/first-paint.js), so nothing moves."""
    return layout_height(figure) or 450


def source_keys(view: ChartView) -> dict[str, str]:
    """name -> a short key ("[1]", "[2]", ...) in the order the view's source line names them."""
    return {source.name: f"[{number}]" for number, source in enumerate(view.provenance.sources, start=1)}


def data_table(view: ChartView, *, caption: str | None = None, table_id: str | None = None, **_kwargs: Any) -> html.Table:
    """An accessible HTML table of exactly the view's rows: caption, column headers with scope,
    codes in words. A row's source is a short key ("[1]"); the table's foot names each key's
    source once (a source's title is six to eight lines on a phone: never on every row)."""
    frame, lang = view.frame, view.lang
    keys = source_keys(view)
    header = html.Thead(html.Tr([html.Th(column_label(c, lang), scope="col") for c in frame.columns]))
    rows = []
    for record in frame.itertuples(index=False):
        cells = []
        row = dict(zip(frame.columns, record))
        for column, value in row.items():
            decimals = number_decimals(frame, str(column), view.spec.decimals, row)  # numbers written one way
            text = cell_text(column, value, lang, decimals, lambda name: keys.get(name, name))
            if column.endswith("_url") and text:
                cells.append(html.Td(html.A(text, href=text, rel="noopener")))
            else:
                cells.append(html.Td(text, className="num" if is_number(value) else None, **{"data-column": column}))
        rows.append(html.Tr(cells, **({"data-status": str(getattr(record, "status"))} if "status" in frame.columns else {})))
    parts = [html.Caption(caption or t("card.table_caption", lang, title=view.title)), header, html.Tbody(rows)]
    if "source" in frame.columns and view.provenance.sources:
        named: list[Any] = [html.Strong(f"{column_label('source', lang)}: ")]
        for number, source in enumerate(view.provenance.sources):
            title = html.A(source.title, href=source.url, rel="noopener") if source.url.startswith("http") else source.title
            named += (["; "] if number else []) + [f"{keys[source.name]} ", title]
        parts.append(html.Tfoot(html.Tr(html.Td(named, colSpan=len(frame.columns), className="chart-table-sources small"))))
    return html.Table(
        parts,
        className="table table-sm table-striped chart-table",
        id=table_id or f"table-{view.chart_id}",
    )


def source_line(provenance: Provenance, lang: str, className: str = "chart-source small text-body-secondary mb-0",
                id: str | None = None) -> html.P:
    """'Source: …' naming exactly the sources of the rows shown (linked where they have an
    address), the licence, and the disclosure threshold when a shown cell is suppressed."""
    parts: list[Any] = [html.Strong(f"{t('card.source', lang)}: ")]
    for number, source in enumerate(provenance.sources):
        name = html.A(source.title, href=source.url, rel="noopener") if source.url.startswith("http") else source.title
        parts += ["; ", name] if number else [name]
    if provenance.licences:
        parts.append(f". {t('card.licence', lang)}: {', '.join(provenance.licences)}.")
    if provenance.suppressed_rows:
        parts.append(" " + t("card.suppressed", lang, k=provenance.k))
    return html.P(parts, className=className, **({"id": id} if id else {}))


def demo_mark(view: ChartView) -> Any:
    """The card's badge, shown if and only if a row the chart shows is demonstration."""
    p = view.provenance
    if not p.demo:
        return None
    return badge(p.demo_text("badge", view.lang), color="warning",
                 className="demo-badge mb-2")


def codec_store(view: ChartView) -> list[Any]:
    """The chart's address codec as data for the browser (charts.state.codec_rules): `keepState`
    writes the address, the permalink and the language switch by these rules, not a copy of them."""
    if not view.spec.options:
        return []
    rules = codec_rules(view.spec, view.package, view.site.chart(view.chart_id, view.lang))
    return [dcc.Store(id=f"{view.chart_id}-codec", data=rules)]


def download_id(chart_id: str, fmt: str) -> str:
    """The CSV link keeps the id it always had; the others add their format."""
    return f"download-{chart_id}" if fmt == "csv" else f"download-{chart_id}-{fmt}"


def embed_code(src: str, title: str) -> str:
    """The iframe markup a visitor copies."""
    return (f'<iframe src="{escape(src)}" title="{escape(title)}" width="100%" height="640" '
            'style="border:0" loading="lazy"></iframe>')


def _copy(target_id: str, label: str, kind: str) -> dcc.Clipboard:
    """A one-click copy of the text (or value) of `target_id`; no third-party script. (No id of
    its own: every id goes into each page's validation layout, and nothing listens to it.)"""
    return dcc.Clipboard(target_id=target_id, title=label, className=f"btn btn-outline-primary btn-sm copy-button copy-{kind}",
                         children=label)


def sources_panel(view: ChartView) -> list:
    """Sources and processing: each source of the rows shown with what its figure is, who
    publishes it, its address, the release read and when the next comes; the package's
    update of it; and what the dashboard did to the figures."""
    lang, p = view.lang, view.provenance
    items = []
    for source in p.sources:
        facts = [(t("sources.publisher", lang), source.publisher), (t("sources.definition", lang), source.description),
                 (t("sources.link", lang), html.A(source.url, href=source.url, rel="noopener") if source.url.startswith("http") else t("sources.no_link", lang)),
                 (t("sources.version", lang), fmt_date(source.version, lang) if source.version else ""),
                 (t("sources.published", lang), fmt_date(p.last_updated, lang)),
                 (t("sources.next", lang), source.update)]
        items.append(html.Li([
            html.Strong(source.title),
            html.Dl([part for label, value in facts if value for part in (html.Dt(label), html.Dd(value))], className="sources-facts small mb-2"),
        ], **{"data-source": source.name}))
    steps = [html.Li(t(f"processing.{key}", lang)) for key in view.spec.processing]
    if p.suppressed_rows:
        steps.append(html.Li(t("card.suppressed", lang, k=p.k)))
    return [
        html.H3(t("sources.heading", lang), className="h6"),
        html.Ul(items, className="list-unstyled sources-list") if items else html.P(t("sources.none", lang)),
        html.H3(t("processing.heading", lang), className="h6"),
        html.Ul(steps, className="small processing-list") if steps else html.P(t("processing.none", lang), className="small"),
        html.P([t("card.licence", lang), ": ", ", ".join(p.licences) or "—"], className="small mb-0"),
    ]


def cite_body(view: ChartView) -> list:
    """The ready citation of this view (permalink and package version in it), text and BibTeX,
    each copied in one click."""
    chart_id, lang = view.chart_id, view.lang
    citation = cite(view, view.urls.absolute(view.urls.page))
    return [
        html.P(citation.text, id=f"{chart_id}-citation", className="citation-text small mb-1"),
        _copy(f"{chart_id}-citation", t("cite.copy_text", lang), "citation"),
        html.Pre(citation.bibtex, id=f"{chart_id}-bibtex", className="citation-bibtex small mt-2 mb-1"),
        _copy(f"{chart_id}-bibtex", t("cite.copy_bibtex", lang), "bibtex"),
    ]


def share_body(view: ChartView) -> list:
    """The share menu: the view's address and its embed code to copy, and its image (PNG or SVG
    with title, source and licence drawn in, made in the browser by the partial plotly.js)."""
    chart_id, lang, urls = view.chart_id, view.lang, view.urls
    return [
        html.Label(t("share.link", lang), htmlFor=f"{chart_id}-share-link", className="form-label small fw-semibold mb-0"),
        html.Div([
            dcc.Input(id=f"{chart_id}-share-link", value=urls.absolute(urls.page), readOnly=True, type="text",
                      className="form-control form-control-sm share-link"),
            _copy(f"{chart_id}-share-link", t("share.copy_link", lang), "link"),
        ], className="d-flex gap-2 align-items-center mb-2"),
        html.Div(t("share.embed", lang), className="small fw-semibold"),
        html.Pre(embed_code(urls.absolute(urls.embed), view.title), id=f"{chart_id}-embed-code", className="embed-code small mb-1",
                 **{"aria-label": t("share.embed", lang)}),
        _copy(f"{chart_id}-embed-code", t("share.copy_embed", lang), "embed"),
    ]


def _image_buttons(view: ChartView) -> html.Div:
    """PNG and SVG of the chart as drawn (assets/clientside.js `saveImage`)."""
    chart_id, lang = view.chart_id, view.lang
    return html.Div([
        html.Span(t("share.image", lang), className="small fw-semibold me-1"),
        *[html.Button(t(f"share.{fmt}", lang), id=f"{chart_id}-{fmt}", type="button", className="btn btn-outline-primary btn-sm",
                      title=t(f"share.{fmt}_label", lang)) for fmt in ("png", "svg")],
    ], className="chart-image-buttons d-flex flex-wrap gap-2 align-items-center mt-2")


def _menu(summary: str, body: list, id: str, className: str, extra: Any = None) -> html.Details:  # noqa: A002
    """A menu that opens in place: a native <details>, so it works on a phone and without script.
    Its body (`<id>-body`) follows the selection; `extra` stays as rendered."""
    return html.Details([html.Summary(summary, className="btn btn-outline-secondary btn-sm"),
                         html.Div([html.Div(body, id=f"{id}-body"), extra], className="chart-menu-body")],
                        className=f"chart-menu {className}")


TABS = ("chart", "table", "map", "sources")


def tab_keys(view: ChartView) -> tuple[str, ...]:
    """The card's tabs: chart and table always, a map where the rows have places, the sources."""
    return tuple(key for key in TABS if key != "map" or view.spec.map_metric)


def chart_tabs(view: ChartView, graph: html.Div, table: Any) -> html.Div:
    """Chart and table as equal tabs, a map where the rows have places, and the sources and
    processing: WAI-ARIA tabs (a tablist of buttons, each controlling its panel) switched in the
    browser (assets/clientside.js `showTab`); the open tab is kept in `<chart>-tab`."""
    chart_id, lang = view.chart_id, view.lang
    active = "table" if view.spec.table_open else "chart"
    panels = {
        "chart": graph,
        # A box that scrolls sideways on a phone is reachable with the keyboard and named (axe: scrollable-region-focusable).
        "table": html.Div(table, className="table-responsive", id=f"table-wrap-{chart_id}", tabIndex="0", role="region",
                          **{"aria-label": t("card.table_caption", view.lang, title=view.title)}),
        "map": html.Div([
            html.Div(
                dcc.Graph(id=f"graph-map-{chart_id}", config={**GRAPH_CONFIG, "locale": lang}, className="chart-graph",
                          figure={"data": [], "layout": {"xaxis": {"visible": False}, "yaxis": {"visible": False}}}),
                role="figure", **{"aria-labelledby": f"{chart_id}-title", "aria-describedby": f"{chart_id}-map-caption"},
            ),
            html.P([t("tab.map_caption", lang), " ",
                    html.A(t("tab.map_open", lang), href=view.site.chart("cluster_map", lang), id=f"{chart_id}-map-link")],
                   className="small mb-0", id=f"{chart_id}-map-caption"),
        ]),
        "sources": html.Div(sources_panel(view), id=f"{chart_id}-sources", className="chart-sources pt-2"),
    }
    keys = tab_keys(view)
    buttons = [html.Button(t(f"tab.{key}", lang), id=f"{chart_id}-tab-{key}", type="button", role="tab",
                           className="nav-link" + (" active" if key == active else ""),
                           **{"aria-selected": "true" if key == active else "false", "aria-controls": f"{chart_id}-panel-{key}",
                              "data-tab": key})
               for key in keys]
    return html.Div([
        html.Div(buttons, role="tablist", className="nav nav-tabs chart-tablist",
                 **{"aria-label": t("tab.label", lang, title=view.title)}),
        html.Div([html.Div(panels[key], role="tabpanel", id=f"{chart_id}-panel-{key}", hidden=key != active,
                           className="chart-panel", **{"aria-labelledby": f"{chart_id}-tab-{key}"}) for key in keys],
                 className="chart-panels pt-2"),
        dcc.Store(id=f"{chart_id}-tab", data=active),
    ], className="chart-tabs mt-2")


def chart_card(view: ChartView, *, controls: list[Any] | None = None, table: Any = None) -> html.Section:
    """One chart, its data and its provenance, as a card. A callback replaces the takeaway,
    figure, table, sources, citation, share addresses and download links when a control changes
    (pages/callbacks.py)."""
    chart_id, lang, demo = view.chart_id, view.lang, view.provenance.demo
    title_id = f"{chart_id}-title"
    header: list[Any] = [html.H2(view.title, id=title_id, className="h5 card-title mb-1")]
    header.append(html.Div(demo_mark(view), id=f"{chart_id}-demo"))
    # A figure named by the card's title and described by its computed takeaway: what a screen
    # reader announces for the chart (its numbers are in the table tab).
    graph = html.Div(
        dcc.Graph(id=f"graph-{chart_id}", figure=view.figure, config={**GRAPH_CONFIG, "locale": lang}, className="chart-graph"),
        role="figure",
        id=f"figure-{chart_id}",
        style={"minHeight": f"{figure_height(view.figure)}px"},
        **{"aria-labelledby": title_id, "aria-describedby": f"{chart_id}-takeaway"},
    )
    return html.Section(
        html.Div(
            header
            + [
                html.P(view.takeaway, className="chart-takeaway", id=f"{chart_id}-takeaway"),
                html.Div(controls or [], className="chart-controls d-flex flex-wrap gap-3 mb-2"),
                chart_tabs(view, graph, table if table is not None else data_table(view)),
                html.Div(
                    [html.Span(t("card.download", lang), className="small fw-semibold me-1")] + [
                        html.A(
                            t(f"card.download_{fmt}", lang),
                            href=href,
                            download=f"{chart_id}.{fmt}",
                            className="btn btn-outline-primary btn-sm",
                            id=download_id(chart_id, fmt),
                            title=t(f"card.download_{fmt}_label", lang),
                            hidden=fmt not in renderable(view),
                        )
                        for fmt, href in view.urls.downloads.items()  # views.renderers.FORMATS, the one list
                    ] + [html.A(t("card.permalink", lang), href=view.urls.page, id=f"{chart_id}-permalink", className="small ms-2",
                                title=t("card.permalink_label", lang))] + codec_store(view),
                    className="chart-actions d-flex flex-wrap align-items-center gap-2 my-2",
                ),
                html.Div([
                    _menu(t("share.title", lang), share_body(view), f"{chart_id}-share", "chart-share", _image_buttons(view)),
                    _menu(t("cite.title", lang), cite_body(view), f"{chart_id}-cite", "chart-cite"),
                ], className="chart-menus d-flex flex-wrap gap-2 mb-2"),
                html.Div(source_line(view.provenance, lang), id=f"{chart_id}-source"),
            ],
            className="card-body",
        ),
        className="card chart-card mb-4" + (" chart-card--demo" if demo else ""),
        id=f"card-{chart_id}",
        **{"aria-labelledby": title_id, "data-demo": "true" if demo else "false", "data-title": view.title},
    )
