"""The shared look of every chart: system fonts (nothing fetched), a colour-blind-safe palette."""

from __future__ import annotations

from typing import Sequence

import pandas as pd
import plotly.graph_objects as go

from ..domain import CENSUS_BREAK, COMPONENTS, SECTORS, SMALL_COUNT
from ..i18n import fmt_number, plotly_separators, t

# Okabe & Ito (2008): distinguishable under the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
PRIMARY = PALETTE[0]
# One colour per component and per sector, wherever they are drawn (the youth enrolments, the
# partners' sectors, the Sankey): a reader who learnt "prevention is green" on one page reads it
# so on every page.
COMPONENT_COLOURS = {component: PALETTE[i] for i, component in enumerate(COMPONENTS)}
SECTOR_COLOURS = {sector: PALETTE[i] for i, sector in enumerate(SECTORS)}
DEMO_COLOUR = "#6c757d"
PERIOD_FILL = "rgba(0, 158, 115, 0.12)"
REVISED_COLOUR = "#D55E00"
CENSUS_BREAK_NAME = "census-break"  # the name of the break's line, which the tests look for
FONT_STACK = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'

TEMPLATE = go.layout.Template(
    layout=dict(
        font=dict(family=FONT_STACK, size=14, color="#212529"),
        colorway=list(PALETTE),
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin=dict(l=56, r=16, t=24, b=48),
        hoverlabel=dict(font=dict(family=FONT_STACK)),
        # Axes make room for their tick labels and titles (automargin), whatever the font size
        # (a projector's is larger): a title never sits on its ticks.
        xaxis=dict(showgrid=False, linecolor="#495057", ticks="outside", automargin=True),
        yaxis=dict(gridcolor="#dee2e6", zeroline=False, rangemode="tozero", automargin=True),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0),
    )
)


# How a value looks by its status: reported solid; preliminary hollow in the same colour (it will
# be revised); demonstration grey, dashed and hollow (no public figure exists).
STATUS_STYLES = {
    "reported": dict(line=dict(color=PRIMARY, width=3), marker=dict(size=7, color=PRIMARY)),
    "preliminary": dict(line=dict(color=PRIMARY, width=2, dash="dot"), marker=dict(size=10, color="white", line=dict(color=PRIMARY, width=2))),
    "demo": dict(line=dict(color=DEMO_COLOUR, width=2, dash="dash"), marker=dict(size=9, color="white", line=dict(color=DEMO_COLOUR, width=2))),
}


def status_words(statuses, lang: str) -> list[list[str]]:
    """Each row's status in words, for hover labels (the sources are named under every chart)."""
    return [[t(f"value.{status}", lang) if status else ""] for status in statuses]


def hatch(colour: str) -> dict:
    """The diagonal hatch that marks demonstration bars. The background colour is explicit:
    with one pattern for a whole trace, plotly.js otherwise leaves the bar transparent."""
    return dict(shape="/", fgcolor="white", bgcolor=colour, fillmode="replace")


# The width class a figure is drawn for: "wide" (a desktop, a projector, the default) or "narrow"
# (a phone: under 576 px, or a touch screen under 1024 px). The browser says which
# (assets/clientside.js `widthClass`); builders receive it as the option `width`, never read it.
WIDE, NARROW = "wide", "narrow"
WIDTHS = (WIDE, NARROW)

# On a narrow screen: smaller type and margins, the legend below the plot (the tool bar is hidden
# there, and a legend above wraps into it), and no drag-zoom: a vertical swipe over a chart
# scrolls the page instead of zooming it (dragmode off and every axis fixed).
NARROW_LAYOUT = dict(
    font=dict(size=12),
    margin=dict(l=44, r=8, t=28, b=8),
    legend=dict(orientation="h", yref="container", yanchor="bottom", y=0, xanchor="left", x=0, font=dict(size=12)),
    dragmode=False,
    xaxis=dict(fixedrange=True, automargin=True, title=dict(standoff=6)),
    yaxis=dict(fixedrange=True, automargin=True, title=dict(standoff=6)),
)


def clean_width(width: object) -> str:
    """A width class from the browser: anything but "narrow" is the wide default."""
    return NARROW if width == NARROW else WIDE


