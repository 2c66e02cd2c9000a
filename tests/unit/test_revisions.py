"""Revisions, visible: publish twice with a changed count and find the change in `revisions`, on
the data page, in the chart's table (and its figure and downloads) and in the Atom feed."""

from __future__ import annotations

import dataclasses
import io
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest
from flask import Flask
from openpyxl import load_workbook

from pazos_dash.data import load_package
from pazos_dash.data.source import PackageSource
from pazos_dash.i18n import fmt_number, t
from pazos_dash.publish import publish
from pazos_dash.publish.demo_raw import write_demo_raw
from pazos_dash.publish.revisions import RevisionError
from tests.conftest import PUBLISHED, REPO

REFERENCE = REPO / "data" / "reference"
EDITORIAL = REPO / "data" / "editorial"
ATOM = "{http://www.w3.org/2005/Atom}"
FIRST, SECOND = "2026-11-24", "2026-12-15"
REASON, REASON_EN = "La Policía corrigió el conteo de 2023.", "The police corrected the 2023 count."


def _with_count(reference: Path, year: int, homicides: int) -> None:
    """The reference file with another police count for Palmira in `year` (rate recomputed)."""
    path = reference / "homicides_police_dane_2003_2024.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    row = (frame["year"] == str(year)) & (frame["geography"] == "Palmira")
    frame.loc[row, "homicides"] = str(homicides)
    frame.loc[row, "rate_per_100k"] = f"{homicides / int(frame.loc[row, 'population'].item()) * 1e5:.2f}"
    frame.to_csv(path, index=False, lineterminator="\n")


