"""The PAZOS clusters: residents now, maps next."""

from ..pages.base import Links, Page, card_for, coming_next, intro
from ..data.queries import territory_facts
from ..runtime import Runtime


def body(runtime: Runtime, lang: str, links: Links, query: dict) -> list:
    return [
        intro("clusters", lang, **territory_facts(runtime.package)),
        card_for(runtime, "cluster_residents", lang, links),
        coming_next("clusters", lang),
    ]


PAGE = Page("clusters", {"es": "clusteres", "en": "clusters"}, ("clusters",), body)
