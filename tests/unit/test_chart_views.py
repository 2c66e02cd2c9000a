"""Every truth label right, by construction: for every chart, every allowed selection and both
languages, the chart view and each renderer over it (card, slide, embed, JSON/Excel metadata)
agree with the rows shown — the demonstration mark is there if and only if a shown row is
demonstration, the source line names exactly the sources those rows cite, a suppression note
names the threshold the package declares, and nothing visible is a raw code or in the other
language.

The expectations are computed here from the frame's own `status`/`source` columns and from
datapackage.json read as plain JSON, not through the provenance code under test.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from openpyxl import load_workbook

from pazos_dash.charts import CHARTS, ChartState
from pazos_dash.i18n import LANGUAGES, catalogue, t
from pazos_dash.pages.base import Links, chart_card, controls_for, table_for
from pazos_dash.pages.embed import embed_layout
from pazos_dash.pages.present import _slide
from pazos_dash.views import chart_view
from pazos_dash.views.exports import as_xlsx, metadata
from tests.conftest import PUBLISHED
from tests.selections import selections

DESCRIPTOR = json.loads((PUBLISHED / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = {r["name"]: r for r in DESCRIPTOR["resources"]}
SOURCE_TITLES = {lang: {s["name"]: (s.get("i18n", {}).get(lang, {}).get("title") or s["title"])
                        for r in DESCRIPTOR["resources"] for s in r.get("sources", [])} for lang in LANGUAGES}
# Which published count table a chart's suppressed cells come from, per selection.
COUNTS = {
    "homicides_breakdown": lambda o: f"homicides_by_{o['dimension']}",
    "homicides_monthly_its": lambda o: "homicides_monthly",
    "youth_enrolments_by_component": lambda o: "youth_enrolments",
    "youth_people_breakdown": lambda o: "youth_people",
    "cluster_map": lambda o: {"homicides": "homicides_by_cluster", "rate": "homicides_by_cluster", "youth": "youth_people",
                              "resources": "contributions"}[o["metric"]],
}
COUNTS["cluster_profile"] = COUNTS["cluster_map"]
# Codes a reader must never see raw: every enumerated value the package publishes (but proper
# names), and every field name.
_NAMES = {"geography", "goal", "area", "cluster_id", "sdg_indicator"}
RAW_CODES = {str(v) for r in DESCRIPTOR["resources"] for f in r["schema"]["fields"] if f["name"] not in _NAMES
             for v in f.get("constraints", {}).get("enum", []) if isinstance(v, str) and len(v) > 2}
RAW_CODES |= {f["name"] for r in DESCRIPTOR["resources"] for f in r["schema"]["fields"] if "_" in f["name"] or len(f["name"]) > 4}
RAW_CODES -= {"Palmira", "value", "name"}  # words that are also plain English/Spanish on purpose ("Name")


def other_language_strings(lang: str) -> set[str]:
    """Texts of the other language's catalogue that this language says differently."""
    mine, theirs = catalogue(lang), catalogue("en" if lang == "es" else "es")
    return {text for key, text in theirs.items() if mine.get(key) != text and len(text) > 3 and "{" not in text}


def texts(node: Any) -> list[str]:
    """Every string a reader sees in a rendered component tree (figures included)."""
    found: list[str] = []
    if isinstance(node, str):
        return [node]
    if isinstance(node, (list, tuple)):
        for child in node:
            found += texts(child)
        return found
    if hasattr(node, "to_plotly_json"):
        figure = getattr(node, "figure", None)
        if isinstance(figure, dict):
            found += figure_texts(figure)
        for prop in ("children", "title", "alt", "aria-label"):
            value = getattr(node, prop, None)
            if value is not None and not (prop == "children" and hasattr(node, "figure")):
                found += texts(value)
    return found


def figure_texts(figure: dict) -> list[str]:
    found: list[str] = []
    layout = figure.get("layout", {})
    for axis in [k for k in layout if k.startswith(("xaxis", "yaxis"))]:
        title = (layout[axis] or {}).get("title")
        found += [title.get("text", "")] if isinstance(title, dict) else ([title] if isinstance(title, str) else [])
    found += [a.get("text", "") for a in layout.get("annotations", []) or []]
    for trace in figure.get("data", []):
        if trace.get("showlegend") is not False and trace.get("name"):
            found.append(str(trace["name"]))
        for key in ("x", "y", "text"):
            values = trace.get(key)
            if isinstance(values, (list, tuple)):
                found += [v for v in values if isinstance(v, str)]
        for key in ("label",):  # sankey nodes
            found += [v for v in (trace.get("node") or {}).get(key, []) if isinstance(v, str)]
    return found


