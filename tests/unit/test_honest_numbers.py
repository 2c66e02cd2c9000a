"""The answer on the first screen and small numbers, honestly: the headline recomputed from the
package, rates from fewer than 20 events flagged everywhere they go (frame, table, every
download), no percentage change on a base under 20, the census break on every rate chart
(slides included), a reach chart drawn to scale, and a monthly trend that never reads "0,00"."""

from __future__ import annotations

import base64
import dataclasses
import io
import json
import re
import shutil
from itertools import product

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from pazos_dash.charts import CHARTS, ChartState
from pazos_dash.data import load_package
from pazos_dash.data.source import PackageSource
from pazos_dash.i18n import LANGUAGES, fmt_number, t
from pazos_dash.pages.base import Links, table_for
from pazos_dash.views import chart_view
from pazos_dash.views.exports import as_csv, as_json, as_xlsx, metadata
from pazos_dash.views.text import column_label
from tests.conftest import PUBLISHED, reseal
from tests.selections import selections
from tests.unit.test_chart_views import by_id, texts

SMALL = 20  # the CDC WONDER / NCHS rule, written here on purpose
# A signed percentage: what a percentage *change* looks like ("−21 %", "+100%", "-3.5 %").
PCT_CHANGE = re.compile(r"[−+-]\s?\d[\d.,]*\s?%")


def covering(spec, package, first: int = 40) -> list[dict]:
    """The selections worth walking (tests/selections.py: every plain value, the year ranges and
    place subsets that differ), the first `first` of them and one for every value that appears."""
    every = selections(spec, package)
    chosen = every[:first]
    for option in spec.allowed(package):
        for value in dict.fromkeys(s[option] for s in every):
            chosen.append(next(s for s in every if s[option] == value))
    unique = {tuple(sorted(s.items())): s for s in chosen}
    return list(unique.values())


def text_of(node) -> str:
    return " ".join(texts(node))


# --------------------------------------------------------------------------- the headline


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_headline_compares_like_with_like_and_says_what_the_counterfactual_says(runtime, dash_app, served, lang):
    """Counts a year (no census base) 2017–2019 against 2020–2023, and rates against 2018–2019
    only (the same census base as the PAZOS years): never the −21 % across DANE's 2018 change."""
    from pazos_dash.charts.narrative import counterfactual_branch
    from pazos_dash.pages.overview import headline

    annual = pd.read_csv(PUBLISHED / "homicides_annual.csv").query("geography == 'Palmira'").set_index("year")
    counts = annual.loc[2017:2019, "homicides"].mean(), annual.loc[2020:2023, "homicides"].mean()
    rates = annual.loc[2018:2019, "rate_per_100k"].mean(), annual.loc[2020:2023, "rate_per_100k"].mean()
    count_change, rate_change = (counts[1] - counts[0]) / counts[0] * 100, (rates[1] - rates[0]) / rates[0] * 100
    assert (round(counts[0], 1), round(counts[1], 1), round(count_change, 1), round(rate_change, 1)) == (146.7, 124.0, -15.5, -14.6)
    across_break = annual.loc[2017:2019, "rate_per_100k"].mean()
    with dash_app.server.test_request_context("/"):
        section = headline(runtime, lang, Links(lang, dash_app.urls))
    lead = text_of(by_id(section, "headline-lead"))
    for number in (*counts, *rates):
        assert fmt_number(number, lang, 1) in lead, (number, lead)
    assert f"−{fmt_number(abs(count_change), lang, 1)} %" in lead and f"−{fmt_number(abs(rate_change), lang, 1)} %" in lead
    assert "2018–2019" in lead and "2017–2019" in lead and "2020–2023" in lead
    assert fmt_number(across_break, lang, 1) not in lead and "21 %" not in lead  # nothing across the census break
    # the counterfactual's sentence is the one the rule picks from the published row
    estimates = pd.read_csv(served / "impact_estimates.csv").query("model == 'synthetic_control' and variant == 'main'").iloc[0]
    series = pd.read_csv(served / "synthetic_control_series.csv").query("variant == 'main' and period == 'pre'")
    branch = counterfactual_branch(estimates["estimate"], estimates["p_value"], estimates["pre_rmspe"], series["observed_rate"].mean())
    opening = t(f"headline.counterfactual.{branch}", lang).split("{")[0]
    assert opening and opening in lead, (branch, lead)
    caveats = text_of(by_id(section, "headline-caveats"))
    # already falling: the counts at both ends of the earlier period; 2020, the lockdown; the model's interval
    assert fmt_number(annual.at[2017, "homicides"], lang) in caveats and fmt_number(annual.at[2019, "homicides"], lang) in caveats
    assert "2020" in caveats and "COVID-19" in caveats
    its = pd.read_csv(served / "impact_estimates.csv").query("model == 'its' and variant == 'main'").iloc[0]
    minus = lambda text: text.replace("-", "\u2212")  # noqa: E731 — a true minus, as in the lead's change
    assert minus(fmt_number(its["low"], lang, 1)) in caveats and minus(fmt_number(its["high"], lang, 1)) in caveats
    assert not re.search(r"(?<![\w–])-\d", caveats), caveats  # no hyphen before a number
    link = by_id(section, "headline-model-link")
    assert link.href == dash_app.urls.page("impact", lang)
    # a chart view like every chart: its data and its permalink
    assert by_id(section, "kpi-headline-download").href == dash_app.urls.download("pazos_headline", "csv", {}, lang)
    assert by_id(section, "kpi-headline-permalink").href == dash_app.urls.chart("pazos_headline", lang, {})


