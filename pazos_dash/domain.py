"""Facts about PAZOS the code needs, in one copy: languages, the strategy's years, components.

Anything the published package can say (years with data, clusters, indicators) is read from
the package instead, so a republished package with a new year or cluster shows without a restart.
"""

from __future__ import annotations

LANGUAGES = ("es", "en")

PAZOS_START, PAZOS_END = 2020, 2023  # the strategy's implementation years
CLUSTER_DESIGN_YEAR = 2023  # the 7 clusters and 42 neighbourhoods (founding document): no residents were reached through them before
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


# The one status vocabulary: what a published figure is. Every resource's `status` (and
# `baseline_status`, `target_status`) takes its values from here; the loader, the validator, the
# data dictionary and the labels on the site read this table (issue 21). Meanings in both languages.
STATUSES: dict[str, tuple[str, str]] = {
    "reported": ("Cifra oficial publicada por la fuente que se cita", "Official figure published by the source cited"),
    "preliminary": ("Cifra oficial preliminar: la fuente puede revisarla", "Preliminary official figure: the source may revise it"),
    "municipal": ("Cifra propia de la Alcaldía de Palmira (sus registros), no una estadística oficial de la fuente nacional",
                  "The Mayor's Office of Palmira's own figure (its records), not an official statistic of the national source"),
    "estimated": ("Estimación de un modelo estadístico calculada por el equipo del tablero a partir de cifras publicadas",
                  "A statistical model's estimate, computed by the dashboard team from published figures"),
    "editorial": ("Lectura editorial del equipo del tablero (no una cifra medida)", "An editorial reading by the dashboard team (not a measured figure)"),
    "demo": ("Valor de demostración: no existe una cifra pública", "Demonstration value: no public figure exists"),
    "suppressed": ("Celda suprimida por control de divulgación", "Cell suppressed by disclosure control"),
}
# Statuses that a row may carry while citing an official publisher (Police, DANE, ...)
OFFICIAL_STATUSES = ("reported", "preliminary", "suppressed")


def other_language(lang: str) -> str:
    return "en" if lang == "es" else "es"
