"""Callbacks are glue: a chart's controls -> query + figure builder -> card parts."""

from __future__ import annotations

import dash
from dash import ClientsideFunction, Input, Output, State

from ..charts import CHARTS, ChartSpec
from ..charts.spec import YEAR_TO
from ..charts.state import page_key
from ..components.chart_card import TABS, cite_body, demo_mark, download_id, share_body, source_line, sources_panel
from ..domain import LANGUAGES
from ..runtime import Runtime
from ..urls import Urls
from ..views import chart_view
from ..views.renderers import FORMATS
from .base import range_note, table_for


def _register_chart(app: dash.Dash, runtime: Runtime, urls: Urls, spec: ChartSpec) -> None:
    """A control changed, or the browser said it is narrow (`page-width`): the card's parts again."""
    names = list(spec.options)

    @app.callback(
        Output(f"graph-{spec.chart_id}", "figure"),
        Output(f"{spec.chart_id}-title", "children"),
        Output(f"{spec.chart_id}-takeaway", "children"),
        Output(f"table-wrap-{spec.chart_id}", "children"),
        Output(f"{spec.chart_id}-demo", "children"),
        Output(f"{spec.chart_id}-source", "children"),
        Output(f"{spec.chart_id}-sources", "children"),
        Output(f"{spec.chart_id}-cite-body", "children"),
        Output(f"{spec.chart_id}-share-body", "children"),
        *[Output(download_id(spec.chart_id, fmt), "href") for fmt in FORMATS],
        *[Input(f"{spec.chart_id}-{name}", "value") for name in names],
        Input("page-width", "data"),
        State("page-lang", "data"),
        prevent_initial_call=True,
    )
    def update(*values):
        *selected, width, lang = values
        lang = lang if lang in LANGUAGES else urls.default_lang
        view = chart_view(runtime, urls, spec.chart_id, lang, options=dict(zip(names, selected)), width=width)
        if dash.ctx.triggered_id == "page-width":  # only the figure depends on the width: the rest stays as drawn
            return (view.figure, *[dash.no_update] * (8 + len(FORMATS)))
        note = range_note(spec, dict(zip(names, selected)), lang)
        return (view.figure, view.title, f"{note} {view.takeaway}" if note else view.takeaway, table_for(view), demo_mark(view), source_line(view.provenance, lang),
                sources_panel(view), cite_body(view), share_body(view),
                *[view.urls.downloads[fmt] for fmt in FORMATS])


def _register_map_tab(app: dash.Dash, runtime: Runtime, urls: Urls, spec: ChartSpec) -> None:
    """The map tab is drawn when it is first opened (no page carries a map it does not show),
    for the last year of the chart's range, and follows the range while it is open."""
    names = list(spec.options)

    @app.callback(
        Output(f"graph-map-{spec.chart_id}", "figure"),
        Output(f"{spec.chart_id}-map-link", "href"),
        Input(f"{spec.chart_id}-tab", "data"),
        *[Input(f"{spec.chart_id}-{name}", "value") for name in names],
        State("page-lang", "data"),
        State("page-width", "data"),
        prevent_initial_call=True,
    )
    def draw_map(tab, *values):
        *selected, lang, width = values
        if tab != "map":
            return dash.no_update, dash.no_update
        lang = lang if lang in LANGUAGES else urls.default_lang
        view = chart_view(runtime, urls, "cluster_map", lang, options=map_options(runtime, spec, dict(zip(names, selected))),
                          width=width)
        return view.figure, view.urls.page


def map_options(runtime: Runtime, spec: ChartSpec, options: dict) -> dict[str, str]:
    """The cluster map's selection for a chart's: its metric, the last year of its range."""
    state = runtime.state(spec.chart_id, options)
    return {"metric": spec.map_metric, "year": state.options.get(YEAR_TO, ""), "view": "year"}


def _keep_state_in_the_address(app: dash.Dash, spec: ChartSpec) -> None:
    """The selection lives in the address (assets/clientside.js `keepState`): each change goes
    to the query string, the card's permalink and the language switch, written by the chart's
    codec rules (the card's `<chart>-codec` store, charts.state.codec_rules), as the server writes them."""
    names = list(spec.options)
    app.clientside_callback(
        ClientsideFunction("pazos", "keepState"),
        Output(f"{spec.chart_id}-permalink", "href"),
        *[Input(page_key(spec.chart_id, name), "value") for name in names],
        State(f"{spec.chart_id}-codec", "data"),
        prevent_initial_call=True,
    )


def _tabs(app: dash.Dash, spec: ChartSpec) -> None:
    """A card's tabs switch in the browser (assets/clientside.js `showTab`)."""
    keys = [key for key in TABS if key != "map" or spec.map_metric]
    app.clientside_callback(
        ClientsideFunction("pazos", "showTab"),
        Output(f"{spec.chart_id}-tab", "data"),
        *[Output(f"{spec.chart_id}-tab-{key}", "className") for key in keys],
        *[Output(f"{spec.chart_id}-tab-{key}", "aria-selected") for key in keys],
        *[Output(f"{spec.chart_id}-panel-{key}", "hidden") for key in keys],
        *[Input(f"{spec.chart_id}-tab-{key}", "n_clicks") for key in keys],
        prevent_initial_call=True,
    )


