"""SDG alignment: the component x goal matrix in official SDG colours, and indicator 16.1.1."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..i18n import UNIT_DECIMALS, t
from .theme import (NARROW, WIDE, base_figure, mark_census_break, mark_revised, mark_unreliable, status_words, unreliable_flags,
                    wrap, year_axis)

# Official SDG colours (United Nations SDG communications guidelines).
SDG_COLOURS = {1: "#E5243B", 2: "#DDA63A", 3: "#4C9F38", 4: "#C5192D", 8: "#A21942", 10: "#DD1367", 16: "#00689D", 17: "#19486A"}
COMPONENT_ORDER = ("disruption", "intervention", "prevention", "safe_environments", "access_to_justice", "all")


def _cells(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per aligned (component, goal) with its targets in order ("" when the alignment is
    with the goal as a whole)."""
    return (frame.assign(target=frame["target"].fillna("").astype(str))
            .groupby(["component", "goal"], as_index=False, sort=False)["target"].agg(lambda s: [v for v in s if v]))


def _goal(goal: int, lang: str) -> str:
    return f"{goal}. {t(f'sdg.{goal}', lang)}"


def _targets(targets: list[str], lang: str, sep: str) -> str:
    """A cell's targets (one per line in a matrix cell), or the goal as a whole."""
    return sep.join(sorted(targets, key=lambda v: [int(p) if p.isdigit() else p for p in v.split(".")])) or t("sdg.goal_level", lang)


def sdg_matrix_figure(frame: pd.DataFrame, *, lang: str, width: str = WIDE, **_options) -> go.Figure:
    """One coloured square per (component, goal) that is aligned, labelled with its targets, one
    per line (a goal aligned as a whole shows its number). On a narrow screen, where eight goal columns
    cannot fit, the same alignment as a list: each component, then its goals and targets."""
    if width == NARROW:
        return _sdg_list(frame, lang=lang)
    figure = base_figure(lang, width)
    goals = sorted(SDG_COLOURS)
    cells = _cells(frame)
    for goal in goals:
        rows = cells[cells["goal"] == goal]
        if rows.empty:
            continue
        figure.add_scatter(
            x=[_goal(goal, lang)] * len(rows),
            y=[t(f"category.{c}", lang) for c in rows["component"]],
            # A goal aligned as a whole shows its number (its hover says so).
            mode="markers+text", text=[_targets(v, lang, "<br>") if v else str(goal) for v in rows["target"]],
            textfont=dict(color="#212529" if goal == 2 else "white", size=12),  # white on goal 2's ochre is too faint
            marker=dict(symbol="square", size=48, color=SDG_COLOURS[goal]), name=_goal(goal, lang),
            hovertext=[_targets(v, lang, ", ") for v in rows["target"]],
            hovertemplate="%{y} → %{x}: %{hovertext}<extra></extra>", showlegend=False,
        )
    # Goal names wrapped onto level lines under their column; the axes make room for them (automargin).
    figure.update_layout(
        xaxis=dict(categoryorder="array", categoryarray=[_goal(g, lang) for g in goals], tickangle=0, showgrid=False,
                   tickvals=[_goal(g, lang) for g in goals], ticktext=[wrap(_goal(g, lang), 16) for g in goals],
                   tickfont=dict(size=12), automargin=True),
        yaxis=dict(categoryorder="array", categoryarray=[t(f"category.{c}", lang) for c in reversed(COMPONENT_ORDER)],
                   automargin=True, rangemode="normal", showgrid=False),
        margin=dict(l=8, r=8, t=16, b=8), height=500,
    )
    return figure


def _sdg_list(frame: pd.DataFrame, *, lang: str) -> go.Figure:
    """The alignment as a list for a narrow screen: a component's name, then one line per goal it
    serves (a square in the goal's colour with its number, the goal's name and the targets)."""
    figure = base_figure(lang, NARROW)
    cells = _cells(frame)
    headers, squares, lines = [], [], []
    row = 0
    for component in COMPONENT_ORDER:
        rows = cells[cells["component"] == component].sort_values("goal")
        if rows.empty:
            continue
        headers.append((row, t(f"category.{component}", lang)))
        row += 1
        for item in rows.itertuples():
            squares.append((row, int(item.goal), t(f"category.{component}", lang), _targets(item.target, lang, ", ")))
            lines.append((row, wrap(f"{t(f'sdg.{item.goal}', lang)}: {_targets(item.target, lang, ', ')}", 34)))
            row += 1
    figure.add_scatter(x=[-0.45] * len(headers), y=[r for r, _ in headers], text=[f"<b>{h}</b>" for _, h in headers], mode="text",
                       textposition="middle right", textfont=dict(size=13, color="#212529"), hoverinfo="skip", showlegend=False,
                       name="components")
    for goal in sorted({g for _, g, _, _ in squares}):
        mine = [s for s in squares if s[1] == goal]
        figure.add_scatter(x=[0] * len(mine), y=[r for r, *_ in mine], mode="markers+text", text=[str(goal)] * len(mine),
                           textfont=dict(color="#212529" if goal == 2 else "white", size=12),
                           marker=dict(symbol="square", size=26, color=SDG_COLOURS[goal]), name=_goal(goal, lang),
                           customdata=[[c, v] for _, _, c, v in mine],
                           hovertemplate=f"%{{customdata[0]}} → {_goal(goal, lang)}: %{{customdata[1]}}<extra></extra>",
                           showlegend=False)
    figure.add_scatter(x=[0.45] * len(lines), y=[r for r, _ in lines], text=[text for _, text in lines], mode="text",
                       textposition="middle right", textfont=dict(size=12, color="#212529"), hoverinfo="skip", showlegend=False,
                       name="goals")
    figure.update_layout(
        xaxis=dict(visible=False, range=[-0.5, 6], autorange=False, fixedrange=True, automargin=False),
        yaxis=dict(visible=False, range=[row - 0.5, -0.5], autorange=False, fixedrange=True, rangemode="normal", automargin=False),
        margin=dict(l=4, r=4, t=8, b=8), height=40 + 34 * row, showlegend=False,
    )
    return figure


def sdg_16_1_1_figure(frame: pd.DataFrame, *, lang: str, width: str = WIDE, **_options) -> go.Figure:
    """SDG indicator 16.1.1 (homicide rate) for Palmira, in the colour of goal 16."""
    figure = base_figure(lang, width)
    figure.add_scatter(x=frame["year"].astype(float), y=frame["value"].astype(float), mode="lines+markers",
                       name="16.1.1", line=dict(color=SDG_COLOURS[16], width=3), marker=dict(color=SDG_COLOURS[16]),
                       customdata=status_words(frame["status"].fillna(""), lang),
                       hovertemplate="%{x}: <b>%{y:.1f}</b><br>%{customdata[0]}<extra></extra>")
    figure.update_layout(yaxis_title=t("field.rate_per_100k", lang),
                         showlegend=bool(unreliable_flags(frame).any() or ("revised" in frame.columns and frame["revised"].any())))
    year_axis(figure, frame["year"], width, lang=lang)
    mark_census_break(figure, frame["year"], lang)
    mark_unreliable(figure, frame["year"].astype(float), frame["value"], unreliable_flags(frame), lang)
    mark_revised(figure, frame, "year", "value", lang, decimals=UNIT_DECIMALS["per_100k"])
    return figure
