"""Every chart's data leaves as CSV, Excel and JSON: the same rows the chart plots, with what a
journalist needs to cite it."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from openpyxl import load_workbook

from pazos_dash.charts import CHARTS
from pazos_dash.views.exports import cells, for_readers
from pazos_dash.views.text import column_label


def _from_csv(response) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(response.data), encoding="utf-8-sig")


@pytest.mark.parametrize("chart_id", sorted(CHARTS))
def test_json_and_excel_hold_exactly_the_rows_the_chart_plots(client, runtime, chart_id):
    frame = runtime.chart_frame(chart_id)
    expected = cells(frame)  # the frame's values as plain Python, missing ones None
    document = json.loads(client.get(f"/download/{chart_id}.json").data)
    assert [[row[str(c)] for c in frame.columns] for row in document["data"]] == expected

    response = client.get(f"/download/{chart_id}.xlsx")
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    rows = list(load_workbook(io.BytesIO(response.data), read_only=True).worksheets[0].iter_rows(values_only=True))
    # Row 1: labels for people in the language asked for (Spanish by default); row 2: field names.
    assert list(rows[0]) == [column_label(str(c), "es") for c in frame.columns]
    assert list(rows[1]) == [str(c) for c in frame.columns]
    # A row's trailing empty cells are not stored in the file: pad them back. Codes in words.
    assert [list(r) + [None] * (len(rows[0]) - len(r)) for r in rows[2:]] == cells(for_readers(frame, "es"))


def test_the_metadata_names_title_sources_licence_selection_date_and_permalink(client, runtime):
    url = "/download/homicides_annual.json?measure=rate_per_100k&lang=en"
    meta = json.loads(client.get(url, base_url="https://pazos.example").data)["metadata"]
    assert meta["title"] == CHARTS["homicides_annual"].title("en")
    assert meta["selection"] == {"measure": "rate_per_100k", "year_from": "2003", "year_to": "2024"}
    assert any("DIJIN" in source["title"] for source in meta["sources"])
    assert meta["licences"] and meta["language"] == "en"
    assert meta["data_package"]["last_updated"] == runtime.package.last_updated
    assert meta["data_package"]["version"] == runtime.package.version
    # The chart on its page with the selection (what people cite); the embed keeps its own address.
    selection = "homicides_annual-measure=rate_per_100k"  # the default years are left out: the link follows new years
    assert meta["permalink"] == f"https://pazos.example/en/homicides?{selection}#card-homicides_annual"
    assert meta["embed"] == f"https://pazos.example/en/embed/homicides_annual?{selection}"
    assert meta["permalink"] in meta["citation"]["text"] and meta["permalink"] in meta["citation"]["bibtex"]
    assert meta["demonstration_data"] is False


def test_demonstration_data_says_so_in_the_download(client):
    meta = json.loads(client.get("/download/youth_served.json").data)["metadata"]
    assert meta["demonstration_data"] is True


def test_the_excel_file_has_an_about_sheet_in_the_language_asked_for(client):
    book = load_workbook(io.BytesIO(client.get("/download/homicides_annual.xlsx?lang=es").data), read_only=True)
    assert book.sheetnames == ["datos", "acerca de"]
    about = {row[0]: row[1:] for row in book["acerca de"].iter_rows(values_only=True)}
    assert about["Título"][0] == CHARTS["homicides_annual"].title("es")
    assert "Licencia" in about and "Enlace permanente" in about


def test_the_csv_points_to_its_metadata_and_its_licence(client):
    link = client.get("/download/homicides_annual.csv?measure=rate_per_100k").headers["Link"]
    assert link.startswith("</download/homicides_annual.json?") and 'rel="describedby"' in link
    assert "measure=rate_per_100k" in link
    assert '<https://creativecommons.org/licenses/by/4.0/>; rel="license"' in link
    described_by = link.split(">")[0].lstrip("<")
    meta = json.loads(client.get(described_by).data)["metadata"]
    assert meta["licences"] == ["Creative Commons Atribución 4.0 Internacional"]  # the metadata's language (es here)
    assert meta["citation"]["text"] and meta["citation"]["bibtex"].startswith("@misc{")


def test_a_suppressed_cell_stays_empty_in_every_format(client):
    csv = _from_csv(client.get("/download/homicides_monthly_its.csv"))
    suppressed = csv[column_label("observed", "es")].isna()
    assert suppressed.any(), "the shipped package suppresses April 2020 and its complement"
    document = json.loads(client.get("/download/homicides_monthly_its.json").data)
    assert [row["observed"] is None for row in document["data"]] == suppressed.tolist()
    sheet = load_workbook(io.BytesIO(client.get("/download/homicides_monthly_its.xlsx").data), read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    column = list(rows[1]).index("observed")
    assert [row[column] is None for row in rows[2:]] == suppressed.tolist()


@pytest.mark.parametrize("query, measure", [("?measure=<script>", "homicides"), ("?lang=xx", "homicides"),
                                            ("?measure=rate_per_100k&measure=homicides", "rate_per_100k"),  # the first wins
                                            ("?%ff=%fe", "homicides")])
def test_hostile_download_queries_fall_back_to_defaults(client, query, measure):
    # Dash answers 200 with its app shell for any path: compare the files with the expected ones.
    expected = f"?measure={measure}"
    csv = client.get(f"/download/homicides_annual.csv{query}")
    assert csv.mimetype == "text/csv" and csv.data == client.get(f"/download/homicides_annual.csv{expected}").data
    document = json.loads(client.get(f"/download/homicides_annual.json{query}").data)
    assert document["data"] == json.loads(client.get(f"/download/homicides_annual.json{expected}").data)["data"]
    assert document["metadata"]["selection"] == {"measure": measure, "year_from": "2003", "year_to": "2024"}
    assert document["metadata"]["language"] == "es"
    rows = [list(load_workbook(io.BytesIO(client.get(f"/download/homicides_annual.xlsx{q}").data), read_only=True)
                 .worksheets[0].iter_rows(values_only=True)) for q in (query, expected)]
    assert rows[0] == rows[1] and len(rows[0]) > 1


def test_unknown_format_or_chart_gives_no_file(client):
    # An unknown format is just an unknown address (Dash's own not-found page), never a file.
    assert "Content-Disposition" not in client.get("/download/homicides_annual.exe").headers
    assert client.get("/download/nothing.json").status_code == 404



def test_column_labels_come_in_the_language_asked_for(client):
    columns = {lang: json.loads(client.get(f"/download/homicides_annual.json?lang={lang}").data)["metadata"]["columns"]
               for lang in ("es", "en")}
    assert [c["name"] for c in columns["es"]] == [c["name"] for c in columns["en"]]
    for lang in ("es", "en"):
        csv = _from_csv(client.get(f"/download/homicides_annual.csv?lang={lang}"))
        assert list(csv.columns) == [c["label"] for c in columns[lang]]
    labels = {lang: {c["name"]: c["label"] for c in columns[lang]} for lang in columns}
    assert labels["es"]["homicides"] == "Homicidios" and labels["en"]["homicides"] == "Homicides"


def test_excel_headers_are_labels_in_the_language_asked_for_over_the_field_names(client):
    for lang, label in (("es", "Homicidios"), ("en", "Homicides")):
        sheet = load_workbook(io.BytesIO(client.get(f"/download/homicides_annual.xlsx?lang={lang}").data), read_only=True).worksheets[0]
        labels, names = list(sheet.iter_rows(values_only=True))[:2]
        assert labels[names.index("homicides")] == label and names[0] == "year"


def test_one_list_of_formats_serves_the_route_the_buttons_the_callback_the_zip_and_the_api(dash_app, client, runtime):
    """views.renderers.RENDERERS is the only list: each format it names is a route, a button on
    the card and an output of the chart's callback; the zip holds its CSV and JSON renderers' files;
    the OpenAPI document's formats are its API ones."""
    import zipfile

    from pazos_dash.pages.base import chart_card
    from pazos_dash.views import chart_view
    from pazos_dash.views.renderers import API_FORMATS, RENDERERS, ZIPPED
    from pazos_dash.components.chart_card import download_id

    view = chart_view(runtime, dash_app.urls, "homicides_annual", "en", options={"measure": "rate_per_100k"})
    card = chart_card(view)
    ids = set()

    def walk(node):
        if hasattr(node, "to_plotly_json"):
            ids.add(getattr(node, "id", None))
            children = getattr(node, "children", None)
            for child in children if isinstance(children, (list, tuple)) else [children]:
                walk(child)

    walk(card)
    outputs = {key for key in dash_app.callback_map if "homicides_annual-takeaway" in key}
    assert len(outputs) == 1
    for fmt, renderer in RENDERERS.items():
        assert download_id("homicides_annual", fmt) in ids, fmt
        assert f"{download_id('homicides_annual', fmt)}.href" in next(iter(outputs)), fmt
        response = client.get(view.urls.downloads[fmt])
        assert response.status_code == 200 and response.content_type == renderer.media_type, fmt
        assert response.data == renderer.render(view) or fmt in ("json", "zip", "xlsx"), fmt  # absolute addresses differ by host
    archive = zipfile.ZipFile(io.BytesIO(client.get(view.urls.downloads["zip"]).data))
    assert [n for n in archive.namelist() if "." in n and n.rsplit(".", 1)[1] in RENDERERS] == [f"homicides_annual.{f}" for f in ZIPPED]
    assert archive.read("homicides_annual.csv") == RENDERERS["csv"].render(view)
    document = json.loads(client.get("/api/v1/openapi.json").data)
    formats = next(p for p in document["paths"]["/datasets/homicides_annual"]["get"]["parameters"] if p["name"] == "format")
    assert formats["schema"]["enum"] == list(API_FORMATS)
    assert client.get("/download/homicides_annual.pdf").status_code == 404  # a format not in the list


