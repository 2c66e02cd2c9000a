"""Cluster figures: residents per PAZOS cluster."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..i18n import t
from .theme import DEMO_COLOUR, PRIMARY, base_figure, mark_demonstration


def cluster_residents_figure(frame: pd.DataFrame, *, lang: str, **_options) -> go.Figure:
    """Horizontal bars of residents per cluster; demonstration rows grey and hatched."""
    figure = base_figure(lang)
    demo = frame["status"] == "demo"
    figure.add_bar(
        y=frame["name"].astype(str),
        x=frame["residents"].astype("float"),
        orientation="h",
        marker=dict(
            color=[DEMO_COLOUR if d else PRIMARY for d in demo],
            pattern=dict(shape=["/" if d else "" for d in demo], fgcolor="white"),
        ),
        customdata=frame[["zone"]].astype(str).map(lambda z: t(f"value.{z}", lang)).to_numpy(),
        hovertemplate="%{y} (%{customdata[0]}): <b>%{x:,}</b><extra></extra>",
        name=t("axis.residents", lang),
    )
    figure.update_layout(
        xaxis_title=t("axis.residents", lang),
        yaxis=dict(autorange="reversed", title=None, rangemode="normal", automargin=True),
        xaxis=dict(showgrid=True, gridcolor="#dee2e6"),
        showlegend=False,
    )
    if demo.any():
        mark_demonstration(figure, lang)
    return figure
