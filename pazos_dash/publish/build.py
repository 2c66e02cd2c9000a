"""Build every published resource from the private inputs, the public reference and the
editorial files. Count tables go through disclosure control (tables.protected_table).

(Longer than 300 lines: one function per group of resources, read top to bottom in publication
order; the sources it cites are in sources.py. Split by group when issue 14 adds reconciliation.)"""

from __future__ import annotations

import json
from datetime import date
from dataclasses import dataclass, field as dc_field, replace
from pathlib import Path
from typing import Any

import pandas as pd

from ..data import DataError, DataPackage, Problem
from .schema import (COMPONENTS, SECTORS, UNKNOWN, VICTIM_AGE, VICTIM_MINORS, VICTIM_SEX, WEAPONS, YOUTH_AGE, YOUTH_SEX,
                     field)
from .sources import (DANE, DEMO, EDITORIAL, FOUNDING_DOCUMENT, OPSI, POLICE, POLICE_COMPILATION, PUBLIC_REPORTS, cite,
                      with_english_titles)
from .tables import TOTAL, EnrolmentsOf, TableSpec, margins_of, protected_table, protected_tables

CC_BY = [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
          "title": "Creative Commons Atribución 4.0 Internacional",
          "i18n": {"en": {"title": "Creative Commons Attribution 4.0 International"}}}]
ODBL_NOTE = "© OpenStreetMap contributors (ODbL) for the municipal outline, when used"
POLICE_SOURCE, DANE_SOURCE, SEED_SOURCE, DEMO_SOURCE, EDITORIAL_SOURCE = POLICE, DANE, FOUNDING_DOCUMENT, DEMO, EDITORIAL
REPORTED_YOUTH_2021 = 3000  # "more than 3000 young people (2021)": founding document


@dataclass
class Output:
    """One resource to publish: its frame (or GeoJSON), schema and metadata."""

    name: str
    title: tuple[str, str]
    description: tuple[str, str]
    fields: list[dict[str, Any]]
    frame: pd.DataFrame | None = None
    geojson: dict | None = None
    demo: bool = False
    sources: list[dict[str, Any]] = dc_field(default_factory=list)
    primary_key: list[str] = dc_field(default_factory=list)
    foreign_keys: list[dict[str, Any]] = dc_field(default_factory=list)
    disclosure: dict[str, Any] | None = None
    rules: list[dict[str, Any]] = dc_field(default_factory=list)  # checked by the loader (data/rules.py)
    properties: dict[str, Any] = dc_field(default_factory=dict)  # more descriptor keys (e.g. the evidence's inputs hash)

    @property
    def path(self) -> str:
        return f"{self.name}.geojson" if self.geojson is not None else f"{self.name}.csv"

    def descriptor(self, last_updated: str) -> dict[str, Any]:
        spec: dict[str, Any] = {
            "name": self.name,
            "path": self.path,
            "format": "geojson" if self.geojson is not None else "csv",
            "mediatype": "application/geo+json" if self.geojson is not None else "text/csv",
            "encoding": "utf-8",
            "title": self.title[0],
            "description": self.description[0],
            "i18n": {"en": {"title": self.title[1], "description": self.description[1]}},
            "demo": self.demo,
            "last_updated": last_updated,
            "licenses": CC_BY,
            "sources": self.sources,
            "schema": {"fields": with_english_titles(self.fields)},
        }
        if self.primary_key:
            spec["schema"]["primaryKey"] = self.primary_key
        if self.foreign_keys:
            spec["schema"]["foreignKeys"] = self.foreign_keys
        if self.disclosure:
            spec["disclosure"] = self.disclosure
        if self.rules:
            spec["rules"] = self.rules
        spec.update(self.properties)
        return spec


STATUSES = ["reported", "preliminary", "demo", "suppressed"]


def _status_field() -> dict[str, Any]:
    """What each row is: a published figure, a preliminary one, a demonstration value (no public
    figure exists), or a suppressed cell (disclosure control)."""
    return field("status", title="Estado del dato", required=True, enum=STATUSES)


