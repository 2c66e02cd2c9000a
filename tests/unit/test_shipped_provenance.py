"""Every row of the shipped package says honestly what it is (issue 21): read every resource and
check the one status vocabulary, that no demonstration row cites an official publisher, and that
every 2024 row of every table derived from the Police's 2024 extract is preliminary."""

from __future__ import annotations

import pandas as pd
import pytest

from pazos_dash.data import load_package
from pazos_dash.domain import STATUSES
from pazos_dash.publish import official
from tests.conftest import PUBLISHED, REPO

STATUS_FIELDS = ("status", "baseline_status", "target_status")
# Every table whose figures come from the Police's 2024 extract (the victim tables and the annual series, and
# the indicator computed from it); their 2024 rows must be preliminary (or suppressed, or invented).
FROM_POLICE_2024 = ("homicides_annual", *official.VICTIM_DIMENSIONS, "indicator_values")


@pytest.fixture(scope="module")
def package():
    return load_package(PUBLISHED)


def _cites(cell, names) -> bool:
    return isinstance(cell, str) and bool({n.strip() for n in cell.split(";")} & set(names))


def test_every_status_comes_from_the_one_vocabulary(package):
    seen = set()
    for resource in package.resources.values():
        for field in STATUS_FIELDS:
            if field in resource.frame.columns:
                values = set(resource.frame[field].dropna().astype(str))
                assert values <= set(STATUSES), (resource.name, field, values - set(STATUSES))
                seen |= values
                constraint = next(f for f in resource.schema["fields"] if f["name"] == field).get("constraints", {})
                # the one vocabulary, or a narrower list of it (a panel of official figures is never 'demo')
                assert set(constraint.get("enum", list(STATUSES))) <= set(STATUSES), (resource.name, field)
    assert {"reported", "preliminary", "editorial", "demo", "suppressed"} <= seen


def test_no_demonstration_row_cites_an_official_publisher(package):
    for resource in package.resources.values():
        frame = resource.frame
        if "status" not in frame.columns or "source" not in frame.columns:
            continue
        demo = frame[frame["status"] == "demo"]
        wrong = demo[demo["source"].map(lambda s: _cites(s, official.OFFICIAL_SOURCE_NAMES)).astype(bool)]
        assert wrong.empty, (resource.name, wrong.head(3).to_dict("records"))
        official_rows = frame[frame["status"].isin(["reported", "preliminary"])]
        assert not official_rows["source"].map(lambda s: _cites(s, ["demo"])).astype(bool).any(), resource.name


def test_the_cluster_split_is_the_demonstration_sources_and_the_totals_the_polices(package):
    frame = package.table("homicides_by_cluster")
    split, totals = frame[frame["area"].notna()], frame[frame["area"].isna()]
    assert set(split["source"]) == {"demo"} and set(split["status"]) <= {"demo", "suppressed"}
    assert totals["source"].str.startswith("policia-dijin").all()


def test_every_2024_row_from_the_polices_2024_extract_is_preliminary(package):
    assert official.preliminary_years(REPO / "data" / "reference") == {2024}
    checked = 0
    for name in FROM_POLICE_2024:
        frame = package.table(name)
        rows = frame[(frame["year"] == 2024) & frame["source"].map(lambda s: _cites(s, official.OFFICIAL_SOURCE_NAMES)).astype(bool)]
        if name == "homicides_annual":
            rows = rows[rows["geography"].notna()]
        assert set(rows["status"]) <= {"preliminary", "suppressed"}, (name, rows["status"].value_counts().to_dict())
        checked += int((rows["status"] == "preliminary").sum())
    assert checked >= 20 + 4 + 1  # the 21 breakdown rows less the 2024 adults (hidden: rule 5), four territories, the rate


def test_the_sdg_alignment_is_editorial(package):
    assert set(package.table("sdg_alignment")["status"]) == {"editorial"}


def test_the_shipped_package_passes_frictionless():
    from frictionless import Package

    report = Package(str(PUBLISHED / "datapackage.json")).validate()
    assert report.valid, [e.message for task in report.tasks for e in task.errors][:10]


def test_the_data_dictionary_gives_every_status_in_both_languages():
    text = (REPO / "docs" / "data.md").read_text(encoding="utf-8")
    for code, (es, en) in STATUSES.items():
        assert f"| `{code}` | {en} | {es} |" in text, code
