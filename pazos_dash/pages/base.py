"""What a page is (its id, the charts it shows, its body) and the pieces page bodies share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from dash import dcc, html

from ..charts import ChartSpec
from ..charts.spec import YEAR_FROM, YEAR_TO
from ..components.bootstrap import checklist, radio_items, select
from ..components.chart_card import chart_card, data_table
from ..components.scoreboard import scoreboard_table
from ..i18n import cluster_name, fmt_number, has, t
from ..runtime import Runtime
from ..urls import Urls
from ..views import ChartView, chart_view

# Charts name their richer tables; components are resolved here so charts never import them.
TABLE_RENDERERS = {"scoreboard": scoreboard_table}

Body = Callable[[Runtime, str, "Links", dict], list[Any]]


class Links:
    """The site's addresses (urls.Urls) for the language of the page being rendered."""

    def __init__(self, lang: str, urls: Urls):
        self.lang = lang
        self.urls = urls

    def page(self, page_id: str, lang: str | None = None, params: dict | None = None, fragment: str = "") -> str:
        return self.urls.page(page_id, lang or self.lang, params, fragment)


@dataclass(frozen=True)
class Page:
    """A page: its id (its addresses are in urls.PAGE_SLUGS), the charts it shows, its body."""

    page_id: str
    charts: tuple[str, ...]
    body: Body
    numbers: tuple[str, ...] = ()  # charts shown as a headline or a number card, not a chart card (their permalinks lead here)


def intro(page_id: str, lang: str, **numbers: object) -> html.P:
    """The page's lead paragraph; numbers in it are passed in, computed from the data."""
    values = {k: (fmt_number(v, lang) if isinstance(v, (int, float)) and k != "year" else v) for k, v in numbers.items()}
    return html.P(t(f"page.{page_id}.intro", lang, **values), className="lead page-intro", id="page-intro")


def view_for(runtime: Runtime, links: Links, chart_id: str, lang: str, *, query: dict | None = None,
             options: dict | None = None, width: str = "wide") -> ChartView:
    return chart_view(runtime, links.urls, chart_id, lang, query=query, options=options, width=width)


def range_note(spec: ChartSpec, options: dict, lang: str) -> str:
    """A year range chosen backwards (from 2022 to 2015) is shown the right way round: say so, so
    the chart does not silently disagree with the controls. '' when the range reads as chosen."""
    start, end = str(options.get(YEAR_FROM, "")), str(options.get(YEAR_TO, ""))
    if spec.ranged and start.isdigit() and end.isdigit() and int(start) > int(end):
        return t("card.range_swapped", lang, start=end, end=start)
    return ""


def table_for(view: ChartView):
    """The chart's table: its own renderer where it names one (the scoreboard), else the plain one."""
    return TABLE_RENDERERS.get(view.spec.table, data_table)(view)


def _option_label(name: str, value: str, lang: str, names: dict[str, str]) -> str:
    if name in ("area", "cluster") and value in names:  # a cluster, by its published name in the reader's words
        return cluster_name(names[value], lang)
    for key in (f"control.{name}.{value}", f"control.{value}"):
        if has(key, lang):
            return t(key, lang)
    return value


def slider_marks(years: list[int]) -> dict[int, str]:
    """Marks every five years, and the first and last years where they do not crowd a mark
    (2003 beside 2005 overlapped on a phone)."""
    fives = [y for y in years if y % 5 == 0]
    ends = [y for y in (years[0], years[-1]) if all(abs(y - f) > 2 for f in fives)]
    return {y: str(y) for y in sorted({*fives, *ends})}


def year_slider(spec: ChartSpec, allowed: tuple[str, ...], name: str, lang: str, selected: dict[str, str]) -> html.Fieldset:
    """A year slider with a play button that steps through the years in the browser."""
    years = sorted(int(v) for v in allowed)
    return html.Fieldset(
        [
            html.Legend(t(f"control.{name}", lang), className="form-label small fw-semibold mb-1", id=f"{spec.chart_id}-{name}-legend"),
            html.Div(
                [
                    html.Button("▶", id=f"{spec.chart_id}-play", type="button", className="btn btn-outline-primary btn-sm me-2",
                                title=t("map.play", lang), **{"aria-label": t("map.play", lang)}),
                    html.Div(dcc.Slider(min=years[0], max=years[-1], step=1, value=int(selected[name]), id=f"{spec.chart_id}-{name}",
                                        marks=slider_marks(years),
                                        # the chosen year above the track: below it, it covered a mark (2020 on a phone)
                                        tooltip={"placement": "top", "always_visible": True}),
                             className="flex-grow-1 year-slider"),
                    dcc.Interval(id=f"{spec.chart_id}-timer", interval=1500, disabled=True),
                ],
                className="d-flex align-items-center",
            ),
        ],
        className="chart-control w-100",
    )


