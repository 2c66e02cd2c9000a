"""The homicide tables: the official annual series, and the victim tables built from records
(monthly, sex, age group, weapon, cluster), reconciled with the official series."""

from __future__ import annotations

from datetime import date

import pandas as pd

from ..data import DataError, Problem
from ..data.rules import RATE_RULE
from .schema import UNKNOWN, VICTIM_AGE, VICTIM_MINORS, VICTIM_SEX, WEAPONS, field
from . import official
from .sources import MUNICIPAL_RECORDS, POLICE_COMPILATION, cite
from .tables import TableSpec, margins_of
from .output import (DANE_SOURCE, DEMO_SOURCE, POLICE_SOURCE, Inputs, Output, _area_fields, _cluster_of, _count_output,
                     _dim, _status_field)


VICTIM_TABLES = ("homicides_monthly", "homicides_by_sex", "homicides_by_age_group", "homicides_by_weapon", "homicides_by_cluster")


def official_annual(inputs: Inputs) -> pd.Series:
    """Palmira's official annual homicide count by year (the series the package publishes)."""
    return official.palmira_annual(inputs.reference)


def reconcile(inputs: Inputs, victims: pd.DataFrame, *, real: bool, checked: tuple[str, ...] = ()) -> None:
    """Victim records must fall within the official series' years and not after today, and, when
    their tables are published as the Police's figures, equal the Police's count in every cell
    that has an official counterpart: each year, each month (`date` in `checked`), each sex, age
    group and weapon (those columns in `checked`); otherwise invented, moved or relabelled
    records would be credited to the Police. Refuse, naming the record (file, row, column) or the
    cell (table, year, category). A count the Mayor's Office means to differ is published under
    its own name instead (manifest `municipal_inputs`: status `municipal`)."""
    annual = official_annual(inputs)
    path = inputs.raw.resources["victims"].path
    first, last = int(annual.index.min()), min(int(annual.index.max()), date.today().year)
    outside = victims["date"].notna() & ((victims["year"] < first) | (victims["year"] > last)
                                         | (victims["date"].dt.date > date.today()))
    problems = [Problem(path, f"a date between {first}-01-01 and {min(date(last, 12, 31), date.today())} (the official series' years, not after today)",
                        str(victims.at[i, "date"].date()), row=int(i) + 2, column="date")
                for i in list(victims.index[outside])[:10]]
    if real:
        counts = victims.groupby("year").size()
        for year in sorted(set(counts.index) | set(annual.index)):
            if first <= year <= last and int(counts.get(year, 0)) != int(annual.get(year, 0)):
                problems.append(Problem(path, f"{int(annual.get(year, 0))} victims in {year}, the official annual count "
                                        f"(homicides_annual) that {', '.join(VICTIM_TABLES)} publish as the Police's",
                                        f"{int(counts.get(year, 0))} records dated {year}", column="date"))
        cells = official.official_cells(inputs.reference)
        for table, dimension in official.VICTIM_DIMENSIONS.items():
            column = "date" if dimension == "month" else dimension
            if dimension == "area" or column not in checked:
                continue
            expected = cells[table]
            years = {y for y, category in expected if category is not None}
            rows = victims[victims["year"].isin(years)]
            found = rows.groupby(["year", dimension]).size()
            for key in sorted(set(found.index) | {k for k in expected if k[1] is not None}, key=str):
                year, category = int(key[0]), key[1]
                if year not in set(rows["year"]) or not first <= year <= last:
                    continue
                want, have = int(expected.get((year, category), 0)), int(found.get((year, category), 0))
                if want != have:
                    problems.append(Problem(path, f"{want} victims in {table}, year {year}, {dimension} = {category}: the Police's figure "
                                            f"(data/reference) that {table} would publish as the Police's; if the Mayor's Office means its "
                                            f"own count, list 'victims' in manifest.json's municipal_inputs",
                                            f"{have} records", column=column))
    if problems:
        raise DataError(inputs.raw.directory, problems[:50])


def homicide_tables(inputs: Inputs, k: int) -> list[Output]:
    victims = inputs.raw.table("victims").copy()
    victims["year"] = victims["date"].dt.year
    victims["month"] = victims["date"].dt.month
    cluster_of = _cluster_of(inputs.raw)
    victims["area"] = victims["neighbourhood_id"].map(lambda n: cluster_of.get(str(n), "rest") if pd.notna(n) else "rest")
    demo_fields = set(inputs.demo_fields.get("victims", [])) | ({"*"} if "victims" in inputs.demo_inputs else set())
    municipal = "victims" in inputs.municipal_inputs
    real = "*" not in demo_fields and "date" not in demo_fields
    reconcile(inputs, victims, real=real and not municipal,
              checked=tuple(c for c in ("date", "sex", "age_group", "weapon") if c not in demo_fields))
    years = sorted(victims["year"].unique())
    outputs = []
    # The Police's figures for the year still being extracted are preliminary in every table derived from them.
    status = "municipal" if municipal else "reported"
    provenance = {"status": status, "preliminary_years": frozenset() if municipal else official.preliminary_years(inputs.reference)}

    def is_demo(*columns: str) -> bool:
        return "*" in demo_fields or any(c in demo_fields for c in columns)

    def sources_for(demo: bool) -> list[dict]:
        return [DEMO_SOURCE] if demo else [MUNICIPAL_RECORDS] if municipal else [POLICE_SOURCE, POLICE_COMPILATION]

    def hidden(name: str) -> frozenset:
        return inputs.hidden_before.get(name, frozenset())

    monthly = TableSpec("homicides_monthly", ("year",), ("month",), {"month": tuple(range(1, 13))},
                        margins_of(("month",)), "homicides", k, population="victims")
    outputs.append(_count_output(
        monthly, victims, "victims",
        [field("month", "integer", title="Mes (vacío = todo el año)", minimum=1, maximum=12)],
        name=monthly.name, count_title="Homicidios",
        title=("Homicidios por mes en Palmira", "Homicides per month in Palmira"),
        description=(f"Homicidios por año y mes, {years[0]}–{years[-1]}. Los meses con menos de {k} casos y sus complementos se suprimen (celda vacía, suppressed = true).",
                     f"Homicides per year and month, {years[0]}–{years[-1]}. Months with fewer than {k} cases and their complements are suppressed (empty cell, suppressed = true)."),
        demo=is_demo("date"), sources=sources_for(is_demo("date")), hidden_before=hidden(monthly.name), **provenance))

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
            demo=is_demo(column), sources=sources_for(is_demo(column)), hidden_before=hidden(spec.name), **provenance))

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
        demo=demo, sources=[*sources_for(is_demo("date")), *([DEMO_SOURCE] if demo and not is_demo("date") else []),
                            *([MUNICIPAL_RECORDS] if not demo and not municipal and not is_demo("date") else [])],
        real_totals=not is_demo("date"), hidden_before=hidden(spec.name),
        # real places: the Police publish no cluster figures; the assignment to clusters is the Mayor's Office's
        split=("municipal", MUNICIPAL_RECORDS) if not demo and not municipal and not is_demo("date") else None, **provenance))
    return outputs


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
        rules=[RATE_RULE],
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


