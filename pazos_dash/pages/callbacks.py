"""Callbacks are glue: a chart's controls -> query + figure builder -> card parts."""

from __future__ import annotations

import dash
from dash import Input, Output, State

from ..charts import CHARTS, ChartSpec
from ..runtime import Runtime
from .base import Links, chart_parts


def _register_chart(app: dash.Dash, runtime: Runtime, router, spec: ChartSpec) -> None:
    names = list(spec.options)

    @app.callback(
        Output(f"graph-{spec.chart_id}", "figure"),
        Output(f"{spec.chart_id}-takeaway", "children"),
        Output(f"table-wrap-{spec.chart_id}", "children"),
        Output(f"download-{spec.chart_id}", "href"),
        *[Input(f"{spec.chart_id}-{name}", "value") for name in names],
        State("page-lang", "data"),
        prevent_initial_call=True,
    )
    def update(*values):
        *selected, lang = values
        lang = lang if lang in ("es", "en") else router.default_lang
        links = Links(lang, router.href, runtime.settings.base_path)
        parts = chart_parts(runtime, spec.chart_id, lang, links, dict(zip(names, selected)))
        return parts["figure"], parts["takeaway"], parts["table"], parts["href"]


def register_callbacks(app: dash.Dash, runtime: Runtime, router) -> None:
    """One callback per chart that has options; charts without options need none."""
    for spec in CHARTS.values():
        if spec.options:
            _register_chart(app, runtime, router, spec)


def register_map_callbacks(app: dash.Dash, runtime: Runtime, router) -> None:
    """The cluster map: a click opens the profile; the play button steps the year slider."""
    from .clusters import profile_panel

    @app.callback(
        Output("cluster-profile", "children"),
        Input("graph-cluster_map", "clickData"),
        Input("cluster_map-metric", "value"),
        State("page-lang", "data"),
        prevent_initial_call=True,
    )
    def show_profile(click, metric, lang):
        lang = lang if lang in ("es", "en") else router.default_lang
        point = (click or {}).get("points", [{}])[0]
        cluster_id = (point.get("customdata") or [None])[0]
        return profile_panel(runtime, cluster_id, CHARTS["cluster_map"].clean({"metric": metric})["metric"], lang)

    # Pure UI state stays in the browser: play/pause and the next year need no server.
    app.clientside_callback(
        "function(n, disabled) { return n ? !disabled : disabled; }",
        Output("cluster_map-timer", "disabled"),
        Input("cluster_map-play", "n_clicks"),
        State("cluster_map-timer", "disabled"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        "function(n, year, low, high) { return year >= high ? low : year + 1; }",
        Output("cluster_map-year", "value"),
        Input("cluster_map-timer", "n_intervals"),
        State("cluster_map-year", "value"),
        State("cluster_map-year", "min"),
        State("cluster_map-year", "max"),
        prevent_initial_call=True,
    )
