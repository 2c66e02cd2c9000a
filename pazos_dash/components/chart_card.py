"""The chart card every chart uses: title, takeaway, graph, table of the plotted data, CSV, source."""

from __future__ import annotations

from typing import Any, Iterable

import pandas as pd
from dash import dcc, html

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
    sources: list[Any] = []
    licences: list[str] = []
    seen: set[str] = set()
    for resource in resources:
        for source in resource.sources:
            title = source.get("i18n", {}).get(lang, {}).get("title") or source.get("title", "")
            if title in seen:
                continue
            seen.add(title)
            path = source.get("path", "")
            sources.append(html.A(title, href=path, rel="noopener") if path.startswith("http") else title)
        licences += [lic.get("title") or lic.get("name", "") for lic in resource.licenses]
    parts: list[Any] = [html.Strong(f"{t('card.source', lang)}: ")]
    for number, source in enumerate(sources):
        parts += ["; ", source] if number else [source]
    if licences:
        parts.append(f". {t('card.licence', lang)}: {', '.join(dict.fromkeys(licences))}.")
    return html.P(parts, className="chart-source small text-body-secondary mb-0")


def chart_card(
    *,
    chart_id: str,
    title: str,
    takeaway: str,
    figure: dict[str, Any],
    frame: pd.DataFrame,
    resources: list[Resource],
    decimals: dict[str, int],
    download_href: str,
    lang: str,
    controls: list[Any] | None = None,
    table: Any = None,
    table_open: bool = False,
) -> html.Section:
    """One chart, its data and its provenance, as a card; demonstration data is badged.

    `controls` (radio groups and the like) sit between the takeaway and the graph; a callback
    replaces the takeaway, figure, table and download link when they change.
    """
    # Rows that say what they are win over the resource flag: a resource can mix both kinds.
    demo = bool((frame["status"] == "demo").any()) if "status" in frame else any(r.demo for r in resources)
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
                dcc.Graph(id=f"graph-{chart_id}", figure=figure, config={**GRAPH_CONFIG, "locale": lang}, className="chart-graph"),
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
                    html.A(
                        t("card.download_csv", lang),
                        href=download_href,
                        download=f"{chart_id}.csv",
                        className="btn btn-outline-primary btn-sm",
                        id=f"download-{chart_id}",
                        title=t("card.download_label", lang),
                    ),
                    className="chart-actions my-2",
                ),
                source_line(resources, lang),
            ],
            className="card-body",
        ),
        className="card chart-card mb-4" + (" chart-card--demo" if demo else ""),
        id=f"card-{chart_id}",
        **{"aria-labelledby": title_id, "data-demo": "true" if demo else "false"},
    )
