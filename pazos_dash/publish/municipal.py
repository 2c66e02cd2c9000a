"""`municipal_homicides`: the Police's homicide counts and DANE's population for every municipality
of Colombia, 2003–2024, row for row the reference panel (data/reference/colombia_municipal_homicides_2003_2024.csv).

Public aggregates (no disclosure control needed: a municipality-year total names nobody). Three
things are written differently from the file, each said in the resource's description:
- `census_base` as a code (`dane_2005`, `dane_2018`) instead of the file's words;
- one name per DANE code: DANE's current spelling (the 2005-base files spell some names without
  accents or with footnote marks, e.g. "Itagui", "Norosí (1)"), so a reader finds one place, not two;
- `population` and `rate_per_100k` empty where the file has population 0 (DANE has no projection:
  the municipality did not exist yet, 24 rows), never a rate of "inf".
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .build import Output
from .schema import field
from .sources import DANE, POLICE, POLICE_COMPILATION, cite

REFERENCE_FILE = "colombia_municipal_homicides_2003_2024.csv"
CENSUS_BASES = {"Censo 2005": "dane_2005", "CNPV 2018": "dane_2018"}
RESOURCE = "municipal_homicides"
COLUMNS = ["year", "dane_code", "municipality", "department_code", "department", "homicides", "population",
           "rate_per_100k", "census_base", "status", "source"]


class MunicipalReferenceError(ValueError):
    """The reference panel cannot be published as it stands (names file, row and column)."""


def read_reference(reference: Path) -> pd.DataFrame:
    path = Path(reference) / REFERENCE_FILE
    return pd.read_csv(path, dtype={"dane_code": str, "department_code": str}, keep_default_na=False, na_values={"rate_per_100k": ["", "inf"]})


def municipal_frame(reference: Path) -> pd.DataFrame:
    """The published frame (before the row provenance columns are checked by the loader)."""
    raw = read_reference(reference)
    path = Path(reference) / REFERENCE_FILE
    unknown = ~raw["census_base"].isin(list(CENSUS_BASES))
    if unknown.any():
        row = int(unknown.idxmax())
        raise MunicipalReferenceError(f"{path}, row {row + 2}, column 'census_base': expected one of {sorted(CENSUS_BASES)}, "
                                      f"found {raw.at[row, 'census_base']!r}")
    latest = raw.sort_values("year").groupby("dane_code").last()
    population = raw["population"].astype("Int64")
    no_projection = population <= 0
    frame = pd.DataFrame({
        "year": raw["year"].astype(int),
        "dane_code": raw["dane_code"].str.strip(),
        "municipality": raw["dane_code"].map(latest["municipality"].str.strip()),
        "department_code": raw["department_code"].str.strip(),
        "department": raw["dane_code"].map(latest["department"].str.strip()),
        "homicides": raw["homicides"].astype("Int64"),
        "population": population.mask(no_projection),
        "rate_per_100k": pd.to_numeric(raw["rate_per_100k"], errors="coerce").astype("Float64").mask(no_projection).round(2),
        "census_base": raw["census_base"].map(CENSUS_BASES),
        "status": raw["status"].str.strip(),
        "source": cite(POLICE, DANE, POLICE_COMPILATION),
    })
    return frame[COLUMNS]


def municipal_output(reference: Path) -> Output:
    frame = municipal_frame(reference)
    first, last = int(frame["year"].min()), int(frame["year"].max())
    units = frame["dane_code"].nunique()
    units_es = f"{units:,}".replace(",", ".")
    preliminary = sorted(frame.loc[frame["status"] == "preliminary", "year"].unique())
    prelim_es = f" {', '.join(map(str, preliminary))} es preliminar." if preliminary else ""
    prelim_en = f" {', '.join(map(str, preliminary))} is preliminary." if preliminary else ""
    return Output(
        name=RESOURCE, frame=frame, sources=[POLICE, DANE, POLICE_COMPILATION], primary_key=["year", "dane_code"],
        rules=[{"type": "ratio", "field": "rate_per_100k", "numerator": "homicides", "denominator": "population",
                "scale": 100000, "decimals": 2}],
        title=("Homicidios por municipio, todo Colombia", "Homicides by municipality, all of Colombia"),
        description=(
            f"Homicidios registrados por la Policía Nacional (DIJIN) por año y municipio del hecho, población proyectada por el DANE "
            f"y tasa por 100.000 habitantes: los {units_es} códigos DANE, {first}–{last}, un municipio-año por fila (0 donde la "
            f"Policía no registró ninguno).{prelim_es} Base censal de la población: 2005 hasta 2017, CNPV 2018 desde 2018 "
            "(columna census_base): parte del cambio de la tasa en 2018 es el denominador. Un nombre por código, el actual del DANE. "
            "Población y tasa vacías donde el DANE no tiene proyección (el municipio aún no existía). "
            "Las cifras de Palmira, Cali y el Valle del Cauca suman lo mismo que homicides_annual.",
            f"Homicides recorded by the National Police (DIJIN) by year and municipality of the event, DANE projected population "
            f"and rate per 100,000 residents: all {units:,} DANE codes, {first}–{last}, one municipality-year per row (0 where the "
            f"Police recorded none).{prelim_en} Census base of the population: 2005 up to 2017, CNPV 2018 from 2018 (column "
            "census_base): part of the change in the rate in 2018 is the denominator. One name per code, DANE's current one. "
            "Population and rate are empty where DANE has no projection (the municipality did not exist yet). "
            "Palmira, Cali and Valle del Cauca add up to the same figures as homicides_annual."),
        fields=[
            field("year", "year", title="Año", required=True, minimum=1990, maximum=2100),
            field("dane_code", title="Código DANE del municipio (5 dígitos)", required=True, pattern=r"^\d{5}$"),
            field("municipality", title="Municipio", required=True),
            field("department_code", title="Código DANE del departamento (2 dígitos)", required=True, pattern=r"^\d{2}$"),
            field("department", title="Departamento", required=True),
            field("homicides", "integer", title="Homicidios", required=True, minimum=0),
            field("population", "integer", title="Población", minimum=1),
            field("rate_per_100k", "number", title="Tasa por 100.000 habitantes", minimum=0),
            field("census_base", title="Base censal de la población", required=True, enum=sorted(CENSUS_BASES.values())),
            field("status", title="Estado del dato", required=True, enum=["reported", "preliminary"]),
            field("source", title="Fuentes (nombres de la lista de fuentes del paquete, separados por ';')", required=True),
        ])
