"""The young people's tables: enrolments and unique people, protected together; the public figure."""

from __future__ import annotations

import pandas as pd

from .schema import COMPONENTS, YOUTH_AGE, YOUTH_SEX, field
from .sources import cite
from .protection import protected_tables
from .tables import EnrolmentsOf, TableSpec, margins_of
from .output import DEMO_SOURCE, SEED_SOURCE, Inputs, Output, _cluster_of, _count_output, _dim, _status_field

REPORTED_YOUTH_2021 = 3000  # "more than 3000 young people (2021)": founding document


def youth_tables(inputs: Inputs, k: int) -> list[Output]:
    enrolments = inputs.raw.table("enrolments").copy()
    cluster_of = _cluster_of(inputs.raw)
    enrolments["area"] = enrolments["neighbourhood_id"].astype(str).map(cluster_of)
    clusters = tuple(sorted(set(cluster_of.values())))
    demo = "enrolments" in inputs.demo_inputs
    sources = [DEMO_SOURCE] if demo else [SEED_SOURCE]
    label = (" (datos de demostración)", " (demonstration data)") if demo else ("", "")
    # One population, protected and attacked together: enrolments in a component of a cluster <=
    # people served there <= all their enrolments (tables.EnrolmentsOf).
    people = enrolments.drop_duplicates(["year", "person_id"])
    people_spec = TableSpec("youth_people", ("year",), ("area", "sex", "age_group"),
                            {"area": clusters, "sex": YOUTH_SEX, "age_group": YOUTH_AGE},
                            (("area", "sex"), ("area", "age_group"), ("area",), ("sex",), ("age_group",), ()), "people", k,
                            population="youth")
    spec = TableSpec("youth_enrolments", ("year",), ("area", "component"),
                     {"area": clusters, "component": COMPONENTS}, margins_of(("area", "component")), "enrolments", k,
                     population="youth", enrolments_of=EnrolmentsOf(people_spec.name, ("area",), "component"))
    protected = protected_tables([spec, people_spec], {spec.name: enrolments, people_spec.name: people}, inputs.hidden_before)
    by_component = _count_output(
        spec, enrolments, "enrolments",
        [field("area", title="Clúster (vacío = todo el municipio)", enum=list(clusters)), field("cluster_id", title="Clúster (código)"),
         _dim("component", COMPONENTS, "Componente")],
        name=spec.name, count_title="Inscripciones",
        title=("Inscripciones de jóvenes por componente y clúster" + label[0], "Enrolments of young people by component and cluster" + label[1]),
        description=(f"Inscripciones (una persona puede estar en varios componentes) por año, clúster y componente; k = {k}.",
                     f"Enrolments (one person can be in several components) by year, cluster and component; k = {k}."),
        demo=demo, sources=sources, protected=protected[spec.name])
    spec = people_spec
    by_person = _count_output(
        spec, people, "people",
        [field("area", title="Clúster (vacío = todo el municipio)", enum=list(clusters)), field("cluster_id", title="Clúster (código)"),
         _dim("sex", YOUTH_SEX, "Sexo"), _dim("age_group", YOUTH_AGE, "Grupo de edad")],
        name=spec.name, count_title="Personas únicas",
        title=("Jóvenes atendidos (personas únicas) por clúster, sexo y edad" + label[0], "Young people served (unique people) by cluster, sex and age" + label[1]),
        description=(f"Personas únicas atendidas por año, por clúster × sexo y clúster × grupo de edad (nunca los tres a la vez); k = {k}. Los menores (16–17) solo aparecen a nivel de clúster o superior.",
                     f"Unique people served per year, by cluster × sex and cluster × age group (never all three at once); k = {k}. Minors (16–17) appear only at cluster level or above."),
        demo=demo, sources=sources, protected=protected[spec.name])
    reported = Output(
        name="youth_served_reported",
        title=("Jóvenes atendidos: cifra pública", "Young people served: public figure"),
        description=("La cifra que la Alcaldía publicó: más de 3.000 jóvenes atendidos directamente en 2021.",
                     "The figure the Mayor's Office published: more than 3,000 young people served directly in 2021."),
        fields=[field("year", "year", title="Año", required=True), field("people_min", "integer", title="Personas (mínimo)", minimum=0),
                field("qualifier", title="Calificador", enum=["more_than", "exactly"]), _status_field(), field("source", title="Fuente")],
        frame=pd.DataFrame([{"year": 2021, "people_min": REPORTED_YOUTH_2021, "qualifier": "more_than", "status": "reported",
                             "source": cite(SEED_SOURCE)}]),
        sources=[SEED_SOURCE], primary_key=["year"])
    return [by_component, by_person, reported]


