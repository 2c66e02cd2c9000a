"""Homicide trends: the annual series, comparisons, breakdowns, clusters and the ITS view."""

from dash import html

from ..i18n import t
from ..pages.base import Links, Page, card_for, intro
from ..runtime import Runtime

CHARTS = ("homicides_annual", "homicide_rate_comparison", "homicides_breakdown", "youth_homicide_rate",
          "homicides_clusters_vs_rest")


def its_caveats(lang: str) -> html.Section:
    """What the interrupted time series does and does not show, in plain words."""
    return html.Section(
        [html.H2(t("its.heading", lang), className="h5"),
         html.P(t("its.shows", lang)), html.P(t("its.not_shows", lang)), html.P(t("its.evaluation", lang))],
        className="its-caveats mb-4", id="its-caveats",
    )


def body(runtime: Runtime, lang: str, links: Links, query: dict) -> list:
    cards = [card_for(runtime, chart_id, lang, links, query) for chart_id in CHARTS]
    its = card_for(runtime, "homicides_monthly_its", lang, links, query)
    return [intro("homicides", lang), *cards, its, its_caveats(lang)]


PAGE = Page("homicides", (*CHARTS, "homicides_monthly_its"), body)
