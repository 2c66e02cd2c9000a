"""SDG alignment: the component x goal matrix in official SDG colours, and indicator 16.1.1."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..i18n import t
from .theme import base_figure, mark_census_break, mark_revised, mark_unreliable, status_words, unreliable_flags

# Official SDG colours (United Nations SDG communications guidelines).
SDG_COLOURS = {1: "#E5243B", 2: "#DDA63A", 3: "#4C9F38", 4: "#C5192D", 8: "#A21942", 10: "#DD1367", 16: "#00689D", 17: "#19486A"}
COMPONENT_ORDER = ("disruption", "intervention", "prevention", "safe_environments", "access_to_justice", "all")


def sdg_matrix_figure(frame: pd.DataFrame, *, lang: str, **_options) -> go.Figure:
    """One coloured square per (component, goal) that is aligned, labelled with its targets."""
    figure = base_figure(lang)
    goals = sorted(SDG_COLOURS)
    cells = (frame.assign(target=frame["target"].fillna("").astype(str))
             .groupby(["component", "goal"], as_index=False)["target"].agg(lambda s: " ".join(v for v in s if v)))
    for goal in goals:
        rows = cells[cells["goal"] == goal]
        if rows.empty:
            continue
        figure.add_scatter(
            x=[f"{goal}. {t(f'sdg.{goal}', lang)}"] * len(rows),
            y=[t(f"category.{c}", lang) for c in rows["component"]],
            mode="markers+text", text=[v or "·" for v in rows["target"]],
            textfont=dict(color="#212529" if goal == 2 else "white", size=12),  # white on goal 2's ochre is too faint
            marker=dict(symbol="square", size=44, color=SDG_COLOURS[goal]), name=f"{goal}. {t(f'sdg.{goal}', lang)}",
            hovertemplate="%{y} → %{x}: %{text}<extra></extra>", showlegend=False,
        )
    figure.update_layout(
        xaxis=dict(categoryorder="array", categoryarray=[f"{g}. {t(f'sdg.{g}', lang)}" for g in goals], tickangle=-30, showgrid=False),
        yaxis=dict(categoryorder="array", categoryarray=[t(f"category.{c}", lang) for c in reversed(COMPONENT_ORDER)],
                   automargin=True, rangemode="normal", showgrid=False),
        margin=dict(l=8, r=8, t=16, b=8), height=460,
    )
    return figure


def sdg_16_1_1_figure(frame: pd.DataFrame, *, lang: str, **_options) -> go.Figure:
    """SDG indicator 16.1.1 (homicide rate) for Palmira, in the colour of goal 16."""
    figure = base_figure(lang)
    figure.add_scatter(x=frame["year"].astype(float), y=frame["value"].astype(float), mode="lines+markers",
                       name="16.1.1", line=dict(color=SDG_COLOURS[16], width=3), marker=dict(color=SDG_COLOURS[16]),
                       customdata=status_words(frame["status"].fillna(""), lang),
                       hovertemplate="%{x}: <b>%{y:.1f}</b><br>%{customdata[0]}<extra></extra>")
    figure.update_layout(xaxis_title=t("axis.year", lang), yaxis_title=t("field.rate_per_100k", lang), xaxis=dict(dtick=2),
                         showlegend=bool(unreliable_flags(frame).any() or ("revised" in frame.columns and frame["revised"].any())))
    mark_census_break(figure, frame["year"], lang)
    mark_unreliable(figure, frame["year"].astype(float), frame["value"], unreliable_flags(frame), lang)
    mark_revised(figure, frame, "year", "value", lang, decimals=2)
    return figure
