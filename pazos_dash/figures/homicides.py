"""Homicide figures: the annual series for Palmira."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..i18n import t
from .theme import DEMO_COLOUR, PERIOD_FILL, PRIMARY, base_figure, mark_demonstration

PAZOS_START, PAZOS_END = 2020, 2023


def homicides_annual_figure(frame: pd.DataFrame, *, lang: str, measure: str = "homicides") -> go.Figure:
    """Annual homicides (or rate) as a line; demonstration values hollow and dashed; PAZOS years shaded.

    `frame` has columns year, homicides, rate_per_100k, status, source. Missing values stay gaps.
    """
    figure = base_figure(lang)
    figure.add_vrect(
        x0=PAZOS_START - 0.5, x1=PAZOS_END + 0.5, fillcolor=PERIOD_FILL, line_width=0, layer="below",
        annotation_text=t("chart.homicides_annual.pazos_period", lang), annotation_position="top left",
    )
    for status, style in (
        ("reported", dict(line=dict(color=PRIMARY, width=3), marker=dict(size=7, color=PRIMARY))),
        ("demo", dict(line=dict(color=DEMO_COLOUR, width=2, dash="dash"),
                      marker=dict(size=9, color="white", line=dict(color=DEMO_COLOUR, width=2)))),
    ):
        rows = frame[frame["status"] == status]
        if rows.empty:
            continue
        # Reindex on every year so that a year of the other status, or a missing year, is a gap.
        series = frame[["year"]].merge(rows, on="year", how="left")
        figure.add_scatter(
            x=series["year"].astype("float"),
            y=series[measure].astype("float"),
            mode="lines+markers",
            name=t(f"legend.{status}", lang),
            customdata=series[["source"]].fillna("").to_numpy(),
            hovertemplate="%{x}: <b>%{y:,}</b><br>%{customdata[0]}<extra></extra>",
            connectgaps=False,
            **style,
        )
    figure.update_layout(
        xaxis_title=t("axis.year", lang),
        yaxis_title=t(f"field.{measure}", lang),
        showlegend=True,
        xaxis=dict(dtick=2),
    )
    if (frame["status"] == "demo").any():
        mark_demonstration(figure, lang)
    return figure
