"""The sdg page: route, title and navigation now; its charts come with a later issue."""

from ..pages.base import Links, Page, coming_next, intro
from ..runtime import Runtime


def body(runtime: Runtime, lang: str, links: Links, query: dict) -> list:
    return [intro("sdg", lang), coming_next("sdg", lang)]


PAGE = Page("sdg", {"es": "ods", "en": "sdg"}, (), body)