@pytest.fixture(scope="module")
def raw(tmp_path_factory) -> Path:
    shipped = json.loads((PUBLISHED / "datapackage.json").read_text(encoding="utf-8"))
    seed = int(shipped["inputs"]["generator"].split("--seed ")[1].split()[0])
    directory = tmp_path_factory.mktemp("raw")
    write_demo_raw(directory, REFERENCE, seed=seed)
    # The tests revise the official annual series alone: victim records that no longer add up to it
    # would be refused (publish reconciles real records with it), so here they count as demonstration.
    manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    manifest["demo_fields"]["victims"] = ["*"]
    (directory / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return directory


@pytest.fixture(scope="module")
def republished(tmp_path_factory, raw) -> dict:
    """Release 1 from the reference files; release 2 with Palmira's 2023 count changed."""
    root = tmp_path_factory.mktemp("releases")
    out, changed = root / "published", root / "reference"
    publish(raw, out, reference=REFERENCE, editorial=EDITORIAL, last_updated=FIRST)
    shutil.copytree(REFERENCE, changed)
    before = int(pd.read_csv(REFERENCE / "homicides_police_dane_2003_2024.csv").query("year == 2023 and geography == 'Palmira'")["homicides"].item())
    _with_count(changed, 2023, before + 3)
    publish(raw, out, reference=changed, editorial=EDITORIAL, last_updated=SECOND, reason=REASON, reason_en=REASON_EN)
    return {"out": out, "reference": changed, "before": before, "after": before + 3}


@pytest.fixture(scope="module")
def runtime2(runtime, republished):
    """The running app's runtime, serving the republished package instead."""
    return dataclasses.replace(runtime, source=PackageSource(republished["out"], interval=3600))


def test_the_change_is_in_the_revisions_resource(republished):
    package = load_package(republished["out"])
    rows = package.table("revisions")
    mine = rows[(rows["resource"] == "homicides_annual") & (rows["field"] == "homicides")]
    assert len(mine) == 1
    row = mine.iloc[0]
    assert row["key"] == "year=2023; geography=Palmira"
    assert (row["old_value"], row["new_value"]) == (str(republished["before"]), str(republished["after"]))
    assert (row["release"], str(row["date"])[:10], row["change"]) == (SECOND, SECOND, "changed")
    assert (row["reason"], row["reason_en"]) == (REASON, REASON_EN)
    # the rate and the indicator computed from the count are revised too, and nothing else
    assert set(zip(rows["resource"], rows["field"])) == {("homicides_annual", "homicides"), ("homicides_annual", "rate_per_100k"),
                                                        ("indicator_values", "value")}
    assert [r["version"] for r in package.releases] == [FIRST, SECOND]
    assert package.release == SECOND and package.releases[-1]["revisions"] == 3 and package.releases[-1]["previous"] == FIRST


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_data_page_lists_the_release_and_the_revised_value(runtime2, dash_app, republished, lang):
    from pazos_dash.pages import PAGES_BY_ID, render
    from tests.unit.test_chart_views import by_id

    with dash_app.server.test_request_context("/"):
        layout = render(PAGES_BY_ID["data"], lang, runtime2, dash_app.urls, {})
    release = by_id(layout, f"release-{SECOND}")
    assert release is not None, "the release is not on the data page"
    table = release.children[-1].children
    rows = [r for r in table.children[2].children if getattr(r, "data-resource") == "homicides_annual" and getattr(r, "data-field") == "homicides"]
    assert len(rows) == 1
    cells = rows[0].children
    assert (cells[3].children, cells[4].children) == (fmt_number(republished["before"], lang), fmt_number(republished["after"], lang))
    said = json.dumps(release.to_plotly_json(), default=str, ensure_ascii=False)
    assert (REASON_EN if lang == "en" else REASON) in said
    dates = by_id(layout, "updates-dates")
    assert "2027" in json.dumps(dates.to_plotly_json(), default=str, ensure_ascii=False)  # the next planned update


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_charts_table_says_what_the_value_was(runtime2, dash_app, republished, lang):
    from pazos_dash.pages.base import table_for
    from pazos_dash.views import chart_view

    old_rate = float(pd.read_csv(REFERENCE / "homicides_police_dane_2003_2024.csv").query("year == 2023 and geography == 'Palmira'")["rate_per_100k"].item())
    for chart_id, field, before, decimals in (("homicides_annual", "homicides", republished["before"], 0),
                                              ("homicides_other_counts", "homicides", republished["before"], 0),
                                              ("sdg_16_1_1", "value", old_rate, 1)):  # a rate: one decimal
        view = chart_view(runtime2, dash_app.urls, chart_id, lang, options={})
        frame = view.frame
        row = frame[(frame["year"] == 2023) & frame["revised"]]
        assert len(row) == 1 and row[f"{field}_revised_from"].item() == pytest.approx(before), chart_id
        table = table_for(view)
        header = [th.children for th in table.children[1].children.children]
        label = t(f"field.{field}_revised_from", lang)
        assert label in header, chart_id
        column = header.index(label)
        body = [[c.children for c in r.children] for r in table.children[2].children]
        assert [r[column] for r in body if r[column]] == [fmt_number(before, lang, decimals)], chart_id
        revised = [tr for tr in view.figure["data"] if (tr.get("meta") or {}).get("revised")]
        assert len(revised) == 1 and list(revised[0]["x"]) == [2023.0], chart_id
        assert revised[0]["name"] == t("legend.revised", lang)


def test_every_download_names_its_release_and_its_revisions(runtime2, dash_app, republished):
    from pazos_dash.views import chart_view
    from pazos_dash.views.exports import as_xlsx, metadata

    view = chart_view(runtime2, dash_app.urls, "homicides_annual", "en", options={})
    meta = metadata(view, "p", "e")
    assert meta["data_package"]["release"] == SECOND
    revised = meta["revisions"]
    assert revised["release"] == SECOND and revised["previous_release"] == FIRST and revised["revised_values_in_release"] == 3
    assert {(r["field"], r["old_value"], r["new_value"]) for r in revised["revisions_of_these_datasets"]} >= {
        ("homicides", str(republished["before"]), str(republished["after"]))}
    book = load_workbook(io.BytesIO(as_xlsx(view.frame, meta, "en")), read_only=True)
    about = [[c for c in row if c is not None] for row in book.worksheets[1].iter_rows(values_only=True)]
    assert [SECOND] == [row[1] for row in about if row[0] == t("export.release", "en")]
    lines = [row[1] for row in about if row[0] == t("export.revision", "en")]
    assert any(f"{republished['before']} → {republished['after']}" in line for line in lines)
    # a chart whose datasets were not revised names the release, and no revision of its own
    other = metadata(chart_view(runtime2, dash_app.urls, "youth_served", "en", options={}), "p", "e")
    assert other["revisions"]["release"] == SECOND and other["revisions"]["revisions_of_these_datasets"] == []


def _atom(body: bytes) -> ET.Element:
    feed = ET.fromstring(body)
    assert feed.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{tag}") is not None, tag
    assert feed.find(f"{ATOM}link[@rel='self']") is not None
    for entry in feed.findall(f"{ATOM}entry"):
        for tag in ("id", "title", "updated"):
            assert (entry.find(f"{ATOM}{tag}").text or "").strip(), tag
        pd.Timestamp(entry.find(f"{ATOM}updated").text)  # RFC 3339
    ids = [e.find(f"{ATOM}id").text for e in feed.findall(f"{ATOM}entry")]
    assert len(ids) == len(set(ids))
    return feed


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_atom_feed_announces_the_release_with_its_revisions(runtime2, dash_app, republished, lang):
    from pazos_dash.web.routes import register_routes

    server = Flask("feed-test")
    register_routes(server, runtime2, "/", dash_app.urls)
    response = server.test_client().get(dash_app.urls.feed(lang))
    assert response.status_code == 200 and response.content_type.startswith("application/atom+xml")
    feed = _atom(response.data)
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text.split()[1] for e in entries] == [SECOND, FIRST]  # newest first
    newest = entries[0]
    content = newest.find(f"{ATOM}content").text
    # The feed speaks of tables (which datasets, how many values), never of cells: cell by cell, the
    # values one added victim changes would describe that person (the data page lists them).
    annual = load_package(republished["out"]).resources["homicides_annual"].title[lang]
    assert any(line.startswith(f"{annual}: ") for line in content.splitlines()), content
    assert "→" not in content and fmt_number(republished["after"], lang) not in content
    assert (REASON_EN if lang == "en" else REASON) in content
    assert newest.find(f"{ATOM}link").get("href").endswith(f"#release-{SECOND}")
    assert feed.find(f"{ATOM}updated").text.startswith(SECOND)


