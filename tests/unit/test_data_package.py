"""The data layer refuses broken packages with a message naming file, row and column."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from pazos_dash.data import DataError, load_package
from tests.conftest import PUBLISHED, reseal


@pytest.fixture
def package_dir(tmp_path: Path) -> Path:
    """A private copy of the shipped package that a test may break."""
    target = tmp_path / "published"
    shutil.copytree(PUBLISHED, target)
    return target


def _rewrite_csv(path: Path, edit) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    edit(lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    reseal(path.parent, path.name)  # a consistent package whose content is wrong


def _set_cell(path: Path, row: int, column: str, value: str) -> None:
    """Set one cell; `row` counts file lines with the header as row 1, as the messages do."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[row - 2, column] = value
    frame.to_csv(path, index=False)
    reseal(path.parent, path.name)


def _problem_text(directory: Path) -> str:
    with pytest.raises(DataError) as caught:
        load_package(directory)
    return str(caught.value)


def test_shipped_package_is_valid_and_typed():
    package = load_package(PUBLISHED)
    annual = package.table("homicides_annual")
    assert str(annual["homicides"].dtype) == "Int64"
    assert str(annual["rate_per_100k"].dtype) == "Float64"
    assert len(package.version) == 16
    assert set(package.resources) >= {"homicides_annual", "clusters", "neighbourhoods"}


def test_missing_descriptor_is_named(package_dir):
    (package_dir / "datapackage.json").unlink()
    message = _problem_text(package_dir)
    assert "datapackage.json" in message and "expected a Data Package descriptor" in message


def test_invalid_json_names_the_line(package_dir):
    descriptor = package_dir / "datapackage.json"
    lines = descriptor.read_text(encoding="utf-8").splitlines()
    broken = next(i for i, line in enumerate(lines) if line.strip() == '"name": "pazos-palmira",')
    lines[broken] = lines[broken].rstrip(",")  # the next line now follows without a comma
    descriptor.write_text("\n".join(lines), encoding="utf-8")
    column = len(lines[broken + 1]) - len(lines[broken + 1].lstrip()) + 1
    message = _problem_text(package_dir)
    assert f"datapackage.json, row {broken + 2}, column '{column}': expected valid JSON, found Expecting ',' delimiter" in message


def test_missing_resource_file_is_named(package_dir):
    (package_dir / "clusters.csv").unlink()
    message = _problem_text(package_dir)
    assert "clusters.csv" in message and "found none" in message


def test_missing_column_names_file_row_and_column(package_dir):
    path = package_dir / "clusters.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False).drop(columns=["residents"])
    frame.to_csv(path, index=False)
    reseal(package_dir, "clusters.csv")
    message = _problem_text(package_dir)
    assert "clusters.csv, row 1, column 'residents': expected column 'residents' declared in the schema" in message


@pytest.mark.parametrize(
    "file, row, column, value, expected",
    [
        pytest.param("homicides_annual.csv", 5, "homicides", "doscientos", "expected an integer of at most 16 digits, found 'doscientos'", id="wrong type"),
        pytest.param("clusters.csv", 3, "residents", "-12", "expected a value >= 0, found '-12'", id="negative count"),
        pytest.param("clusters.csv", 2, "zone", "suburban", "expected one of ['urban', 'rural'], found 'suburban'", id="outside enum"),
        pytest.param("neighbourhoods.csv", 4, "name", "", "expected a value (the field is required), found an empty cell", id="empty required"),
        pytest.param("neighbourhoods.csv", 7, "cluster_id", "C99", "expected a cluster_id listed in clusters.csv, found C99", id="unknown cluster id"),
        pytest.param("homicides_monthly.csv", 3, "suppressed", "maybe", "expected true or false, found 'maybe'", id="bad flag"),
    ],
)
def test_bad_cell_is_refused_naming_file_row_and_column(package_dir, file, row, column, value, expected):
    _set_cell(package_dir / file, row, column, value)
    assert f"{file}, row {row}, column '{column}': {expected}" in _problem_text(package_dir)


def test_duplicate_primary_key_names_the_second_row(package_dir):
    path = package_dir / "homicides_annual.csv"
    _rewrite_csv(path, lambda lines: lines.append(lines[1]))
    rows = len(path.read_text(encoding="utf-8").splitlines())
    message = _problem_text(package_dir)
    assert f"homicides_annual.csv, row {rows}, column 'year, geography': expected a unique primary key" in message
    assert "(2003, Palmira) again" in message


def test_ragged_csv_row_is_named(package_dir):
    _rewrite_csv(package_dir / "clusters.csv", lambda lines: lines.__setitem__(3, lines[3] + ",extra"))
    message = _problem_text(package_dir)
    header = (package_dir / "clusters.csv").read_text(encoding="utf-8").splitlines()[0].count(",") + 1
    assert f"clusters.csv, row 4: expected {header} cells, as in the header, found {header + 1} cells" in message


def test_every_problem_is_reported_at_once(package_dir):
    _set_cell(package_dir / "clusters.csv", 3, "residents", "-12")
    _set_cell(package_dir / "neighbourhoods.csv", 7, "cluster_id", "C99")
    with pytest.raises(DataError) as caught:
        load_package(package_dir)
    files = {problem.file for problem in caught.value.problems}
    assert files == {"clusters.csv", "neighbourhoods.csv"}


def test_resource_path_cannot_leave_the_package(package_dir):
    descriptor = package_dir / "datapackage.json"
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    data["resources"][1]["path"] = "../../etc/passwd"
    descriptor.write_text(json.dumps(data), encoding="utf-8")
    message = _problem_text(package_dir)
    assert "expected a path inside the package folder, found ../../etc/passwd" in message


def test_suppressed_cells_load_as_missing_never_zero(package_dir):
    _set_cell(package_dir / "homicides_annual.csv", 3, "homicides", "")
    package = load_package(package_dir)
    value = package.table("homicides_annual").loc[1, "homicides"]
    assert value is pd.NA


def test_version_changes_when_a_file_changes(package_dir):
    before = load_package(package_dir).version
    _set_cell(package_dir / "clusters.csv", 2, "name", "Clúster Uno")
    assert load_package(package_dir).version != before