def _source_field(required: bool = True) -> dict[str, Any]:
    return field("source", title="Fuentes (nombres de la lista de fuentes del paquete, separados por ';')", required=required)


def _suppressed_field() -> dict[str, Any]:
    return field("suppressed", "boolean", title="Celda suprimida (menos de k o complementaria)", required=True)


def _cluster_fk() -> list[dict[str, Any]]:
    return [{"fields": ["cluster_id"], "reference": {"resource": "clusters", "fields": ["cluster_id"]}}]


# --------------------------------------------------------------------------- count tables


def to_published(spec: TableSpec, table: pd.DataFrame) -> pd.DataFrame:
    """Internal TOTAL markers become empty cells ("all categories"); `area` gains its cluster_id."""
    out = table.copy()
    for dim in spec.dims:
        out[dim] = out[dim].map(lambda v: pd.NA if v == TOTAL else v)
    if "area" in spec.dims:
        out.insert(out.columns.get_loc("area") + 1, "cluster_id",
                   out["area"].map(lambda v: v if isinstance(v, str) and v.startswith("C") else pd.NA))
    return out


def from_published(spec: TableSpec, frame: pd.DataFrame) -> pd.DataFrame:
    """The inverse of to_published, for the file-based audit."""
    out = frame.copy()
    for dim in spec.dims:
        out[dim] = out[dim].astype("object").map(lambda v: TOTAL if pd.isna(v) else v)
    return out


def spec_from_descriptor(resource: dict[str, Any]) -> TableSpec:
    d = resource["disclosure"]
    return TableSpec(
        name=resource["name"], group=tuple(d["group"]), dims=tuple(d["dims"]),
        categories={k: tuple(v) for k, v in d["categories"].items()},
        margins=tuple(tuple(m) for m in d["margins"]), count=d["count"], k=d["k"], **TableSpec.joint_from_metadata(d),
    )


def _disclosure(spec: TableSpec, source: str) -> dict[str, Any]:
    return {"k": spec.k, "source": source, "group": list(spec.group), "dims": list(spec.dims),
            "categories": {k: list(v) for k, v in spec.categories.items()},
            "margins": [list(m) for m in spec.margins], "count": spec.count, **spec.joint_metadata()}


def _count_output(spec: TableSpec, records: pd.DataFrame | None, source: str, dim_fields: list[dict], *,
                  real_totals: bool = False, protected: pd.DataFrame | None = None, **meta: Any) -> Output:
    """A disclosure-controlled count table with each row's status and sources. `real_totals`: the
    total rows are real even where the split is demonstration (homicides by cluster). `protected`:
    the table already protected together with others of its population."""
    table = to_published(spec, protected if protected is not None else protected_table(spec, records))
    fields = [field("year", "year", title="Año", required=True), *dim_fields,
              field(spec.count, "integer", title=meta.pop("count_title"), minimum=0), _suppressed_field(),
              _status_field(), _source_field()]
    totals = table[list(spec.dims)].isna().all(axis=1)
    names = [s["name"] for s in meta["sources"]]
    table["status"] = "demo" if meta.get("demo") else "reported"
    table["source"] = ";".join(names)
    if real_totals:
        table.loc[totals, "status"] = "reported"
        table.loc[totals, "source"] = ";".join(n for n in names if n != DEMO_SOURCE["name"])
    table.loc[table["suppressed"].astype(bool), "status"] = "suppressed"
    key = ["year", *[f["name"] for f in dim_fields if f["name"] != "cluster_id"]]
    fks = _cluster_fk() if any(f["name"] == "cluster_id" for f in dim_fields) else []
    rules = []
    if len(spec.dims) == 1:  # the total row is the sum of its cells; the police's own tables add up to the annual series
        rules.append({"type": "total", "field": spec.count, "dimension": spec.dims[0], "by": list(spec.group),
                      **({"equals": {"resource": "homicides_annual", "field": "homicides", "where": {"geography": "Palmira"}}}
                         if source == "victims" and (real_totals or not meta.get("demo")) else {})})
    return Output(frame=table[[f["name"] for f in fields]], fields=fields, primary_key=key, foreign_keys=fks,
                  disclosure=_disclosure(spec, source), rules=rules, **meta)


