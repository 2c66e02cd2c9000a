"""Young people served: unique people against enrolments, by component, by sex or age group."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..i18n import fmt_number, t
from .theme import DEMO_COLOUR, PALETTE, PRIMARY, base_figure, hatch


def _floats(series: pd.Series) -> list:
    return series.astype("Float64").astype(float).tolist()


def youth_served_figure(frame: pd.DataFrame, *, lang: str, **_options) -> go.Figure:
    """Bars of unique people and of enrolments per year; the reported figure as a solid marker."""
    figure = base_figure(lang)
    demo = (frame["status"] == "demo").any()
    figure.add_bar(x=frame["year"].astype(float), y=_floats(frame["people_unique"]), name=t("legend.people_unique", lang),
                   marker=dict(color=PRIMARY, pattern=hatch(PRIMARY) if demo else None), hovertemplate="%{x}: <b>%{y:,}</b><extra></extra>")
    figure.add_bar(x=frame["year"].astype(float), y=_floats(frame["enrolments"]), name=t("legend.enrolments", lang),
                   marker=dict(color=PALETTE[1], pattern=hatch(PALETTE[1]) if demo else None), hovertemplate="%{x}: <b>%{y:,}</b><extra></extra>")
    reported = frame.dropna(subset=["reported_people_min"])
    if not reported.empty:
        figure.add_scatter(x=reported["year"].astype(float), y=_floats(reported["reported_people_min"]), mode="markers+text",
                           name=t("legend.reported_youth", lang),
                           text=[t("chart.youth_served.more_than", lang, n=fmt_number(v, lang)) for v in reported["reported_people_min"]],
                           textposition="top center", marker=dict(symbol="diamond", size=14, color="#000000"),
                           hovertemplate="%{x}: > %{y:,}<extra></extra>")
    figure.update_layout(barmode="group", xaxis_title=t("axis.year", lang), yaxis_title=t("axis.people", lang), xaxis=dict(dtick=1))
    return figure


def youth_stacked_figure(frame: pd.DataFrame, *, lang: str, value: str, category: str, demo: bool, **_options) -> go.Figure:
    """Stacked bars per year by `category` (component, sex or age group); suppressed cells left out."""
    figure = base_figure(lang)
    for index, (name, rows) in enumerate(frame.groupby(category, sort=False)):
        label = t(f"category.{name}", lang)
        figure.add_bar(x=rows["year"].astype(float), y=_floats(rows[value]), name=label,
                       marker=dict(color=PALETTE[index % len(PALETTE)], pattern=hatch(PALETTE[index % len(PALETTE)]) if demo else None),
                       hovertemplate=f"{label} %{{x}}: <b>%{{y:,}}</b><extra></extra>")
    if frame["suppressed"].any():
        figure.add_scatter(x=[None], y=[None], mode="markers", name=t("legend.suppressed", lang),
                           marker=dict(symbol="square-open", color=DEMO_COLOUR, size=10), hoverinfo="skip")
    figure.update_layout(barmode="stack", xaxis_title=t("axis.year", lang), xaxis=dict(dtick=1),
                         yaxis_title=t("axis.enrolments" if value == "enrolments" else "axis.people", lang))
    return figure


def youth_enrolments_figure(frame: pd.DataFrame, *, lang: str, **_options) -> go.Figure:
    return youth_stacked_figure(frame, lang=lang, value="enrolments", category="component", demo=bool((frame["status"] == "demo").any()))


def youth_people_figure(frame: pd.DataFrame, *, lang: str, **_options) -> go.Figure:
    return youth_stacked_figure(frame, lang=lang, value="people", category="category", demo=bool((frame["status"] == "demo").any()))
