"""Other counts, side by side: the homicide figures other publishers gave for Palmira (the
municipal Secretaría de Seguridad and observatory, the Mayor's Office, the citizens' council
ranking, the governorate, Medicina Legal), each row with its publisher, what it counts, the
report it was read in and that report's address.

Nothing is averaged and nothing replaces the police series: these rows are shown beside it so a
journalist who read "129" or "124" in the press can find the figure and see why the chart's
primary series says otherwise. Each (publisher, report) pair is a source of its own in the
package, so every row cites its publisher by source name, with the report's address.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pandas as pd

from .build import Inputs, Output, _status_field
from .schema import field

REPORTS_FILE = "palmira_homicides_public_reports.csv"
FORENSIC_FILE = "palmira_homicides_1990_2013_finiterank.csv"
FACTS_FILE = "palmira_pazos_public_facts.csv"
NOTES_FILE = "other_counts_notes.csv"
FORENSIC_COMPILATION = "https://github.com/finiterank/homicidios"

# The publisher as the reference files spell it -> its code in the package.
PUBLISHER_CODES = {
    "Policía Nacional (as reported)": "policia_nacional",
    "Medicina Legal (INMLCF)": "medicina_legal",
    "Seguridad Justicia y Paz (CCSPJP) ranking": "ccspjp",
    "CCSPJP ranking": "ccspjp", "CCSPJP ranking 2018": "ccspjp", "CCSPJP ranking 2019": "ccspjp",
    "CCSPJP ranking 2021": "ccspjp", "CCSPJP ranking 2022": "ccspjp",
    "Secretaría de Seguridad de Palmira": "secretaria_seguridad_palmira",
    "Alcaldía de Palmira": "alcaldia_palmira", "Alcaldía de Palmira (mayor)": "alcaldia_palmira",
    "Observatorio de Seguridad Convivencia y Cultura Ciudadana de Palmira": "observatorio_seguridad_palmira",
    "Observatorio de Seguridad de Palmira": "observatorio_seguridad_palmira",
    "Gobernación del Valle del Cauca": "gobernacion_valle",
    "as reported": "sin_atribuir", "official figures (as reported)": "sin_atribuir",
}
# What each publisher counts (the one sentence per definition is in the dashboard's catalogue).
DEFINITIONS = {
    "policia_nacional": "police_events", "medicina_legal": "forensic_deaths", "ccspjp": "ranking_compilation",
    "secretaria_seguridad_palmira": "municipal_count", "alcaldia_palmira": "municipal_count",
    "observatorio_seguridad_palmira": "municipal_count", "gobernacion_valle": "departmental_count",
    "sin_atribuir": "unattributed",
}
PUBLISHER_TITLES = {  # (es, en)
    "policia_nacional": ("Policía Nacional", "National Police"),
    "medicina_legal": ("Instituto Nacional de Medicina Legal y Ciencias Forenses", "National Institute of Legal Medicine and Forensic Sciences"),
    "ccspjp": ("Consejo Ciudadano para la Seguridad Pública y la Justicia Penal (ranking anual)",
               "Citizens' Council for Public Security and Criminal Justice (annual ranking)"),
    "secretaria_seguridad_palmira": ("Secretaría de Seguridad de Palmira", "Palmira Security Department"),
    "alcaldia_palmira": ("Alcaldía de Palmira", "Mayor's Office of Palmira"),
    "observatorio_seguridad_palmira": ("Observatorio de Seguridad de Palmira", "Palmira Security Observatory"),
    "gobernacion_valle": ("Gobernación del Valle del Cauca", "Valle del Cauca Governorate"),
    "sin_atribuir": ("Cifras oficiales sin entidad citada", "Official figures, agency not named"),
}
_SLUGS = {"policia_nacional": "policia", "medicina_legal": "medicina-legal", "ccspjp": "ccspjp",
          "secretaria_seguridad_palmira": "secretaria-seguridad", "alcaldia_palmira": "alcaldia",
          "observatorio_seguridad_palmira": "observatorio-palmira", "gobernacion_valle": "gobernacion-valle",
          "sin_atribuir": "prensa"}


class ReferenceRowError(ValueError):
    """A reference row the publish step cannot place: the message names file, row and column."""


def _outlet(url: str) -> str:
    host = urlparse(url).netloc.lower()
    host = re.sub(r"^(www|m|amp|es)\.", "", host)
    return host.split(".")[0]


def _reported_rows(reference: Path) -> list[dict[str, Any]]:
    """Palmira's annual figures from the news reports; a partial-year figure is not annual and
    stays out (2010, 1 January to 26 September)."""
    path = reference / REPORTS_FILE
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    rows = []
    for position, row in enumerate(table.itertuples(index=False), start=2):
        if row.geography != "Palmira" or row.note.startswith("partial year"):
            continue
        if row.publisher not in PUBLISHER_CODES:
            raise ReferenceRowError(f"{REPORTS_FILE}, row {position}, column 'publisher': expected one of "
                                  f"{sorted(PUBLISHER_CODES)}, found {row.publisher!r} (add it to publish/other_counts.py)")
        rows.append({"year": int(row.year), "publisher": PUBLISHER_CODES[row.publisher], "homicides": row.homicides,
                     "rate_per_100k": row.rate_per_100k, "population": row.population, "published_in": row.published_in,
                     "source_url": row.url})
    return rows


def _forensic_rows(reference: Path) -> list[dict[str, Any]]:
    """The one Medicina Legal (forensic) figure found: 2011, in an older compilation whose other
    years are police counts."""
    table = pd.read_csv(reference / FORENSIC_FILE, dtype=str, keep_default_na=False)
    forensic = table[table["homicides_source"].str.startswith("Medicina Legal")]
    return [{"year": int(r.year), "publisher": "medicina_legal", "homicides": r.homicides, "rate_per_100k": r.rate_per_100k,
             "population": r.population, "published_in": "finiterank/homicidios (GitHub)", "source_url": FORENSIC_COMPILATION}
            for r in forensic.itertuples(index=False)]


def _facts_rows(reference: Path) -> list[dict[str, Any]]:
    """The Mayor's Office's 2020 count as El Espectador reported it (a public fact with its URL)."""
    table = pd.read_csv(reference / FACTS_FILE, dtype=str, keep_default_na=False)
    rows = []
    for r in table[table["fact_id"] == "homicides_2020_municipal"].itertuples(index=False):
        rate = re.search(r"rate (\d+\.\d+)", r.description_en)
        rows.append({"year": int(r.date[:4]), "publisher": "alcaldia_palmira", "homicides": r.value,
                     "rate_per_100k": rate.group(1) if rate else "", "population": "",
                     "published_in": r.publisher.replace("(", "").replace(")", ""), "source_url": r.url})
    return rows


def _sources(frame: pd.DataFrame) -> tuple[list[dict[str, Any]], list[str]]:
    """One source per (publisher, report): its name, its title in both languages, the report's address."""
    sources: dict[tuple[str, str], dict[str, Any]] = {}
    names: list[str] = []
    used: set[str] = set()
    for row in frame.itertuples(index=False):
        key = (row.publisher, row.source_url)
        if key not in sources:
            base = f"{_SLUGS[row.publisher]}-{_outlet(row.source_url)}"
            name, n = base, 2
            while name in used:
                name, n = f"{base}-{n}", n + 1
            used.add(name)
            es, en = PUBLISHER_TITLES[row.publisher]
            sources[key] = {"name": name, "title": f"{es}, según {row.published_in}", "path": row.source_url,
                            "i18n": {"en": {"title": f"{en}, as reported by {row.published_in}"}}}
        names.append(sources[key]["name"])
    return list(sources.values()), names


