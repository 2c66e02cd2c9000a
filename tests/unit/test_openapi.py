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


def _url(document: dict, path: str, params: dict | None = None, name: str | None = None) -> str:
    server = document["servers"][0]["url"]
    concrete = path.replace("{name}", name or "")
    return server + concrete + (("?" + urlencode(params)) if params else "")


def test_every_documented_path_and_status_answers_as_documented(client, document, runtime):
    paths = document["paths"]
    assert set(paths) == {"/", "/openapi.json", "/datasets", "/datasets/{name}"}
    _answers(client, document, "/", "200", client.get(_url(document, "/")))
    _answers(client, document, "/openapi.json", "200", client.get(_url(document, "/openapi.json")))
    _answers(client, document, "/datasets", "200", client.get(_url(document, "/datasets", {"lang": "en"})))
    _answers(client, document, "/datasets", "400", client.get(_url(document, "/datasets", {"lang": "fr"})))

    operation = paths["/datasets/{name}"]["get"]
    names = next(p for p in operation["parameters"] if p["name"] == "name")["schema"]["enum"]
    assert names == list(runtime.package.resources)
    for name in names:  # every dataset the document names, with its documented parameters
        _answers(client, document, "/datasets/{name}", "200", client.get(_url(document, "/datasets/{name}", {"limit": 3}, name)))
        csv = client.get(_url(document, "/datasets/{name}", {"format": "csv"}, name))
        _answers(client, document, "/datasets/{name}", "200", csv)
        assert len(pd.read_csv(io.BytesIO(csv.data), encoding="utf-8-sig")) == len(runtime.package.resources[name].frame)
    examples = {p["name"]: p["example"] for p in operation["parameters"] if "example" in p}
    query = {**examples.pop("filters"), **{k: v for k, v in examples.items() if k != "name"}}
    rows = client.get(_url(document, "/datasets/{name}", query, examples["name"]))
    _answers(client, document, "/datasets/{name}", "200", rows)
    assert {r["year"] for r in rows.get_json()["data"]} == {2020, 2021, 2022, 2023}
    _answers(client, document, "/datasets/{name}", "400", client.get(_url(document, "/datasets/{name}", {"year_from": "soon"}, "homicides_annual")))
    _answers(client, document, "/datasets/{name}", "404", client.get(_url(document, "/datasets/{name}", None, "victims")))


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
