"""Presentation mode for council sessions: the key charts one per slide, full screen, large
type and high contrast for a 1920×1080 projector at the back of a room.

`/presentar?slide=3` (or `/en/present?slide=3`) opens on the third slide. Every slide is in the
page from the start and moving between them happens in the browser (assets/clientside.js and
assets/present.js for the keys ←, →, Esc), so once the page is open the session needs no network.
"""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from ..components.chart_card import GRAPH_CONFIG, source_line
from ..components.shell import page_stores
from ..domain import other_language
from ..i18n import t
from ..runtime import Runtime
from ..views import ChartView
from .base import Links, table_for, view_for

# (chart, options): the story of PAZOS in eight slides.
SLIDES: tuple[tuple[str, dict[str, str]], ...] = (
    ("homicides_annual", {"measure": "rate_per_100k"}),
    ("homicide_rate_comparison", {}),
    ("homicides_monthly_its", {}),
    ("cluster_map", {}),
    ("youth_served", {}),
    ("resources_by_sector", {}),
    ("sdg_matrix", {}),
    ("indicator_scoreboard", {}),
)
_FONT = 20  # pixels on a 1920×1080 projector: the least that reads from the back of a council chamber


def _projector(figure: dict[str, Any]) -> dict[str, Any]:
    """The cached figure with type sized for a projector: new dicts where sizes change, the
    traces' data shared (the cached figure is not touched, and nothing large is copied)."""
    layout = dict(figure.get("layout", {}))
    layout["font"] = {**layout.get("font", {}), "size": _FONT}
    legend = layout.get("legend", {})
    layout["legend"] = {**legend, "font": {**legend.get("font", {}), "size": _FONT}}
    layout["annotations"] = [{**a, "font": {**a.get("font", {}), "size": max(_FONT, (a.get("font") or {}).get("size") or 0)}}
                             for a in layout.get("annotations", []) or []]
    # Text drawn in the plot (cluster names on the map, targets in the SDG matrix) as large as the rest.
    # A labelled square (an SDG matrix cell) grows with its text, so two targets stay inside it.
    def sized(trace: dict[str, Any]) -> dict[str, Any]:
        marker = trace.get("marker") or {}
        grown = {"marker": {**marker, "size": max(72, marker.get("size") or 0)}} if marker.get("symbol") == "square" else {}
        return {**trace, **grown, "textfont": {**trace.get("textfont", {}), "size": max(_FONT, (trace.get("textfont") or {}).get("size") or 0)}}

    data = [sized(trace) if "text" in str(trace.get("mode", "")) else trace for trace in figure.get("data", [])]
    return {**figure, "data": data, "layout": layout}


def slide_number(query: dict[str, Any]) -> int:
    """The 1-based slide in `?slide=`; anything else opens the first."""
    raw = str(query.get("slide", "1"))
    return int(raw) if raw.isdigit() and 1 <= int(raw) <= len(SLIDES) else 1


def _slide(view: ChartView, index: int, active: bool) -> html.Section:
    """One slide, a renderer over the chart's view: title, takeaway, chart (or table), the
    demonstration strip when a shown row is demonstration, and the source line, all projector-sized."""
    lang = view.lang
    if view.spec.table:  # a table slide: the indicator scoreboard
        content: Any = html.Div(table_for(view), className="slide-table table-responsive")
    else:
        content = dcc.Graph(figure=_projector(view.figure), config={**GRAPH_CONFIG, "locale": lang, "displayModeBar": False},
                            className="slide-graph", id=f"slide-graph-{index}")
    strip = (html.P(view.provenance.demo_text("strip", lang), className="slide-demo-strip",
                    id=f"slide-demo-{index}") if view.provenance.demo else None)
    return html.Section(
        [
            html.H2(view.title, className="slide-title"),
            strip,
            html.P(view.takeaway, className="slide-takeaway"),
            content,
            source_line(view.provenance, lang, className="slide-source", id=f"slide-source-{index}"),
        ],
        id=f"slide-{index}",
        className="slide active" if active else "slide",
        **{"aria-roledescription": t("present.slide", lang), "aria-label": f"{index + 1} / {len(SLIDES)}",
           "aria-hidden": "false" if active else "true", "data-demo": "true" if view.provenance.demo else "false"},
    )


def slide_figures(runtime: Runtime, urls, lang: str, width: str) -> list[dict[str, Any]]:
    """The figures of the chart slides for a width class: projector-sized when wide; as on a
    chart card when narrow (a phone opening the deck)."""
    links = Links(lang, urls)
    views = [view_for(runtime, links, chart_id, lang, options=options, width=width) for chart_id, options in SLIDES
             if not runtime.chart(chart_id).table]
    return [view.figure if view.width == "narrow" else _projector(view.figure) for view in views]


def present_layout(runtime: Runtime, links: Links, query: dict[str, Any]) -> html.Main:
    lang, urls = links.lang, links.urls
    start = slide_number(query)
    other_href = urls.present(other_language(lang), start if "slide" in query else None)
    exit_href = urls.page("overview", lang)
    slides = [_slide(view_for(runtime, links, chart_id, lang, options=options), i, i == start - 1)
              for i, (chart_id, options) in enumerate(SLIDES)]
    controls = html.Nav(
        [
            html.Button("←", id="slide-prev", type="button", className="btn btn-outline-dark btn-lg",
                        title=t("present.previous", lang), **{"aria-label": t("present.previous", lang)}),
            html.Span(f"{start} / {len(SLIDES)}", id="slide-counter", className="slide-counter", **{"aria-live": "polite"}),
            html.Button("→", id="slide-next", type="button", className="btn btn-outline-dark btn-lg",
                        title=t("present.next", lang), **{"aria-label": t("present.next", lang)}),
            html.Button(t("present.fullscreen", lang), id="slide-fullscreen", type="button", className="btn btn-dark btn-lg ms-3"),
            html.A(t("shell.lang_switch", lang), href=other_href, id="slide-language", className="btn btn-link btn-lg",
                   hrefLang="en" if lang == "es" else "es"),
            dcc.Link(t("present.exit", lang), href=exit_href, id="slide-exit", className="btn btn-link btn-lg"),
            html.Span(t("present.keys", lang), className="slide-keys"),
        ],
        className="slide-controls",
        **{"aria-label": t("present.controls", lang)},
    )
    return html.Main(
        [
            *page_stores(lang),
            dcc.Store(id="slide-index", data=start - 1),
            html.H1(t("present.heading", lang), className="visually-hidden", id="page-heading"),
            html.Div(slides, id="slides", className="slides"),
            controls,
        ],
        className="presentation",
        id="main",
        lang=lang,
        **{"aria-roledescription": t("present.deck", lang)},
    )

