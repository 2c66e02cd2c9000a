"""The data dictionary in both languages: what every published field means and, for coded
fields, each allowed value with its meaning. Read by the data page (/datos, /en/data) and by
scripts/data_dictionary.py (docs/data.md). A field's own `description` in the package wins;
these are the descriptions the package does not carry yet (publish/build.py can copy them in)."""

from __future__ import annotations

from typing import Any

import re

from ..domain import STATUSES
from .text import code_text

_STATUS_FIELDS = {"status", "baseline_status", "target_status", "direct_status", "indirect_status", "graded_status"}

# field name -> (Spanish, English)
DESCRIPTIONS: dict[str, tuple[str, str]] = {
    "year": ("Año calendario al que se refiere la cifra.", "Calendar year the figure refers to."),
    "geography": ("Territorio de la cifra: Palmira o un territorio con el que se compara.",
                  "Territory of the figure: Palmira or a territory it is compared with."),
    "homicides": ("Número de homicidios (víctimas) registrados en el periodo y territorio de la fila.",
                  "Number of homicides (victims) recorded in the row's period and territory."),
    "population": ("Población del territorio en el año, según las proyecciones del DANE.",
                   "The territory's population in the year, from DANE's projections."),
    "rate_per_100k": ("Homicidios por cada 100.000 habitantes: homicidios / población × 100.000.",
                      "Homicides per 100,000 residents: homicides / population × 100,000."),
    "status": ("Estado de la cifra en el vocabulario único del tablero.", "Status of the figure, in the dashboard's one vocabulary."),
    "source": ("Fuentes de la fila: nombres de la lista de fuentes del paquete, separados por ';'.",
               "The row's sources: names in the package's source list, separated by ';'."),
    "source_url": ("Dirección web donde se publica la cifra de origen.", "Web address where the original figure is published."),
    "population_source": ("Qué proyección del DANE da la población (cambia de base censal en 2018).",
                          "Which DANE projection gives the population (the census base changes in 2018)."),
    "note": ("Nota codificada sobre la fila; vacía si no hay.", "Coded note on the row; empty when there is none."),
    "month": ("Mes (1 a 12); vacío cuando la fila es el total del año.", "Month (1 to 12); empty when the row is the year's total."),
    "suppressed": ("Verdadero si la celda se ocultó para proteger a las personas (menos de k casos, o para que no se pueda deducir otra).",
                   "True when the cell was withheld to protect people (fewer than k cases, or so that another cannot be deduced)."),
    "sex": ("Sexo de las personas contadas; vacío = todas.", "Sex of the people counted; empty = everyone."),
    "age_group": ("Grupo de edad en años cumplidos; vacío = todas las edades.", "Age group in completed years; empty = all ages."),
    "weapon": ("Arma o medio empleado según la Policía; vacío = todos.", "Weapon or means used, as the police record it; empty = all."),
    "area": ("Clúster de PAZOS (código), 'rest' para el resto del municipio, o vacío para todo el municipio.",
             "PAZOS cluster (code), 'rest' for the rest of the municipality, or empty for the whole municipality."),
    "cluster_id": ("Código del clúster territorial de PAZOS (C1 a C7).", "Code of the PAZOS territorial cluster (C1 to C7)."),
    "name": ("Nombre con el que se publica (clúster, barrio o aliado).", "Name as published (cluster, neighbourhood or partner)."),
    "zone": ("Zona del clúster.", "The cluster's zone."),
    "neighbourhoods": ("Número de barrios que forman el clúster.", "Number of neighbourhoods in the cluster."),
    "residents": ("Personas residentes en el clúster según el documento fundacional.", "Residents of the cluster, from the founding document."),
    "neighbourhood_id": ("Código del barrio.", "Code of the neighbourhood."),
    "geometry_kind": ("Si la forma dibujada es esquemática o levantada en terreno.", "Whether the shape drawn is schematic or surveyed."),
    "component": ("Componente de PAZOS al que pertenece la fila; vacío = todos.", "PAZOS component the row belongs to; empty = all."),
    "enrolments": ("Inscripciones en actividades: una persona inscrita en dos actividades cuenta dos veces.",
                   "Enrolments in activities: a person enrolled in two activities counts twice."),
    "people": ("Personas únicas atendidas: cada persona cuenta una vez.", "Unique people served: each person counts once."),
    "people_min": ("Cifra de personas tal como la publicó la Alcaldía (un mínimo cuando dice 'más de').",
                   "Number of people as the Mayor's Office published it (a minimum when it says 'more than')."),
    "qualifier": ("Cómo se lee la cifra publicada.", "How the published figure reads."),
    "partner_id": ("Código del aliado que aporta.", "Code of the contributing partner."),
    "sector": ("Sector del aliado.", "The partner's sector."),
    "kind": ("Si el aporte es en dinero o en especie.", "Whether the contribution is cash or in kind."),
    "committed_cop": ("Recursos comprometidos, en pesos colombianos corrientes.", "Resources committed, in current Colombian pesos."),
    "executed_cop": ("Recursos ejecutados, en pesos colombianos corrientes.", "Resources spent, in current Colombian pesos."),
    "partner": ("Nombre del aliado tal como aparece en la fuente.", "The partner's name as the source gives it."),
    "role_es": ("Papel del aliado en PAZOS, en español.", "The partner's role in PAZOS, in Spanish."),
    "role_en": ("Papel del aliado en PAZOS, en inglés.", "The partner's role in PAZOS, in English."),
    "goal": ("Número del Objetivo de Desarrollo Sostenible (1 a 17).", "Number of the Sustainable Development Goal (1 to 17)."),
    "target": ("Meta: del ODS (p. ej. 16.1) en la alineación, o el valor a alcanzar en un indicador.",
               "Target: the SDG target (e.g. 16.1) in the alignment, or the value to reach for an indicator."),
    "rationale_es": ("Por qué el componente se alinea con la meta, en español.", "Why the component aligns with the target, in Spanish."),
    "rationale_en": ("Por qué el componente se alinea con la meta, en inglés.", "Why the component aligns with the target, in English."),
    "indicator_id": ("Código estable del indicador de seguimiento.", "Stable code of the follow-up indicator."),
    "sdg_indicator": ("Indicador ODS con el que se relaciona, si lo hay.", "Related SDG indicator, if any."),
    "unit": ("Unidad en que se mide el indicador.", "Unit the indicator is measured in."),
    "direction": ("Qué sentido de cambio es una mejora.", "Which direction of change is an improvement."),
    "name_es": ("Nombre del indicador en español.", "The indicator's name in Spanish."),
    "name_en": ("Nombre del indicador en inglés.", "The indicator's name in English."),
    "definition_es": ("Cómo se calcula el indicador, en español.", "How the indicator is computed, in Spanish."),
    "definition_en": ("Cómo se calcula el indicador, en inglés.", "How the indicator is computed, in English."),
    "baseline_year": ("Año de la línea base.", "Year of the baseline."),
    "baseline": ("Valor del indicador al empezar (línea base).", "The indicator's value at the start (baseline)."),
    "baseline_status": ("Estado de la cifra de la línea base.", "Status of the baseline figure."),
    "target_year": ("Año en que debe alcanzarse la meta.", "Year the target is to be reached by."),
    "target_status": ("Estado de la cifra de la meta.", "Status of the target figure."),
    "value": ("Valor del indicador en el año.", "The indicator's value in the year."),
    "publisher": ("Quién publicó la cifra (otra entidad, no la Policía).", "Who published the figure (another body, not the police)."),
    "definition": ("Qué cuenta esa cifra, en palabras de quien la publicó.", "What that figure counts, in its publisher's words."),
    "published_in": ("Documento o página donde se publicó la cifra.", "Document or page where the figure was published."),
    "note_es": ("Nota sobre la cifra, en español.", "Note on the figure, in Spanish."),
    "note_en": ("Nota sobre la cifra, en inglés.", "Note on the figure, in English."),
    "release": ("Versión del paquete de datos en que se hizo el cambio.", "Version of the data package the change was made in."),
    "date": ("Fecha de esa publicación (AAAA-MM-DD).", "Date of that release (YYYY-MM-DD)."),
    "resource": ("Conjunto de datos cambiado.", "Dataset changed."),
    "key": ("Fila cambiada: los valores de su clave primaria.", "Row changed: the values of its primary key."),
    "field": ("Campo cambiado.", "Field changed."),
    "old_value": ("Valor antes del cambio (vacío si la fila es nueva).", "Value before the change (empty for a new row)."),
    "new_value": ("Valor después del cambio (vacío si la fila se quitó).", "Value after the change (empty for a removed row)."),
    "change": ("Tipo de cambio.", "Kind of change."),
    "reason": ("Motivo del cambio, como lo escribió quien publica.", "Reason for the change, as the publisher wrote it."),
    "reason_en": ("Motivo del cambio, en inglés.", "Reason for the change, in English."),
    # every municipality (municipal_homicides) and the evaluation (synthetic control, impact estimates)
    "dane_code": ("Código DANE del municipio (5 dígitos, como texto: 05001 conserva su cero).",
                  "DANE code of the municipality (5 digits, as text: 05001 keeps its zero)."),
    "municipality": ("Nombre del municipio, como lo escribe hoy el DANE.", "Name of the municipality, as DANE spells it today."),
    "department_code": ("Código DANE del departamento (2 dígitos).", "DANE code of the department (2 digits)."),
    "department": ("Departamento al que pertenece el municipio.", "Department the municipality belongs to."),
    "census_base": ("Base censal de la proyección de población del DANE (cambia en 2018).",
                    "Census base of DANE's population projection (it changes in 2018)."),
    "variant": ("Variante del modelo: main (el modelo principal) o una prueba de robustez o un placebo.",
                "Model variant: main (the main model) or a robustness check or a placebo."),
    "observed_rate": ("Tasa de homicidios por 100.000 observada en la unidad tratada de la variante.",
                      "Observed homicide rate per 100,000 of the variant's treated unit."),
    "synthetic_rate": ("Tasa del control sintético: los pesos de los donantes por sus tasas publicadas.",
                       "Rate of the synthetic control: the donors' weights times their published rates."),
    "gap": ("Brecha: tasa observada menos tasa sintética (negativa = por debajo de su control).",
            "Gap: observed rate minus synthetic rate (negative = below its control)."),
    "period": ("Antes o después del inicio (real o ficticio) de la variante.", "Before or after the variant's (real or fake) start."),
    "in_estimate": ("Verdadero si el año entra en el ajuste (antes) o en la estimación (después) de la variante.",
                    "True when the year enters the variant's fit (before) or estimate (after)."),
    "weight": ("Peso del donante en el control sintético (de 0 a 1; los de una variante suman 1).",
               "The donor's weight in the synthetic control (0 to 1; a variant's weights sum to 1)."),
    "role": ("Papel en la prueba de permutación: la unidad tratada (Palmira) o un placebo.",
             "Role in the permutation test: the treated unit (Palmira) or a placebo."),
    "pre_rmspe": ("Error cuadrático medio (raíz) del ajuste antes del inicio, por 100.000.",
                  "Root mean squared error of the fit before the start, per 100,000."),
    "post_rmspe": ("Raíz del error cuadrático medio después del inicio, por 100.000.", "Root mean squared gap after the start, per 100,000."),
    "rmspe_ratio": ("Razón entre el error después y antes del inicio: cuanto mayor, más se aparta de su control.",
                    "Ratio of the error after to before the start: the larger, the more it departs from its control."),
    "rank": ("Puesto por razón de errores (1 = la mayor) entre todas las unidades de la prueba.",
             "Rank by error ratio (1 = the largest) among every unit of the test."),
    "included": ("Verdadero si la unidad pasa el filtro de buen ajuste previo de la prueba.", "True when the unit passes the test's pre-fit filter."),
    "mean_post_gap": ("Brecha media después del inicio, por 100.000.", "Mean gap after the start, per 100,000."),
    "model": ("Método de la estimación.", "Method of the estimate."),
    "measure": ("Qué mide la estimación y en qué unidad.", "What the estimate measures, and in what unit."),
    "estimate": ("Valor estimado del efecto, en la unidad que dice el campo measure.", "Estimated value of the effect, in the unit the measure field names."),
    "low": ("Límite inferior del intervalo del 95 %, cuando el método lo da.", "Lower bound of the 95% interval, where the method gives one."),
    "high": ("Límite superior del intervalo del 95 %, cuando el método lo da.", "Upper bound of the 95% interval, where the method gives one."),
    "p_value": ("Valor p de la estimación (ver p_value_method).", "The estimate's p-value (see p_value_method)."),
    "p_value_method": ("Cómo se calculó el valor p.", "How the p-value was computed."),
    "n_units": ("Número de unidades de la prueba de permutación.", "Number of units in the permutation test."),
    "post_start": ("Primer año del periodo después del inicio.", "First year of the period after the start."),
    "post_end": ("Último año del periodo después del inicio.", "Last year of the period after the start."),
    "detail": ("Qué cambia esta variante respecto al modelo principal.", "What this variant changes from the main model."),
}

