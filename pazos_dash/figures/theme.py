"""The shared look of every chart: system fonts (nothing fetched), a colour-blind-safe palette."""

from __future__ import annotations

import plotly.graph_objects as go

from ..i18n import plotly_separators, t

# Okabe & Ito (2008): distinguishable under the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
PRIMARY = PALETTE[0]
DEMO_COLOUR = "#6c757d"
PERIOD_FILL = "rgba(0, 158, 115, 0.12)"
FONT_STACK = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'

TEMPLATE = go.layout.Template(
    layout=dict(
        font=dict(family=FONT_STACK, size=14, color="#212529"),
        colorway=list(PALETTE),
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin=dict(l=56, r=16, t=24, b=48),
        hoverlabel=dict(font=dict(family=FONT_STACK)),
        xaxis=dict(showgrid=False, linecolor="#495057", ticks="outside"),
        yaxis=dict(gridcolor="#dee2e6", zeroline=False, rangemode="tozero"),
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


def base_figure(lang: str) -> go.Figure:
    """An empty figure in the project's style, with the language's number separators."""
    figure = go.Figure()
    figure.update_layout(template=TEMPLATE, separators=plotly_separators(lang))
    return figure


def empty_figure(lang: str) -> go.Figure:
    """A chart with no rows in the years chosen: says so where the lines would be."""
    figure = base_figure(lang)
    figure.add_annotation(text=t("card.no_rows", lang), showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5,
                          font=dict(size=16, color="#495057"), name="no-rows")
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    return figure


def period_band(figure: go.Figure, years, start: int, end: int, **text: object) -> None:
    """Shade the years start..end where they overlap the years shown (a band outside them would
    stretch the axis over years the reader left out)."""
    shown = [int(y) for y in years if y is not None and y == y]
    if not shown or end < min(shown) or start > max(shown):
        return
    figure.add_vrect(x0=max(start, min(shown)) - 0.5, x1=min(end, max(shown)) + 0.5, fillcolor=PERIOD_FILL, line_width=0,
                     layer="below", **text)


def mark_demonstration(figure: go.Figure, lang: str, *, every_row: bool = True) -> go.Figure:
    """Stamp a chart that shows demonstration values so that no screenshot can pass it off as real.

    When every value is demonstration the stamp crosses the chart; when only some are (they are
    drawn hollow, dashed or hatched), a note in the corner says so without covering real figures.
    """
    if every_row:
        figure.add_annotation(
            text=t("demo.watermark", lang),
            xref="paper", yref="paper", x=0.5, y=0.5,
            showarrow=False, textangle=-20,
            font=dict(size=28, color="rgba(108, 117, 125, 0.35)"),
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