def _area_fields(with_rest: bool) -> list[dict[str, Any]]:
    return [
        field("area", title="Área: clúster, resto del municipio ('rest') o vacío = todo el municipio",
              enum=["C1", "C2", "C3", "C4", "C5", "C6", "C7", *(["rest"] if with_rest else [])]),
        field("cluster_id", title="Clúster (código)"),
    ]


def _dim(name: str, values: tuple, title: str) -> dict[str, Any]:
    if isinstance(values[0], int):
        return field(name, "integer", title=f"{title} (vacío = total)", minimum=min(values), maximum=max(values))
    return field(name, title=f"{title} (vacío = total)", enum=list(values))


@dataclass(frozen=True)
class Inputs:
    raw: DataPackage
    reference: Path
    editorial: Path
    demo_inputs: frozenset[str]
    demo_fields: dict[str, list[str]]


def _cluster_of(raw: DataPackage) -> dict[str, str]:
    neighbourhoods = raw.table("neighbourhoods")
    return dict(zip(neighbourhoods["neighbourhood_id"].astype(str), neighbourhoods["cluster_id"].astype(str)))


VICTIM_TABLES = ("homicides_monthly", "homicides_by_sex", "homicides_by_age_group", "homicides_by_weapon", "homicides_by_cluster")


def official_annual(inputs: Inputs) -> pd.Series:
    """Palmira's official annual homicide count by year (the series the package publishes)."""
    reference = pd.read_csv(inputs.reference / "homicides_police_dane_2003_2024.csv")
    palmira = reference[reference["geography"] == "Palmira"]
    return palmira.set_index("year")["homicides"].astype(int)


def reconcile(inputs: Inputs, victims: pd.DataFrame, *, real: bool) -> None:
    """Victim records must fall within the official series' years and not after today, and, when
    their tables are published as the Police's figures, add up to the official count of every
    year: otherwise invented or extra records would be credited to the Police. Refuse, naming the
    record (file, row, column) or the year and the tables."""
    official = official_annual(inputs)
    path = inputs.raw.resources["victims"].path
    first, last = int(official.index.min()), min(int(official.index.max()), date.today().year)
    outside = victims["date"].notna() & ((victims["year"] < first) | (victims["year"] > last)
                                         | (victims["date"].dt.date > date.today()))
    problems = [Problem(path, f"a date between {first}-01-01 and {min(date(last, 12, 31), date.today())} (the official series' years, not after today)",
                        str(victims.at[i, "date"].date()), row=int(i) + 2, column="date")
                for i in list(victims.index[outside])[:10]]
    if real:
        counts = victims.groupby("year").size()
        for year in sorted(set(counts.index) | set(official.index)):
            if first <= year <= last and int(counts.get(year, 0)) != int(official.get(year, 0)):
                problems.append(Problem(path, f"{int(official.get(year, 0))} victims in {year}, the official annual count "
                                        f"(homicides_annual) that {', '.join(VICTIM_TABLES)} publish as the Police's",
                                        f"{int(counts.get(year, 0))} records dated {year}", column="date"))
    if problems:
        raise DataError(inputs.raw.directory, problems)


