"""The chart card: a renderer over one ChartView — title, demonstration badge, takeaway,
controls, graph, table of the plotted rows, downloads, permalink and the source line."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from ..charts import Provenance
from ..i18n import t
from ..views import ChartView
from ..views.text import cell_text, column_label, is_number
from .bootstrap import badge

GRAPH_CONFIG = {
    "displaylogo": False,
    "showSendToCloud": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d"],
}


def source_titles(view: ChartView):
    """name -> title in the view's language, for the table's `source` column."""
    titles = {s.name: s.title for s in view.provenance.sources}
    return lambda name: titles.get(name, name)


def data_table(view: ChartView, *, caption: str | None = None, table_id: str | None = None, **_kwargs: Any) -> html.Table:
    """An accessible HTML table of exactly the view's rows: caption, column headers with scope,
    codes and sources in words."""
    frame, lang, decimals = view.frame, view.lang, view.spec.decimals
    titles = source_titles(view)
    header = html.Thead(html.Tr([html.Th(column_label(c, lang), scope="col") for c in frame.columns]))
    rows = []
    for record in frame.itertuples(index=False):
        cells = []
        for column, value in zip(frame.columns, record):
            text = cell_text(column, value, lang, decimals.get(column, 0), titles)
            if column.endswith("_url") and text:
                cells.append(html.Td(html.A(text, href=text, rel="noopener")))
            else:
                cells.append(html.Td(text, className="num" if is_number(value) else None, **{"data-column": column}))
        rows.append(html.Tr(cells, **({"data-status": str(getattr(record, "status"))} if "status" in frame.columns else {})))
    return html.Table(
        [html.Caption(caption or t("card.table_caption", lang, title=view.title)), header, html.Tbody(rows)],
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
    return badge(t("demo.badge", view.lang) if p.all_demo else t("demo.badge_some", view.lang), color="warning",
                 className="demo-badge mb-2")


def download_id(chart_id: str, fmt: str) -> str:
    """The CSV link keeps the id it always had; the others add their format."""
    return f"download-{chart_id}" if fmt == "csv" else f"download-{chart_id}-{fmt}"


def chart_card(view: ChartView, *, controls: list[Any] | None = None, table: Any = None) -> html.Section:
    """One chart, its data and its provenance, as a card. A callback replaces the takeaway,
    figure, table and download links when a control changes (pages/callbacks.py)."""
    chart_id, lang, demo = view.chart_id, view.lang, view.provenance.demo
    title_id = f"{chart_id}-title"
    header: list[Any] = [html.H2(view.title, id=title_id, className="h5 card-title mb-1")]
    header.append(html.Div(demo_mark(view), id=f"{chart_id}-demo"))
    return html.Section(
        html.Div(
            header
            + [
                html.P(view.takeaway, className="chart-takeaway", id=f"{chart_id}-takeaway"),
                html.Div(controls or [], className="chart-controls d-flex flex-wrap gap-3 mb-2"),
                # A figure named by the card's title and described by its computed takeaway: what
                # a screen reader announces for the chart (its numbers are in the table below).
                html.Div(
                    dcc.Graph(id=f"graph-{chart_id}", figure=view.figure, config={**GRAPH_CONFIG, "locale": lang}, className="chart-graph"),
                    role="figure",
                    id=f"figure-{chart_id}",
                    **{"aria-labelledby": title_id, "aria-describedby": f"{chart_id}-takeaway"},
                ),
                html.Details(
                    [
                        html.Summary(t("card.table_show", lang)),
                        html.Div(table if table is not None else data_table(view), className="table-responsive",
                                 id=f"table-wrap-{chart_id}"),
                    ],
                    className="chart-table-details",
                    open=view.spec.table_open,
                ),
                html.Div(
                    [html.Span(t("card.download", lang), className="small fw-semibold me-1")] + [
                        html.A(
                            t(f"card.download_{fmt}", lang),
                            href=href,
                            download=f"{chart_id}.{fmt}",
                            className="btn btn-outline-primary btn-sm",
                            id=download_id(chart_id, fmt),
                            title=t(f"card.download_{fmt}_label", lang),
                        )
                        for fmt, href in view.urls.downloads.items()
                    ] + [html.A(t("card.permalink", lang), href=view.urls.page, id=f"{chart_id}-permalink", className="small ms-2",
                                title=t("card.permalink_label", lang))],
                    className="chart-actions d-flex flex-wrap align-items-center gap-2 my-2",
                ),
                html.Div(source_line(view.provenance, lang), id=f"{chart_id}-source"),
            ],
            className="card-body",
        ),
        className="card chart-card mb-4" + (" chart-card--demo" if demo else ""),
        id=f"card-{chart_id}",
        **{"aria-labelledby": title_id, "data-demo": "true" if demo else "false", "data-title": view.title},
    )