def by_id(node: Any, wanted: str) -> Any:
    if getattr(node, "id", None) == wanted:
        return node
    children = getattr(node, "children", None) if hasattr(node, "to_plotly_json") else node
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if child is not None and not isinstance(child, str):
            found = by_id(child, wanted)
            if found is not None:
                return found
    return None


def expected_share(frame) -> str:
    """"none", "some" or "all" invented, from the frame's own columns: all only when every row is
    demonstration and every source cited is the demonstration one."""
    demo_rows = int((frame["status"].astype(str) == "demo").sum())
    names = {n.strip() for cell in frame["source"].dropna() for n in str(cell).split(";") if n.strip()}
    if not demo_rows:
        return "none"
    return "all" if demo_rows == len(frame) and names <= {"demo"} else "some"


# What each renderer says for "some" and "all" (read from the catalogue, not from the rule's table).
SAYS = {"stamp": ("demo.watermark_some", "demo.watermark"), "badge": ("demo.badge_some", "demo.badge"),
        "strip": ("demo.strip_some", "demo.strip"), "takeaway": ("demo.takeaway_some", "demo.takeaway_all")}


def said(kind: str, share: str, lang: str) -> str:
    return t(SAYS[kind][share == "all"], lang) if share != "none" else ""


def expected_labels(view) -> tuple[bool, list[str], int | None]:
    """(demo?, titles of the cited sources in order, k of the suppressed cells shown or None)."""
    frame = view.frame
    demo = bool((frame["status"].astype(str) == "demo").any())
    names = list(dict.fromkeys(n.strip() for cell in frame["source"].dropna() for n in str(cell).split(";") if n.strip()))
    titles = [SOURCE_TITLES[view.lang][n] for n in names]
    suppressed = "suppressed" in frame.columns and bool(frame["suppressed"].astype(bool).any())
    k = RESOURCES[COUNTS[view.chart_id](view.state.options)]["disclosure"]["k"] if suppressed else None
    return demo, titles, k


def check_invented_marks(view, card, slide, where: str) -> None:
    """The stamp, badge, strip and takeaway say "some" or "all" as the rows are."""
    share, lang = expected_share(view.frame), view.lang
    marks = [a["text"] for a in view.figure["layout"].get("annotations", []) or [] if a.get("name") == "demo-watermark"]
    assert marks == ([said("stamp", share, lang)] if share != "none" else []), f"{where}: the figure's stamp ({share})"
    badge = by_id(card, f"{view.chart_id}-demo").children
    assert (texts(badge) if badge is not None else []) == ([said("badge", share, lang)] if share != "none" else []), \
        f"{where}: the card's badge ({share})"
    strip = by_id(slide, "slide-demo-0")
    assert (texts(strip) if strip is not None else []) == ([said("strip", share, lang)] if share != "none" else []), \
        f"{where}: the slide's strip ({share})"
    if share == "none":
        assert not any(view.takeaway.endswith(said("takeaway", s, lang)) for s in ("some", "all")), where
    else:
        assert view.takeaway.endswith(" " + said("takeaway", share, lang)), f"{where}: the takeaway ({share})"


def check_source_line(line, view, titles: list[str], k: int | None, where: str) -> None:
    said = " ".join(texts(line))
    links_and_names = [s for s in texts(line) if s in SOURCE_TITLES[view.lang].values()]
    assert links_and_names == titles, f"{where}: the source line names {links_and_names}, the rows cite {titles}"
    suppression = t("card.suppressed", view.lang, k=k) if k is not None else None
    if k is not None:
        assert suppression in said, f"{where}: suppressed cells shown but no note with k = {k}"
    else:  # no suppressed cell shown: no note (the note's text up to its number, in this language)
        before_k = catalogue(view.lang)["card.suppressed"].split("{")[0]
        assert before_k and before_k not in said, f"{where}: a suppression note without suppressed cells"


def check_visible_text(strings: list[str], lang: str, where: str) -> None:
    foreign = other_language_strings(lang)
    # A code whose word in this language is the code itself ("rural", "Sector") is not raw.
    words = set(catalogue(lang).values())
    raw = sorted({s for s in strings if s.strip() in RAW_CODES and s.strip() not in words})
    assert not raw, f"{where}: raw codes shown to readers: {raw}"
    wrong = sorted({s for s in strings if s.strip() in foreign})
    assert not wrong, f"{where}: text in the other language: {wrong}"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("chart_id", sorted(CHARTS))