def homicide_tables(inputs: Inputs, k: int) -> list[Output]:
    victims = inputs.raw.table("victims").copy()
    victims["year"] = victims["date"].dt.year
    victims["month"] = victims["date"].dt.month
    cluster_of = _cluster_of(inputs.raw)
    victims["area"] = victims["neighbourhood_id"].map(lambda n: cluster_of.get(str(n), "rest") if pd.notna(n) else "rest")
    demo_fields = set(inputs.demo_fields.get("victims", [])) | ({"*"} if "victims" in inputs.demo_inputs else set())
    reconcile(inputs, victims, real="*" not in demo_fields and "date" not in demo_fields)
    years = sorted(victims["year"].unique())
    outputs = []

    def is_demo(*columns: str) -> bool:
        return "*" in demo_fields or any(c in demo_fields for c in columns)

    def sources_for(demo: bool) -> list[dict]:
        return [DEMO_SOURCE] if demo else [POLICE_SOURCE, POLICE_COMPILATION]

    monthly = TableSpec("homicides_monthly", ("year",), ("month",), {"month": tuple(range(1, 13))},
                        margins_of(("month",)), "homicides", k, population="victims")
    outputs.append(_count_output(
        monthly, victims, "victims",
        [field("month", "integer", title="Mes (vacío = todo el año)", minimum=1, maximum=12)],
        name=monthly.name, count_title="Homicidios",
        title=("Homicidios por mes en Palmira", "Homicides per month in Palmira"),
        description=(f"Homicidios por año y mes, {years[0]}–{years[-1]}. Los meses con menos de {k} casos y sus complementos se suprimen (celda vacía, suppressed = true).",
                     f"Homicides per year and month, {years[0]}–{years[-1]}. Months with fewer than {k} cases and their complements are suppressed (empty cell, suppressed = true)."),
        demo=is_demo("date"), sources=sources_for(is_demo("date"))))

    for column, values, es, en in (("sex", VICTIM_SEX, "sexo", "sex"), ("age_group", VICTIM_AGE, "grupo de edad", "age group"),
                                   ("weapon", WEAPONS, "arma", "weapon")):
        known = victims.groupby("year")[column].transform(lambda s: (s != UNKNOWN).all())
        rows = victims[known]
        # Minors (0-12 + 13-17 = total - 18+) must not be computable into [1, k-1] (rule 5).
        spec = TableSpec(f"homicides_by_{column}", ("year",), (column,), {column: values}, margins_of((column,)), "homicides", k,
                         population="victims", derived={"age_group": VICTIM_MINORS} if column == "age_group" else {})
        span = f"{int(rows['year'].min())}–{int(rows['year'].max())}"
        outputs.append(_count_output(
            spec, rows, "victims", [_dim(column, values, es.capitalize())], name=spec.name, count_title="Homicidios",
            title=(f"Homicidios por {es}", f"Homicides by {en}"),
            description=(f"Homicidios en Palmira por año y {es}, {span} (años con el dato completo), con control de divulgación (k = {k}).",
                         f"Homicides in Palmira by year and {en}, {span} (years with complete data), disclosure-controlled (k = {k})."),
            demo=is_demo(column), sources=sources_for(is_demo(column))))

    areas = ("C1", "C2", "C3", "C4", "C5", "C6", "C7", "rest")
    spec = TableSpec("homicides_by_cluster", ("year",), ("area",), {"area": areas}, margins_of(("area",)), "homicides", k,
                     population="victims")
    demo = is_demo("neighbourhood_id")
    outputs.append(_count_output(
        spec, victims, "victims", _area_fields(with_rest=True), name=spec.name, count_title="Homicidios",
        title=("Homicidios por clúster PAZOS" + (" (datos de demostración)" if demo else ""),
               "Homicides by PAZOS cluster" + (" (demonstration data)" if demo else "")),
        description=(f"Homicidios por año en cada clúster, en el resto del municipio y en total (k = {k}). "
                     + ("La asignación a clústeres es de demostración; los totales anuales son reales." if demo else ""),
                     f"Homicides per year in each cluster, in the rest of the municipality and in total (k = {k}). "
                     + ("The assignment to clusters is demonstration data; the annual totals are real." if demo else "")),
        demo=demo, sources=[*sources_for(is_demo("date")), *([DEMO_SOURCE] if demo and not is_demo("date") else [])],
        real_totals=not is_demo("date")))
    return outputs


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
    protected = protected_tables([spec, people_spec], {spec.name: enrolments, people_spec.name: people})
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


