"""Callbacks are glue: a chart's controls -> query + figure builder -> card parts."""

from __future__ import annotations

import json

import dash
from dash import Input, Output, State

from ..charts import CHARTS, ChartSpec
from ..runtime import Runtime
from ..components.chart_card import download_id
from .base import DOWNLOAD_FORMATS, Links, chart_parts


def _register_chart(app: dash.Dash, runtime: Runtime, router, spec: ChartSpec) -> None:
    names = list(spec.options)

    @app.callback(
        Output(f"graph-{spec.chart_id}", "figure"),
        Output(f"{spec.chart_id}-takeaway", "children"),
        Output(f"table-wrap-{spec.chart_id}", "children"),
        *[Output(download_id(spec.chart_id, fmt), "href") for fmt in DOWNLOAD_FORMATS],
        *[Input(f"{spec.chart_id}-{name}", "value") for name in names],
        State("page-lang", "data"),
        prevent_initial_call=True,
    )
    def update(*values):
        *selected, lang = values
        lang = lang if lang in ("es", "en") else router.default_lang
        links = Links(lang, router.href, runtime.settings.base_path)
        parts = chart_parts(runtime, spec.chart_id, lang, links, dict(zip(names, selected)))
        return (parts["figure"], parts["takeaway"], parts["table"], *[parts["downloads"][fmt] for fmt in DOWNLOAD_FORMATS])


# The selection lives in the address: each change is written to the query string (replaceState:
# no reload, no new history entry), into the card's permalink and into the language switch, so a
# copied address, a bookmark or the other language opens the same view.
_KEEP_STATE = """function(...values) {
    const chart = %s, names = %s;
    const params = new URLSearchParams(window.location.search);
    names.forEach((name, i) => params.set(chart + '-' + name, values[i]));
    const query = params.toString() ? '?' + params.toString() : '';
    window.history.replaceState(window.history.state, '', window.location.pathname + query + window.location.hash);
    const other = document.getElementById('language-switch');
    if (other) { const url = new URL(other.href); url.search = query; other.href = url.toString(); }
    return window.location.pathname + query;
}"""


def _keep_state_in_the_address(app: dash.Dash, spec: ChartSpec) -> None:
    names = list(spec.options)
    app.clientside_callback(
        _KEEP_STATE % (json.dumps(spec.chart_id), json.dumps(names)),
        Output(f"{spec.chart_id}-permalink", "href"),
        *[Input(f"{spec.chart_id}-{name}", "value") for name in names],
        prevent_initial_call=True,
    )


def register_callbacks(app: dash.Dash, runtime: Runtime, router) -> None:
    """One callback per chart that has options; charts without options need none."""
    for spec in CHARTS.values():
        if spec.options:
            _register_chart(app, runtime, router, spec)
            _keep_state_in_the_address(app, spec)


def register_presentation_callbacks(app: dash.Dash) -> None:
    """The deck moves in the browser: no server round trip, so a session survives a lost network."""
    from .present import FULLSCREEN, NAVIGATE, SLIDES

    total = len(SLIDES)
    app.clientside_callback(
        NAVIGATE % total,
        Output("slide-index", "data"),
        Output("slide-counter", "children"),
        *[Output(f"slide-{i}", "className") for i in range(total)],
        *[Output(f"slide-{i}", "aria-hidden") for i in range(total)],
        Input("slide-prev", "n_clicks"),
        Input("slide-next", "n_clicks"),
        State("slide-index", "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(FULLSCREEN, Output("slide-fullscreen", "className"), Input("slide-fullscreen", "n_clicks"),
                            prevent_initial_call=True)


def register_map_callbacks(app: dash.Dash, runtime: Runtime, router) -> None:
    """The cluster map: a click opens the profile and puts it in the address; the play button
    steps the year slider."""
    from .clusters import cluster_id_of, clicked_cluster, profile_panel

    @app.callback(
        Output("cluster-profile", "children"),
        Input("graph-cluster_map", "clickData"),
        Input("cluster_map-metric", "value"),
        State("cluster_map-cluster", "data", allow_optional=True),  # the embed has no address of its own
        State("page-lang", "data"),
        prevent_initial_call=True,
    )
    def show_profile(click, metric, in_address, lang):
        lang = lang if lang in ("es", "en") else router.default_lang
        cluster_id = clicked_cluster(click) or cluster_id_of(in_address)
        return profile_panel(runtime, cluster_id, CHARTS["cluster_map"].clean({"metric": metric})["metric"], lang)

    # ?cluster=C3 is written in the browser (replaceState, the other query keys kept).
    app.clientside_callback(
        dash.ClientsideFunction("map", "keepCluster"),
        Output("cluster_map-cluster", "data"),
        Input("graph-cluster_map", "clickData"),
        prevent_initial_call=True,
    )

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