# Codes whose meaning is not already a word of the interface (views.text.code_text): (Spanish, English).
MEANINGS: dict[str, tuple[str, str]] = {
    "dane_projection_2005_base": ("proyección del DANE con base en el censo de 2005 (hasta 2017)", "DANE projection on the 2005 census base (to 2017)"),
    "dane_projection_2018_base": ("proyección del DANE con base en el censo de 2018 (desde 2018)", "DANE projection on the 2018 census base (from 2018)"),
    "census_base_change": ("primer año con la base censal de 2018: no se compara sin cautela con los anteriores",
                           "first year on the 2018 census base: compare with earlier years with care"),
    "preliminary": ("cifra preliminar: será revisada", "preliminary figure: will be revised"),
    "schematic": ("esquemática: no existe geometría pública", "schematic: no public geometry exists"),
    "surveyed": ("levantada: geometría oficial", "surveyed: official geometry"),
    "more_than": ("más de: la cifra publicada es un mínimo", "more than: the published figure is a minimum"),
    "exactly": ("exactamente la cifra publicada", "exactly the published figure"),
    "in_kind": ("en especie (bienes, servicios, tiempo)", "in kind (goods, services, time)"),
    "lower_is_better": ("mejora si baja", "better when lower"),
    "higher_is_better": ("mejora si sube", "better when higher"),
    "Palmira": ("municipio de Palmira (Valle del Cauca)", "municipality of Palmira (Valle del Cauca)"),
    "Cali": ("municipio de Cali, capital del departamento", "municipality of Cali, the department's capital"),
    "Valle del Cauca": ("departamento del Valle del Cauca", "department of Valle del Cauca"),
    "Colombia": ("todo el país", "the whole country"),
    "added": ("fila nueva", "row added"), "changed": ("valor cambiado", "value changed"), "removed": ("fila quitada", "row removed"),
    "cash": ("en dinero", "cash (money)"),
    "enrolments": ("inscripciones (una persona puede sumar varias)", "enrolments (one person may add several)"),
    "people": ("personas únicas", "unique people"), "ratio": ("razón entre dos cantidades", "ratio of two amounts"),
    "firearm": ("arma de fuego", "firearm (gun)"), "knife": ("arma blanca", "knife or other blade"),
    "rural": ("zona rural del municipio", "rural part of the municipality"),
    "urban": ("zona urbana (cabecera) del municipio", "urban part (town) of the municipality"),
    "rest": ("resto del municipio, fuera de los clústeres", "rest of the municipality, outside the clusters"),
    "0-12": ("0 a 12 años", "0 to 12 years"), "13-17": ("13 a 17 años", "13 to 17 years"), "18+": ("18 años o más", "18 years or older"),
    "pre": ("antes del inicio", "before the start"), "post": ("después del inicio", "after the start"),
    "treated": ("la unidad tratada (Palmira)", "the treated unit (Palmira)"), "placebo": ("un donante tratado como si fuera Palmira", "a donor treated as if it were Palmira"),
    "synthetic_control": ("control sintético (Abadie, Diamond y Hainmueller)", "synthetic control (Abadie, Diamond and Hainmueller)"),
    "its": ("serie de tiempo interrumpida (regresión segmentada mensual)", "interrupted time series (monthly segmented regression)"),
    "mean_gap_rate_post": ("brecha media 2020–2023 frente al control, en homicidios por 100.000", "mean 2020–2023 gap against the control, in homicides per 100,000"),
    "level_change_monthly": ("cambio de nivel en enero de 2020, en homicidios al mes", "change in level in January 2020, in homicides a month"),
    "permutation": ("prueba de permutación (placebos en el espacio): puesto / unidades", "permutation test (placebos in space): rank / units"),
    "newey_west": ("prueba t con errores de Newey–West", "t test with Newey–West errors"),
    "16-17": ("16 a 17 años", "16 to 17 years"), "18-24": ("18 a 24 años", "18 to 24 years"), "25-29": ("25 a 29 años", "25 to 29 years"),
}