# The reference file's notes, published as codes that the dashboard translates (a Spanish
# table must not show English notes); the field descriptions in docs/data.md say what each means.
POPULATION_SOURCE_CODES = {"DANE municipal projections, 2005-census base": "dane_projection_2005_base",
                           "DANE municipal projections, CNPV-2018 base": "dane_projection_2018_base"}
NOTE_CODES = {"": "", "denominator series break at 2018 (census base change)": "census_base_change",
              "preliminary: extracted 7 days after year end": "preliminary"}


def _coded(codes: dict[str, str], column: str):
    def code(value: str) -> str:
        if value not in codes:
            raise ValueError(f"homicides_police_dane_2003_2024.csv, column '{column}': no code for {value!r}; add it to build.py")
        return codes[value]
    return code


def annual_homicides(inputs: Inputs) -> Output:
    """The real annual series (public aggregates, no suppression needed: counts far above k)."""
    reference = pd.read_csv(inputs.reference / "homicides_police_dane_2003_2024.csv", dtype={"note": str}, keep_default_na=False)
    frame = pd.DataFrame({
        "year": reference["year"], "geography": reference["geography"], "homicides": reference["homicides"],
        "population": reference["population"], "rate_per_100k": reference["rate_per_100k"],
        "status": reference["note"].map(lambda note: "preliminary" if str(note).startswith("preliminary") else "reported"),
        "source": cite(POLICE_SOURCE, DANE_SOURCE, POLICE_COMPILATION), "source_url": POLICE_SOURCE["path"],
        "population_source": reference["population_source"].map(_coded(POPULATION_SOURCE_CODES, "population_source")),
        "note": reference["note"].map(_coded(NOTE_CODES, "note")),
    })
    return Output(
        name="homicides_annual", frame=frame, sources=[POLICE_SOURCE, DANE_SOURCE, POLICE_COMPILATION], primary_key=["year", "geography"],
        rules=[{"type": "ratio", "field": "rate_per_100k", "numerator": "homicides", "denominator": "population",
                "scale": 100000, "decimals": 2}],
        title=("Homicidios por año: Palmira, Cali, Valle del Cauca y Colombia", "Homicides per year: Palmira, Cali, Valle del Cauca and Colombia"),
        description=("Homicidios registrados por la Policía Nacional (DIJIN), población proyectada por el DANE y tasa por 100.000 habitantes. El último año es preliminar. El DANE cambió la base censal en 2018: parte de la caída de la tasa ese año se debe al denominador.",
                     "Homicides recorded by the National Police (DIJIN), DANE projected population and rate per 100,000 residents. The last year is preliminary. DANE changed its census base in 2018: part of that year's fall in the rate comes from the denominator."),
        fields=[
            field("year", "year", title="Año", required=True, minimum=1990, maximum=2100),
            field("geography", title="Territorio", required=True, enum=["Palmira", "Cali", "Valle del Cauca", "Colombia"]),
            field("homicides", "integer", title="Homicidios", minimum=0),
            field("population", "integer", title="Población", minimum=1),
            field("rate_per_100k", "number", title="Tasa por 100.000 habitantes", minimum=0),
            _status_field(),
            field("source", title="Fuente", required=True),
            {**field("source_url", title="URL de la fuente"), "format": "uri"},
            field("population_source", title="Fuente de la población", enum=sorted(set(POPULATION_SOURCE_CODES.values()))),
            field("note", title="Nota", enum=sorted(set(NOTE_CODES.values()) - {""})),
        ])


