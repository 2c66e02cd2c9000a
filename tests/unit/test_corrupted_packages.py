"""A package nobody can silently corrupt: copies of the shipped package, each broken in one way a
real fault or a careless edit would break it, are refused by `pazos-dash validate` with a message
naming the file (and row and column where one applies), never a traceback; and a republish of
one of them leaves the served package as it was.

Most corruptions edit a file *and* record its new size and hash, as a careless publish would: the
integrity check alone would otherwise catch everything, and the other rules would go untested.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Callable

import pytest

from pazos_dash.cli import main
from tests.conftest import PUBLISHED

DESCRIPTOR = "datapackage.json"


def _descriptor(folder: Path) -> dict:
    return json.loads((folder / DESCRIPTOR).read_text(encoding="utf-8"))


def _write_descriptor(folder: Path, descriptor: dict) -> None:
    (folder / DESCRIPTOR).write_text(json.dumps(descriptor, ensure_ascii=False, indent=1), encoding="utf-8")


def _reseal(folder: Path, name: str) -> None:
    """Record the file's new bytes and hash, as a publish that wrote it would have."""
    descriptor = _descriptor(folder)
    for resource in descriptor["resources"]:
        if resource["path"] == name:
            raw = (folder / name).read_bytes()
            resource["bytes"], resource["hash"] = len(raw), "sha256:" + hashlib.sha256(raw).hexdigest()
    _write_descriptor(folder, descriptor)


def edit_csv(name: str, change: Callable[[list[str]], list[str]], reseal: bool = True):
    def corrupt(folder: Path) -> None:
        lines = (folder / name).read_text(encoding="utf-8").split("\n")
        (folder / name).write_text("\n".join(change(lines)), encoding="utf-8")
        if reseal:
            _reseal(folder, name)
    return corrupt


def set_cell(name: str, row: int, column: str, value: str):
    """Row as a spreadsheet counts it (header = 1)."""
    import csv
    import io

    def change(lines: list[str]) -> list[str]:
        records = list(csv.reader(io.StringIO("\n".join(lines))))
        records[row - 1][records[0].index(column)] = value
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(records)
        return out.getvalue().rstrip("\n").split("\n") + [""]
    return edit_csv(name, change)


def edit_descriptor(change: Callable[[dict], None]):
    def corrupt(folder: Path) -> None:
        descriptor = _descriptor(folder)
        change(descriptor)
        _write_descriptor(folder, descriptor)
    return corrupt


def resource(descriptor: dict, name: str) -> dict:
    return next(r for r in descriptor["resources"] if r["name"] == name)


def edit_geometry(name: str, feature: int, coordinates):
    def corrupt(folder: Path) -> None:
        document = json.loads((folder / name).read_text(encoding="utf-8"))
        document["features"][feature - 1]["geometry"] = {"type": "Polygon", "coordinates": coordinates}
        (folder / name).write_text(json.dumps(document), encoding="utf-8")
        _reseal(folder, name)
    return corrupt


def _row_of(name: str, **match) -> int:
    import pandas as pd

    frame = pd.read_csv(PUBLISHED / name, dtype=str, keep_default_na=False)
    hits = frame.index[(frame[list(match)] == pd.Series(match)).all(axis=1)]
    return int(hits[0]) + 2


PALMIRA_2020 = _row_of("homicides_annual.csv", year="2020", geography="Palmira")
SEX_TOTAL_2020 = _row_of("homicides_by_sex.csv", year="2020", sex="")
SEX_MALE_2020 = _row_of("homicides_by_sex.csv", year="2020", sex="male")
SMALL_HIDDEN = _row_of("homicides_monthly.csv", year="2020", month="4")  # suppressed in the shipped package
MEDELLIN_2003 = _row_of("municipal_homicides.csv", year="2003", dane_code="05001")
PALMIRA_MUNICIPAL_2020 = _row_of("municipal_homicides.csv", year="2020", dane_code="76520")

