"""docs/data.md documents every published resource and field (it drifts otherwise)."""

from pazos_dash.data import load_package
from tests.conftest import PUBLISHED, REPO


def test_data_dictionary_names_every_resource_and_field():
    text = (REPO / "docs" / "data.md").read_text(encoding="utf-8")
    package = load_package(PUBLISHED)
    for name, resource in package.resources.items():
        assert f"### `{name}`" in text, name
        section = text.split(f"### `{name}`", 1)[1].split("### ", 1)[0]
        for field in resource.field_names:
            assert f"`{field}`" in section, f"{name}.{field}"
