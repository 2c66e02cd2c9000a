"""What a page is: its id, its address in each language, the resources it shows and its body."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import dash_bootstrap_components as dbc
from dash import html

from ..components.chart_card import chart_card
from ..i18n import t
from ..runtime import Runtime

Body = Callable[[Runtime, str, "Links"], list[Any]]


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


def intro(page_id: str, lang: str) -> html.P:
    return html.P(t(f"page.{page_id}.intro", lang), className="lead page-intro")


def coming_next(page_id: str, lang: str) -> dbc.Alert:
    """An honest placeholder for a section that a later issue fills."""
    return dbc.Alert(
        [html.Strong(t("coming.next", lang) + ". "), t(f"page.{page_id}.next", lang)],
        color="light",
        className="coming-next border",
    )


def card_for(runtime: Runtime, chart_id: str, lang: str, links: Links) -> html.Section:
    """The chart card of a registered chart, with its data, figure and provenance."""
    spec = runtime.chart(chart_id)
    frame = runtime.chart_frame(chart_id)
    return chart_card(
        chart_id=chart_id,
        title=spec.title(lang),
        takeaway=spec.takeaway(frame, lang),
        figure=runtime.chart_figure(chart_id, lang),
        frame=frame,
        resources=[runtime.package.resources[name] for name in spec.resources],
        decimals=spec.decimals,
        download_href=links.route(f"download/{chart_id}.csv"),
        lang=lang,
    )