# municipal_homicides codes its census base shorter than homicides_annual: the same two meanings
MEANINGS["dane_2005"], MEANINGS["dane_2018"] = MEANINGS["dane_projection_2005_base"], MEANINGS["dane_projection_2018_base"]


def describe(field: dict[str, Any], lang: str) -> str:
    """What a field means in `lang`: the package's own description, else this dictionary's."""
    own = field.get("i18n", {}).get(lang, {}).get("description") or (field.get("description") if lang == "es" else "")
    if own:
        return str(own)
    pair = DESCRIPTIONS.get(field["name"])
    return pair[0 if lang == "es" else 1] if pair else ""


def meaning(value: Any, lang: str, field: str = "") -> str:
    """What one allowed value of a coded field means in `lang`."""
    text, i = str(value), 0 if lang == "es" else 1
    if field in _STATUS_FIELDS and text in STATUSES:
        return STATUSES[text][i]
    if re.fullmatch(r"C\d+", text):
        return ("clúster {} de PAZOS" if lang == "es" else "PAZOS cluster {}").format(text[1:])
    if field == "goal":
        from ..i18n import has, t

        return t(f"sdg.{text}", lang) if has(f"sdg.{text}", lang) else ("Objetivo de Desarrollo Sostenible {}" if lang == "es" else "Sustainable Development Goal {}").format(text)
    if text in MEANINGS:
        return MEANINGS[text][0 if lang == "es" else 1]
    return code_text(text, lang) or ""


def allowed_values(field: dict[str, Any], lang: str) -> list[tuple[str, str]]:
    """Each allowed value of a coded field (its `enum`) with its meaning in `lang`."""
    return [(str(v), meaning(v, lang, field.get("name", ""))) for v in field.get("constraints", {}).get("enum", [])]


def values_text(field: dict[str, Any], lang: str) -> str:
    """The allowed values in one line: `reported` (cifra reportada), `demo` (…)."""
    return ", ".join(f"`{v}`" + (f" ({m})" if m else "") for v, m in allowed_values(field, lang))