# (id, corruption, file named, row named or None, column named or None, words the message must contain)
CASES = [
    ("csv cut inside a quoted cell (file changed)", edit_csv("homicides_annual.csv", lambda ls: ls[:40] + ['2015,Palmira,1"'], reseal=False),
     "homicides_annual.csv", None, None, "bytes"),
    ("csv cut inside a quoted cell (recorded)", edit_csv("homicides_annual.csv", lambda ls: ls[:40] + ['2015,Palmira,"1']),
     "homicides_annual.csv", 41, None, "quote"),
    ("a row with a cell too few", edit_csv("homicides_annual.csv", lambda ls: ls[:5] + [ls[5].rsplit(",", 1)[0]] + ls[6:]),
     "homicides_annual.csv", 6, None, "cells"),
    ("a row with a cell too many", edit_csv("clusters.csv", lambda ls: ls[:3] + [ls[3] + ",x"] + ls[4:]),
     "clusters.csv", 4, None, "cells"),
    ("one byte changed, same size", edit_csv("homicides_monthly.csv", lambda ls: ls[:2] + [ls[2].replace("2003", "2004", 1)] + ls[3:], reseal=False),
     "homicides_monthly.csv", None, None, "SHA-256"),
    ("infinite rate", set_cell("homicides_annual.csv", PALMIRA_2020, "rate_per_100k", "inf"),
     "homicides_annual.csv", PALMIRA_2020, "rate_per_100k", "finite"),
    ("NaN written as a number", set_cell("homicides_annual.csv", PALMIRA_2020, "rate_per_100k", "nan"),
     "homicides_annual.csv", PALMIRA_2020, "rate_per_100k", "finite"),
    ("900,000,000,000 homicides for 279,602 people", set_cell("homicides_annual.csv", PALMIRA_2020, "homicides", "900000000000"),
     "homicides_annual.csv", PALMIRA_2020, "rate_per_100k", "population"),
    ("a rate that is not homicides / population", set_cell("homicides_annual.csv", PALMIRA_2020, "rate_per_100k", "12.5"),
     "homicides_annual.csv", PALMIRA_2020, "rate_per_100k", "100000"),
    ("a 23-digit integer", set_cell("homicides_annual.csv", PALMIRA_2020, "population", "12345678901234567890123"),
     "homicides_annual.csv", PALMIRA_2020, "population", "integer"),
    ("a negative count", set_cell("homicides_by_sex.csv", SEX_MALE_2020, "homicides", "-3"),
     "homicides_by_sex.csv", SEX_MALE_2020, "homicides", ">= 0"),
    ("categories that do not add up to their total", set_cell("homicides_by_sex.csv", SEX_TOTAL_2020, "homicides", "999"),
     "homicides_by_sex.csv", SEX_TOTAL_2020, "homicides", "sum"),
    ("a breakdown total that is not the annual count", edit_csv("homicides_by_sex.csv", lambda ls: [
        line.replace(f"2020,,{line.split(',')[2]}", f"2020,,{int(line.split(',')[2]) + 1}") if line.startswith("2020,,") else
        line.replace(f"2020,male,{line.split(',')[2]}", f"2020,male,{int(line.split(',')[2]) + 1}") if line.startswith("2020,male,") else line
        for line in ls]),
     "homicides_by_sex.csv", SEX_TOTAL_2020, "homicides", "homicides_annual.csv"),
    ("executed more than committed", edit_csv("contributions.csv", lambda ls: ls[:1] + [",".join(
        ls[1].split(",")[:5] + [ls[1].split(",")[5], str(int(ls[1].split(",")[5]) + 1)] + ls[1].split(",")[7:])] + ls[2:]),
     "contributions.csv", 2, "executed_cop", "committed_cop"),
    ("a self-crossing polygon", edit_geometry("cluster_geometry.geojson", 2, [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]),
     "cluster_geometry.geojson", 2, "geometry", "Self-intersection"),
    ("a ring of two points", edit_geometry("cluster_geometry.geojson", 3, [[[0, 0], [1, 1]]]),
     "cluster_geometry.geojson", 3, "geometry", "4"),
    ("a small count published as not suppressed", edit_csv("homicides_monthly.csv", lambda ls: [
        line for line in ls]), None, None, None, None),  # placeholder replaced below
    ("constraints written as a string", edit_descriptor(lambda d: resource(d, "homicides_annual")["schema"]["fields"][2]
                                                        .update(constraints="minimum 0")),
     DESCRIPTOR, None, "resources[0].schema.fields[2].constraints", "object"),
    ("resources is not a list", edit_descriptor(lambda d: d.update(resources={"a": 1})), DESCRIPTOR, None, None, "resources"),
    ("an unknown field type", edit_descriptor(lambda d: resource(d, "clusters")["schema"]["fields"][0].update(type="text")),
     DESCRIPTOR, None, "resources[6].schema.fields[0].type", "one of"),
    ("a resource path outside the package", edit_descriptor(lambda d: resource(d, "clusters").update(path="../clusters.csv")),
     DESCRIPTOR, None, None, "inside"),
    ("a missing file", lambda folder: (folder / "partners.csv").unlink(), "partners.csv", None, None, "partners"),
    ("a descriptor that is not JSON", lambda folder: (folder / DESCRIPTOR).write_text('{"resources": [', encoding="utf-8"),
     DESCRIPTOR, 1, None, "JSON"),
    ("a duplicated primary key", edit_csv("clusters.csv", lambda ls: ls[:2] + [ls[1]] + ls[3:]),
     "clusters.csv", 3, "cluster_id", "unique"),
    ("an unknown cluster in a foreign key", set_cell("neighbourhoods.csv", 2, "cluster_id", "C9"),
     "neighbourhoods.csv", 2, "cluster_id", "clusters.csv"),
    ("a value outside its enum", set_cell("clusters.csv", 2, "zone", "suburban"), "clusters.csv", 2, "zone", "one of"),
    ("a required cell left empty", set_cell("clusters.csv", 3, "name", ""), "clusters.csv", 3, "name", "required"),
    ("a row citing a source its resource does not list", set_cell("homicides_annual.csv", PALMIRA_2020, "source", "someone-else"),
     "homicides_annual.csv", PALMIRA_2020, "source", "sources"),
    ("a boolean that is neither", set_cell("homicides_by_sex.csv", 2, "suppressed", "maybe"),
     "homicides_by_sex.csv", 2, "suppressed", "true or false"),
    ("a header with an extra column", edit_csv("partners.csv", lambda ls: [ls[0] + ",extra"] + [line + "," if line else line for line in ls[1:]]),
     "partners.csv", 1, "extra", "extra column"),
    ("a geometry that is a line", edit_descriptor(lambda d: None), None, None, None, None),  # placeholder replaced below
]


