"""Facts about PAZOS the code needs, in one copy: languages, the strategy's years, components.

Anything the published package can say (years with data, clusters, indicators) is read from
the package instead, so a republished package with a new year or cluster shows without a restart.
"""

from __future__ import annotations

LANGUAGES = ("es", "en")

PAZOS_START, PAZOS_END = 2020, 2023  # the strategy's implementation years
PRE_PAZOS = (2017, 2019)  # the three years before, the comparison people ask about
DURING_PAZOS = (PAZOS_START, PAZOS_END)  # what happened during the strategy, set against PRE_PAZOS
LOCKDOWN_YEAR = 2020  # COVID-19 lockdowns: mobility and violence fell across the country
CENSUS_BREAK = 2018  # DANE population from the 2018 census on: part of that year's rate fall is the denominator
# A rate computed from fewer events than this is unreliable (the rule of CDC WONDER and NCHS):
# it is flagged wherever it is shown, and no percentage change is built on a base below it.
SMALL_COUNT = 20

COMPONENTS = ("disruption", "intervention", "prevention", "safe_environments", "access_to_justice")
SECTORS = ("public", "private", "international_cooperation", "foundation", "academia")  # the partners' sectors
COMPARISON_AREAS = ("Palmira", "Cali", "Valle del Cauca", "Colombia")
PLACE = "Palmira, Valle del Cauca, Colombia"  # where the strategy works (the datasets' spatial coverage)


def other_language(lang: str) -> str:
    return "en" if lang == "es" else "es"
