"""The follow-up indicators: definitions (editorial) and yearly values computed from published tables."""

from __future__ import annotations

from typing import Any

import pandas as pd

from .schema import COMPONENTS, field
from .sources import OPSI, POLICE_COMPILATION, cite
from .output import (DANE_SOURCE, DEMO_SOURCE, EDITORIAL_SOURCE, POLICE_SOURCE, SEED_SOURCE, STATUSES, Inputs, Output,
                     _cited_sources, _status_field)


def indicator_tables(inputs: Inputs, outputs: dict[str, Output]) -> list[Output]:
    """The follow-up battery: definitions (editorial) and yearly values computed from published tables."""
    definitions = pd.read_csv(inputs.editorial / "indicators.csv", dtype={"sdg_indicator": str}, keep_default_na=False)
    values: list[dict[str, Any]] = []

    def add(indicator: str, year: int, value: float | None, status: str, source: str) -> None:
        values.append({"indicator_id": indicator, "year": int(year), "value": None if value is None or pd.isna(value) else round(float(value), 2),
                       "status": status, "source": source})

    annual = outputs["homicides_annual"].frame
    for row in annual[annual["geography"] == "Palmira"].itertuples():
        add("homicide_rate", row.year, row.rate_per_100k, row.status, row.source)
    youth_rate = pd.read_csv(inputs.reference / "palmira_youth_homicide_rate.csv")
    for row in youth_rate.itertuples():
        add("youth_homicide_rate", row.year, row.rate_per_100k, "reported", cite(OPSI))
    people, enrolments = outputs["youth_people"], outputs["youth_enrolments"]
    status_youth = "demo" if people.demo else "reported"
    totals = people.frame[people.frame[["area", "sex", "age_group"]].isna().all(axis=1)]
    for row in totals.itertuples():
        add("young_people_served", row.year, row.people, status_youth, cite(*people.sources))
    by_component = enrolments.frame[enrolments.frame["area"].isna() & enrolments.frame["component"].notna()]
    for row in by_component.itertuples():
        add(f"enrolments_{row.component}", row.year, row.enrolments, status_youth, cite(*enrolments.sources))
    contributions = outputs["contributions"].frame.merge(outputs["partners"].frame[["partner_id", "sector"]], on="partner_id")
    status_money = "demo" if outputs["contributions"].demo else "reported"
    for year, rows in contributions.groupby("year"):
        add("budget_execution_rate", year, 100 * rows["executed_cop"].sum() / rows["committed_cop"].sum(), status_money, cite(*outputs["contributions"].sources))
        public = rows.loc[rows["sector"] == "public", "executed_cop"].sum()
        external = rows.loc[rows["sector"] != "public", "executed_cop"].sum()
        add("external_leverage", year, external / public if public else None, status_money, cite(*outputs["contributions"].sources))
    value_frame = pd.DataFrame(values)
    baseline = []
    for row in definitions.itertuples():
        match = value_frame[(value_frame["indicator_id"] == row.indicator_id) & (value_frame["year"] == row.baseline_year)]
        baseline.append(match["value"].iloc[0] if len(match) else None)
    definitions.insert(definitions.columns.get_loc("baseline_year") + 1, "baseline", baseline)
    # the baseline is a computed value like any other: as real as the value it was read from
    definitions.insert(definitions.columns.get_loc("baseline") + 1, "baseline_status", [
        (lambda match: str(match["status"].iloc[0]) if len(match) else None)(
            value_frame[(value_frame["indicator_id"] == row.indicator_id) & (value_frame["year"] == row.baseline_year)])
        for row in definitions.itertuples()])
    return [
        Output(
            name="indicators", frame=definitions,
            title=("Batería de indicadores de seguimiento", "Follow-up indicator battery"),
            description=("Indicadores, unidad, dirección deseada, línea base (calculada de los datos) y meta. Las metas son de demostración: no hay metas públicas.",
                         "Indicators, unit, desired direction, baseline (computed from the data) and target. The targets are demonstration values: no public targets exist."),
            demo=True, sources=[EDITORIAL_SOURCE, DEMO_SOURCE], primary_key=["indicator_id"],
            fields=[field("indicator_id", title="Indicador (código)", required=True, unique=True),
                    field("component", title="Componente", required=True, enum=[*COMPONENTS, "all"]),
                    field("sdg_indicator", title="Indicador ODS"),
                    field("unit", title="Unidad", required=True, enum=["per_100k", "people", "enrolments", "percent", "ratio"]),
                    field("direction", title="Dirección deseada", required=True, enum=["lower_is_better", "higher_is_better"]),
                    field("name_es", title="Nombre", required=True), field("name_en", title="Nombre (en inglés)", required=True),
                    field("definition_es", title="Definición"), field("definition_en", title="Definición (en inglés)"),
                    field("baseline_year", "year", title="Año base"), field("baseline", "number", title="Línea base"),
                    field("baseline_status", title="Estado de la línea base", enum=STATUSES),
                    field("target_year", "year", title="Año meta"), field("target", "number", title="Meta"),
                    field("target_status", title="Estado de la meta", enum=STATUSES)]),
        Output(
            name="indicator_values", frame=value_frame,
            title=("Valores anuales de los indicadores", "Yearly indicator values"),
            description=("Valor de cada indicador por año, calculado de los demás recursos del paquete; 'status' dice si es una cifra con fuente o de demostración.",
                         "Each indicator's value per year, computed from the package's other resources; 'status' says whether it is a sourced or a demonstration figure."),
            demo=any(v["status"] == "demo" for v in values),
            sources=_cited_sources(value_frame, [POLICE_SOURCE, DANE_SOURCE, POLICE_COMPILATION, OPSI, SEED_SOURCE, DEMO_SOURCE]),
            primary_key=["indicator_id", "year"],
            foreign_keys=[{"fields": ["indicator_id"], "reference": {"resource": "indicators", "fields": ["indicator_id"]}}],
            fields=[field("indicator_id", title="Indicador (código)", required=True), field("year", "year", title="Año", required=True),
                    field("value", "number", title="Valor"), _status_field(), field("source", title="Fuente")]),
    ]


