"""ChartView: one chart in one selection and one language — its rows, figure, sentence,
provenance and addresses, built once. Every renderer (card, table, slide, embed, CSV, Excel,
JSON) reads one of these, so "the download equals the chart" and "the source line names the
sources of the rows shown" hold by construction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import pandas as pd

from ..charts import ChartSpec, ChartState, Provenance, provenance
from ..charts.narrative import invented_throughout
from ..data import DataPackage
from ..figures.theme import WIDE, clean_width
from ..runtime import Runtime
from ..urls import Urls


@dataclass(frozen=True)
class ChartAddresses:
    page: str  # the chart on its page with this selection (the permalink)
    embed: str
    downloads: dict[str, str]  # format -> address of exactly these rows
    origin: str = ""  # scheme and host of the request being answered ('' outside one)

    def absolute(self, href: str) -> str:
        """An address to copy or cite (a link inside the site can stay relative)."""
        return Urls.absolute(self.origin, href) if self.origin else href


@dataclass(frozen=True, eq=False)
class ChartView:
    spec: ChartSpec
    state: ChartState
    lang: str
    package: DataPackage
    frame: pd.DataFrame
    figure: dict[str, Any]
    takeaway: str
    provenance: Provenance
    urls: ChartAddresses
    site: Urls  # the site's addresses, for renderers that link elsewhere (the scoreboard's rows)
    width: str = WIDE  # the width class the figure is laid out for (figures.theme.WIDTHS); rows never depend on it

    @property
    def chart_id(self) -> str:
        return self.spec.chart_id

    @property
    def title(self) -> str:
        return self.spec.title(self.lang, self.frame)


def request_origin() -> str:
    """Scheme and host of the request being answered, for addresses people copy; '' outside one."""
    from flask import has_request_context, request

    return request.host_url.rstrip("/") if has_request_context() else ""


def chart_view(runtime: Runtime, urls: Urls, chart_id: str, lang: str, *, state: ChartState | None = None,
               query: Mapping[str, object] | None = None, options: Mapping[str, object] | None = None,
               download: Mapping[str, object] | None = None, width: str = WIDE) -> ChartView:
    """The view of a chart for a selection given as a cleaned state, a page's query string
    (`<chart>-<option>=`), plain option names (a control's values) or a download's query (plain
    names or the page's keys, `ChartState.from_download`), its figure laid out
    for a width class (the browser's, sent by the page's `page-width` store; "wide" by default)."""
    from .renderers import FORMATS  # the one list of formats (renderers read this module's ChartView)

    width = clean_width(width)
    package = runtime.package  # one package for every part, even mid-republish
    spec = runtime.chart(chart_id)
    if state is None and download is not None:
        state = ChartState.from_download(spec, package, download)
    if state is None:
        state = (runtime.state_from_query(chart_id, query, package) if query is not None
                 else runtime.state(chart_id, options, package))
    frame = runtime.frame(state, package)
    shown = provenance(frame, package, spec.resources, lang)
    takeaway = spec.say(frame, lang)
    # A sentence read aloud or quoted never passes an invented number off as real: where every number
    # is invented each sentence says so itself (charts/narrative.py), then the view's own words.
    if shown.all_demo:
        takeaway = invented_throughout(takeaway, lang)
    takeaway = f"{takeaway} {shown.demo_text('takeaway', lang)}".strip()
    return ChartView(
        spec=spec, state=state, lang=lang, package=package, frame=frame,
        figure=runtime.figure(state, lang, package, width),
        takeaway=takeaway,
        provenance=shown,
        urls=ChartAddresses(
            page=urls.chart(chart_id, lang, state.query()),
            embed=urls.embed(chart_id, lang, state.query()),
            downloads=urls.downloads(chart_id, state.encoded(), lang, FORMATS),
            origin=request_origin(),
        ),
        site=urls,
        width=width,
    )
