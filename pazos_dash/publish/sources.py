"""Who published each figure: the package's sources, each with a stable `name` that rows cite.

A row's `source` cell holds the names of its sources separated by ';' (the same names as the
resource's `sources` entries), so the dashboard can say, for exactly the rows a chart shows,
where they come from. Titles are Spanish; `i18n.en.title` is the English one.

Each source also says what its figure is (`description`), who publishes it (`publisher`), the
version read (`version`: the date of the release the dashboard read, where one is known) and
when a new one comes (`update`), in Spanish with `i18n.en.*` in English: the "Sources and
processing" tab of every chart and the DCAT catalogue show them.
"""

from __future__ import annotations

from typing import Any

SEPARATOR = ";"

POLICE = {
    "name": "policia-dijin",
    "title": "Policía Nacional de Colombia – DIJIN, Grupo de Información de Criminalidad: estadística delictiva (homicidios)",
    "path": "https://www.policia.gov.co/estadistica-delictiva",
    "publisher": "Policía Nacional de Colombia – Dirección de Investigación Criminal e INTERPOL (DIJIN)",
    "description": "Homicidios registrados por la Policía por fecha y municipio del hecho (columna CANTIDAD por FECHA HECHO), "
                   "de las hojas anuales de la Policía (leídas de la compilación pública que se acredita aparte).",
    "version": "2025-02-10",
    "update": "Anual: la Policía publica el año cerrado en el primer trimestre del siguiente; el último año es preliminar hasta entonces.",
    "i18n": {"en": {"title": "National Police of Colombia – DIJIN, Crime Information Group: crime statistics (homicides)",
                    "publisher": "National Police of Colombia – Directorate of Criminal Investigation and INTERPOL (DIJIN)",
                    "description": "Homicides recorded by the police by date and municipality of the event (CANTIDAD by FECHA HECHO), "
                                   "from the police's annual spreadsheets (read from the public compilation credited separately).",
                    "update": "Yearly: the police publish a closed year in the first quarter of the next; the last year is preliminary until then."}},
}
DANE = {
    "name": "dane",
    "title": "DANE: proyecciones municipales de población (base censal 2005 hasta 2017; CNPV 2018 desde 2018)",
    "path": "https://www.dane.gov.co/index.php/estadisticas-por-tema/demografia-y-poblacion/proyecciones-de-poblacion",
    "publisher": "Departamento Administrativo Nacional de Estadística (DANE)",
    "description": "Población proyectada de cada municipio a mitad de año: el denominador de cada tasa por 100.000 habitantes.",
    "version": "2025-02-10",
    "update": "Cuando el DANE revisa sus proyecciones (tras cada censo o ajuste); cambió de base en 2018.",
    "i18n": {"en": {"title": "DANE: municipal population projections (2005 census base up to 2017; 2018 census base from 2018)",
                    "publisher": "National Administrative Department of Statistics (DANE)",
                    "description": "Each municipality's projected mid-year population: the denominator of every rate per 100,000 residents.",
                    "update": "When DANE revises its projections (after each census or adjustment); its base changed in 2018."}},
}
# The Police's yearly spreadsheets were read from this public compilation of them: credited as such.
POLICE_COMPILATION = {
    "name": "compilacion-policia",
    "title": "Compilación pública de las hojas anuales de la Policía (repositorio reynellbadillo/homicidios_Colombia_2003_2024), de donde se leyeron",
    "path": "https://github.com/reynellbadillo/homicidios_Colombia_2003_2024",
    "publisher": "Repositorio público en GitHub (reynellbadillo)",
    "description": "Copias de las hojas anuales de la Policía y de las proyecciones del DANE, de las que se leyeron las cifras (commit 8e2b0c0d).",
    "version": "2025-02-10",
    "i18n": {"en": {"title": "Public compilation of the Police's yearly spreadsheets (repository reynellbadillo/homicidios_Colombia_2003_2024), from which they were read",
                    "publisher": "Public GitHub repository (reynellbadillo)",
                    "description": "Copies of the Police's yearly spreadsheets and DANE's projections, from which the figures were read (commit 8e2b0c0d)."}},
}
FOUNDING_DOCUMENT = {
    "name": "alcaldia-pazos-2023",
    "title": "Alcaldía de Palmira: documento fundacional de PAZOS (2023)",
    "publisher": "Alcaldía de Palmira",
    "description": "La descripción de la estrategia por la Alcaldía: clústeres, barrios, residentes, jóvenes atendidos, componentes y aliados.",
    "version": "2023-09-28",
    "update": "Sin actualización periódica: documento de una sola vez.",
    "i18n": {"en": {"title": "Mayor's Office of Palmira: PAZOS founding document (2023)",
                    "publisher": "Mayor's Office of Palmira",
                    "description": "The Mayor's Office's description of the strategy: clusters, neighbourhoods, residents, young people served, components and partners.",
                    "update": "No periodic update: a one-off document."}},
}
OPSI = {
    "name": "alcaldia-opsi",
    "title": "Alcaldía de Palmira: postulación de PAZOS al Observatorio de Innovación del Sector Público de la OCDE (OPSI)",
    "path": "https://oecd-opsi.org/?p=35639",
    "publisher": "Alcaldía de Palmira (publicado por el OPSI de la OCDE)",
    "description": "La tasa de homicidios de jóvenes de 14 a 29 años por 100.000 que reportó la Alcaldía (2011, 2015 y 2017).",
    "update": "Sin actualización periódica: cifras de una postulación.",
    "i18n": {"en": {"title": "Mayor's Office of Palmira: PAZOS submission to the OECD Observatory of Public Sector Innovation (OPSI)",
                    "publisher": "Mayor's Office of Palmira (published by the OECD's OPSI)",
                    "description": "The homicide rate of young people aged 14 to 29 per 100,000 that the Mayor's Office reported (2011, 2015 and 2017).",
                    "update": "No periodic update: figures from one submission."}},
}
PUBLIC_REPORTS = {
    "name": "informes-publicos",
    "title": "Informes públicos (prensa y páginas de las organizaciones) que nombran a los aliados, recopilados por el equipo del tablero",
    "publisher": "Medios y organizaciones aliadas; recopilación del equipo del tablero PAZOS",
    "description": "Qué organizaciones trabajan en los territorios PAZOS y en qué papel, sin montos.",
    "update": "Cuando el equipo del tablero encuentra un informe nuevo.",
    "i18n": {"en": {"title": "Public reports (press and the organisations' own pages) naming the partners, collected by the dashboard team",
                    "publisher": "The press and partner organisations; gathered by the PAZOS dashboard team",
                    "description": "Which organisations work in the PAZOS territories and in what role, with no amounts.",
                    "update": "When the dashboard team finds a new report."}},
}
DEMO = {
    "name": "demo",
    "title": "Valores de demostración inventados por el equipo del tablero: no hay cifra pública",
    "publisher": "Equipo del tablero PAZOS",
    "description": "Valores inventados, coherentes con los totales públicos, para mostrar cómo se verá el tablero: no son cifras reales.",
    "update": "Se reemplazan cuando la Alcaldía publique los registros reales.",
    "i18n": {"en": {"title": "Demonstration values invented by the dashboard team: no public figure exists",
                    "publisher": "PAZOS dashboard team",
                    "description": "Invented values, consistent with the public totals, to show what the dashboard will look like: not real figures.",
                    "update": "Replaced when the Mayor's Office publishes the real records."}},
}
EDITORIAL = {
    "name": "tablero-editorial",
    "title": "Equipo del tablero PAZOS, a partir del documento fundacional (alineación editorial)",
    "publisher": "Equipo del tablero PAZOS",
    "description": "Lecturas editoriales del documento fundacional: metas de los ODS e indicadores de seguimiento.",
    "update": "Cuando el equipo del tablero revisa la alineación.",
    "i18n": {"en": {"title": "PAZOS dashboard team, from the founding document (editorial alignment)",
                    "publisher": "PAZOS dashboard team",
                    "description": "Editorial readings of the founding document: SDG targets and follow-up indicators.",
                    "update": "When the dashboard team reviews the alignment."}},
}

