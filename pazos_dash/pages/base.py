"""What a page is: its id, its address in each language, the resources it shows and its body."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable
from urllib.parse import urlencode

from dash import dcc, html

from ..charts import CHARTS, ChartSpec, state_from_query, state_query
from ..components.bootstrap import radio_items
from ..components.chart_card import chart_card, data_table
from ..components.scoreboard import scoreboard_table
from ..i18n import fmt_number, has, t
from ..runtime import Runtime

# Charts name their richer tables; components are resolved here so charts never import them.
TABLE_RENDERERS = {"scoreboard": scoreboard_table}

Body = Callable[[Runtime, str, "Links", dict], list[Any]]


class Links:
    """Builds in-app addresses for one language, honouring the deployment's base path."""

    def __init__(self, lang: str, href: Callable[[str, str], str], base_path: str):
        self.lang = lang
        self._href = href
        self.base_path = base_path

    def page(self, page_id: str, lang: str | None = None) -> str:
        return self._href(page_id, lang or self.lang)

    def route(self, path: str) -> str:
        return self.base_path + path.lstrip("/")


@dataclass(frozen=True)
class Page:
    page_id: str
    slugs: dict[str, str]
    resources: tuple[str, ...]
    body: Body


def chart_options(chart_id: str, query: dict) -> dict[str, str]:
    """A chart's options from the page's query string: `?<chart_id>-<option>=<value>`, cleaned."""
    return state_from_query(CHARTS[chart_id], query)


def intro(page_id: str, lang: str, **numbers: object) -> html.P:
    """The page's lead paragraph; numbers in it are passed in, computed from the data."""
    values = {k: (fmt_number(v, lang) if isinstance(v, (int, float)) and k != "year" else v) for k, v in numbers.items()}
    return html.P(t(f"page.{page_id}.intro", lang, **values), className="lead page-intro", id="page-intro")


DOWNLOAD_FORMATS = ("csv", "xlsx", "json")


def download_hrefs(links: Links, chart_id: str, options: dict[str, str]) -> dict[str, str]:
    """The chart's data for this selection in each format; Excel and JSON carry the metadata
    in the page's language."""
    hrefs = {}
    for fmt in DOWNLOAD_FORMATS:
        query = {**options, "lang": links.lang} if fmt != "csv" else options
        hrefs[fmt] = links.route(f"download/{chart_id}.{fmt}") + (("?" + urlencode(query)) if query else "")
    return hrefs


def chart_parts(runtime: Runtime, chart_id: str, lang: str, links: Links, options: dict[str, str]) -> dict[str, Any]:
    """What changes with a selection: figure, takeaway, table and download link (same frame)."""
    spec = runtime.chart(chart_id)
    clean = spec.clean(options)
    frame = runtime.chart_frame(chart_id, **clean)
    return {
        "figure": runtime.chart_figure(chart_id, lang, **clean),
        "takeaway": spec.takeaway(frame, lang),
        "table": TABLE_RENDERERS.get(spec.table, data_table)(frame, lang=lang, caption=t("card.table_caption", lang, title=spec.title(lang)),
                                            decimals=spec.decimals, table_id=f"table-{chart_id}"),
        "downloads": download_hrefs(links, chart_id, clean),
        "frame": frame,
    }


def _option_label(name: str, value: str, lang: str) -> str:
    for key in (f"control.{name}.{value}", f"control.{value}"):
        if has(key, lang):
            return t(key, lang)
    return value


def year_slider(spec: ChartSpec, name: str, lang: str, selected: dict[str, str]) -> html.Fieldset:
    """A year slider with a play button that steps through the years in the browser."""
    years = sorted(int(v) for v in spec.options[name])
    return html.Fieldset(
        [
            html.Legend(t(f"control.{name}", lang), className="form-label small fw-semibold mb-1", id=f"{spec.chart_id}-{name}-legend"),
            html.Div(
                [
                    html.Button("▶", id=f"{spec.chart_id}-play", type="button", className="btn btn-outline-primary btn-sm me-2",
                                title=t("map.play", lang), **{"aria-label": t("map.play", lang)}),
                    html.Div(dcc.Slider(min=years[0], max=years[-1], step=1, value=int(selected[name]), id=f"{spec.chart_id}-{name}",
                                        marks={y: str(y) for y in years if y % 5 == 0 or y in (years[0], years[-1])},
                                        tooltip={"placement": "bottom", "always_visible": True}),
                             className="flex-grow-1"),
                    dcc.Interval(id=f"{spec.chart_id}-timer", interval=1500, disabled=True),
                ],
                className="d-flex align-items-center",
            ),
        ],
        className="chart-control w-100",
    )


def controls_for(spec: ChartSpec, lang: str, selected: dict[str, str]) -> list[Any]:
    """One labelled radio group per option of the chart (a slider for the ones it names)."""
    sliders = [year_slider(spec, name, lang, selected) for name in spec.sliders]
    return sliders + [
        html.Fieldset(
            [
                html.Legend(t(f"control.{name}", lang), className="form-label small fw-semibold mb-1", id=f"{spec.chart_id}-{name}-legend"),
                radio_items(
                    id=f"{spec.chart_id}-{name}",
                    options=[{"label": _option_label(name, value, lang), "value": value} for value in allowed],
                    value=selected[name],
                    inline=True,
                ),
            ],
            className="chart-control",
        )
        for name, allowed in spec.options.items()
        if name not in spec.sliders
    ]


def card_for(runtime: Runtime, chart_id: str, lang: str, links: Links, options: dict[str, str] | None = None) -> html.Section:
    """The chart card of a registered chart, with its data, figure, controls and provenance."""
    spec = runtime.chart(chart_id)
    selected = spec.clean(options)
    parts = chart_parts(runtime, chart_id, lang, links, selected)
    return chart_card(
        chart_id=chart_id,
        title=spec.title(lang),
        takeaway=parts["takeaway"],
        figure=parts["figure"],
        frame=parts["frame"],
        resources=[runtime.package.resources[name] for name in spec.resources],
        decimals=spec.decimals,
        downloads=parts["downloads"],
        lang=lang,
        controls=controls_for(spec, lang, selected),
        table=parts["table"],
        table_open=spec.table_open,
        # The page's address with this chart's selection; the controls keep it (and the address
        # bar) up to date in the browser (pages/callbacks.py).
        permalink=("?" + urlencode(state_query(chart_id, selected))) if spec.options else None,
    )
