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
