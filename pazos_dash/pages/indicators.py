"""Follow-up indicators: the scoreboard the PAZOS governance reviews, reach, and one indicator's detail."""

from dash import html

from ..i18n import t
from ..pages.base import Links, Page, card_for, intro
from ..runtime import Runtime


def status_rule(lang: str) -> html.Section:
    """The rule behind every status, written out (the code is analysis/indicators.py)."""
    return html.Section([html.H2(t("indicators.rule_heading", lang), className="h5"), html.P(t("indicators.rule", lang), className="mb-0")],
                        className="its-caveats mb-4", id="status-rule")


def body(runtime: Runtime, lang: str, links: Links, query: dict) -> list:
    return [
        intro("indicators", lang),
        status_rule(lang),
        card_for(runtime, "indicator_scoreboard", lang, links, query),
        card_for(runtime, "indicator_detail", lang, links, query),
        card_for(runtime, "reach", lang, links, query),
    ]


PAGE = Page("indicators", ("indicator_scoreboard", "indicator_detail", "reach"), body)
