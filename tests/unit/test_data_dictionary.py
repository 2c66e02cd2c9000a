"""The data dictionary tells a reader what every published field means, in both languages, and
what each code of a coded field stands for: on the data page and in docs/data.md alike."""

from __future__ import annotations

import importlib.util

import pytest

from pazos_dash.views.dictionary import allowed_values, describe
from tests.conftest import REPO


def _fields(runtime):
    for resource in runtime.package.resources.values():
        for field in resource.schema.get("fields", []):
            yield resource.name, field


@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_field_has_a_description_and_every_code_a_meaning(runtime, lang):
    fields = list(_fields(runtime))
    assert len(fields) > 100
    undescribed = [f"{r}.{f['name']}" for r, f in fields if len(describe(f, lang)) < 10]
    assert not undescribed
    coded = [(r, f) for r, f in fields if f.get("constraints", {}).get("enum")]
    assert coded
    unexplained = [f"{r}.{f['name']}={value}" for r, f in coded for value, words in allowed_values(f, lang)
                   if not words or words == value]
    assert not unexplained


def test_the_descriptions_differ_by_language():
    field = {"name": "status", "constraints": {"enum": ["reported", "demo"]}}
    assert describe(field, "es") != describe(field, "en")
    assert allowed_values(field, "es")[0][1] != allowed_values(field, "en")[0][1]


def test_docs_data_md_holds_the_dictionary_as_generated():
    spec = importlib.util.spec_from_file_location("data_dictionary", REPO / "scripts" / "data_dictionary.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    import json

    descriptor = json.loads((REPO / "data" / "published" / "datapackage.json").read_text(encoding="utf-8"))
    assert module.dictionary(descriptor) in (REPO / "docs" / "data.md").read_text(encoding="utf-8"), \
        "docs/data.md is out of date: run scripts/data_dictionary.py"


def test_the_data_page_shows_descriptions_and_code_meanings(client):
    page = client.get("/en/data").get_data(as_text=True)
    assert "Status of the figure, in the dashboard&#x27;s one vocabulary." in page or \
        "Status of the figure, in the dashboard's one vocabulary." in page
    assert "Demonstration value: no public figure exists" in page
    spanish = client.get("/datos").get_data(as_text=True)
    assert "Valor de demostración: no existe una cifra pública" in spanish


@pytest.mark.parametrize("path", ["/datos", "/en/data"])
def test_the_data_page_shows_readers_no_repository_paths_and_puts_each_api_address_on_its_own_line(client, path):
    import re

    page = client.get(path).get_data(as_text=True)
    text = re.sub(r"<[^>]+>", " ", page.split('id="main"', 1)[1])
    assert "data/reference" not in text and "`" not in text
    items = re.findall(r'<ul class="api-examples">(.*?)</ul>', page, re.S)[0]
    for item in re.findall(r"<li>(.*?)</li>", items, re.S):
        assert re.search(r"<br/?>\s*<a [^>]*class=\"api-example\"", item), item  # the words, then the address
