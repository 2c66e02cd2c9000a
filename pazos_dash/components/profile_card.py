"""A cluster's profile (the panel a click on the map opens) as a renderer over its ChartView
(charts.registry `cluster_profile`): the cluster's facts and the map metric's trend, with the
view's sentence, demonstration badge, sources, data and permalink, like every chart."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from ..i18n import cluster_name, fmt_number, t
from ..views import ChartView
from .bootstrap import col, row
from .chart_card import GRAPH_CONFIG, demo_mark, source_line
from .kpi_card import take_away


def profile_body(view: ChartView) -> list[Any]:
    """The profile's children: heading, badge, facts, trend, sentence, sources, data and permalink."""
    lang, facts = view.lang, view.frame.attrs
    metric = str(view.state.options["metric"])
    components = ([html.Li(t(f"category.{c}", lang)) for c in facts.get("components", [])]
                  or [html.Li(t("profile.none", lang))])
    return [
        html.H2(t("profile.heading", lang, name=cluster_name(facts["name"], lang)), className="h5", id="profile-name"),
        html.Div(demo_mark(view)),
        row([
            col([
                html.P([html.Strong(t("profile.residents", lang) + ": "),
                        html.Span(fmt_number(facts["residents"], lang), id="profile-residents")]),
                html.P([html.Strong(t("profile.zone", lang) + ": "), t(f"value.{facts['zone']}", lang)]),
                html.H3(t("profile.components", lang, year=facts.get("components_year") or ""), className="h6"),
                html.Ul(components, id="profile-components"),
                html.H3(t("profile.neighbourhoods", lang, n=len(facts.get("neighbourhoods", []))), className="h6"),
                html.P(", ".join(facts.get("neighbourhoods", [])), className="small", id="profile-neighbourhoods"),
            ], sizes="col-md-5"),
            col([
                html.H3(t("profile.trend", lang, metric=t(f"map.metric.{metric}", lang)), className="h6"),
                dcc.Graph(figure=view.figure, config={**GRAPH_CONFIG, "locale": lang}, id="profile-trend", style={"height": "220px"}),
                html.P(view.takeaway, className="small mb-1", id="profile-takeaway"),
            ], sizes="col-md-7"),
        ]),
        source_line(view.provenance, lang, id="profile-source"),
        take_away(view, "profile"),
    ]
