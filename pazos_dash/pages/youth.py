"""Young people served: unique people against enrolments, by component, cluster, sex and age."""

from dash import html

from ..i18n import t
from ..pages.base import Links, Page, card_for, intro
from ..runtime import Runtime

CHARTS = ("youth_served", "youth_enrolments_by_component", "youth_people_breakdown")


def body(runtime: Runtime, lang: str, links: Links, query: dict) -> list:
    reported = runtime.package.table("youth_served_reported").sort_values("year").iloc[-1]
    measures = html.Section([html.H2(t("youth.measures_heading", lang), className="h5"), html.P(t("youth.measures", lang))],
                            className="its-caveats mb-4", id="youth-measures")
    cards = [card_for(runtime, chart_id, lang, links, query) for chart_id in CHARTS]
    return [intro("youth", lang, year=int(reported["year"]), people=int(reported["people_min"])), measures, *cards]


PAGE = Page("youth", CHARTS, body)
