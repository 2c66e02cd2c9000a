"""Overview: what PAZOS is and the headline homicide series."""

from ..pages.base import Links, Page, card_for, intro
from ..runtime import Runtime


def body(runtime: Runtime, lang: str, links: Links) -> list:
    return [intro("overview", lang), card_for(runtime, "homicides_annual", lang, links)]


PAGE = Page("overview", {"es": "", "en": ""}, ("homicides_annual",), body)
