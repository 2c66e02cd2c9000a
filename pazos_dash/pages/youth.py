"""The youth page: route, title and navigation now; its charts come with a later issue."""

from ..pages.base import Links, Page, coming_next, intro
from ..runtime import Runtime


def body(runtime: Runtime, lang: str, links: Links) -> list:
    return [intro("youth", lang), coming_next("youth", lang)]


PAGE = Page("youth", {"es": "jovenes", "en": "youth"}, (), body)
