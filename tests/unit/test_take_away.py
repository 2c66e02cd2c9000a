"""Taking a chart away, for every chart: a ready citation that names the title, the publisher,
the year, the package's version and the permalink of the view; a zip whose CSV is the chart's
rows, with the metadata JSON and a README that cites it."""

from __future__ import annotations

import io
import json
import zipfile

import pandas as pd
import pytest

from pazos_dash.charts import CHARTS, ChartState
from pazos_dash.i18n import LANGUAGES, t
from pazos_dash.views import chart_view
from pazos_dash.views.citation import cite
from pazos_dash.views.exports import cells
from tests.conftest import PUBLISHED
from tests.selections import selections

DESCRIPTOR = json.loads((PUBLISHED / "datapackage.json").read_text(encoding="utf-8"))
PUBLISHER = next(c["title"] for c in DESCRIPTOR["contributors"] if "publisher" in c["roles"])
HOST = "https://pazos.example"


def _selection(spec, package) -> dict[str, str]:
    """A selection other than the default where there is one, so the permalink must carry it."""
    chosen = selections(spec, package)
    return chosen[-1] if chosen else {}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("chart_id", sorted(CHARTS))
def test_the_citation_names_title_publisher_year_version_and_permalink(runtime, dash_app, chart_id, lang):
    spec, package = CHARTS[chart_id], runtime.package
    state = ChartState.clean(spec, package, _selection(spec, package))
    view = chart_view(runtime, dash_app.urls, chart_id, lang, state=state)
    permalink = HOST + view.urls.page
    assert f"#card-{chart_id}" in permalink and all(f"{k}=" in permalink for k in state.query())
    citation = cite(view, permalink)
    year = DESCRIPTOR["version"][:4]
    for part in (view.title, PUBLISHER, f"({year})", DESCRIPTOR["version"], package.version, permalink):
        assert part in citation.text, (part, citation.text)
    bibtex = citation.bibtex
    assert bibtex.startswith(f"@misc{{pazos_{chart_id}_{year},") and bibtex.rstrip().endswith("}")
    assert bibtex.count("{") == bibtex.count("}")
    fields = dict(line.strip().rstrip(",").split(" = ", 1) for line in bibtex.splitlines()[1:-1])
    assert fields["year"] == f"{{{year}}}" and fields["url"] == f"{{{permalink}}}"
    assert PUBLISHER in fields["author"] and DESCRIPTOR["version"] in fields["version"]
    assert view.title.replace("&", "\\&").replace("%", "\\%") in fields["title"]
    assert t("cite.language", lang) in fields["language"]


@pytest.mark.parametrize("chart_id", sorted(CHARTS))
def test_the_zip_holds_the_csv_of_the_chart_its_metadata_and_a_readme_that_cites_it(runtime, dash_app, client, chart_id):
    spec, package = CHARTS[chart_id], runtime.package
    for lang in LANGUAGES:
        view = chart_view(runtime, dash_app.urls, chart_id, lang, options=_selection(spec, package))
        response = client.get(view.urls.downloads["zip"], base_url=HOST)
        assert response.status_code == 200 and response.mimetype == "application/zip"
        assert response.headers["Content-Disposition"] == f'attachment; filename="{chart_id}.zip"'
        archive = zipfile.ZipFile(io.BytesIO(response.data))
        readme_name = t("readme.name", lang)
        assert sorted(archive.namelist()) == sorted([f"{chart_id}.csv", f"{chart_id}.json", readme_name])

        csv = pd.read_csv(io.BytesIO(archive.read(f"{chart_id}.csv")), encoding="utf-8-sig", keep_default_na=False, dtype=str)
        from pazos_dash.views.exports import for_readers

        assert list(csv.columns) == [str(c) for c in for_readers(view.frame, lang).columns]  # labels in the reader's language
        assert len(csv) == len(view.frame)
        assert archive.read(f"{chart_id}.csv") == client.get(view.urls.downloads["csv"]).data  # the chart's CSV, byte for byte
        document = json.loads(archive.read(f"{chart_id}.json"))
        assert [[row[str(c)] for c in view.frame.columns] for row in document["data"]] == cells(view.frame)
        meta = document["metadata"]
        assert meta["permalink"] == HOST + view.urls.page and meta["selection"] == view.state.options

        readme = archive.read(readme_name).decode("utf-8")
        assert readme.startswith(f"# {view.title}\n")
        assert meta["citation"]["text"] in readme and meta["citation"]["bibtex"] in readme
        assert meta["licences"] and all(licence in readme for licence in meta["licences"])  # in the reader's language
        assert "https://creativecommons.org/licenses/by/4.0/" in readme
        for source in meta["sources"]:
            assert source["title"] in readme
        for column in meta["columns"]:
            assert f"`{column['name']}`: {column['label']}" in readme


@pytest.mark.parametrize("chart_id", sorted(c for c, spec in CHARTS.items() if spec.ranged))
def test_every_year_range_of_a_time_chart_draws_and_says_something(runtime, chart_id):
    spec, package = CHARTS[chart_id], runtime.package
    years = spec.allowed(package)["year_from"]
    for first in years:
        for last in years:
            if int(first) > int(last):
                continue
            state = ChartState.clean(spec, package, {"year_from": first, "year_to": last})
            frame = runtime.frame(state)
            assert frame.empty or frame["year"].astype(int).between(int(first), int(last)).all()
            for lang in LANGUAGES:
                assert spec.say(frame, lang), (first, last)
                assert runtime.figure(state, lang)["data"] or frame.empty
