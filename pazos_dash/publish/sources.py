"""Who published each figure: the package's sources, each with a stable `name` that rows cite.

A row's `source` cell holds the names of its sources separated by ';' (the same names as the
resource's `sources` entries), so the dashboard can say, for exactly the rows a chart shows,
where they come from. Titles are Spanish; `i18n.en.title` is the English one.
"""

from __future__ import annotations

from typing import Any

SEPARATOR = ";"

POLICE = {
    "name": "policia-dijin",
    "title": "Policía Nacional de Colombia – DIJIN, Grupo de Información de Criminalidad: estadística delictiva (homicidios)",
    "path": "https://www.policia.gov.co/estadistica-delictiva",
    "i18n": {"en": {"title": "National Police of Colombia – DIJIN, Crime Information Group: crime statistics (homicides)"}},
}
DANE = {
    "name": "dane",
    "title": "DANE: proyecciones municipales de población (base censal 2005 hasta 2017; CNPV 2018 desde 2018)",
    "path": "https://www.dane.gov.co/index.php/estadisticas-por-tema/demografia-y-poblacion/proyecciones-de-poblacion",
    "i18n": {"en": {"title": "DANE: municipal population projections (2005 census base up to 2017; 2018 census base from 2018)"}},
}
# The Police's yearly spreadsheets were read from this public compilation of them: credited as such.
POLICE_COMPILATION = {
    "name": "compilacion-policia",
    "title": "Compilación pública de las hojas anuales de la Policía (repositorio reynellbadillo/homicidios_Colombia_2003_2024), de donde se leyeron",
    "path": "https://github.com/reynellbadillo/homicidios_Colombia_2003_2024",
    "i18n": {"en": {"title": "Public compilation of the Police's yearly spreadsheets (repository reynellbadillo/homicidios_Colombia_2003_2024), from which they were read"}},
}
FOUNDING_DOCUMENT = {
    "name": "alcaldia-pazos-2023",
    "title": "Alcaldía de Palmira: documento fundacional de PAZOS (2023)",
    "i18n": {"en": {"title": "Mayor's Office of Palmira: PAZOS founding document (2023)"}},
}
OPSI = {
    "name": "alcaldia-opsi",
    "title": "Alcaldía de Palmira: postulación de PAZOS al Observatorio de Innovación del Sector Público de la OCDE (OPSI)",
    "path": "https://oecd-opsi.org/?p=35639",
    "i18n": {"en": {"title": "Mayor's Office of Palmira: PAZOS submission to the OECD Observatory of Public Sector Innovation (OPSI)"}},
}
PUBLIC_REPORTS = {
    "name": "informes-publicos",
    "title": "Informes públicos (prensa y páginas de las organizaciones) que nombran a los aliados, recopilados por el equipo del tablero",
    "i18n": {"en": {"title": "Public reports (press and the organisations' own pages) naming the partners, collected by the dashboard team"}},
}
DEMO = {
    "name": "demo",
    "title": "Valores de demostración inventados por el equipo del tablero: no hay cifra pública",
    "i18n": {"en": {"title": "Demonstration values invented by the dashboard team: no public figure exists"}},
}
EDITORIAL = {
    "name": "tablero-editorial",
    "title": "Equipo del tablero PAZOS, a partir del documento fundacional (alineación editorial)",
    "i18n": {"en": {"title": "PAZOS dashboard team, from the founding document (editorial alignment)"}},
}


def cite(*sources: dict[str, Any]) -> str:
    """The `source` cell of a row that comes from these sources."""
    return SEPARATOR.join(s["name"] for s in sources)


# English titles of the published fields (the Spanish `title` is the standard one); a field
# named here gets `i18n.en.title`, so the English data dictionary is English.
FIELD_TITLES_EN = {
    "year": "Year", "geography": "Territory", "homicides": "Homicides", "population": "Population",
    "rate_per_100k": "Rate per 100,000 residents", "status": "Status of the figure",
    "source": "Sources (names in the package's source list, separated by ';')", "source_url": "Source URL",
    "population_source": "Population source", "note": "Note", "month": "Month (empty = whole year)",
    "suppressed": "Suppressed cell (fewer than k, or complementary)", "sex": "Sex (empty = total)",
    "age_group": "Age group (empty = total)", "weapon": "Weapon (empty = total)",
    "area": "Area: a cluster, the rest of the municipality ('rest'), or empty = the whole municipality",
    "cluster_id": "Cluster (code)", "name": "Name", "zone": "Zone", "neighbourhoods": "Neighbourhoods",
    "residents": "Residents", "neighbourhood_id": "Neighbourhood (code)", "geometry_kind": "Kind of geometry",
    "component": "Component", "enrolments": "Enrolments", "people": "Unique people", "people_min": "People (at least)",
    "qualifier": "Qualifier", "partner_id": "Partner (code)", "sector": "Sector", "kind": "Kind of contribution",
    "committed_cop": "Committed (COP)", "executed_cop": "Executed (COP)", "partner": "Partner", "role_es": "Role (in Spanish)",
    "role_en": "Role", "goal": "Goal", "target": "Target", "rationale_es": "Rationale (in Spanish)", "rationale_en": "Rationale",
    "indicator_id": "Indicator (code)", "sdg_indicator": "SDG indicator", "unit": "Unit", "direction": "Desired direction",
    "name_es": "Name (in Spanish)", "name_en": "Name", "definition_es": "Definition (in Spanish)", "definition_en": "Definition",
    "baseline_year": "Baseline year", "baseline": "Baseline", "target_year": "Target year", "target": "Target",
    "target_status": "Status of the target", "value": "Value",
}


def with_english_titles(fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The fields, each carrying its English title where one is known."""
    return [{**f, "i18n": {"en": {"title": FIELD_TITLES_EN[f["name"]]}}} if f["name"] in FIELD_TITLES_EN else f for f in fields]
