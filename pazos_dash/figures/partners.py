"""Partner contributions: by sector and component, execution, and the sector -> component flow."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..i18n import t
from ..domain import COMPONENTS, SECTORS
from .theme import COMPONENT_COLOURS, NARROW, PALETTE, SECTOR_COLOURS, WIDE, base_figure, hatch, wrap, year_axis


def _demo(frame: pd.DataFrame) -> bool:
    return bool((frame["status"] == "demo").any())



def _millions(series: pd.Series) -> list[float]:
    return (series.astype(float) / 1e6).round(1).tolist()


def resources_by_sector_figure(frame: pd.DataFrame, *, lang: str, measure: str = "executed", width: str = WIDE,
                               **_options) -> go.Figure:
    """Stacked bars per year by sector, in millions of COP (committed or executed)."""
    figure = base_figure(lang, width)
    column = f"{measure}_cop"
    for sector in SECTORS:
        rows = frame[frame["sector"] == sector]
        if rows.empty:
            continue
        label = t(f"category.{sector}", lang)
        colour = SECTOR_COLOURS[sector]
        figure.add_bar(x=rows["year"].astype(float), y=_millions(rows[column]), name=label,
                       marker=dict(color=colour, pattern=hatch(colour) if _demo(frame) else None),
                       hovertemplate=f"{label} %{{x}}: <b>%{{y:,.1f}}</b> M COP<extra></extra>")
    figure.update_layout(barmode="stack", yaxis_title=t("axis.cop_millions", lang))
    year_axis(figure, frame["year"], width, dtick=1, lang=lang)
    return figure


def resources_by_component_figure(frame: pd.DataFrame, *, lang: str, width: str = WIDE, **_options) -> go.Figure:
    """Committed against executed per component, all years together, in millions of COP."""
    figure = base_figure(lang, width)
    totals = frame.groupby("component", sort=False)[["committed_cop", "executed_cop"]].sum().reindex(list(COMPONENTS)).dropna()
    labels = [wrap(t(f"category.{c}", lang), 12) if width == NARROW else t(f"category.{c}", lang) for c in totals.index]
    for index, column in enumerate(("committed_cop", "executed_cop")):
        figure.add_bar(y=labels, x=_millions(totals[column]), orientation="h", name=t(f"legend.{column}", lang),
                       marker=dict(color=PALETTE[index], pattern=hatch(PALETTE[index]) if _demo(frame) else None),
                       hovertemplate="%{y}: <b>%{x:,.1f}</b> M COP<extra></extra>")
    figure.update_layout(barmode="group", xaxis_title=t("axis.cop_millions", lang),
                         yaxis=dict(autorange="reversed", automargin=True, rangemode="normal"), xaxis=dict(showgrid=True))
    return figure


def leverage_ticks(values: pd.Series) -> dict[str, object]:
    """Ticks of the leverage axis at a step its one-decimal labels show exactly (0,0 0,2 0,4 …,
    never 0,0 0,2 0,3 0,5 for plotly's step of 0,25), over a range from zero to just above the data."""
    import math

    top = float(pd.to_numeric(values, errors="coerce").max()) if len(values) else 0.0
    top = top if math.isfinite(top) and top > 0 else 1.0
    step = next(s for s in (0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, float("inf")) if top / s <= 6)
    step = step if math.isfinite(step) else 10 ** math.ceil(math.log10(top / 6))
    return {"range": [0, math.ceil(top * 1.05 / step) * step], "tick0": 0, "dtick": step}


def budget_execution_figure(frame: pd.DataFrame, *, lang: str, width: str = WIDE, **_options) -> go.Figure:
    """Execution rate per year (bars) and external pesos per municipal peso (line, right axis)."""
    figure = base_figure(lang, width)
    figure.add_bar(x=frame["year"].astype(float), y=frame["execution_rate_pct"].astype(float), name=t("legend.execution_rate", lang),
                   marker=dict(color=PALETTE[2], pattern=hatch(PALETTE[2]) if _demo(frame) else None), hovertemplate="%{x}: <b>%{y:.1f} %</b><extra></extra>")
    figure.add_scatter(x=frame["year"].astype(float), y=frame["leverage"].astype(float), name=t("legend.leverage", lang),
                       yaxis="y2", mode="lines+markers", line=dict(color=PALETTE[5], width=3, dash="dash"),
                       hovertemplate="%{x}: <b>%{y:.2f}</b><extra></extra>")
    # Each axis makes room for its own ticks and title (automargin): the right title never sits on "0,8".
    figure.update_layout(
        yaxis=dict(title=t("axis.execution_pct", lang), range=[0, 105], automargin=True),
        yaxis2=dict(title=dict(text=t("axis.leverage", lang), standoff=8), overlaying="y", side="right",
                    showgrid=False, automargin=True, tickformat=".1f", fixedrange=width == NARROW, **leverage_ticks(frame["leverage"])),
    )
    year_axis(figure, frame["year"], width, dtick=1, lang=lang)
    return figure


def resources_flow_figure(frame: pd.DataFrame, *, lang: str, width: str = WIDE, **_options) -> go.Figure:
    """Sankey: executed resources flowing from each sector to each component. Sectors and
    components have their colours of every other chart (theme.SECTOR_COLOURS, COMPONENT_COLOURS)."""
    sectors = [s for s in SECTORS if s in set(frame["sector"])]
    components = [c for c in COMPONENTS if c in set(frame["component"])]
    nodes = [t(f"category.{n}", lang) for n in (*sectors, *components)]
    if width == NARROW:
        nodes = [wrap(n, 14) for n in nodes]
    index = {name: i for i, name in enumerate((*sectors, *components))}
    figure = base_figure(lang, width)
    figure.add_trace(go.Sankey(
        node=dict(label=nodes, color=[SECTOR_COLOURS[s] for s in sectors] + [COMPONENT_COLOURS[c] for c in components],
                  pad=14, thickness=16),
        link=dict(source=[index[s] for s in frame["sector"]], target=[index[c] for c in frame["component"]],
                  value=_millions(frame["executed_cop"]), color="rgba(108, 117, 125, 0.35)",
                  hovertemplate="%{source.label} → %{target.label}: <b>%{value:,.1f}</b> M COP<extra></extra>"),
    ))
    figure.update_layout(margin=dict(l=8, r=8, t=24, b=8))
    return figure