def area_tables(inputs: Inputs) -> list[Output]:
    raw = inputs.raw
    neighbourhoods = raw.table("neighbourhoods")
    clusters = raw.table("clusters").copy()
    clusters["neighbourhoods"] = clusters["cluster_id"].map(neighbourhoods.groupby("cluster_id").size()).fillna(0).astype(int)
    demo = "clusters" in inputs.demo_inputs
    clusters["status"] = "demo" if demo else "reported"
    label = (" (datos de demostración)", " (demonstration data)") if demo else ("", "")
    sources = [SEED_SOURCE, DEMO_SOURCE] if demo else [SEED_SOURCE]
    geometry = raw.resources["cluster_geometry"].geojson
    schematic = any(f["properties"].get("geometry_kind") == "schematic" for f in geometry["features"])
    return [
        Output(
            name="clusters", frame=clusters[["cluster_id", "name", "zone", "neighbourhoods", "residents", "status"]],
            title=("Clústeres PAZOS" + label[0], "PAZOS clusters" + label[1]),
            description=("Los 7 clústeres territoriales de PAZOS (6 urbanos, 1 rural). Totales reales: 118.195 residentes y 42 barrios (documento fundacional)."
                         + (" Su reparto entre clústeres es de demostración, con nombres seudónimos." if demo else ""),
                         "The 7 territorial PAZOS clusters (6 urban, 1 rural). Real totals: 118,195 residents and 42 neighbourhoods (founding document)."
                         + (" Their split across clusters is demonstration data, with pseudonymous names." if demo else "")),
            demo=demo, sources=sources, primary_key=["cluster_id"],
            fields=[field("cluster_id", title="Clúster (código)", required=True, unique=True), field("name", title="Nombre", required=True),
                    field("zone", title="Zona", required=True, enum=["urban", "rural"]),
                    field("neighbourhoods", "integer", title="Barrios", required=True, minimum=0),
                    field("residents", "integer", title="Residentes", required=True, minimum=0), _status_field()]),
        Output(
            name="neighbourhoods", frame=neighbourhoods.assign(status="demo" if demo else "reported"),
            title=("Barrios PAZOS" + label[0], "PAZOS neighbourhoods" + label[1]),
            description=("Los 42 barrios de los clústeres PAZOS, cada uno en un clúster." + (" Nombres seudónimos." if demo else ""),
                         "The 42 neighbourhoods of the PAZOS clusters, each in one cluster." + (" Pseudonymous names." if demo else "")),
            demo=demo, sources=sources, primary_key=["neighbourhood_id"], foreign_keys=_cluster_fk(),
            fields=[field("neighbourhood_id", title="Barrio (código)", required=True, unique=True), field("name", title="Nombre", required=True),
                    field("cluster_id", title="Clúster (código)", required=True), _status_field()]),
        Output(
            name="cluster_geometry", geojson=geometry, frame=None, demo="cluster_geometry" in inputs.demo_inputs,
            title=("Geometría de los clústeres" + (" (esquemática, no a escala)" if schematic else ""),
                   "Cluster geometry" + (" (schematic, not to scale)" if schematic else "")),
            description=("Polígonos de los 7 clústeres. 'geometry_kind' dice si son esquemáticos o levantados. No existe geometría pública de los clústeres.",
                         "Polygons of the 7 clusters. 'geometry_kind' says whether they are schematic or surveyed. No public geometry of the clusters exists."),
            sources=[DEMO_SOURCE] if schematic else [SEED_SOURCE], foreign_keys=_cluster_fk(),
            fields=[field("cluster_id", title="Clúster (código)", required=True, unique=True), field("name", title="Nombre", required=True),
                    field("geometry_kind", title="Tipo de geometría", required=True, enum=["schematic", "surveyed"])]),
        Output(
            name="neighbourhood_geometry", geojson=raw.resources["neighbourhood_geometry"].geojson, frame=None,
            demo="neighbourhood_geometry" in inputs.demo_inputs,
            title=("Geometría de los barrios" + (" (esquemática, no a escala)" if schematic else ""),
                   "Neighbourhood geometry" + (" (schematic, not to scale)" if schematic else "")),
            description=("Polígonos de los 42 barrios, dentro de su clúster. No existe geometría pública de los barrios de PAZOS.",
                         "Polygons of the 42 neighbourhoods, inside their cluster. No public geometry of the PAZOS neighbourhoods exists."),
            sources=[DEMO_SOURCE] if schematic else [SEED_SOURCE],
            foreign_keys=[{"fields": ["neighbourhood_id"], "reference": {"resource": "neighbourhoods", "fields": ["neighbourhood_id"]}}],
            fields=[field("neighbourhood_id", title="Barrio (código)", required=True, unique=True),
                    field("cluster_id", title="Clúster (código)", required=True), field("name", title="Nombre", required=True),
                    field("geometry_kind", title="Tipo de geometría", required=True, enum=["schematic", "surveyed"])]),
    ]