def test_every_renderer_tells_the_truth_about_the_rows_shown(runtime, dash_app, chart_id, lang):
    spec, package, urls = CHARTS[chart_id], runtime.package, dash_app.urls
    for options in selections(spec, package):
        state = ChartState.clean(spec, package, options)
        view = chart_view(runtime, urls, chart_id, lang, state=state)
        where = f"{chart_id} {lang} {options}"
        demo, titles, k = expected_labels(view)

        # The view itself.
        assert view.provenance.demo is demo, where
        assert [s.title for s in view.provenance.sources] == titles, where
        if k is not None:
            assert view.provenance.k == k, where
        marks = [a for a in view.figure["layout"].get("annotations", []) or [] if a.get("name") == "demo-watermark"]
        assert bool(marks) is demo, f"{where}: the figure's demonstration stamp"

        # The card (also what the embed shows: the same renderer, checked below once per chart).
        card = chart_card(view, controls=controls_for(view), table=table_for(view))
        assert getattr(card, "data-demo") == ("true" if demo else "false"), where
        badge = by_id(card, f"{chart_id}-demo").children
        assert (badge is not None) is demo, f"{where}: the card's badge"
        check_source_line(by_id(card, f"{chart_id}-source"), view, titles, k, f"{where} card")
        check_visible_text(texts(card), lang, f"{where} card")

        # The slide.
        slide = _slide(view, 0, True)
        assert (by_id(slide, "slide-demo-0") is not None) is demo, f"{where}: the slide's demonstration strip"
        check_source_line(by_id(slide, "slide-source-0"), view, titles, k, f"{where} slide")

        check_invented_marks(view, card, slide, where)

        # The downloads' metadata.
        meta = metadata(view, "https://example.org/permalink", "https://example.org/embed")
        assert meta["demonstration_data"] is demo, where
        assert [s["title"] for s in meta["sources"]] == titles, where
        if k is not None:
            assert meta["disclosure_threshold"] == k, where


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("chart_id", sorted(CHARTS))
def test_the_embed_and_the_excel_file_carry_the_same_labels(runtime, dash_app, chart_id, lang):
    urls = dash_app.urls
    view = chart_view(runtime, urls, chart_id, lang, options={})
    demo, titles, _k = expected_labels(view)
    with dash_app.server.test_request_context("/"):
        embed = embed_layout(runtime, lang, Links(lang, urls), chart_id, {})
    card = by_id(embed, f"card-{chart_id}")
    assert getattr(card, "data-demo") == ("true" if demo else "false")
    assert [s for s in texts(by_id(embed, f"{chart_id}-source")) if s in SOURCE_TITLES[lang].values()] == titles

    book = load_workbook(io.BytesIO(as_xlsx(view.frame, metadata(view, "p", "e"), lang)), read_only=True)
    about = [[c for c in row if c is not None] for row in book.worksheets[1].iter_rows(values_only=True)]
    assert [row[1] for row in about if row[0] == t("export.source", lang)] == titles
    flag = next(row[1] for row in about if row[0] == t("export.demonstration_data", lang))
    assert flag == t(f"value.{demo}", lang)  # "Sí"/"No" in Spanish, never Python's False
    check_visible_text([str(c) for row in about for c in row if row[0] != t("export.column", lang)], lang, f"{chart_id} {lang} excel")


def test_a_real_figure_under_a_demonstration_target_is_not_stamped_as_demonstration(runtime, dash_app):
    """The indicator detail of the (real) homicide rate: only its target is invented, so the
    target is its own row, flagged, and the real series is not covered by a watermark."""
    view = chart_view(runtime, dash_app.urls, "indicator_detail", "es", options={"indicator": "homicide_rate"})
    target = view.frame[view.frame["kind"] == "target"]
    assert list(target["status"]) == ["demo"]
    assert set(view.frame.loc[view.frame["kind"] == "value", "status"]) == {"reported", "preliminary"}  # 2024 is preliminary
    stamps = [a["text"] for a in view.figure["layout"]["annotations"] if a.get("name") == "demo-watermark"]
    assert stamps == [t("demo.watermark_some", "es")]


