"""Presentation mode for council sessions: the key charts one per slide, full screen, large
type and high contrast for a 1920×1080 projector at the back of a room.

`/presentar?slide=3` (or `/en/present?slide=3`) opens on the third slide. Every slide is in the
page from the start and moving between them happens in the browser (assets/clientside.js and
assets/present.js for the keys ←, →, Esc), so once the page is open the session needs no network.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from dash import dcc, html

from ..components.chart_card import GRAPH_CONFIG, source_line
from ..charts.narrative import headline_caveats
from ..components.scoreboard import PROJECTOR_COLUMNS, scoreboard_table
from ..components.shell import page_stores
from ..domain import DURING_PAZOS, other_language
from ..i18n import t
from ..runtime import Runtime
from ..views import ChartView
from .base import Links, table_for, view_for

class Slide(NamedTuple):
    """One slide: a chart with its options; `answer` puts the overview's answer (what happened
    during PAZOS) over it; `rows` shows a part of a table (the scoreboard split so every row is
    readable at 1366×768)."""

    chart: str
    options: dict[str, str]
    answer: bool = False
    rows: tuple[int, int | None] | None = None


SCOREBOARD_ROWS = 5  # indicators on one slide: five rows of 20 px text fit a 1366×768 laptop under the source line
# The story of PAZOS: the answer first (the PAZOS years against the years before, over the rates),
# then the comparison, the model, the territory, the people, the money, the SDGs and the indicators.
SLIDES: tuple[Slide, ...] = (
    Slide("homicides_annual", {"measure": "rate_per_100k"}, answer=True),
    Slide("homicide_rate_comparison", {}),
    Slide("homicides_monthly_its", {}),
    Slide("cluster_map", {}),
    Slide("youth_served", {}),
    Slide("resources_by_sector", {}),
    Slide("sdg_matrix", {}),
    Slide("indicator_scoreboard", {}, rows=(0, SCOREBOARD_ROWS)),
    Slide("indicator_scoreboard", {}, rows=(SCOREBOARD_ROWS, None)),  # the rest: a package with more indicators gets a longer slide
)
_FONT = 20  # pixels on a 1920×1080 projector: the least that reads from the back of a council chamber
_MIN_FONT = 18  # no text on a slide is smaller (tick labels that need the room: the SDG names)
_FONTS = {"font", "tickfont", "textfont"}
_HOLDERS = {"title", "colorbar", "label", "legend", "annotations", "shapes", "marker", "updatemenus", "sliders"}


def _at_least(node: Any, size: int, font: bool = False) -> Any:
    """Every font size in a part of a figure raised to `size` (axes' ticks and titles, colour
    bars, shape labels, annotations); new dicts only where a size changes, data never walked."""
    if isinstance(node, list):
        return [_at_least(item, size) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if font and key == "size" and isinstance(value, (int, float)):
            out[key] = max(size, value)
        elif key in _FONTS:
            out[key] = _at_least(value, size, font=True)
        elif key in _HOLDERS or key.startswith(("xaxis", "yaxis", "coloraxis")):
            out[key] = _at_least(value, size)
        else:
            out[key] = value
    return out


def _projector(figure: dict[str, Any]) -> dict[str, Any]:
    """The cached figure with type sized for a projector: new dicts where sizes change, the
    traces' data shared (the cached figure is not touched, and nothing large is copied). The
    figure fills its slide's box (no fixed height: the box is what is left under the text)."""
    layout = _at_least(dict(figure.get("layout", {})), _MIN_FONT)
    layout["font"] = {**layout.get("font", {}), "size": _FONT}
    legend = layout.get("legend", {})
    layout["legend"] = {**legend, "font": {**legend.get("font", {}), "size": _FONT}}
    # A note placed a fraction of the plot above it (the map's "schematic") would leave the slide on
    # a tall projector: it sits on the plot's top edge instead, in a top margin that holds it.
    def above(a: dict[str, Any]) -> dict[str, Any]:
        if a.get("yref") == "paper" and (a.get("y") or 0) > 1:
            return {**a, "y": 1, "yanchor": "bottom", "yshift": 2}
        return a

    layout["annotations"] = [above({**a, "font": {**a.get("font", {}), "size": max(_FONT, (a.get("font") or {}).get("size") or 0)}})
                             for a in layout.get("annotations", []) or []]
    if any(a.get("yref") == "paper" and a.get("y") == 1 and a.get("yanchor") == "bottom" for a in layout["annotations"]):
        margin = layout.get("margin") or {}
        layout["margin"] = {**margin, "t": max(margin.get("t") or 0, 40)}
    layout.pop("height", None)
    layout["autosize"] = True
    # Text drawn in the plot (cluster names on the map, targets in the SDG matrix) as large as the rest.
    # A labelled square (an SDG matrix cell) grows with its text, so two targets stay inside it.
    def sized(trace: dict[str, Any]) -> dict[str, Any]:
        marker = trace.get("marker") or {}
        grown = {"marker": {**marker, "size": max(56, marker.get("size") or 0)}} if marker.get("symbol") == "square" else {}
        return {**trace, **grown, "textfont": {**trace.get("textfont", {}), "size": max(_FONT, (trace.get("textfont") or {}).get("size") or 0)}}

    def colourbar(trace: dict[str, Any]) -> dict[str, Any]:
        marker = trace.get("marker")
        if isinstance(marker, dict) and "colorbar" in marker:
            trace = {**trace, "marker": {**marker, "colorbar": _at_least(marker["colorbar"], _MIN_FONT)}}
        if "colorbar" in trace:
            trace = {**trace, "colorbar": _at_least(trace["colorbar"], _MIN_FONT)}
        return trace

    data = [colourbar(sized(trace) if "text" in str(trace.get("mode", "")) else trace) for trace in figure.get("data", [])]
    return {**figure, "data": data, "layout": layout}


