"""Homicide trends: the annual series, comparisons, breakdowns, clusters and the ITS view."""

from dash import html

from ..charts.narrative import definition_examples
from ..i18n import fmt_number, t
from ..pages.base import Links, Page, card_for, intro, view_for
from ..runtime import Runtime

CHARTS = ("homicides_annual", "homicides_other_counts", "homicide_rate_comparison", "homicide_rate_rank", "homicides_breakdown",
          "youth_homicide_rate", "homicides_clusters_vs_rest")


def its_caveats(lang: str) -> html.Section:
    """What the interrupted time series does and does not show, in plain words."""
    return html.Section(
        [html.H2(t("its.heading", lang), className="h5"),
         html.P(t("its.shows", lang)), html.P(t("its.not_shows", lang)), html.P(t("its.evaluation", lang))],
        className="its-caveats mb-4", id="its-caveats",
    )


def why_counts_differ(runtime: Runtime, lang: str, links: Links) -> html.Section:
    """One sentence per definition shown beside the police series, each with the year its count
    is furthest from the police's, so a figure read in the press can be placed."""
    items = []
    for entry in definition_examples(view_for(runtime, links, "homicides_other_counts", lang).frame):
        definition, example = entry["definition"], entry["example"]
        parts = [html.Strong(t(f"category.{definition}", lang) + ": "), t(f"other_counts.definition.{definition}", lang)]
        if example:
            parts.append(" " + t("other_counts.example", lang, year=example["year"], police=fmt_number(example["police"], lang),
                                 other=fmt_number(example["other"], lang), publisher=t(f"category.{example['publisher']}", lang)))
        items.append(html.Li(parts, **{"data-definition": definition}))
    return html.Section(
        [html.H2(t("other_counts.heading", lang), className="h5"), html.P(t("other_counts.intro", lang)), html.Ul(items, className="mb-0")],
        className="its-caveats mb-4", id="other-counts-definitions",
    )


def body(runtime: Runtime, lang: str, links: Links, query: dict) -> list:
    cards = [card_for(runtime, chart_id, lang, links, query) for chart_id in CHARTS]
    cards.insert(CHARTS.index("homicides_other_counts") + 1, why_counts_differ(runtime, lang, links))
    its = card_for(runtime, "homicides_monthly_its", lang, links, query)
    return [intro("homicides", lang), *cards, its, its_caveats(lang)]


PAGE = Page("homicides", (*CHARTS, "homicides_monthly_its"), body)
