"""Did PAZOS work? Palmira against a counterfactual: the synthetic control (Palmira against
synthetic Palmira, the gap against the placebos', the donors' weights), the robustness checks,
the interrupted time series with its sensitivity, and what the methods can and cannot show.
Every number is a published row (computed by `pazos-dash publish`) through a chart view."""

from dash import dcc, html

from ..i18n import t
from ..pages.base import Links, Page, card_for, intro
from ..runtime import Runtime

CHARTS = ("synthetic_palmira", "synthetic_gaps", "synthetic_weights", "impact_robustness", "homicides_monthly_its")


def limits(lang: str, links: Links) -> html.Section:
    """What the method can and cannot show, and where its design choices are written."""
    return html.Section(
        [html.H2(t("impact.limits.heading", lang), className="h5", id="impact-limits-heading"),
         html.P(t("impact.limits.can", lang)), html.P(t("impact.limits.cannot", lang)),
         html.P([t("impact.limits.methodology", lang), " ",
                 dcc.Link(t("impact.limits.link", lang) + " →", href=links.page("data", fragment="methodology"),
                          id="impact-methodology-link")])],
        className="its-caveats mb-4", id="impact-limits", **{"aria-labelledby": "impact-limits-heading"},
    )


def body(runtime: Runtime, lang: str, links: Links, query: dict) -> list:
    cards = [card_for(runtime, chart_id, lang, links, query) for chart_id in CHARTS]
    return [intro("impact", lang), *cards[:4], limits(lang, links), cards[4]]


PAGE = Page("impact", CHARTS, body)
