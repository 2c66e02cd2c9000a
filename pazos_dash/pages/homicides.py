"""Homicide trends over the years, with sources."""

from ..pages.base import Links, Page, card_for, coming_next, intro
from ..runtime import Runtime


def body(runtime: Runtime, lang: str, links: Links) -> list:
    return [
        intro("homicides", lang),
        card_for(runtime, "homicides_annual", lang, links),
        coming_next("homicides", lang),
    ]


PAGE = Page("homicides", {"es": "homicidios", "en": "homicides"}, ("homicides_annual",), body)