def partner_tables(inputs: Inputs) -> list[Output]:
    raw = inputs.raw
    partners = raw.table("partners")
    contributions = raw.table("contributions")
    demo = "contributions" in inputs.demo_inputs or "partners" in inputs.demo_inputs
    contributions = contributions.assign(cluster_id=contributions["cluster_id"].fillna(""))
    wide = (contributions.pivot_table(index=["year", "partner_id", "component", "cluster_id", "kind"], columns="stage",
                                      values="amount_cop", aggfunc="sum", fill_value=0)
            .reindex(columns=["committed", "executed"], fill_value=0).reset_index())
    wide = wide.rename(columns={"committed": "committed_cop", "executed": "executed_cop"})
    wide["status"] = "demo" if demo else "reported"
    named = pd.read_csv(inputs.editorial / "partners_named.csv")
    label = (" (datos de demostración)", " (demonstration data)") if demo else ("", "")
    sources = [DEMO_SOURCE] if demo else [SEED_SOURCE]
    return [
        Output(
            name="partners", frame=partners.assign(status="demo" if demo else "reported"),
            title=("Aliados que aportan recursos" + label[0], "Partners contributing resources" + label[1]),
            description=("Aliados por sector. " + ("Nombres seudónimos: los montos son de demostración y ninguna organización real aparece junto a un monto inventado." if demo else ""),
                         "Partners by sector. " + ("Pseudonymous names: the amounts are demonstration data and no real organisation stands beside an invented amount." if demo else "")),
            demo=demo, sources=sources, primary_key=["partner_id"],
            fields=[field("partner_id", title="Aliado (código)", required=True, unique=True), field("name", title="Nombre", required=True),
                    field("sector", title="Sector", required=True, enum=list(SECTORS)), _status_field()]),
        Output(
            name="contributions", frame=wide[["year", "partner_id", "component", "cluster_id", "kind", "committed_cop", "executed_cop", "status"]],
            title=("Aportes por año, aliado y componente" + label[0], "Contributions by year, partner and component" + label[1]),
            description=("Recursos comprometidos y ejecutados en pesos colombianos (COP corrientes), en efectivo o en especie, y el clúster donde se invirtieron (vacío = todo el municipio).",
                         "Resources committed and executed in Colombian pesos (current COP), in cash or in kind, and the cluster where they were invested (empty = the whole municipality)."),
            rules=[{"type": "not_greater", "field": "executed_cop", "than": "committed_cop"}],
            demo=demo, sources=sources, primary_key=["year", "partner_id", "component", "cluster_id", "kind"],
            foreign_keys=[{"fields": ["partner_id"], "reference": {"resource": "partners", "fields": ["partner_id"]}},
                          *_cluster_fk()],
            fields=[field("year", "year", title="Año", required=True), field("partner_id", title="Aliado (código)", required=True),
                    field("component", title="Componente", required=True, enum=list(COMPONENTS)),
                    field("cluster_id", title="Clúster donde se invirtió (vacío = todo el municipio)"),
                    field("kind", title="Tipo de aporte", required=True, enum=["cash", "in_kind"]),
                    field("committed_cop", "integer", title="Comprometido (COP)", required=True, minimum=0),
                    field("executed_cop", "integer", title="Ejecutado (COP)", required=True, minimum=0), _status_field()]),
        Output(
            name="partners_named", frame=named,
            title=("Aliados nombrados públicamente y su papel", "Publicly named partners and their role"),
            description=("Organizaciones reales mencionadas en el documento fundacional o en reportes públicos, con su papel. Sin montos.",
                         "Real organisations named in the founding document or in public reports, with their role. No amounts."),
            sources=[SEED_SOURCE, PUBLIC_REPORTS], primary_key=["partner"],
            fields=[field("partner", title="Aliado", required=True, unique=True), field("sector", title="Sector", required=True, enum=list(SECTORS)),
                    field("role_es", title="Papel"), field("role_en", title="Papel (en inglés)"), field("source", title="Fuente")]),
    ]


