"""The indicator scoreboard table: values, a progress bar, the computed status and a sparkline."""

from __future__ import annotations

from urllib.parse import quote

import pandas as pd
from dash import dcc, html

from ..i18n import UNIT_DECIMALS, fmt_number, t
from .bootstrap import badge
from .bootstrap import progress as progress_bar

_BADGE = {"met": "success", "missed": "danger", "on_track": "success", "at_risk": "warning", "off_track": "danger", "no_data": "secondary"}


def sparkline(series: list[tuple[int, float, str]], lang: str, unit: str = "") -> html.Img:
    """A tiny line of the yearly values as an inline SVG image (no script, nothing fetched)."""
    if len(series) < 2:
        return html.Span("—", className="text-body-secondary")
    years = [y for y, _, _ in series]
    values = [v for _, v, _ in series]
    low, high = min(values), max(values)
    width, height, pad = 96, 24, 2
    def point(year, value):
        x = pad + (year - years[0]) / max(years[-1] - years[0], 1) * (width - 2 * pad)
        y = height - pad - (value - low) / ((high - low) or 1) * (height - 2 * pad)
        return f"{x:.1f},{y:.1f}"
    path = " ".join(point(y, v) for y, v in zip(years, values))
    svg = (f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}'>"
           f"<polyline fill='none' stroke='#0B4F8A' stroke-width='1.5' points='{path}'/></svg>")
    decimals = UNIT_DECIMALS.get(unit, 1)  # as the table's values: people whole, rates one decimal
    alt = t("scoreboard.sparkline_alt", lang, start=years[0], first=fmt_number(values[0], lang, decimals),
            end=years[-1], last=fmt_number(values[-1], lang, decimals))
    # Percent-encoded as a URL must be (`<`, `>`, `#`, spaces): the HTML validator refuses the raw ones.
    return html.Img(src="data:image/svg+xml;charset=utf-8," + quote(svg, safe=":/=',."), alt=alt, width=width, height=height)


def _labelled(cell, label: str):
    """A cell that names its column (`data-label`): on a phone each row is a card (assets/pazos.css)."""
    return type(cell)(cell.children, **{k: v for k, v in cell.to_plotly_json()["props"].items() if k != "children"},
                      **{"data-label": label})


def _value(value, year, unit: str, lang: str) -> str:
    if value is None or pd.isna(value):
        return "—"
    text = fmt_number(value, lang, UNIT_DECIMALS.get(unit, 1))
    return f"{text} ({int(year)})" if year is not None and not pd.isna(year) else text


def _graded(r, lang: str) -> list:
    """The value the target is graded with and its year, or why there is none: the target's own
    year has no value (never a later year's value), or the target year is still ahead. A flat
    list of the cell's children (a nested list is not a valid Dash child)."""
    target_year = None if pd.isna(r.target_year) else int(r.target_year)
    note = None if pd.isna(r.graded_note) else str(r.graded_note)
    if note == "no_value_target_year":
        return [html.Span(t("scoreboard.no_value", lang, year=target_year), className="scoreboard-missing")]
    text = _value(r.graded, r.graded_year, r.unit, lang)
    if note == "before_target_year":
        return [text, html.Br(), html.Span(t("scoreboard.pace", lang, year=target_year), className="small text-body-secondary")]
    return [text]


HEADERS = ("indicator", "component", "unit", "baseline", "target", "graded", "progress", "status", "trend")
PROJECTOR_COLUMNS = ("indicator", "graded", "target", "progress", "status")  # a slide: what a room reads from afar


def scoreboard_table(view, *, caption: str | None = None, table_id: str | None = None, rows: slice | None = None,
                     columns: tuple[str, ...] = HEADERS, caption_class: str | None = None, **_kwargs) -> html.Table:
    """The scoreboard over a ChartView: one row per indicator; a demonstration target carries
    `*`, and the table's foot says what `*` means whenever one is shown. `rows` and `columns`
    show a part (a presentation slide)."""
    frame, lang = view.frame, view.lang
    series = frame.attrs.get("series", {})
    if rows is not None:
        frame = frame.iloc[rows]
    caption = caption or t("card.table_caption", lang, title=view.title)
    table_id = table_id or f"table-{view.chart_id}"
    headers = [h for h in HEADERS if h in columns]
    body = []
    for r in frame.itertuples():
        progress = None if pd.isna(r.progress_pct) else float(r.progress_pct)
        bar = (html.Div([progress_bar(progress, color=_BADGE[r.progress_status], label=t("scoreboard.progress", lang),
                                      style={"height": "0.8rem", "minWidth": "5rem"}, className="mb-1"),
                         html.Span(f"{fmt_number(progress, lang, 0)} %", className="small")])
               if progress is not None else html.Span("—"))
        star = {True: " *", False: ""}  # a demonstration value, explained in the table's foot
        cells = dict(zip(HEADERS, [
            html.Th(dcc.Link(getattr(r, f"name_{lang}"), href=view.site.chart("indicator_detail", lang, {"indicator_detail-indicator": r.indicator_id})), scope="row"),
            html.Td(t(f"category.{r.component}", lang)),
            html.Td(t(f"unit.{r.unit}", lang)),
            html.Td(_value(r.baseline, r.baseline_year, r.unit, lang) + star[r.baseline_status == "demo"], className="num"),
            html.Td(_value(r.target, r.target_year, r.unit, lang) + star[r.target_status == "demo"], className="num"),
            html.Td([*_graded(r, lang), star[r.graded_status == "demo"]], className="num", **{"data-column": "graded"}),
            html.Td(bar),
            html.Td(badge(t(f"status.{r.progress_status}", lang), color=_BADGE[r.progress_status]),
                    **{"data-status": r.progress_status}),
            html.Td(sparkline(series.get(r.indicator_id, []), lang, r.unit)),
        ]))
        body.append(html.Tr([_labelled(cells[h], t(f"scoreboard.{h}", lang)) for h in headers], id=f"indicator-row-{r.indicator_id}", **{"data-indicator": r.indicator_id, "data-status": r.status}))
    starred = bool(len(frame)) and frame[["baseline_status", "target_status", "graded_status"]].eq("demo").any().any()
    foot = [html.Tfoot(html.Tr(html.Td(t("scoreboard.demo_target", lang), colSpan=len(headers), className="small scoreboard-note")))] if starred else []
    return html.Table(
        [html.Caption(caption, className=caption_class), html.Thead(html.Tr([html.Th(t(f"scoreboard.{h}", lang), scope="col") for h in headers])),
         html.Tbody(body), *foot],
        className="table table-sm align-middle scoreboard-table", id=table_id,
    )
