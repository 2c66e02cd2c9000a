"""Publish never credits invented numbers to the Police: scaled or synthetic records publish as
demonstration, real records must add up to the official series year by year, and dates stay
within the series' years and today. A refusal names the file, row and column, or the year and
the tables."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from pazos_dash.data import DataError, load_package
from pazos_dash.publish import publish
from pazos_dash.publish.demo_raw import write_demo_raw
from tests.conftest import PUBLISHED, REPO

REFERENCE = REPO / "data" / "reference"
EDITORIAL = REPO / "data" / "editorial"
VICTIM_TABLES = ("homicides_monthly", "homicides_by_sex", "homicides_by_age_group", "homicides_by_weapon", "homicides_by_cluster")


def _publish(raw: Path, out: Path):
    return publish(raw, out, reference=REFERENCE, editorial=EDITORIAL, last_updated="2026-11-24")


@pytest.fixture(scope="module")
def raw(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("raw")
    write_demo_raw(folder, REFERENCE, seed=2020)
    return folder


def _copy(raw: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "raw"
    shutil.copytree(raw, copy)
    return copy


def test_scaled_inputs_publish_as_demonstration_never_as_the_police(tmp_path):
    scaled = tmp_path / "scaled"
    write_demo_raw(scaled, REFERENCE, seed=2020, scale=10)
    package = _publish(scaled, tmp_path / "out")
    for name in VICTIM_TABLES:
        resource = package.resources[name]
        assert resource.demo, name
        assert set(resource.frame["status"]) <= {"demo", "suppressed"}, name
        assert not resource.frame["source"].str.contains("policia").any(), name
        assert [s["name"] for s in resource.sources] == ["demo"], name
    annual = package.table("homicides_annual")  # the official series itself stays the Police's
    assert set(annual["status"]) <= {"reported", "preliminary"}


def test_the_shipped_victim_tables_are_the_polices_and_add_up_to_the_official_series():
    package = load_package(PUBLISHED)
    official = package.table("homicides_annual").query("geography == 'Palmira'").set_index("year")["homicides"]
    for name in ("homicides_monthly", "homicides_by_sex"):
        table = package.table(name)
        dimension = "month" if name == "homicides_monthly" else "sex"
        totals = table[table[dimension].isna()].set_index("year")["homicides"]
        assert (totals == official.loc[totals.index]).all(), name
        assert set(table["status"]) <= {"reported", "preliminary", "suppressed"}
        assert table["source"].str.startswith("policia-dijin").all()


def test_one_extra_record_is_refused_naming_the_year_and_the_tables(raw, tmp_path):
    copy = _copy(raw, tmp_path)
    victims = pd.read_csv(copy / "victims.csv", dtype=str, keep_default_na=False)
    extra = victims[victims["date"].str.startswith("2020")].head(1).assign(victim_id="V2020-EXTRA")
    victims = pd.concat([victims, extra], ignore_index=True)
    victims.to_csv(copy / "victims.csv", index=False)
    shutil.copytree(PUBLISHED, tmp_path / "out")
    with pytest.raises(DataError) as caught:
        _publish(copy, tmp_path / "out")
    message = str(caught.value)
    assert "victims.csv, column 'date'" in message and "victims in 2020" in message
    assert all(table in message for table in VICTIM_TABLES)
    assert "2021" not in message.split("victims in 2020")[0][-40:]  # only the year that is off
    assert load_package(tmp_path / "out").version == load_package(PUBLISHED).version  # nothing published


def test_records_dated_after_the_series_are_refused_at_their_row(raw, tmp_path):
    copy = _copy(raw, tmp_path)
    victims = pd.read_csv(copy / "victims.csv", dtype=str, keep_default_na=False)
    rows = victims.index[:5]
    victims.loc[rows, "date"] = "2031-06-01"
    victims.to_csv(copy / "victims.csv", index=False)
    with pytest.raises(DataError) as caught:
        _publish(copy, tmp_path / "out")
    message = str(caught.value)
    for row in rows:
        assert f"victims.csv, row {row + 2}, column 'date'" in message
    assert "found 2031-06-01" in message


# --------------------------------------------------------------------------- every cell, not only the totals (issue 21)


def _altered(raw: Path, tmp_path: Path, change) -> Path:
    copy = _copy(raw, tmp_path)
    victims = pd.read_csv(copy / "victims.csv", dtype=str, keep_default_na=False)
    change(victims)
    victims.to_csv(copy / "victims.csv", index=False)
    return copy


def _relabel(column: str, year: str, old: str, new: str, n: int):
    def change(victims: pd.DataFrame) -> None:
        rows = victims.index[victims["date"].str.startswith(year) & (victims[column] == old)][:n]
        assert len(rows) == n
        victims.loc[rows, column] = new
    return change


def _move_month(victims: pd.DataFrame) -> None:
    rows = victims.index[victims["date"].str.startswith("2019-03")][:9]
    victims.loc[rows, "date"] = "2019-04-15"


# (what changed, the change: year totals intact, the cell the refusal must name)
ALTERED = [
    ("nine victims moved from March to April 2019", _move_month, "homicides_monthly, year 2019, month = 3"),
    ("three women relabelled men in 2020", _relabel("sex", "2020", "female", "male", 3), "homicides_by_sex, year 2020, sex = female"),
    ("two firearms relabelled knives in 2020", _relabel("weapon", "2020", "firearm", "knife", 2),
     "homicides_by_weapon, year 2020, weapon = firearm"),
    ("an adult made a minor in 2022", _relabel("age_group", "2022", "18+", "13-17", 1), "homicides_by_age_group, year 2022, age_group = 18+"),
]


@pytest.mark.parametrize("case", ALTERED, ids=[c[0] for c in ALTERED])
def test_a_cell_that_differs_from_the_polices_is_refused_naming_the_cell(case, raw, tmp_path):
    _name, change, cell = case
    copy = _altered(raw, tmp_path, change)
    with pytest.raises(DataError) as caught:
        _publish(copy, tmp_path / "out")
    message = str(caught.value)
    assert cell in message and "the Police's figure" in message, message
    assert "municipal_inputs" in message  # and says how to publish the municipality's own count instead
    assert not (tmp_path / "out").exists()


def test_the_municipalitys_own_count_is_published_under_its_name_never_the_polices(raw, tmp_path):
    import json

    copy = _altered(raw, tmp_path, _relabel("sex", "2020", "female", "male", 3))
    manifest = json.loads((copy / "manifest.json").read_text(encoding="utf-8"))
    manifest["municipal_inputs"] = ["victims"]
    (copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    package = _publish(copy, tmp_path / "out")
    for name in VICTIM_TABLES:
        frame = package.table(name)
        assert set(frame["status"]) <= {"municipal", "demo", "suppressed"}, (name, set(frame["status"]))
        assert not frame["source"].str.contains("policia").any(), name
        assert "alcaldia-registros" in {s["name"] for s in package.resources[name].sources}, name
    sex = package.table("homicides_by_sex").set_index(["year", "sex"])
    assert sex.loc[(2020, "male"), "status"] == "municipal"
    assert set(package.table("homicides_annual")["status"]) <= {"reported", "preliminary"}  # the Police's series stays theirs


def test_real_places_make_a_municipal_split_under_the_polices_totals(raw, tmp_path):
    """With real neighbourhoods, the assignment of the Police's victims to clusters is the Mayor's
    Office's: split rows are `municipal` and cite it; the totals stay the Police's."""
    import json

    copy = _copy(raw, tmp_path)
    manifest = json.loads((copy / "manifest.json").read_text(encoding="utf-8"))
    manifest["demo_fields"] = {}
    (copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    package = _publish(copy, tmp_path / "out")
    frame = package.table("homicides_by_cluster")
    split, totals = frame[frame["area"].notna()], frame[frame["area"].isna()]
    assert set(split["status"]) <= {"municipal", "suppressed"} and set(split["source"]) == {"alcaldia-registros"}
    assert set(totals["status"]) <= {"reported", "preliminary"} and set(totals["source"]) == {"policia-dijin;compilacion-policia"}
