"""The API as documented: /api/v1/openapi.json is valid OpenAPI 3.1 (openapi-spec-validator),
and every path it documents answers every status it documents, with a body of the documented
schema and type."""

from __future__ import annotations

import io
from urllib.parse import urlencode

import pandas as pd
import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

DOCUMENT_URL = "/api/v1/openapi.json"


@pytest.fixture(scope="module")
def document(client):
    response = client.get(DOCUMENT_URL)
    assert response.status_code == 200 and response.mimetype == "application/json"
    return response.get_json()


def _validator(document: dict, schema: dict) -> Draft202012Validator:
    """A JSON Schema 2020-12 validator for a schema of the document (its `#/components/...`
    references resolve against the document's components)."""
    return Draft202012Validator({"components": document["components"], **schema})


def _answers(client, document: dict, path: str, status: str, response) -> None:
    documented = document["paths"][path]["get"]["responses"][status]
    assert str(response.status_code) == status, (path, status, response.data[:200])
    assert response.mimetype in documented["content"], (path, status, response.mimetype)
    if response.mimetype == "application/json":
        errors = list(_validator(document, documented["content"]["application/json"]["schema"]).iter_errors(response.get_json()))
        assert not errors, (path, status, [e.message for e in errors][:3])


def test_the_document_is_valid_openapi_3_1(document):
    assert document["openapi"].startswith("3.1")
    validate(document)  # raises on an invalid document


def test_the_document_fails_validation_when_broken(document):
    """The validator is not a rubber stamp: a parameter that does not say where it goes is refused."""
    from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

    broken = {**document, "paths": {**document["paths"], "/datasets": {"get": {"parameters": [{"name": "lang", "schema": {}}]}}}}
    with pytest.raises(OpenAPIValidationError):
        validate(broken)


def _url(document: dict, path: str, params: dict | None = None) -> str:
    return document["servers"][0]["url"] + path + (("?" + urlencode(params)) if params else "")


def test_every_documented_path_and_status_answers_as_documented(client, document, runtime):
    paths = document["paths"]
    datasets = {f"/datasets/{name}" for name in runtime.package.resources}
    assert set(paths) == {"/", "/openapi.json", "/datasets"} | datasets  # each dataset has its own path
    _answers(client, document, "/", "200", client.get(_url(document, "/")))
    _answers(client, document, "/openapi.json", "200", client.get(_url(document, "/openapi.json")))
    _answers(client, document, "/datasets", "200", client.get(_url(document, "/datasets", {"lang": "en"})))
    _answers(client, document, "/datasets", "400", client.get(_url(document, "/datasets", {"lang": "fr"})))

    for path in sorted(datasets):  # every dataset the document names, with its documented parameters
        name = path.rsplit("/", 1)[1]
        _answers(client, document, path, "200", client.get(_url(document, path, {"limit": 3})))
        csv = client.get(_url(document, path, {"format": "csv"}))
        _answers(client, document, path, "200", csv)
        assert len(pd.read_csv(io.BytesIO(csv.data), encoding="utf-8-sig")) == len(runtime.package.resources[name].frame)
        documented = {p["name"] for p in paths[path]["get"]["parameters"]}
        fields = {f["name"] for f in runtime.package.resources[name].schema["fields"]}
        assert fields <= documented  # its filters are exactly its fields, beside the reserved ones
        unknown = client.get(_url(document, path, {"not_a_field": "1"}))
        _answers(client, document, path, "400", unknown)
    operation = paths["/datasets/homicides_annual"]["get"]
    query = {p["name"]: p["example"] for p in operation["parameters"] if "example" in p}
    rows = client.get(_url(document, "/datasets/homicides_annual", {**query, "geography": "Palmira"}))
    _answers(client, document, "/datasets/homicides_annual", "200", rows)
    assert {r["year"] for r in rows.get_json()["data"]} == {2020, 2021, 2022, 2023}
    _answers(client, document, "/datasets/homicides_annual", "400", client.get(_url(document, "/datasets/homicides_annual", {"year_from": "soon"})))
    assert client.get(_url(document, "/datasets/victims")).status_code == 404  # not documented, as the description says


@pytest.mark.parametrize("query, says", [
    ("limit=3_0", "limit: expected a whole number"), ("limit=%2030", "limit"), ("year=2_020", "year: expected"),
    ("limit=%EF%BC%93", "limit"), ("year=2020&year=2021", "year: given 2 times"), ("lang=en&lang=es", "lang: given 2 times"),
    ("year=2020,%202021", "year: expected"), ("year_from=1e3", "year_from"),
])
def test_values_python_would_read_loosely_are_refused(client, query, says):
    response = client.get(f"/api/v1/datasets/homicides_annual?{query}")
    assert response.status_code == 400, query
    assert says in response.get_json()["error"]["message"]


def test_each_filter_s_documented_pattern_is_the_one_the_api_applies(document, client):
    """A value the document's pattern accepts is answered 200; one it refuses, 400."""
    import re

    parameters = {p["name"]: p for p in document["paths"]["/datasets/homicides_annual"]["get"]["parameters"]}
    pattern = parameters["year"]["schema"]["pattern"]
    for value in ("2020", "2020,2021", "-5", "2020,", ",2020", "2020 ", "twenty", "２０２０", "2020\n"):
        expected = 200 if re.search(pattern, value) else 400
        assert client.get("/api/v1/datasets/homicides_annual", query_string={"year": value}).status_code == expected, value


@pytest.mark.parametrize("query, years", [("year_from=2020", range(2020, 2025)), ("year_to=2005", range(2003, 2006)),
                                          ("year_from=2010&year_to=2012", range(2010, 2013)),
                                          ("year_from=2012&year_to=2010", range(0))])
def test_range_filters_bound_the_years_beside_the_equality_ones(client, query, years):
    body = client.get(f"/api/v1/datasets/homicides_annual?geography=Palmira&{query}").get_json()
    assert [row["year"] for row in body["data"]] == list(years)
    assert all(row["geography"] == "Palmira" for row in body["data"])


def test_a_range_on_a_dataset_without_years_is_a_400(client):
    response = client.get("/api/v1/datasets/clusters?year_from=2020")
    assert response.status_code == 400 and "year_from: clusters has no field 'year'" in response.get_json()["error"]["message"]
