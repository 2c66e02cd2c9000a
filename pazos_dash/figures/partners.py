"""Partner contributions: by sector and component, execution, and the sector -> component flow."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..i18n import t
from .theme import PALETTE, base_figure, hatch

SECTORS = ("public", "private", "international_cooperation", "foundation", "academia")
COMPONENTS = ("disruption", "intervention", "prevention", "safe_environments", "access_to_justice")


def _demo(frame: pd.DataFrame) -> bool:
    return bool((frame["status"] == "demo").any())



def _millions(series: pd.Series) -> list[float]:
    return (series.astype(float) / 1e6).round(1).tolist()


def resources_by_sector_figure(frame: pd.DataFrame, *, lang: str, measure: str = "executed", **_options) -> go.Figure:
    """Stacked bars per year by sector, in millions of COP (committed or executed)."""
    figure = base_figure(lang)
    column = f"{measure}_cop"
    for index, sector in enumerate(SECTORS):
        rows = frame[frame["sector"] == sector]
        if rows.empty:
            continue
        label = t(f"category.{sector}", lang)
        figure.add_bar(x=rows["year"].astype(float), y=_millions(rows[column]), name=label,
                       marker=dict(color=PALETTE[index], pattern=hatch(PALETTE[index]) if _demo(frame) else None),
                       hovertemplate=f"{label} %{{x}}: <b>%{{y:,.1f}}</b> M COP<extra></extra>")
    figure.update_layout(barmode="stack", xaxis_title=t("axis.year", lang), yaxis_title=t("axis.cop_millions", lang), xaxis=dict(dtick=1))
    return figure


def resources_by_component_figure(frame: pd.DataFrame, *, lang: str, **_options) -> go.Figure:
    """Committed against executed per component, all years together, in millions of COP."""
    figure = base_figure(lang)
    totals = frame.groupby("component", sort=False)[["committed_cop", "executed_cop"]].sum().reindex(list(COMPONENTS)).dropna()
    labels = [t(f"category.{c}", lang) for c in totals.index]
    for index, column in enumerate(("committed_cop", "executed_cop")):
        figure.add_bar(y=labels, x=_millions(totals[column]), orientation="h", name=t(f"legend.{column}", lang),
                       marker=dict(color=PALETTE[index], pattern=hatch(PALETTE[index]) if _demo(frame) else None),
                       hovertemplate="%{y}: <b>%{x:,.1f}</b> M COP<extra></extra>")
    figure.update_layout(barmode="group", xaxis_title=t("axis.cop_millions", lang),
                         yaxis=dict(autorange="reversed", automargin=True, rangemode="normal"), xaxis=dict(showgrid=True))
    return figure


def budget_execution_figure(frame: pd.DataFrame, *, lang: str, **_options) -> go.Figure:
    """Execution rate per year (bars) and external pesos per municipal peso (line, right axis)."""
    figure = base_figure(lang)
    figure.add_bar(x=frame["year"].astype(float), y=frame["execution_rate_pct"].astype(float), name=t("legend.execution_rate", lang),
                   marker=dict(color=PALETTE[2], pattern=hatch(PALETTE[2]) if _demo(frame) else None), hovertemplate="%{x}: <b>%{y:.1f} %</b><extra></extra>")
    figure.add_scatter(x=frame["year"].astype(float), y=frame["leverage"].astype(float), name=t("legend.leverage", lang),
                       yaxis="y2", mode="lines+markers", line=dict(color=PALETTE[5], width=3, dash="dash"),
                       hovertemplate="%{x}: <b>%{y:.2f}</b><extra></extra>")
    figure.update_layout(
        xaxis_title=t("axis.year", lang), xaxis=dict(dtick=1),
        yaxis=dict(title=t("axis.execution_pct", lang), range=[0, 105]),
        yaxis2=dict(title=t("axis.leverage", lang), overlaying="y", side="right", rangemode="tozero", showgrid=False),
    )
    return figure


def resources_flow_figure(frame: pd.DataFrame, *, lang: str, **_options) -> go.Figure:
    """Sankey: executed resources flowing from each sector to each component."""
    sectors = [s for s in SECTORS if s in set(frame["sector"])]
    components = [c for c in COMPONENTS if c in set(frame["component"])]
    nodes = [t(f"category.{n}", lang) for n in (*sectors, *components)]
    index = {name: i for i, name in enumerate((*sectors, *components))}
    figure = base_figure(lang)
    figure.add_trace(go.Sankey(
        node=dict(label=nodes, color=[PALETTE[i % len(PALETTE)] for i in range(len(nodes))], pad=14, thickness=16),
        link=dict(source=[index[s] for s in frame["sector"]], target=[index[c] for c in frame["component"]],
                  value=_millions(frame["executed_cop"]), color="rgba(108, 117, 125, 0.35)",
                  hovertemplate="%{source.label} → %{target.label}: <b>%{value:,.1f}</b> M COP<extra></extra>"),
    ))
    figure.update_layout(margin=dict(l=8, r=8, t=24, b=8))
    return figure