def slide_number(query: dict[str, Any]) -> int:
    """The 1-based slide in `?slide=`; anything else opens the first."""
    raw = str(query.get("slide", "1"))
    return int(raw) if raw.isdigit() and 1 <= int(raw) <= len(SLIDES) else 1


def _answer(runtime: Runtime, links: Links, lang: str) -> dict[str, str]:
    """The overview's answer, from the same chart view (`pazos_headline`) in the same words."""
    view = view_for(runtime, links, "pazos_headline", lang)
    return {"heading": t("headline.heading", lang, start=DURING_PAZOS[0], end=DURING_PAZOS[1]), "lead": view.takeaway,
            "caveats": t("headline.caveats", lang, caveats="; ".join(headline_caveats(view.frame, lang)))}


def _scoreboard_part(view: ChartView, rows: tuple[int, int | None]) -> tuple[str, Any]:
    """A part of the scoreboard for a slide: its title says which rows of how many, and the
    table keeps the columns a room reads (name, graded value, target, progress, status)."""
    total = len(view.frame)
    first, last = rows[0] + 1, min(total, rows[1] or total)
    title = t("present.part", view.lang, title=view.title, first=first, last=last, total=total)
    table = scoreboard_table(view, rows=slice(rows[0], rows[1]), columns=PROJECTOR_COLUMNS,
                             table_id=f"table-{view.chart_id}-{first}", caption_class="visually-hidden")
    return title, table


def _slide(view: ChartView, index: int, active: bool, slide: Slide | None = None, answer: dict[str, str] | None = None) -> html.Section:
    """One slide, a renderer over the chart's view: title, takeaway, chart (or table), the
    demonstration strip when a shown row is demonstration, and the source line, all projector-sized.
    The answer slide says the overview's answer (and its caveats) over the chart."""
    lang = view.lang
    title, takeaway, caveats = view.title, view.takeaway, None
    if view.spec.table:  # a table slide: the indicator scoreboard, or a part of it
        if slide is not None and slide.rows is not None:
            title, table = _scoreboard_part(view, slide.rows)
        else:
            table = table_for(view)
        content: Any = html.Div(table, className="slide-table")
    else:
        content = dcc.Graph(figure=_projector(view.figure), config={**GRAPH_CONFIG, "locale": lang, "displayModeBar": False},
                            className="slide-graph", id=f"slide-graph-{index}")
    if answer is not None:
        title, takeaway = answer["heading"], answer["lead"]
        caveats = html.P(answer["caveats"], className="slide-caveats", id=f"slide-caveats-{index}")
    strip = (html.P(view.provenance.demo_text("strip", lang), className="slide-demo-strip",
                    id=f"slide-demo-{index}") if view.provenance.demo else None)
    return html.Section(
        [
            html.H2(title, className="slide-title"),
            strip,
            html.P(takeaway, className="slide-takeaway", id=f"slide-takeaway-{index}"),
            caveats,
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
    views = [view_for(runtime, links, slide.chart, lang, options=slide.options, width=width) for slide in SLIDES
             if not runtime.chart(slide.chart).table]
    return [view.figure if view.width == "narrow" else _projector(view.figure) for view in views]


# The box a slide's chart fills under the slide's text, as drawn for its picture (scaled to the
# box, its proportions kept): about a 1366×768 laptop's (1286×370), so its 20 px type reads at
# 18 px or more there and larger on a 1920×1080 projector; and a phone's chart card.
PICTURE_BOXES = {"wide": (1300, 420), "narrow": (310, 280)}


def slide_pictures(runtime: Runtime, urls) -> list[tuple[dict[str, Any], dict[str, tuple[int, int]]]]:
    """The chart slides' figures, both width classes and both languages, for their static pictures
    (web/pictures.py `build`): the deck is whole before any script runs, as every page is."""
    from ..i18n import LANGUAGES

    pictures = []
    for lang in LANGUAGES:
        for wide, narrow in zip(slide_figures(runtime, urls, lang, "wide"), slide_figures(runtime, urls, lang, "narrow")):
            pictures.append(({"wide": wide, "narrow": narrow}, PICTURE_BOXES))
    return pictures


def present_layout(runtime: Runtime, links: Links, query: dict[str, Any]) -> html.Main:
    lang, urls = links.lang, links.urls
    start = slide_number(query)
    other_href = urls.present(other_language(lang), start if "slide" in query else None)
    exit_href = urls.page("overview", lang)
    answer = _answer(runtime, links, lang)
    slides = [_slide(view_for(runtime, links, slide.chart, lang, options=slide.options), i, i == start - 1, slide,
                     answer if slide.answer else None)
              for i, slide in enumerate(SLIDES)]
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