def base_figure(lang: str, width: str = WIDE) -> go.Figure:
    """An empty figure in the project's style, with the language's number separators, laid out
    for the width class."""
    figure = go.Figure()
    figure.update_layout(template=TEMPLATE, separators=plotly_separators(lang))
    if width == NARROW:
        figure.update_layout(**NARROW_LAYOUT)
    return figure


def year_ticks(first: int, last: int, width: str, wide: int = 2) -> int:
    """Years between two ticks: `wide` on a wide screen; on a narrow one the least of 1, 2, 5
    or 10 that leaves six labels at most (every 5 years for a twenty-year series)."""
    if width != NARROW:
        return wide
    return next(step for step in (1, 2, 5, 10, 20) if (last - first) // step + 1 <= 6)


def year_axis(figure: go.Figure, years, width: str, *, dtick: int = 2, title: bool = True, lang: str = "es") -> None:
    """A year axis over exactly the years shown, half a year of padding each side: the range is
    fixed from the data, so nothing drawn beside it (a band's label, a note) can stretch it over
    years without data. Ticks every `dtick` years (fewer on a narrow screen, and level there)."""
    shown = sorted({int(y) for y in years if y is not None and y == y})
    if not shown:
        return
    step = year_ticks(shown[0], shown[-1], width, dtick)
    figure.update_xaxes(range=[shown[0] - 0.5, shown[-1] + 0.5], autorange=False, dtick=step, tick0=0, tickformat="d",
                        title_text=t("axis.year", lang) if title else None)
    if width == NARROW:  # few enough labels to stand level (a slanted label runs into the axis title)
        figure.update_xaxes(tickangle=0)


def wrap(text: str, width: int) -> str:
    """A label broken into lines of about `width` characters (plotly's <br>), at spaces."""
    lines: list[str] = []
    for word in str(text).split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def empty_figure(lang: str, width: str = WIDE) -> go.Figure:
    """A chart with no rows in the years chosen: says so where the lines would be."""
    figure = base_figure(lang, width)
    figure.add_annotation(text=t("card.no_rows", lang), showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5,
                          font=dict(size=16, color="#495057"), name="no-rows")
    figure.update_xaxes(visible=False, automargin=False)
    figure.update_yaxes(visible=False, automargin=False)
    return figure


def period_band(figure: go.Figure, years, start: int, end: int, **text: object) -> None:
    """Shade the years start..end where they overlap the years shown (a band outside them would
    stretch the axis over years the reader left out)."""
    shown = [int(y) for y in years if y is not None and y == y]
    if not shown or end < min(shown) or start > max(shown):
        return
    figure.add_vrect(x0=max(start, min(shown)) - 0.5, x1=min(end, max(shown)) + 0.5, fillcolor=PERIOD_FILL, line_width=0,
                     layer="below", **text)


def mark_demonstration(figure: go.Figure, lang: str, *, every_row: bool = True, width: str = WIDE) -> go.Figure:
    """Stamp a chart that shows demonstration values so that no screenshot can pass it off as real.

    When every value is demonstration the stamp crosses the chart; when only some are (they are
    drawn hollow, dashed or hatched), a note in the corner says so without covering real figures.
    """
    if every_row:
        figure.add_annotation(
            text=t("demo.watermark", lang),
            xref="paper", yref="paper", x=0.5, y=0.5,
            showarrow=False, textangle=-20,
            font=dict(size=20 if width == NARROW else 28, color="rgba(108, 117, 125, 0.35)"),
            name="demo-watermark",
        )
    else:
        figure.add_annotation(
            text=t("demo.watermark_some", lang),
            xref="paper", yref="paper", x=1, y=1, xanchor="right", yanchor="bottom",
            showarrow=False, font=dict(size=12, color="#495057"), bgcolor="rgba(255, 243, 205, 0.9)",
            name="demo-watermark",
        )
    return figure


def hold_x_range(figure: go.Figure) -> go.Figure:
    """Fix the x axis on the data drawn so far, half a step either side. Plotly widens an
    autoranged axis until every label placed in data coordinates fits inside it (the census
    break's, the PAZOS band's): on a phone a 2003–2024 axis grew to 2047, the lines squeezed into
    its left half. Call it once the traces are drawn."""
    if figure.layout.xaxis.type == "category":
        categories = list(dict.fromkeys(str(x) for trace in figure.data for x in (trace.x if trace.x is not None else ()) if x is not None))
        if categories:
            figure.update_xaxes(range=[-0.5, len(categories) - 0.5])
        return figure
    xs = pd.to_numeric(pd.Series([x for trace in figure.data for x in (trace.x if trace.x is not None else ())], dtype=object),
                       errors="coerce").dropna()
    if len(xs):
        figure.update_xaxes(range=[float(xs.min()) - 0.5, float(xs.max()) + 0.5])
    return figure


def mark_census_break(figure: go.Figure, years: Sequence[object], lang: str, *, category_axis: bool = False) -> go.Figure:
    """The 2018 census-base break on a rate chart whose years straddle it: part of that year's
    fall in the rate is DANE's new denominator, not fewer homicides. Every rate chart calls
    this (comparisons, indicators, SDG 16.1.1 and the slides, which reuse the figures)."""
    known = sorted({int(y) for y in years if y is not None and not pd.isna(y)})
    if not known or not (known[0] < CENSUS_BREAK <= known[-1]):
        return figure
    if category_axis:  # categories: the line goes between the last year before and the break year
        before = [str(y) for y in known if y < CENSUS_BREAK]
        x = len(before) - 0.5
    else:
        x = CENSUS_BREAK - 0.5
    figure.add_vline(x=x, line=dict(color="#6c757d", dash="dot", width=1), name=CENSUS_BREAK_NAME,
                     annotation=dict(text=t("chart.census_break", lang), name=CENSUS_BREAK_NAME, font=dict(size=11)),
                     annotation_position="bottom left")  # towards the earlier years: room on a phone
    return hold_x_range(figure)


def unreliable_flags(frame: pd.DataFrame) -> pd.Series:
    """The frame's `unreliable_rate` flags (all false for a frame that has none)."""
    if "unreliable_rate" not in frame.columns:
        return pd.Series(False, index=frame.index)
    return frame["unreliable_rate"].fillna(False).astype(bool)


def mark_unreliable(figure: go.Figure, x: pd.Series, y: pd.Series, flags: pd.Series, lang: str, *, colour: str = "#000000") -> go.Figure:
    """Each rate from fewer than SMALL_COUNT events drawn hollow, with its own legend entry."""
    flags = flags.fillna(False).astype(bool).to_numpy()
    if not flags.any():
        return figure
    figure.add_scatter(x=list(pd.Series(x)[flags]), y=list(pd.Series(y).astype(float)[flags]), mode="markers",
                       name=t("legend.unreliable_rate", lang, n=SMALL_COUNT), legendgroup="unreliable",
                       marker=dict(symbol="circle", size=12, color="white", line=dict(color=colour, width=2)),
                       hovertemplate="%{x}: <b>%{y:,.1f}</b> (" + t("legend.unreliable_rate", lang, n=SMALL_COUNT) + ")<extra></extra>",
                       meta={"unreliable": True})
    return figure


def mark_revised(figure: go.Figure, frame: pd.DataFrame, x: str, column: str, lang: str, decimals: int = 0) -> go.Figure:
    """A ring around each value of `column` revised in the last release; hover says from what."""
    before = f"{column}_revised_from"
    if "revised" not in frame.columns or column not in frame.columns:
        return figure
    rows = frame[frame["revised"].fillna(False).astype(bool) & frame[column].notna()]
    if before in frame.columns:
        rows = rows[rows[before].notna()]
    else:
        return figure
    if rows.empty:
        return figure
    was = [t("legend.revised_from", lang, value=fmt_number(v, lang, decimals)) for v in rows[before]]
    figure.add_scatter(x=rows[x].astype(float).tolist(), y=rows[column].astype(float).tolist(), mode="markers", name=t("legend.revised", lang),
                       marker=dict(symbol="diamond-open", size=18, color=REVISED_COLOUR, line=dict(width=3)),
                       customdata=[[w] for w in was], hovertemplate="%{x}: <b>%{y:,}</b><br>%{customdata[0]}<extra></extra>",
                       meta={"revised": True})
    return figure