EVALUATION = {
    "name": "pazos-evaluacion",
    "title": "Equipo del tablero PAZOS: evaluación contrafactual (control sintético y series de tiempo interrumpidas), calculada por pazos-dash publish",
    "publisher": "Equipo del tablero PAZOS",
    "description": "Estimaciones de un modelo, no cifras medidas: qué habría pasado en Palmira sin PAZOS según municipios comparables "
                   "(control sintético sobre municipal_homicides) y según la tendencia mensual previa (homicides_monthly). "
                   "Método y límites en docs/methodology.md.",
    "update": "Con cada publicación: se recalcula cuando cambian las cifras de la Policía y el DANE que usa.",
    "i18n": {"en": {"title": "PAZOS dashboard team: counterfactual evaluation (synthetic control and interrupted time series), computed by pazos-dash publish",
                    "publisher": "PAZOS dashboard team",
                    "description": "A model's estimates, not measured figures: what would have happened in Palmira without PAZOS according to "
                                   "comparable municipalities (synthetic control on municipal_homicides) and to the earlier monthly trend "
                                   "(homicides_monthly). Method and limits in docs/methodology.md.",
                    "update": "With every release: recomputed when the Police and DANE figures it uses change."}},
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
    "publisher": "Who published the figure", "definition": "What it counts", "published_in": "Where it was published",
    "note_es": "Note (in Spanish)", "note_en": "Note",
    "release": "Release (package version)", "date": "Date of the release", "resource": "Dataset", "key": "Row (primary key)",
    "field": "Field", "old_value": "Value before", "new_value": "Value after", "change": "Kind of change",
    "reason": "Reason (as the publisher wrote it)", "reason_en": "Reason (in English)",
    "dane_code": "DANE code of the municipality (5 digits)", "municipality": "Municipality",
    "department_code": "DANE code of the department (2 digits)", "department": "Department",
    "census_base": "Census base of the population",
    "variant": "Variant of the model", "observed_rate": "Observed rate per 100,000", "synthetic_rate": "Synthetic rate per 100,000",
    "gap": "Gap (observed − synthetic)", "period": "Period (before or after the start)",
    "in_estimate": "Year used by the variant's fit (pre) or estimate (post)", "weight": "Weight",
    "role": "Role in the permutation test", "pre_rmspe": "Root mean squared gap before the start",
    "post_rmspe": "Root mean squared gap after the start", "rmspe_ratio": "Post / pre RMSPE", "rank": "Rank (1 = largest ratio)",
    "included": "Kept by the pre-fit filter", "mean_post_gap": "Mean gap after the start", "model": "Model", "measure": "Measure",
    "estimate": "Estimate", "low": "Interval: low", "high": "Interval: high", "p_value": "p-value",
    "p_value_method": "How the p-value was computed", "n_units": "Units in the permutation test", "post_start": "First year after the start",
    "post_end": "Last year of the estimate", "detail": "Detail",
}


def with_english_titles(fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The fields, each carrying its English title where one is known."""
    return [{**f, "i18n": {"en": {"title": FIELD_TITLES_EN[f["name"]]}}} if f["name"] in FIELD_TITLES_EN else f for f in fields]