# --------------------------------------------------------------------------- small numbers


@pytest.fixture(scope="module")
def small_town(tmp_path_factory, served):
    """The shipped package as if Palmira had far fewer homicides: a tenth before 2015 (counts
    from 14 to 29, some above 20), a thirtieth from 2015 (all under 20); rates recomputed, the
    homicide-rate indicator too."""
    directory = tmp_path_factory.mktemp("small") / "published"
    shutil.copytree(served, directory)
    annual = pd.read_csv(directory / "homicides_annual.csv", dtype=str, keep_default_na=False)
    palmira = annual["geography"] == "Palmira"
    divisor = annual.loc[palmira, "year"].astype(int).map(lambda y: 10 if y < 2015 else 30)
    counts = annual.loc[palmira, "homicides"].astype(int) // divisor
    annual.loc[palmira, "homicides"] = counts.astype(str)
    annual.loc[palmira, "rate_per_100k"] = (counts / annual.loc[palmira, "population"].astype(int) * 1e5).round(2).astype(str)
    annual.to_csv(directory / "homicides_annual.csv", index=False, lineterminator="\n")
    rates = annual[palmira].set_index("year")["rate_per_100k"]
    values = pd.read_csv(directory / "indicator_values.csv", dtype=str, keep_default_na=False)
    mine = values["indicator_id"] == "homicide_rate"
    values.loc[mine, "value"] = values.loc[mine, "year"].map(rates)
    values.to_csv(directory / "indicator_values.csv", index=False, lineterminator="\n")
    # A hypothetical town: its breakdowns no longer add up to the cut annual series, so that rule is
    # lifted for this copy, and the edited files are sealed as a publish would.
    descriptor = json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        for rule in resource.get("rules", []):
            rule.pop("equals", None)
    (directory / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    reseal(directory, "homicides_annual.csv")
    reseal(directory, "indicator_values.csv")
    return directory


@pytest.fixture(scope="module")
def small_runtime(runtime, small_town):
    return dataclasses.replace(runtime, source=PackageSource(small_town, interval=3600))


def _takeaways(package, lang):
    for chart_id, spec in CHARTS.items():
        for options in selections(spec, package):
            state = ChartState.clean(spec, package, options)
            yield chart_id, options, spec.takeaway(spec.query(package, **state.options), lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_takeaway_builds_a_percentage_change_on_a_base_under_20(small_town, small_runtime, dash_app, lang):
    from pazos_dash.pages.overview import headline

    package = load_package(small_town)
    before = pd.read_csv(small_town / "homicides_annual.csv").query("geography == 'Palmira' and 2017 <= year <= 2019")
    assert before["homicides"].sum() < SMALL, "the small town must have a small base"
    for chart_id, options, text in _takeaways(package, lang):
        assert not PCT_CHANGE.search(text), f"{chart_id} {options}: {text}"
    with dash_app.server.test_request_context("/"):
        lead = text_of(by_id(headline(small_runtime, lang, Links(lang, dash_app.urls)), "headline-lead"))
    assert not PCT_CHANGE.search(lead), lead
    per_year = before["homicides"].mean()
    assert t("change.counts", lang, before=t("headline.per_year", lang, n=fmt_number(per_year, lang, 1)), after="").split("{")[0][:8] in lead
    assert fmt_number(per_year, lang, 1) in lead  # "from 4.3 to 3.8 homicides a year", not a percentage


def _expected_flags(view, package_dir) -> pd.Series | None:
    """Which rows of a rate chart rest on fewer than 20 published events, computed here from the
    CSV files (None for a chart without rates)."""
    frame = view.frame
    annual = pd.read_csv(package_dir / "homicides_annual.csv")
    palmira = annual[annual["geography"] == "Palmira"].set_index("year")["homicides"]
    chart = view.chart_id
    if chart in ("homicides_annual", "sdg_16_1_1"):
        return frame["year"].astype(int).map(palmira) < SMALL
    if chart == "homicides_other_counts":
        return frame["homicides"].astype("Float64").lt(SMALL).fillna(False).astype(bool)
    if chart == "homicide_rate_comparison":  # a municipality's count, or the sum of a department's or the country's
        panel = pd.read_csv(package_dir / "municipal_homicides.csv", dtype={"dane_code": str, "department_code": str})
        towns = panel.set_index(["year", "dane_code"])["homicides"]
        departments = panel.groupby(["year", "department_code"])["homicides"].sum()
        country = panel.groupby("year")["homicides"].sum()

        def count(year, code):
            return country[year] if code == "colombia" else departments[(year, code)] if len(code) == 2 else towns[(year, code)]
        return pd.Series([count(int(y), str(c)) < SMALL for y, c in zip(frame["year"], frame["code"])], index=frame.index)
    if chart == "indicator_detail" and view.state.options["indicator"] == "homicide_rate":
        return (frame["kind"] == "value") & (frame["year"].astype(int).map(palmira) < SMALL)
    if chart == "cluster_map" and view.state.options["metric"] == "rate":
        cells = pd.read_csv(package_dir / "homicides_by_cluster.csv").dropna(subset=["cluster_id"])
        if frame.attrs.get("view") == "year":
            year = int(frame["period"].iloc[0])
            counts = cells[cells["year"] == year].set_index("cluster_id")["homicides"]
            return frame["cluster_id"].map(counts).lt(SMALL).fillna(False).astype(bool)
        sums = [cells[cells["year"].between(a, b)].groupby("cluster_id")["homicides"].sum(min_count=1) for a, b in ((2017, 2019), (2020, 2023))]
        return (frame["cluster_id"].map(sums[0]).lt(SMALL).fillna(False) | frame["cluster_id"].map(sums[1]).lt(SMALL).fillna(False)).astype(bool)
    return None


@pytest.mark.parametrize("which", ["small_town", "shipped"])
def test_every_rate_under_20_events_is_flagged_in_the_frame_the_table_and_every_download(request, dash_app, served, which):
    runtime = request.getfixturevalue("small_runtime" if which == "small_town" else "runtime")
    package_dir = request.getfixturevalue("small_town") if which == "small_town" else served
    flagged = 0
    for chart_id in ("homicides_annual", "homicides_other_counts", "homicide_rate_comparison", "sdg_16_1_1", "indicator_detail", "cluster_map"):
        spec = CHARTS[chart_id]
        for options in selections(spec, runtime.package):
            lang = "es"
            view = chart_view(runtime, dash_app.urls, chart_id, lang, options=options)
            expected = _expected_flags(view, package_dir)
            if expected is None:
                continue
            where = f"{which} {chart_id} {options}"
            assert "unreliable_rate" in view.frame.columns, where
            assert view.frame["unreliable_rate"].astype(bool).tolist() == expected.astype(bool).tolist(), where
            rows = [i for i, flag in enumerate(expected) if flag]
            flagged += len(rows)
            if not rows:
                continue
            # the table, in words
            if spec.table is None:
                table = table_for(view)
                column = list(view.frame.columns).index("unreliable_rate")
                body = table.children[2].children
                assert [body[i].children[column].children for i in rows] == [t("value.True", lang)] * len(rows), where
            # CSV, JSON and Excel: the flag column, true on exactly those rows
            csv = pd.read_csv(io.BytesIO(as_csv(view.frame, lang)), encoding="utf-8-sig")  # labels and words in the reader's language
            assert (csv[column_label("unreliable_rate", lang)] == t("value.True", lang)).tolist() == expected.astype(bool).tolist(), where
            document = json.loads(as_json(view.frame, metadata(view, "p", "e")))
            assert [r["unreliable_rate"] for r in document["data"]] == expected.astype(bool).tolist(), where
            book = load_workbook(io.BytesIO(as_xlsx(view.frame, metadata(view, "p", "e"), lang)), read_only=True)
            sheet = list(book.worksheets[0].iter_rows(values_only=True))
            column = list(sheet[1]).index("unreliable_rate")  # row 1: labels in the reader's language; row 2: field names
            assert [r[column] == t("value.True", lang) for r in sheet[2:]] == expected.astype(bool).tolist(), where
    assert flagged > 0, f"{which}: no rate under 20 events was exercised"


def test_unreliable_rates_are_drawn_hollow_or_hatched_with_a_legend_entry(small_runtime, runtime, dash_app):
    for lang in LANGUAGES:
        label = t("legend.unreliable_rate", lang, n=SMALL)
        view = chart_view(small_runtime, dash_app.urls, "homicides_annual", lang, options={"measure": "rate_per_100k"})
        hollow = [tr for tr in view.figure["data"] if (tr.get("meta") or {}).get("unreliable")]
        assert len(hollow) == 1 and hollow[0]["name"] == label and hollow[0]["marker"]["color"] == "white"
        assert len(hollow[0]["x"]) == int(view.frame["unreliable_rate"].sum())
        counts = chart_view(small_runtime, dash_app.urls, "homicides_annual", lang, options={"measure": "homicides"})
        assert not [tr for tr in counts.figure["data"] if (tr.get("meta") or {}).get("unreliable")]  # counts are not rates
        year = next(y for y in sorted(runtime.package.table("homicides_by_cluster")["year"].unique(), reverse=True))
        rates = chart_view(runtime, dash_app.urls, "cluster_map", lang, options={"metric": "rate", "year": str(year)})
        if rates.frame["unreliable_rate"].any():
            hatched = [tr for tr in rates.figure["data"] if (tr.get("fillpattern") or {}).get("shape") == "/"]
            assert hatched and any(tr.get("name") == label and tr.get("showlegend") is not False for tr in rates.figure["data"])


# --------------------------------------------------------------------------- census break, reach, monthly trend


def _is_rate_chart(view) -> bool:
    layout = view.figure["layout"]
    title = ((layout.get("yaxis") or {}).get("title") or {}).get("text")
    return title in {t("field.rate_per_100k", view.lang), t("unit.per_100k", view.lang)}


def _years(view) -> list[int]:
    frame = view.frame
    if "kind" in frame.columns:
        frame = frame[frame["kind"] == "value"]
    return sorted({int(y) for y in frame["year"].dropna()}) if "year" in frame.columns else []


def test_every_rate_chart_keeps_the_census_break_marker_on_the_page_and_the_slide(runtime, dash_app):
    from pazos_dash.pages.present import _slide

    checked = set()
    for chart_id, spec in CHARTS.items():
        for options in covering(spec, runtime.package):
            for lang in LANGUAGES:
                view = chart_view(runtime, dash_app.urls, chart_id, lang, options=options)
                if not _is_rate_chart(view):
                    continue
                years = _years(view)
                straddles = bool(years) and years[0] < 2018 <= years[-1]
                for figure, where in ((view.figure, "card"), (by_id(_slide(view, 0, True), "slide-graph-0").figure, "slide")):
                    shapes = [s for s in figure["layout"].get("shapes", []) or [] if s.get("name") == "census-break"]
                    notes = [a for a in figure["layout"].get("annotations", []) or [] if a.get("text") == t("chart.census_break", lang)]
                    assert bool(shapes) is straddles and bool(notes) is straddles, f"{chart_id} {options} {lang} {where}"
                if straddles:
                    checked.add(chart_id)
    assert {"homicides_annual", "homicides_other_counts", "homicide_rate_comparison", "sdg_16_1_1", "indicator_detail"} <= checked


def _numbers(values) -> list[float]:
    """A trace's coordinates as numbers (Plotly writes numeric arrays as base64 typed arrays)."""
    if isinstance(values, dict) and "bdata" in values:
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).astype(float).tolist()
    return [float(v) for v in values or [] if v is not None]


def test_a_label_on_the_year_axis_never_stretches_it_beyond_the_years_drawn(runtime, dash_app):
    """Plotly widens an autoranged axis until every label placed in data coordinates fits: on a
    phone the census break's label and the PAZOS band's stretched 2003–2024 to 2047 or 2117, the
    lines squeezed into a corner. Charts with such a label hold the axis on their own years."""
    cases = [("homicides_annual", {"measure": "homicides"}), ("homicides_annual", {"measure": "rate_per_100k"}),
             ("homicide_rate_comparison", {}), ("homicides_other_counts", {"measure": "rate_per_100k"}), ("sdg_16_1_1", {}),
             ("homicides_annual", {"measure": "rate_per_100k", "year_from": "2015", "year_to": "2021"})]
    for chart_id, options in cases:
        for lang in LANGUAGES:
            view = chart_view(runtime, dash_app.urls, chart_id, lang, options=options)
            layout = view.figure["layout"]
            labels = [a for a in layout.get("annotations", []) or [] if a.get("xref") == "x"]
            assert labels, f"{chart_id} {options}: no label on the year axis to test"
            xs = [x for trace in view.figure["data"] for x in _numbers(trace.get("x"))]
            assert (layout.get("xaxis") or {}).get("range") == [min(xs) - 0.5, max(xs) + 0.5], f"{chart_id} {options} {lang}"


def test_the_reach_chart_draws_each_bar_proportional_to_its_value(runtime, dash_app):
    for lang in LANGUAGES:
        view = chart_view(runtime, dash_app.urls, "reach", lang, options={})
        layout = view.figure["layout"]
        assert (layout.get("yaxis") or {}).get("type") in (None, "linear"), "a log axis makes bar lengths lie"
        bars = [tr for tr in view.figure["data"] if tr.get("type") == "bar"]
        assert {b["name"] for b in bars} == {t("legend.direct", lang), t("legend.indirect", lang)}
        assert all(b.get("base") is None for b in bars), "every bar starts at zero"
        direct = next(b for b in bars if b["name"] == t("legend.direct", lang))
        assert direct.get("texttemplate"), "short bars carry their value"


def test_the_monthly_takeaway_says_the_trend_per_year_never_zero_per_month(runtime, dash_app):
    for options in selections(CHARTS["homicides_monthly_its"], runtime.package):
        for lang in LANGUAGES:
            view = chart_view(runtime, dash_app.urls, "homicides_monthly_its", lang, options=options)
            text = view.takeaway
            assert "0,00" not in text and "0.00" not in text, text
            assert "por mes (" not in text and "per month (" not in text, text
            slope = view.frame.attrs["its"]["slope"]
            assert fmt_number(12 * slope.value, lang, 2) in text, text