def test_the_youth_homicide_rate_credits_the_mayors_office_not_demonstration(runtime, dash_app):
    for chart_id in ("youth_homicide_rate", "sdg_16_1_1"):
        view = chart_view(runtime, dash_app.urls, chart_id, "en", options={})
        names = [s.name for s in view.provenance.sources]
        assert "demo" not in names and not view.provenance.demo, chart_id
    view = chart_view(runtime, dash_app.urls, "youth_homicide_rate", "en", options={})
    assert [s.url for s in view.provenance.sources][0] == "https://oecd-opsi.org/?p=35639"


def test_the_suppression_threshold_is_the_packages_not_a_constant(runtime, dash_app, tmp_path):
    """Publish with another k and the map's legend follows (the threshold is read from each
    resource's `disclosure` metadata)."""
    from pazos_dash.data import load_package
    import shutil

    copy = tmp_path / "package"
    shutil.copytree(PUBLISHED, copy)
    descriptor = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        if resource["name"] == "homicides_by_cluster":
            resource["disclosure"]["k"] = 7
    (copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    package = load_package(copy)
    spec = CHARTS["cluster_map"]
    frame = spec.query(package, metric="homicides", year="2020", view="year")
    assert frame.attrs["k"] == 7
    assert frame["suppressed"].any()  # 2020 has suppressed clusters (else this test proves nothing)
    figure = spec.draw(frame, lang="en", metric="homicides")
    assert any(tr.name == t("map.suppressed", "en", k=7) for tr in figure.data)


@pytest.mark.parametrize("chart_id", sorted(CHARTS))
def test_every_download_and_the_card_table_hold_exactly_the_rows_of_the_view(runtime, dash_app, client, chart_id):
    """What used to be a browser test per chart: the CSV and JSON of a selection, and the card's
    table, are the view's frame — same rows, same columns, same values, gaps empty."""
    import pandas as pd

    from pazos_dash.views.exports import cells, for_readers
    from pazos_dash.views.text import cell_text, number_decimals

    spec, urls = CHARTS[chart_id], dash_app.urls
    for options in selections(spec, runtime.package)[:60]:
        view = chart_view(runtime, urls, chart_id, "es", options=options)
        expected = cells(view.frame)
        document = json.loads(client.get(view.urls.downloads["json"]).data)
        assert [[row[str(c)] for c in view.frame.columns] for row in document["data"]] == expected, options
        csv = pd.read_csv(io.BytesIO(client.get(view.urls.downloads["csv"]).data), encoding="utf-8-sig", keep_default_na=False,
                          dtype=str)
        readers = for_readers(view.frame, "es")  # the CSV is for people: labels, codes in words (the JSON keeps codes)
        assert list(csv.columns) == [str(c) for c in readers.columns], options
        assert len(csv) == len(view.frame), options
        shown_rows = cells(readers)
        for index, column in enumerate(readers.columns):
            published = ["" if row[index] is None else row[index] for row in shown_rows]
            assert [("" if v == "" else type(p)(float(v)) if isinstance(p, (int, float)) and not isinstance(p, bool) else v)
                    for v, p in zip(csv[column], published)] == published, (options, column)
        if spec.table is None:
            table = by_id(chart_card(view, table=table_for(view)), f"table-{chart_id}")
            body = table.children[2].children
            assert len(body) == len(view.frame), options
            # a row's sources by their keys ("[1]"), named once in the table's foot
            keys = {s.name: f"[{number}]" for number, s in enumerate(view.provenance.sources, start=1)}
            for row, record in zip(body, view.frame.itertuples(index=False)):
                shown = [cell.children if isinstance(cell.children, str) else cell.children.children for cell in row.children]
                values = dict(zip(view.frame.columns, record))  # each number as its unit is written (i18n.decimals_for)
                assert shown == [cell_text(c, v, "es", number_decimals(view.frame, c, spec.decimals, values), lambda n: keys.get(n, n))
                                 for c, v in values.items()], options


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_page_shows_a_raw_code_or_the_other_language(runtime, dash_app, lang):
    """Whole pages, with their KPI cards, tables, the partners' sources and the data dictionary
    (field names in <code> are the dictionary's point and are left out)."""
    from dash import html

    from pazos_dash.pages import PAGES, render

    def visible(node):
        if isinstance(node, html.Code):
            return []
        if hasattr(node, "to_plotly_json") and not hasattr(node, "figure"):
            children = getattr(node, "children", None)
            found = [] if children is None else [s for child in (children if isinstance(children, (list, tuple)) else [children])
                                                 for s in (visible(child) if not isinstance(child, str) else [child])]
            return found + [str(getattr(node, p)) for p in ("title", "alt") if getattr(node, p, None)]
        return texts(node)

    for page in PAGES:
        with dash_app.server.test_request_context("/"):
            layout = render(page, lang, runtime, dash_app.urls, {})
        strings = visible(layout)
        check_visible_text(strings, lang, f"{page.page_id} {lang}")
        assert not [s for s in strings if "shared/" in s], page.page_id


@pytest.mark.parametrize("metric", ["homicides", "youth"])
def test_the_cluster_profile_says_what_is_demonstration_and_where_it_comes_from(runtime, dash_app, metric):
    """The profile opened by a click shows invented residents and trends: it carries the badge
    and names its sources like a card does, and its data and permalink are its view's."""
    from pazos_dash.pages.clusters import profile_panel

    panel = profile_panel(runtime, dash_app.urls, "C3", metric, "es")
    shown = texts(panel)
    assert {t("demo.badge", "es"), t("demo.badge_some", "es")} & set(shown)
    view = chart_view(runtime, dash_app.urls, "cluster_profile", "es", options={"cluster": "C3", "metric": metric})
    assert by_id(panel, "profile-download").href == view.urls.downloads["csv"]
    assert "cluster_profile-cluster=C3" in by_id(panel, "profile-permalink").href
    assert by_id(panel, "profile-permalink").href.startswith(dash_app.urls.page("clusters", "es"))
    cited = {s["name"] for r in ("clusters", {"homicides": "homicides_by_cluster", "youth": "youth_people"}[metric])
             for s in RESOURCES[r]["sources"]}
    line = texts(by_id(panel, "profile-source"))
    assert set(s for s in line if s in SOURCE_TITLES["es"].values()) == {SOURCE_TITLES["es"][n] for n in cited}


def test_a_profile_link_names_its_cluster_even_the_first_one(runtime, dash_app):
    """The cluster is what a profile is of, not a preference: its address always carries it (the
    codec leaves out only options at their defaults, and a pinned option has none)."""
    first = CHARTS["cluster_profile"].allowed(runtime.package)["cluster"][0]
    view = chart_view(runtime, dash_app.urls, "cluster_profile", "en", options={"cluster": first})
    assert f"cluster_profile-cluster={first}" in view.urls.page
    assert "metric" not in view.urls.page  # the metric at its default is left out as usual
    assert f"cluster={first}" in view.urls.downloads["csv"]


def test_the_profile_page_opens_from_its_permalink_and_from_an_old_link(runtime, dash_app):
    """A profile's permalink (new key, with its metric) and an address written before the profile
    was a view (`?cluster=C5`) both open the profile; the map follows the permalink's metric."""
    from pazos_dash.pages import PAGES, render

    page = next(p for p in PAGES if p.page_id == "clusters")
    for query, metric in (({"cluster_profile-cluster": "C5", "cluster_profile-metric": "rate"}, "rate"), ({"cluster": "C5"}, "homicides")):
        with dash_app.server.test_request_context("/"):
            layout = render(page, "en", runtime, dash_app.urls, query)
        shown = texts(layout)
        assert any(s.startswith(t("profile.heading", "en", name="")) for s in shown), query
        assert t("profile.trend", "en", metric=t("map.metric." + metric, "en")) in shown, query


def test_the_profile_says_which_years_are_hidden_and_why():
    """A gap in the profile's line is never unexplained: the sentence names the hidden years and k."""
    import pandas as pd

    from pazos_dash.charts.narrative import profile_takeaway

    frame = pd.DataFrame({"year": [2019, 2020, 2021, 2022], "name": "C9", "metric": "homicides",
                          "value": pd.array([4, None, None, 7], dtype="Float64"), "suppressed": [False, True, True, False],
                          "status": "reported", "source": "x"})
    frame.attrs.update(k=5, units={"value": "homicides"})  # as the query states them
    said = profile_takeaway(frame, "en")
    assert "4 in 2019 and 7 in 2022" in said and "2020 and 2021" in said and "fewer than 5" in said
    assert "2020" not in profile_takeaway(frame[~frame["suppressed"]], "en")
    none = profile_takeaway(frame.assign(suppressed=True, value=pd.NA), "es")
    assert none.startswith("C9") and "2019, 2020, 2021 y 2022" in none