def sdg_table(inputs: Inputs) -> Output:
    alignment = pd.read_csv(inputs.editorial / "sdg_alignment.csv", dtype={"target": str}, keep_default_na=False)
    return Output(
        name="sdg_alignment", frame=alignment,
        title=("Alineación de los componentes con los ODS", "Alignment of the components with the SDGs"),
        description=("Componente → objetivo → meta de los ODS, con una justificación de una línea. Los objetivos son los que nombra la Alcaldía; las metas son una lectura editorial del equipo del tablero.",
                     "Component → SDG goal → target, with a one-line rationale. The goals are those the Mayor's Office names; the targets are an editorial reading by the dashboard team."),
        sources=[SEED_SOURCE, EDITORIAL_SOURCE], primary_key=["component", "goal", "target"],
        fields=[field("component", title="Componente", required=True, enum=[*COMPONENTS, "all"]),
                field("goal", "integer", title="Objetivo", required=True, enum=[1, 2, 3, 4, 8, 10, 16, 17]),
                field("target", title="Meta"), field("rationale_es", title="Justificación", required=True),
                field("rationale_en", title="Justificación (en inglés)", required=True)])


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


def _cited_sources(frame: pd.DataFrame, candidates: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The candidates that some row of `frame` cites, in the candidates' order."""
    cited = {name for cell in frame["source"].dropna() for name in str(cell).split(";")}
    return [s for s in candidates if s["name"] in cited]


def with_row_provenance(output: Output) -> Output:
    """Every table says per row what the row is (`status`) and where it comes from (`source`,
    the names of its sources): tables that do not set them per row get their resource's."""
    if output.frame is None:
        return output
    frame, fields = output.frame.copy(), list(output.fields)
    if "status" not in frame.columns:
        frame["status"] = "demo" if output.demo else "reported"
        fields.append(_status_field())
    if "source" not in frame.columns:
        frame["source"] = cite(*output.sources)
        fields.append(_source_field())
    return replace(output, frame=frame, fields=fields)


def build_all(inputs: Inputs, *, k: int, k_youth: int) -> list[Output]:
    """Every resource of the package, in publication order."""
    outputs: dict[str, Output] = {}
    for output in [annual_homicides(inputs), *homicide_tables(inputs, k), *area_tables(inputs),
                   *youth_tables(inputs, k_youth), *partner_tables(inputs), sdg_table(inputs)]:
        outputs[output.name] = output
    for output in indicator_tables(inputs, outputs):
        outputs[output.name] = output
    return [with_row_provenance(output) for output in outputs.values()]


def read_manifest(raw_dir: Path) -> tuple[frozenset[str], dict[str, list[str]], str]:
    """Which inputs (or input fields) are demonstration data; absent manifest = all real."""
    path = raw_dir / "manifest.json"
    if not path.exists():
        return frozenset(), {}, ""
    manifest = json.loads(path.read_text(encoding="utf-8"))
    return frozenset(manifest.get("demo_inputs", [])), dict(manifest.get("demo_fields", {})), str(manifest.get("generator", ""))
