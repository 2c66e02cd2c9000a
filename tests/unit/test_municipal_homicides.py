"""`municipal_homicides`: every municipality of Colombia, row for row the reference panel, and the
annual series' places add up to the same figures."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pazos_dash.data import load_package
from pazos_dash.publish.municipal import CENSUS_BASES
from tests.conftest import PUBLISHED, REPO

REFERENCE = REPO / "data" / "reference" / "colombia_municipal_homicides_2003_2024.csv"


@pytest.fixture(scope="module")
def municipal():
    return load_package(PUBLISHED).table("municipal_homicides")


@pytest.fixture(scope="module")
def reference():
    return pd.read_csv(REFERENCE, dtype={"dane_code": str, "department_code": str})


def test_the_published_panel_equals_the_reference_file_row_for_row(municipal, reference):
    assert len(municipal) == len(reference) == 24_684
    assert municipal["dane_code"].nunique() == 1_122
    assert municipal["year"].astype(int).tolist() == reference["year"].tolist()
    for column in ("dane_code", "department_code", "status"):
        assert municipal[column].astype(str).tolist() == reference[column].str.strip().tolist(), column
    assert municipal["homicides"].astype(int).tolist() == reference["homicides"].tolist()
    assert municipal["census_base"].tolist() == reference["census_base"].map(CENSUS_BASES).tolist()
    # population 0 in the file (no DANE projection: the municipality did not exist yet) is empty, and so is its rate
    no_projection = reference["population"] == 0
    assert municipal["population"].isna().tolist() == no_projection.tolist()
    assert municipal["population"].dropna().astype(int).tolist() == reference.loc[~no_projection, "population"].tolist()
    rates = reference.loc[~no_projection, "rate_per_100k"].astype(float)
    assert np.allclose(municipal.loc[~no_projection, "rate_per_100k"].astype(float), rates, atol=0.005)


def test_one_name_per_code_the_current_one(municipal, reference):
    assert (municipal.groupby("dane_code")["municipality"].nunique() == 1).all()
    latest = reference[reference["year"] == reference["year"].max()].set_index("dane_code")["municipality"].str.strip()
    names = municipal.drop_duplicates("dane_code").set_index("dane_code")["municipality"]
    assert names.to_dict() == latest.to_dict()
    assert names["05360"] == "Itagüí" and names["76520"] == "Palmira"


def test_codes_keep_their_leading_zero(municipal):
    assert municipal["dane_code"].str.fullmatch(r"\d{5}").all()
    assert municipal["department_code"].str.fullmatch(r"\d{2}").all()
    assert "05001" in set(municipal["dane_code"])


def test_palmira_cali_and_valle_add_up_to_the_annual_series(municipal):
    annual = load_package(PUBLISHED).table("homicides_annual")
    for geography, rows in (("Palmira", municipal[municipal["dane_code"] == "76520"]),
                            ("Cali", municipal[municipal["dane_code"] == "76001"]),
                            ("Valle del Cauca", municipal[municipal["department_code"] == "76"])):
        mine = rows.groupby("year")[["homicides", "population"]].sum().astype(int)
        theirs = annual[annual["geography"] == geography].set_index("year")[["homicides", "population"]].astype(int)
        assert mine.to_dict() == theirs.to_dict(), geography


def test_every_row_says_what_it_is_and_where_it_comes_from(municipal):
    assert set(municipal.loc[municipal["year"] == 2024, "status"]) == {"preliminary"}
    assert set(municipal.loc[municipal["year"] < 2024, "status"]) == {"reported"}
    assert set(municipal["source"]) == {"policia-dijin;dane;compilacion-policia"}
