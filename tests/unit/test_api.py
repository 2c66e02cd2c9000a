"""The read-only API: published rows only, filters that say what is wrong, JSON errors."""

from __future__ import annotations

import io
import json
import zipfile

import pandas as pd
import pytest

from tests.conftest import PUBLISHED


def test_the_list_names_every_dataset_with_fields_licence_and_sources(client, runtime):
    body = client.get("/api/v1/datasets?lang=en").get_json()
    names = [d["name"] for d in body["datasets"]]
    assert names == list(runtime.package.resources)
    annual = next(d for d in body["datasets"] if d["name"] == "homicides_annual")
    assert annual["title"] == runtime.package.resources["homicides_annual"].title["en"]
    assert [f["name"] for f in annual["fields"]][:3] == ["year", "geography", "homicides"]
    assert annual["licences"] and annual["sources"] and annual["demonstration_data"] is False
    assert next(d for d in body["datasets"] if d["name"] == "clusters")["demonstration_data"] is True


def test_a_dataset_is_served_with_simple_filters(client):
    body = client.get("/api/v1/datasets/homicides_annual?geography=Palmira&year=2020,2021,2022").get_json()
    published = pd.read_csv(PUBLISHED / "homicides_annual.csv")
    expected = published[(published["geography"] == "Palmira") & published["year"].isin([2020, 2021, 2022])]
    assert body["total"] == 3 == len(body["data"])
    assert [row["homicides"] for row in body["data"]] == expected["homicides"].tolist()
    assert body["filters"] == {"geography": ["Palmira"], "year": [2020, 2021, 2022]}


def test_limit_offset_and_csv(client):
    page = client.get("/api/v1/datasets/homicides_annual?limit=5&offset=5").get_json()
    everything = client.get("/api/v1/datasets/homicides_annual").get_json()
    assert page["data"] == everything["data"][5:10] and page["total"] == everything["total"]
    response = client.get("/api/v1/datasets/homicides_annual?format=csv&geography=Cali")
    frame = pd.read_csv(io.BytesIO(response.data), encoding="utf-8-sig")
    assert set(frame["geography"]) == {"Cali"}


def test_a_suppressed_cell_is_empty_in_the_api_too(client):
    rows = client.get("/api/v1/datasets/homicides_monthly?year=2020").get_json()["data"]
    suppressed = [r for r in rows if r.get("suppressed")]
    assert suppressed and all(r["homicides"] is None for r in suppressed)


def test_an_unknown_dataset_is_a_json_404(client):
    response = client.get("/api/v1/datasets/victims")
    assert response.status_code == 404 and "victims" in response.get_json()["error"]["message"]
    assert client.get("/api/v1/nothing/here").status_code == 404


@pytest.mark.parametrize("query, says", [
    ("colour=red", "colour: not a field of homicides_annual"),
    ("year=twenty", "year: expected a whole number, found 'twenty'"),
    ("rate_per_100k=abc", "rate_per_100k: expected a number"),
    ("limit=0", "limit"), ("limit=x", "limit"), ("offset=-1", "offset"),
    ("format=xml", "format: expected json or csv"), ("lang=fr", "lang"), ("year=", "year: give at least one value"),
])
def test_a_bad_filter_is_a_400_that_says_what_is_wrong(client, query, says):
    response = client.get(f"/api/v1/datasets/homicides_annual?{query}")
    assert response.status_code == 400
    assert says in response.get_json()["error"]["message"]


def test_the_whole_package_downloads_as_one_zip(client, runtime):
    name = f"pazos-palmira-{runtime.package.version}.zip"
    response = client.get(f"/data/{name}")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    assert sorted(archive.namelist()) == sorted(["datapackage.json", *(r.path for r in runtime.package.resources.values())])
    assert json.loads(archive.read("datapackage.json")) == json.loads((PUBLISHED / "datapackage.json").read_text(encoding="utf-8"))


def test_municipalities_are_filtered_by_dane_code_and_year_range(client):
    body = client.get("/api/v1/datasets/municipal_homicides?dane_code=76520&year_from=2015&year_to=2020").get_json()
    assert body["total"] == 6 and [row["year"] for row in body["data"]] == list(range(2015, 2021))
    assert {row["municipality"] for row in body["data"]} == {"Palmira"}
    assert body["filters"] == {"dane_code": ["76520"], "year_from": [2015], "year_to": [2020]}


def test_a_dane_code_with_a_leading_zero_is_text_not_a_number(client):
    body = client.get("/api/v1/datasets/municipal_homicides?dane_code=05001&year=2019").get_json()
    assert body["total"] == 1
    row = body["data"][0]
    assert row["dane_code"] == "05001" and row["department_code"] == "05" and row["municipality"] == "Medellín"
    assert client.get("/api/v1/datasets/municipal_homicides?dane_code=5001").get_json()["total"] == 0
    response = client.get("/api/v1/datasets/municipal_homicides?dane_code=05001&format=csv")
    assert b"\n2003,05001,Medell" in response.data


def test_municipalities_are_filtered_by_department(client):
    by_code = client.get("/api/v1/datasets/municipal_homicides?department_code=76&year=2020").get_json()
    by_name = client.get("/api/v1/datasets/municipal_homicides?department=Valle del Cauca&year=2020").get_json()
    assert by_code["total"] == by_name["total"] == 42
    assert {row["department"] for row in by_code["data"]} == {"Valle del Cauca"}


def test_the_municipal_file_downloads_under_data(client):
    response = client.get("/data/municipal_homicides.csv")
    assert response.status_code == 200
    assert response.data.startswith(b"year,dane_code,municipality")
