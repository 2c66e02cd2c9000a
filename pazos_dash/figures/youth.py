"""Young people served: unique people against enrolments, by component, by sex or age group."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..i18n import fmt_number, t
from .theme import COMPONENT_COLOURS, DEMO_COLOUR, NARROW, PALETTE, PRIMARY, WIDE, base_figure, hatch, year_axis


def _floats(series: pd.Series) -> list:
    return series.astype("Float64").astype(float).tolist()


def youth_served_figure(frame: pd.DataFrame, *, lang: str, width: str = WIDE, **_options) -> go.Figure:
    """Bars of unique people and of enrolments per year; the reported figure as a solid marker."""
    figure = base_figure(lang, width)
    demo = (frame["status"] == "demo").any()
    figure.add_bar(x=frame["year"].astype(float), y=_floats(frame["people_unique"]), name=t("legend.people_unique", lang),
                   marker=dict(color=PRIMARY, pattern=hatch(PRIMARY) if demo else None), hovertemplate="%{x}: <b>%{y:,}</b><extra></extra>")
    figure.add_bar(x=frame["year"].astype(float), y=_floats(frame["enrolments"]), name=t("legend.enrolments", lang),
                   marker=dict(color=PALETTE[1], pattern=hatch(PALETTE[1]) if demo else None), hovertemplate="%{x}: <b>%{y:,}</b><extra></extra>")
    reported = frame.dropna(subset=["reported_people_min"])
    if not reported.empty:
        said = [t("chart.youth_served.more_than", lang, n=fmt_number(v, lang)) for v in reported["reported_people_min"]]
        # On a phone a label over the bars runs across the neighbouring years' bars: the figure
        # goes into the legend's words instead ("…, 2021: more than 3,000").
        narrow = width == NARROW
        latest = reported.iloc[-1]
        figure.add_scatter(x=reported["year"].astype(float), y=_floats(reported["reported_people_min"]),
                           mode="markers" if narrow else "markers+text",
                           name=t("legend.reported_youth_value", lang, year=int(latest["year"]), n=fmt_number(latest["reported_people_min"], lang))
                           if narrow else t("legend.reported_youth", lang),
                           text=said, textposition="top center", marker=dict(symbol="diamond", size=14, color="#000000"),
                           hovertemplate="%{x}: %{text}<extra></extra>")
    figure.update_layout(barmode="group", yaxis_title=t("axis.people", lang))
    year_axis(figure, frame["year"], width, dtick=1, lang=lang)
    return figure


def youth_stacked_figure(frame: pd.DataFrame, *, lang: str, value: str, category: str, demo: bool, width: str = WIDE,
                         **_options) -> go.Figure:
    """Stacked bars per year by `category` (component, sex or age group); suppressed cells left out.
    A component has its colour of every page (theme.COMPONENT_COLOURS)."""
    figure = base_figure(lang, width)
    for index, (name, rows) in enumerate(frame.groupby(category, sort=False)):
        label = t(f"category.{name}", lang)
        colour = COMPONENT_COLOURS.get(name, PALETTE[index % len(PALETTE)]) if category == "component" else PALETTE[index % len(PALETTE)]
        figure.add_bar(x=rows["year"].astype(float), y=_floats(rows[value]), name=label,
                       marker=dict(color=colour, pattern=hatch(colour) if demo else None),
                       hovertemplate=f"{label} %{{x}}: <b>%{{y:,}}</b><extra></extra>")
    if frame["suppressed"].any():
        figure.add_scatter(x=[None], y=[None], mode="markers", name=t("legend.suppressed", lang),
                           marker=dict(symbol="square-open", color=DEMO_COLOUR, size=10), hoverinfo="skip")
    figure.update_layout(barmode="stack", yaxis_title=t("axis.enrolments" if value == "enrolments" else "axis.people", lang))
    year_axis(figure, frame["year"], width, dtick=1, lang=lang)
    return figure


def youth_enrolments_figure(frame: pd.DataFrame, *, lang: str, width: str = WIDE, **_options) -> go.Figure:
    return youth_stacked_figure(frame, lang=lang, value="enrolments", category="component", demo=bool((frame["status"] == "demo").any()),
                                width=width)


def youth_people_figure(frame: pd.DataFrame, *, lang: str, width: str = WIDE, **_options) -> go.Figure:
    return youth_stacked_figure(frame, lang=lang, value="people", category="category", demo=bool((frame["status"] == "demo").any()),
                                width=width)
