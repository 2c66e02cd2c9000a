"""docs/data.md documents every published resource and field (it drifts otherwise); the docs,
code and data stand alone, without the project's shared folder."""


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


# The repository stands alone: its readers do not have the project's shared folder beside it.
OUTSIDE = "shared" + "/"  # spelled in two parts so that this file does not match itself
STANDALONE = ("README.md", "docs", "pazos_dash", "data")


def _files_pointing_outside() -> set[str]:
    import subprocess

    try:
        listed = subprocess.run(["git", "ls-files", "-z", "--", *STANDALONE], cwd=REPO, capture_output=True, check=True,
                                timeout=30).stdout.decode().split("\0")
        files = [REPO / name for name in listed if name]
    except (OSError, subprocess.SubprocessError):  # an export without git: every file but caches
        files = [p for top in STANDALONE for p in ([REPO / top] if (REPO / top).is_file() else (REPO / top).rglob("*"))
                 if p.is_file() and "__pycache__" not in p.parts]
    assert any(f.name == "data.md" for f in files), "the file list is broken"
    return {str(f.relative_to(REPO)) for f in files if f.is_file() and OUTSIDE.encode() in f.read_bytes()}


def test_no_doc_code_or_data_file_points_outside_the_repository():
    assert sorted(_files_pointing_outside()) == []


def test_every_source_address_in_the_package_is_listed_in_docs_sources():
    text = (REPO / "docs" / "sources.md").read_text(encoding="utf-8")
    package = load_package(PUBLISHED)
    addresses = {s["path"] for r in package.descriptor["resources"] for s in r.get("sources", []) if s.get("path")}
    assert addresses, "the package names no source address: the lookup is broken"
    assert sorted(a for a in addresses if a not in text) == []