def other_counts_table(inputs: Inputs) -> Output:
    rows = [*_reported_rows(inputs.reference), *_forensic_rows(inputs.reference), *_facts_rows(inputs.reference)]
    frame = pd.DataFrame(rows)
    for column, kind in (("homicides", "Int64"), ("population", "Int64"), ("rate_per_100k", "Float64")):
        frame[column] = pd.to_numeric(frame[column].replace("", None)).astype(kind)
    frame["geography"] = "Palmira"
    frame["definition"] = frame["publisher"].map(DEFINITIONS)
    notes = pd.read_csv(inputs.editorial / NOTES_FILE, dtype={"year": int}, keep_default_na=False)
    frame = frame.merge(notes, on=["year", "source_url"], how="left").fillna({"note_es": "", "note_en": ""})
    unmatched = notes.merge(frame[["year", "source_url"]], on=["year", "source_url"], how="left", indicator=True)
    stale = unmatched[unmatched["_merge"] == "left_only"]
    if len(stale):
        first = stale.index[0]
        raise ReferenceRowError(f"{NOTES_FILE}, row {first + 2}, column 'source_url': expected the address of a published "
                              f"row of {stale.at[first, 'year']}, found {stale.at[first, 'source_url']!r}")
    frame = frame.sort_values(["year", "publisher", "source_url"]).reset_index(drop=True)
    sources, names = _sources(frame)
    # the municipality's own counts (its Mayor's Office, security office, observatory) are `municipal`:
    # not the Police's official statistic, which they are shown beside (domain.STATUSES)
    frame["status"] = frame["definition"].map(lambda d: "municipal" if d == "municipal_count" else "reported")
    frame["source"] = names
    columns = ["year", "geography", "publisher", "definition", "homicides", "rate_per_100k", "population", "published_in",
               "source_url", "note_es", "note_en", "status", "source"]
    return Output(
        name="other_counts", frame=frame[columns], sources=sources, primary_key=["year", "source"],
        title=("Otras cifras de homicidios publicadas para Palmira", "Other published homicide figures for Palmira"),
        description=(
            "Cifras anuales de homicidios de Palmira que otras entidades publicaron (Secretaría de Seguridad y observatorio "
            "municipal, Alcaldía, ranking del Consejo Ciudadano para la Seguridad Pública y la Justicia Penal, Gobernación, "
            "Medicina Legal), tal como las reportó la prensa, con su editor, su definición y la dirección del reporte. "
            "Difieren de la serie de la Policía por definición y fecha de corte: no se promedian.",
            "Annual homicide figures for Palmira published by other bodies (the municipal Security Department and "
            "observatory, the Mayor's Office, the Citizens' Council for Public Security and Criminal Justice ranking, the "
            "governorate, Medicina Legal), as news reports carried them, with publisher, definition and the report's "
            "address. They differ from the police series by definition and cut-off date: they are not averaged."),
        fields=[
            field("year", "year", title="Año", required=True, minimum=1990, maximum=2100),
            field("geography", title="Territorio", required=True, enum=["Palmira"]),
            field("publisher", title="Quién publicó la cifra", required=True, enum=sorted(set(PUBLISHER_CODES.values()))),
            field("definition", title="Qué cuenta", required=True, enum=sorted(set(DEFINITIONS.values()))),
            field("homicides", "integer", title="Homicidios", minimum=0),
            field("rate_per_100k", "number", title="Tasa por 100.000 habitantes", minimum=0),
            field("population", "integer", title="Población usada por el editor", minimum=1),
            field("published_in", title="Dónde se publicó", required=True),
            {**field("source_url", title="URL de la fuente", required=True), "format": "uri"},
            field("note_es", title="Nota"), field("note_en", title="Nota (en inglés)"),
            _status_field(),
            field("source", title="Fuente", required=True),
        ])