@pytest.mark.parametrize("chart_id, field, code", [("homicides_annual", "status", "reported"),
                                                   ("cluster_residents", "zone", "urban"),
                                                   ("indicator_scoreboard", "progress_status", "missed")])
def test_csv_and_excel_read_in_the_language_asked_for(client, runtime, chart_id, field, code):
    """A Spanish reader's CSV and Excel files have Spanish headers and Spanish words for codes
    (an English reader's, English ones); the numbers are the same, and the JSON keeps the codes."""
    from pazos_dash.views.text import code_text

    frame = runtime.chart_frame(chart_id)
    assert code in set(frame[field].astype(str))
    files = {}
    for lang in ("es", "en"):
        csv = _from_csv(client.get(f"/download/{chart_id}.csv?lang={lang}"))
        sheet = list(load_workbook(io.BytesIO(client.get(f"/download/{chart_id}.xlsx?lang={lang}").data), read_only=True)
                     .worksheets[0].iter_rows(values_only=True))
        label, word = column_label(field, lang), code_text(code, lang)
        assert label != field and word and word != code or lang == "en" and word
        assert label in csv.columns and word in set(csv[label]) and code not in set(csv[label]) - {word}
        column = list(sheet[0]).index(label)
        assert word in {row[column] for row in sheet[2:]}
        files[lang] = csv
    assert list(files["es"].columns) != list(files["en"].columns)
    numbers = [c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])]
    for c in numbers:  # numbers stay numbers, a point for decimals, in both languages
        assert files["es"][column_label(c, "es")].equals(files["en"][column_label(c, "en")]), c
    assert code in {row[field] for row in json.loads(client.get(f"/download/{chart_id}.json?lang=es").data)["data"]}