def _publish_small_count(folder: Path) -> None:
    """A hidden monthly cell put back with its true small value and marked not suppressed."""
    set_cell("homicides_monthly.csv", SMALL_HIDDEN, "homicides", "3")(folder)
    set_cell("homicides_monthly.csv", SMALL_HIDDEN, "suppressed", "False")(folder)


def _line_geometry(folder: Path) -> None:
    name = "neighbourhood_geometry.geojson"
    document = json.loads((folder / name).read_text(encoding="utf-8"))
    document["features"][4]["geometry"] = {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}
    (folder / name).write_text(json.dumps(document), encoding="utf-8")
    _reseal(folder, name)


CASES[16] = ("a small count published as not suppressed", _publish_small_count, "homicides_monthly.csv", SMALL_HIDDEN, "homicides", "k = 5")
CASES[-1] = ("a geometry that is a line", _line_geometry, "neighbourhood_geometry.geojson", 5, "geometry", "Polygon")
CASES += [
    ("a municipal rate that is not homicides / population", set_cell("municipal_homicides.csv", PALMIRA_MUNICIPAL_2020, "rate_per_100k", "12.5"),
     "municipal_homicides.csv", PALMIRA_MUNICIPAL_2020, "rate_per_100k", "100000"),
    ("a DANE code that lost its leading zero", set_cell("municipal_homicides.csv", MEDELLIN_2003, "dane_code", "5001"),
     "municipal_homicides.csv", MEDELLIN_2003, "dane_code", "matching"),
]


def test_there_are_at_least_25_distinct_corruptions():
    assert len({case[0] for case in CASES}) >= 25


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_a_corrupted_package_is_refused_with_a_message_that_names_the_place(case, tmp_path, capsys):
    _name, corrupt, file, row, column, words = case
    folder = tmp_path / "package"
    shutil.copytree(PUBLISHED, folder)
    corrupt(folder)
    assert main(["validate", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "Error:" not in err.split("\n", 1)[0].replace("Invalid data package", "")
    lines = [line for line in err.splitlines() if line.strip().startswith("- ")]
    assert lines, err
    wanted = [line for line in lines if line.strip().startswith(f"- {file}")]
    assert wanted, f"no problem names {file}:\n{err}"
    if row is not None:
        wanted = [line for line in wanted if f"row {row}," in line or f"row {row}:" in line]
        assert wanted, f"no problem names row {row} of {file}:\n{err}"
    if column is not None:
        wanted = [line for line in wanted if f"column '{column}'" in line]
        assert wanted, f"no problem names column {column} of {file}:\n{err}"
    assert any(words.lower() in line.lower() for line in wanted), f"'{words}' not in:\n{err}"


@pytest.mark.parametrize("index", [0, 5, 11, 14, 16], ids=lambda i: CASES[i][0])
def test_a_refused_republish_leaves_the_served_package_unchanged(index, tmp_path):
    from pazos_dash.data.source import PackageSource
    from pazos_dash.publish.audit import load_audited

    folder = tmp_path / "package"
    shutil.copytree(PUBLISHED, folder)
    source = PackageSource(folder, interval=0, load=load_audited)
    served = source.current().version
    staging = tmp_path / "staging"
    shutil.copytree(PUBLISHED, staging)
    CASES[index][1](staging)
    shutil.rmtree(folder)
    staging.rename(folder)  # a new folder (a new inode), as publish swaps it in
    source.check()
    assert source.current().version == served
    assert len(source.current().table("homicides_annual")) == 88


def test_the_shipped_package_passes_validate(capsys):
    assert main(["validate", str(PUBLISHED)]) == 0
    assert "valid data package" in capsys.readouterr().out


def test_the_package_is_standard_for_anyone_s_tools():
    """`frictionless validate` (the reference implementation of the Data Package standard, a test
    dependency only) finds no error, hashes and sizes included."""
    from frictionless import Package

    report = Package(str(PUBLISHED / DESCRIPTOR)).validate()
    errors = [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors] + [e.message for e in report.errors]
    assert report.valid, "\n".join(errors[:20])
