"""Each real figure in the package equals the reference file it was copied from."""

from __future__ import annotations

import pandas as pd
import pytest

from pazos_dash.data import load_package
from tests.conftest import PUBLISHED, REPO

REFERENCE = REPO / "data" / "reference" / "homicides_police_dane_2003_2024.csv"


def test_annual_homicides_match_the_police_dane_reference():
    reference = pd.read_csv(REFERENCE).set_index(["year", "geography"]).sort_index()
    published = load_package(PUBLISHED).table("homicides_annual")
    reported = published[published["status"].isin(["reported", "preliminary"])].set_index(["year", "geography"]).sort_index()
    assert set(published.loc[published["status"] == "preliminary", "year"]) == {2024}  # the reference's preliminary year
    assert len(reported) == len(reference)
    for column in ("homicides", "population"):
        assert reported[column].astype(int).tolist() == reference[column].tolist()
    assert reported["rate_per_100k"].astype(float).tolist() == pytest.approx(reference["rate_per_100k"].tolist())


def test_cluster_totals_equal_the_founding_document():
    clusters = load_package(PUBLISHED).table("clusters")
    assert len(clusters) == 7
    assert (clusters["zone"] == "urban").sum() == 6
    assert int(clusters["residents"].sum()) == 118_195
    assert int(clusters["neighbourhoods"].sum()) == 42
    assert len(load_package(PUBLISHED).table("neighbourhoods")) == 42