def test_the_zip_csv_is_in_the_language_asked_for_and_its_readme_cites_and_licenses(client):
    import zipfile

    archive = zipfile.ZipFile(io.BytesIO(client.get("/download/homicides_annual.zip?lang=en").data))
    csv = pd.read_csv(archive.open("homicides_annual.csv"), encoding="utf-8-sig")
    assert list(csv.columns)[:2] == ["Year", "Homicides"]
    readme = next(archive.read(n).decode() for n in archive.namelist() if n.lower().startswith("readme"))
    assert "@misc{" in readme and "creativecommons.org/licenses/by/4.0" in readme


def test_a_comparison_without_cali_names_no_cali_in_citation_excel_or_readme(client):
    import zipfile

    query = "compare=Valle del Cauca,Colombia"
    document = json.loads(client.get(f"/download/homicide_rate_comparison.json?{query}").data)
    assert "Cali" not in document["metadata"]["title"] and "Colombia" in document["metadata"]["title"]
    assert "Cali" not in document["metadata"]["citation"]["text"]
    book = load_workbook(io.BytesIO(client.get(f"/download/homicide_rate_comparison.xlsx?{query}").data), read_only=True)
    about = {row[0]: row[1:] for row in book.worksheets[1].iter_rows(values_only=True)}
    assert "Cali" not in about["Título"][0] and "Cali" not in about["Cómo citar"][0]
    archive = zipfile.ZipFile(io.BytesIO(client.get(f"/download/homicide_rate_comparison.zip?{query}").data))
    readme = next(archive.read(n).decode() for n in archive.namelist() if n.lower().startswith(("readme", "léame", "leame")))
    assert "Cali" not in readme.split("## ")[0] + readme.split("## ")[1]  # the title and the citation