def _save_image(app: dash.Dash, spec: ChartSpec) -> None:
    """The share menu's PNG and SVG buttons (assets/clientside.js `saveImage`): drawn in the
    browser with the card's title, source line and licence."""
    for fmt in ("png", "svg"):
        app.clientside_callback(
            ClientsideFunction("pazos", "saveImage"),
            Output(f"{spec.chart_id}-{fmt}", "value"),
            Input(f"{spec.chart_id}-{fmt}", "n_clicks"),
            prevent_initial_call=True,
        )


def register_callbacks(app: dash.Dash, runtime: Runtime, urls: Urls) -> None:
    """One callback per chart (its controls and the width class redraw it); charts with options
    keep them in the address. Every chart saves its image; charts whose rows have places draw
    their map tab. The browser says once per page whether it is narrow (assets/clientside.js
    `widthClass`); a wide browser sends nothing, so a desktop makes no extra request."""
    app.clientside_callback(ClientsideFunction("pazos", "widthClass"), Output("page-width", "data"), Input("page-lang", "data"))
    for spec in CHARTS.values():
        _tabs(app, spec)
        _save_image(app, spec)
        _register_chart(app, runtime, urls, spec)
        if spec.options:
            _keep_state_in_the_address(app, spec)
        if spec.map_metric:
            _register_map_tab(app, runtime, urls, spec)


def register_presentation_callbacks(app: dash.Dash, runtime: Runtime, urls: Urls) -> None:
    """The deck moves in the browser: no server round trip, so a session survives a lost network.
    On a phone its charts are drawn once more for the narrow screen (not projector-sized)."""
    from .present import SLIDES, slide_figures

    total = len(SLIDES)
    app.clientside_callback(
        ClientsideFunction("pazos", "navigate"),
        Output("slide-index", "data"),
        Output("slide-counter", "children"),
        *[Output(f"slide-{i}", "className") for i in range(total)],
        *[Output(f"slide-{i}", "aria-hidden") for i in range(total)],
        Input("slide-prev", "n_clicks"),
        Input("slide-next", "n_clicks"),
        State("slide-index", "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(ClientsideFunction("pazos", "fullscreen"), Output("slide-fullscreen", "className"),
                            Input("slide-fullscreen", "n_clicks"), prevent_initial_call=True)
    graphs = [i for i, slide in enumerate(SLIDES) if not CHARTS[slide.chart].table]

    @app.callback(*[Output(f"slide-graph-{i}", "figure") for i in graphs], Input("page-width", "data"), State("page-lang", "data"),
                  prevent_initial_call=True)
    def narrow_slides(width, lang):
        lang = lang if lang in LANGUAGES else urls.default_lang
        return slide_figures(runtime, urls, lang, width)


def register_map_callbacks(app: dash.Dash, runtime: Runtime, urls: Urls) -> None:
    """The cluster map: a click opens the profile and puts it in the address; the play button
    steps the year slider."""
    from .clusters import cluster_id_of, clicked_cluster, profile_panel

    @app.callback(
        Output("cluster-profile", "children"),
        Input("graph-cluster_map", "clickData"),
        Input("cluster_map-metric", "value"),
        Input("page-width", "data"),
        State("cluster_map-cluster", "data", allow_optional=True),  # the embed has no address of its own
        State("page-lang", "data"),
        prevent_initial_call=True,
    )
    def show_profile(click, metric, width, in_address, lang):
        lang = lang if lang in LANGUAGES else urls.default_lang
        cluster_id = clicked_cluster(click) or cluster_id_of(in_address)
        return profile_panel(runtime, urls, cluster_id, runtime.state("cluster_map", {"metric": metric}).options["metric"], lang, width)

    # ?cluster=C3 is written in the browser (replaceState, the other query keys kept).
    app.clientside_callback(
        dash.ClientsideFunction("map", "keepCluster"),
        Output("cluster_map-cluster", "data"),
        Input("graph-cluster_map", "clickData"),
        prevent_initial_call=True,
    )

    # Pure UI state stays in the browser (assets/clientside.js): play/pause and the next year need no server.
    app.clientside_callback(
        ClientsideFunction("pazos", "togglePlay"),
        Output("cluster_map-timer", "disabled"),
        Input("cluster_map-play", "n_clicks"),
        State("cluster_map-timer", "disabled"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction("pazos", "nextYear"),
        Output("cluster_map-year", "value"),
        Input("cluster_map-timer", "n_intervals"),
        State("cluster_map-year", "value"),
        State("cluster_map-year", "min"),
        State("cluster_map-year", "max"),
        prevent_initial_call=True,
    )
