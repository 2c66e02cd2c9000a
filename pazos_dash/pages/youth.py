"""The youth page: route, title and navigation now; its charts come with a later issue."""

from ..pages.base import Links, Page, coming_next, intro
from ..runtime import Runtime


def body(runtime: Runtime, lang: str, links: Links, query: dict) -> list:
    reported = runtime.package.table("youth_served_reported").sort_values("year").iloc[-1]
    return [intro("youth", lang, year=int(reported["year"]), people=int(reported["people_min"])), coming_next("youth", lang)]


PAGE = Page("youth", {"es": "jovenes", "en": "youth"}, (), body)
