"""The chart card every chart uses: title, takeaway, graph, table of the plotted data, CSV, source."""

from __future__ import annotations

from typing import Any, Iterable

import pandas as pd
from dash import dcc, html

from ..charts import licence_list, shows_demonstration_data, source_list
from ..data import Resource
from .bootstrap import badge
from ..i18n import fmt_number, has, t

GRAPH_CONFIG = {
    "displaylogo": False,
    "showSendToCloud": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d"],
}
_TRANSLATED_VALUES = {"status", "zone", "suppressed", "after"}


def cell_text(column: str, value: Any, lang: str, decimals: int = 0) -> str:
    """How a cell reads in the table: numbers in the language's format, codes translated, gaps empty."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    if column in _TRANSLATED_VALUES and has(f"value.{value}", lang):
        return t(f"value.{value}", lang)
    if column in ("category", "component", "sector") and has(f"category.{value}", lang):
        return t(f"category.{value}", lang)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and column != "year":
        return fmt_number(value, lang, decimals)
    return str(value)


def data_table(frame: pd.DataFrame, *, lang: str, caption: str, decimals: dict[str, int], table_id: str) -> html.Table:
    """An accessible HTML table of exactly `frame`: caption, column headers with scope."""
    header = html.Thead(html.Tr([html.Th(t(f"field.{c}", lang) if has(f"field.{c}", lang) else c, scope="col") for c in frame.columns]))
    rows = []
    for record in frame.itertuples(index=False):
        cells = []
        for column, value in zip(frame.columns, record):
            text = cell_text(column, value, lang, decimals.get(column, 0))
            if column.endswith("_url") and text:
                cells.append(html.Td(html.A(text, href=text, rel="noopener")))
            else:
                cells.append(html.Td(text, className="num" if _is_number(value) else None, **{"data-column": column}))
        rows.append(html.Tr(cells))
    return html.Table(
        [html.Caption(caption), header, html.Tbody(rows)],
        className="table table-sm table-striped chart-table",
        id=table_id,
    )


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def source_line(resources: Iterable[Resource], lang: str) -> html.P:
    """'Source: …' with links where the source has one, then the licence."""
    parts: list[Any] = [html.Strong(f"{t('card.source', lang)}: ")]
    for number, (title, path) in enumerate(source_list(resources, lang)):
        source = html.A(title, href=path, rel="noopener") if path.startswith("http") else title
        parts += ["; ", source] if number else [source]
    licences = licence_list(resources)
    if licences:
        parts.append(f". {t('card.licence', lang)}: {', '.join(licences)}.")
    return html.P(parts, className="chart-source small text-body-secondary mb-0")


def download_id(chart_id: str, fmt: str) -> str:
    """The CSV link keeps the id it always had; the others add their format."""
    return f"download-{chart_id}" if fmt == "csv" else f"download-{chart_id}-{fmt}"


def chart_card(
    *,
    chart_id: str,
    title: str,
    takeaway: str,
    figure: dict[str, Any],
    frame: pd.DataFrame,
    resources: list[Resource],
    decimals: dict[str, int],
    downloads: dict[str, str],
    lang: str,
    controls: list[Any] | None = None,
    table: Any = None,
    table_open: bool = False,
    permalink: str | None = None,
) -> html.Section:
    """One chart, its data and its provenance, as a card; demonstration data is badged.

    `controls` (radio groups and the like) sit between the takeaway and the graph; a callback
    replaces the takeaway, figure, table and download link when they change.
    """
    demo = shows_demonstration_data(frame, resources)
    title_id = f"{chart_id}-title"
    header: list[Any] = [html.H2(title, id=title_id, className="h5 card-title mb-1")]
    if demo:
        header.append(badge(t("demo.badge", lang), color="warning", className="demo-badge mb-2"))
    return html.Section(
        html.Div(
            header
            + [
                html.P(takeaway, className="chart-takeaway", id=f"{chart_id}-takeaway"),
                html.Div(controls or [], className="chart-controls d-flex flex-wrap gap-3 mb-2"),
                # A figure named by the card's title and described by its computed takeaway: what
                # a screen reader announces for the chart (its numbers are in the table below).
                html.Div(
                    dcc.Graph(id=f"graph-{chart_id}", figure=figure, config={**GRAPH_CONFIG, "locale": lang}, className="chart-graph"),
                    role="figure",
                    id=f"figure-{chart_id}",
                    **{"aria-labelledby": title_id, "aria-describedby": f"{chart_id}-takeaway"},
                ),
                html.Details(
                    [
                        html.Summary(t("card.table_show", lang)),
                        html.Div(
                            table if table is not None else data_table(
                                frame, lang=lang, caption=t("card.table_caption", lang, title=title),
                                decimals=decimals, table_id=f"table-{chart_id}",
                            ),
                            className="table-responsive",
                            id=f"table-wrap-{chart_id}",
                        ),
                    ],
                    className="chart-table-details",
                    open=table_open,
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
                        for fmt, href in downloads.items()
                    ] + ([html.A(t("card.permalink", lang), href=permalink, id=f"{chart_id}-permalink", className="small ms-2",
                                 title=t("card.permalink_label", lang))] if permalink is not None else []),
                    className="chart-actions d-flex flex-wrap align-items-center gap-2 my-2",
                ),
                source_line(resources, lang),
            ],
            className="card-body",
        ),
        className="card chart-card mb-4" + (" chart-card--demo" if demo else ""),
        id=f"card-{chart_id}",
        **{"aria-labelledby": title_id, "data-demo": "true" if demo else "false"},
    )