def test_the_shipped_feed_is_valid_atom_in_both_languages_and_every_page_points_to_it(client, dash_app):
    for lang in ("es", "en"):
        response = client.get(dash_app.urls.feed(lang))
        assert response.status_code == 200
        feed = _atom(response.data)
        assert feed.findall(f"{ATOM}entry"), lang
        page = client.get(dash_app.urls.page("homicides", lang)).get_data(as_text=True)
        assert f'<link rel="alternate" type="application/atom+xml" href="{dash_app.urls.feed(lang)}"' in page, lang


def test_a_revision_without_a_reason_publishes_nothing(tmp_path, raw, republished):
    out = tmp_path / "published"
    shutil.copytree(republished["out"], out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    changed = tmp_path / "reference"
    shutil.copytree(republished["reference"], changed)
    _with_count(changed, 2022, 100)
    with pytest.raises(RevisionError, match=r"homicides_annual, year=2022; geography=Palmira, homicides: '111' -> '100'.*--reason"):
        publish(raw, out, reference=changed, editorial=EDITORIAL, last_updated="2027-01-10")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_the_reason_can_come_from_a_changelog(tmp_path, raw, republished):
    out = tmp_path / "published"
    shutil.copytree(republished["out"], out)
    changed = tmp_path / "reference"
    shutil.copytree(republished["reference"], changed)
    _with_count(changed, 2022, 100)
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text("# Cambios\n\n## 2026-12-01\nOtra cosa.\n\n## 2027-01-10\nRevisión de 2022 por la Policía.\nen: 2022 revised by the police.\n",
                         encoding="utf-8")
    with pytest.raises(RevisionError, match="## 2027-02-02"):
        publish(raw, out, reference=changed, editorial=EDITORIAL, last_updated="2027-02-02", changelog=changelog)
    package = publish(raw, out, reference=changed, editorial=EDITORIAL, last_updated="2027-01-10", changelog=changelog,
                      next_update="2027-04-01")
    latest = package.releases[-1]
    assert (latest["reason"], latest["reason_en"]) == ("Revisión de 2022 por la Policía.", "2022 revised by the police.")
    assert package.next_update == "2027-04-01"
    rows = package.table("revisions")
    assert set(rows.loc[rows["release"] == "2027-01-10", "reason"]) == {"Revisión de 2022 por la Policía."}
    assert len(rows[rows["release"] == SECOND]) == 3  # the history is kept


def test_the_command_line_asks_for_a_reason_and_takes_one(tmp_path, raw, republished, capsys):
    from pazos_dash.cli import main

    out = tmp_path / "published"
    shutil.copytree(republished["out"], out)
    changed = tmp_path / "reference"
    shutil.copytree(republished["reference"], changed)
    _with_count(changed, 2021, 150)
    common = ["publish", str(raw), "--out", str(out), "--reference", str(changed), "--date", "2027-03-01"]
    assert main(common) == 1
    assert "nothing was published" in capsys.readouterr().err
    assert main([*common, "--reason", "Corrección de 2021.", "--next-update", "2027-06-01"]) == 0
    assert "release 2027-03-01, 3 revised values" in capsys.readouterr().out  # the count, its rate, the indicator
    package = load_package(out)
    assert package.release == "2027-03-01" and package.next_update == "2027-06-01"


def test_the_shipped_cali_correction_is_a_revision_with_its_reason_and_the_feed_announces_it(client, dash_app, runtime):
    """Release 2026-12-04 corrected Cali (it had included Calima, DANE 76126): every changed count
    and rate is a row of `revisions` naming Cali, the year, the value before and after, and why."""
    revised = runtime.package.table("revisions")
    cali = revised[(revised["release"] == "2026-12-04") & revised["key"].str.contains("geography=Cali")]
    assert len(cali) == 44 and set(cali["field"]) == {"homicides", "rate_per_100k"}  # 22 years × 2 fields
    assert set(cali["resource"]) == {"homicides_annual"} and set(cali["change"]) == {"changed"}
    by_key = {(row.key, row.field): (row.old_value, row.new_value) for row in cali.itertuples()}
    assert by_key[("year=2003; geography=Cali", "homicides")] == ("2134", "2117")
    assert by_key[("year=2019; geography=Cali", "homicides")] == ("1125", "1115")
    assert all("Calima" in r and "76126" in r for r in cali["reason"]) and all("Calima" in r for r in cali["reason_en"])
    others = revised[(revised["release"] == "2026-12-04") & ~revised["key"].str.contains("geography=Cali")]
    # no other count or rate changed: the same release only relabelled what rows are (status,
    # source, and cells newly hidden by rule 5), never another published value
    assert set(others["field"]) <= {"status", "source", "suppressed"}, set(others["field"])
    for lang in ("es", "en"):
        feed = _atom(client.get(dash_app.urls.feed(lang)).data)
        newest = feed.findall(f"{ATOM}entry")[0]
        assert "2026-12-04" in newest.find(f"{ATOM}title").text
        content = newest.find(f"{ATOM}content").text
        # the feed speaks of tables and the reason (never of single cells: issue 21); the reason names the values
        assert "Calima" in content and fmt_number(2117, lang) in content and fmt_number(2134, lang) in content, content[:500]