def year_range_control(spec: ChartSpec, allowed: dict[str, tuple[str, ...]], lang: str, selected: dict[str, str]) -> html.Fieldset:
    """The years shown: two native selects (first and last year), oldest first in both."""
    years = sorted(allowed[YEAR_FROM], key=int)
    return html.Fieldset(
        [
            html.Legend(t("control.years", lang), className="form-label small fw-semibold mb-1"),
            html.Div([
                select(id=f"{spec.chart_id}-{name}", label=t(f"control.{name}", lang), value=selected[name],
                       options=[{"label": year, "value": year} for year in years])
                for name in (YEAR_FROM, YEAR_TO)
            ], className="d-flex flex-wrap"),
        ],
        className="chart-control chart-years",
    )


def place_picker(view: ChartView, name: str) -> html.Fieldset:
    """A searchable multi-select (Dash's dropdown): type part of a name, pick with the keyboard or
    a tap; each municipality shows its department. The chosen values go to the address as codes."""
    spec, lang = view.spec, view.lang
    return html.Fieldset(
        [html.Legend(t(f"control.{name}", lang), className="form-label small fw-semibold mb-1", id=f"{spec.chart_id}-{name}-legend"),
         dcc.Dropdown(id=f"{spec.chart_id}-{name}", options=spec.searchable[name](view.package, lang), value=view.state.chosen(name),
                      multi=True, searchable=True, clearable=True, placeholder=t("control.compare_placeholder", lang),
                      maxHeight=280, className="place-picker",
                      labels={key: t(f"dropdown.{key}", lang) for key in ("select_all", "deselect_all", "selected_count", "search",
                                                                          "clear_search", "clear_selection", "no_options_found")})],
        className="chart-control chart-control--places",
    )


def controls_for(view: ChartView) -> list[Any]:
    """One labelled radio group per option of the chart (a slider for the ones it names, a
    checklist for several values at once, two selects for a year range); the allowed values are
    the package's."""
    spec, lang, selected = view.spec, view.lang, view.state.options
    allowed = spec.allowed(view.package)
    names = dict(zip(view.package.table("clusters")["cluster_id"].astype(str), view.package.table("clusters")["name"].astype(str)))
    sliders = [year_slider(spec, allowed[name], name, lang, selected) for name in spec.sliders]
    groups: list[Any] = []
    for name, values in allowed.items():
        if name in spec.sliders or name in (YEAR_FROM, YEAR_TO):
            continue
        if name in spec.searchable:  # ~1,200 places: typed, not scrolled
            groups.append(place_picker(view, name))
            continue
        options = [{"label": _option_label(name, value, lang, names), "value": value} for value in values]
        chooser = (checklist(id=f"{spec.chart_id}-{name}", options=options, value=view.state.chosen(name))
                   if name in spec.multi else
                   radio_items(id=f"{spec.chart_id}-{name}", options=options, value=selected[name], inline=True))
        groups.append(html.Fieldset(
            [html.Legend(t(f"control.{name}", lang), className="form-label small fw-semibold mb-1", id=f"{spec.chart_id}-{name}-legend"),
             chooser],
            className="chart-control",
        ))
    if spec.ranged:
        groups.append(year_range_control(spec, allowed, lang, selected))
    return sliders + groups


def card_for(runtime: Runtime, chart_id: str, lang: str, links: Links, query: dict | None = None) -> html.Section:
    """The card of a registered chart for the selection in the page's query string."""
    view = view_for(runtime, links, chart_id, lang, query=query or {})
    return chart_card(view, controls=controls_for(view), table=table_for(view))
