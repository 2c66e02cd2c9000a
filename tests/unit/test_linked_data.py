"""Found by machines: each dataset on the data page is a schema.org Dataset in JSON-LD (read from
the page's HTML as a crawler gets it), and /catalog.jsonld is a DCAT catalogue a portal harvests."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import PUBLISHED

DESCRIPTOR = json.loads((PUBLISHED / "datapackage.json").read_text(encoding="utf-8"))
LICENCE = DESCRIPTOR["licenses"][0]["path"]


def json_ld(html: str) -> list[dict]:
    return [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S)]


@pytest.mark.parametrize("path, lang", [("/datos", "es"), ("/en/data", "en")])
def test_every_dataset_on_the_data_page_is_a_schema_org_dataset(client, runtime, path, lang):
    documents = json_ld(client.get(path, base_url="https://pazos.example").get_data(as_text=True))
    package = runtime.package
    assert [d["identifier"] for d in documents] == list(package.resources)
    for document, resource in zip(documents, package.resources.values()):
        assert document["@context"] == "https://schema.org/" and document["@type"] == "Dataset"
        assert document["name"] == resource.title[lang] and document["description"] == resource.description[lang]
        assert document["license"] == LICENCE
        assert document["creator"]["name"] == DESCRIPTOR["contributors"][0]["title"]
        assert {"name": "Palmira, Valle del Cauca, Colombia", "@type": "Place"} in document["spatialCoverage"]
        files = [d["contentUrl"] for d in document["distribution"]]
        assert f"https://pazos.example/data/{resource.path}" in files
        if "year" in resource.frame.columns:
            years = resource.frame["year"].dropna().astype(int)
            assert document["temporalCoverage"] == f"{years.min()}/{years.max()}"
        assert re.fullmatch(r"\d{4}(-\d\d-\d\d)?/\d{4}(-\d\d-\d\d)?", document["temporalCoverage"])  # every dataset has one
        assert document["url"].startswith("https://pazos.example/") and f"#catalogue-{resource.name}" in document["url"]


def test_only_the_data_page_carries_the_datasets_and_every_page_points_to_the_catalogue(client):
    page = client.get("/homicidios").get_data(as_text=True)
    assert json_ld(page) == []
    assert '<link rel="alternate" type="application/ld+json" href="/catalog.jsonld"' in page


def test_the_dcat_catalogue_lists_every_dataset_with_licence_distributions_period_and_place(client, runtime):
    response = client.get("/catalog.jsonld", base_url="https://pazos.example")
    assert response.status_code == 200 and response.mimetype == "application/ld+json"
    catalogue = json.loads(response.data)
    assert catalogue["@type"] == "dcat:Catalog" and catalogue["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
    assert catalogue["dct:license"] == [{"@id": LICENCE}]
    datasets = {d["dct:identifier"]: d for d in catalogue["dcat:dataset"]}
    assert list(datasets) == list(runtime.package.resources)
    for identifier, dataset in datasets.items():  # every dataset: a period; every distribution: an access URL
        assert dataset["dct:temporal"]["dcat:startDate"]["@value"] <= dataset["dct:temporal"]["dcat:endDate"]["@value"], identifier
        assert all("dcat:accessURL" in d for d in dataset["dcat:distribution"]), identifier
    assert datasets["clusters"]["dct:temporal"]["dcat:startDate"]["@value"] == "2020-01-01"  # what the strategy's years describe
    annual = datasets["homicides_annual"]
    assert annual["dct:license"] == [{"@id": LICENCE}]
    assert annual["dct:temporal"]["dcat:startDate"]["@value"] == "2003-01-01"
    assert {"Cali, Colombia", "Colombia"} <= {s["rdfs:label"] for s in annual["dct:spatial"]}
    download = annual["dcat:distribution"][0]["dcat:downloadURL"]["@id"]
    assert download == "https://pazos.example/data/homicides_annual.csv"
    assert client.get(download.replace("https://pazos.example", "")).status_code == 200
    api = annual["dcat:distribution"][1]["dcat:accessURL"]["@id"].replace("https://pazos.example", "")
    assert client.get(api).get_json()["total"] == len(runtime.package.resources["homicides_annual"].frame)
    service = catalogue["dcat:service"][0]
    assert client.get(service["dcat:endpointDescription"]["@id"].replace("https://pazos.example", "")).get_json()["openapi"].startswith("3.1")


def _og_image(html: str) -> str:
    return re.search(r'<meta property="og:image" content="([^"]*)"', html).group(1)


def test_every_page_and_embed_has_a_link_preview_image_that_exists(client, dash_app):
    from pazos_dash.charts import CHARTS
    from pazos_dash.i18n import LANGUAGES
    from pazos_dash.pages import PAGES
    from tests.conftest import REPO

    urls = dash_app.urls
    addresses = [(urls.page(page.page_id, lang), page.charts[0] if page.charts else "site", lang) for page in PAGES for lang in LANGUAGES]
    addresses += [(urls.embed(chart_id, lang), chart_id, lang) for chart_id in CHARTS for lang in LANGUAGES]
    for address, key, lang in addresses:
        image = _og_image(client.get(address, base_url="https://pazos.example").get_data(as_text=True))
        assert image.startswith("https://pazos.example/assets/og/"), (address, image)
        path = image.split("/assets/", 1)[1].split("?")[0]
        assert path == urls.og_image(key, lang), (address, path)
        file = REPO / "assets" / path
        assert file.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and file.stat().st_size > 20_000, file  # drawn, not blank
        assert client.get(image.replace("https://pazos.example", "")).status_code == 200
