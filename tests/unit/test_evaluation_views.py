"""Did PAZOS work? The headline's sentence on the counterfactual chosen by a rule (each branch),
the comparison with any place (departments summed from their municipalities, old links
migrated), Palmira's rank among municipalities of its size, the evaluation's charts and the
overview's numbers as chart views (published rows, sources, status, downloads)."""

from __future__ import annotations

import pandas as pd
import pytest

from pazos_dash.charts import CHARTS, ChartState
from pazos_dash.charts.narrative import POOR_FIT, SIGNIFICANCE, counterfactual_branch, counterfactual_sentence, headline_takeaway
from pazos_dash.i18n import LANGUAGES, fmt_number, t
from pazos_dash.views import chart_view

# --------------------------------------------------------------------------- the rule


# (gap, p, pre-period RMSPE, mean pre-period rate) -> the branch a reader must get
CASES = [
    ((None, None, None, None), "none"),
    ((-9.5, None, 3.0, 60.0), "none"),  # a gap without its test says nothing
    ((-9.5, 0.05, 20.0, 60.0), "poor_fit"),  # 20/60 > 25 %: synthetic Palmira did not track the real one
    ((-9.5, 0.40, 20.0, 60.0), "poor_fit"),  # a poor fit is said whatever the test says: nothing to judge
    ((-9.5, 0.40, 3.0, 60.0), "no_different"),
    ((4.0, 0.40, 3.0, 60.0), "no_different"),
    ((-9.5, 0.04, 3.0, 60.0), "lower"),
    ((9.5, 0.04, 3.0, 60.0), "higher"),
    ((-9.5, SIGNIFICANCE, 3.0, 60.0), "lower"),  # at the threshold: unusual
    ((-9.5, 0.04, POOR_FIT * 60.0, 60.0), "lower"),  # a fit exactly at the limit still judges
    ((-9.5, 0.04, 3.0, None), "lower"),  # no mean rate given: the fit is not judged
]


@pytest.mark.parametrize(("numbers", "branch"), CASES)
def test_the_counterfactual_branch_is_chosen_by_the_rule(numbers, branch):
    assert counterfactual_branch(*numbers) == branch


def _fact(gap, p, rmspe, mean) -> dict:
    return {"value": gap, "p_value": p, "pre_rmspe": rmspe, "pre_mean_rate": mean, "rank": 3, "n_units": 40, "start": 2020, "end": 2023}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("numbers", "branch"), CASES)
def test_each_branch_says_its_own_sentence_in_both_languages(numbers, branch, lang):
    said = counterfactual_sentence(_fact(*numbers), lang)
    opening = t(f"headline.counterfactual.{branch}", lang).split("{")[0]
    assert said.startswith(opening), (branch, said)
    others = {t(f"headline.counterfactual.{b}", lang).split("{")[0] for b in ("none", "poor_fit", "no_different", "lower", "higher")}
    # the branches' sentences differ where they say their verdict
    verdicts = {b: t(f"headline.counterfactual.{b}", lang) for b in ("poor_fit", "no_different", "lower", "higher")}
    assert len(set(verdicts.values())) == 4 and len(others) >= 3
    if branch in ("no_different", "lower", "higher"):
        assert fmt_number(abs(numbers[0]), lang, 1) in said and fmt_number(numbers[1], lang, 2) in said
        assert "40" in said and "3" in said
    if branch == "no_different":
        assert t("headline.counterfactual.below" if numbers[0] < 0 else "headline.counterfactual.above", lang) in said
    if branch == "poor_fit":
        assert fmt_number(numbers[2], lang, 1) in said and fmt_number(numbers[3], lang, 1) in said
    if branch != "none":  # the whole sentence, its values written out here
        gap, p, rmspe, mean = numbers
        direction = t("headline.counterfactual.below" if gap < 0 else "headline.counterfactual.above", lang)
        values = dict(start=2020, end=2023, gap=fmt_number(abs(gap), lang, 1), p=fmt_number(p, lang, 2), rank="3", n="40",
                      direction=direction, rmspe=fmt_number(rmspe, lang, 1), mean=fmt_number(mean or 0, lang, 1))
        assert said == t(f"headline.counterfactual.{branch}", lang, **values)


def _headline_frame(gap, p) -> pd.DataFrame:
    rows = [
        {"fact": "homicides_per_year", "phase": "before", "start": 2017, "end": 2019, "value": 146.67, "events": 440},
        {"fact": "homicides_per_year", "phase": "during", "start": 2020, "end": 2023, "value": 124.0, "events": 496},
        {"fact": "rate_per_100k", "phase": "before", "start": 2018, "end": 2019, "value": 40.635, "events": 285},
        {"fact": "rate_per_100k", "phase": "during", "start": 2020, "end": 2023, "value": 34.6925, "events": 496},
        {"fact": "synthetic_control_gap", "phase": "during", "start": 2020, "end": 2023, "value": gap, "p_value": p, "rank": 9,
         "n_units": 30, "pre_rmspe": 4.0, "pre_mean_rate": 60.0},
    ]
    return pd.DataFrame(rows).assign(status="reported", source="policia-dijin")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_headline_s_sentence_follows_the_published_row(lang):
    no_different = headline_takeaway(_headline_frame(-3.2, 0.3), lang)
    lower = headline_takeaway(_headline_frame(-9.5, 0.033), lang)
    assert t("headline.counterfactual.no_different", lang).split("{")[0] in no_different
    assert t("headline.counterfactual.lower", lang).split("{")[0] in lower
    assert "−15,5 %" in lower if lang == "es" else "−15.5 %" in lower
    assert "−14,6 %" in lower if lang == "es" else "−14.6 %" in lower
    without = headline_takeaway(_headline_frame(-9.5, 0.033).iloc[:4], lang)
    assert t("headline.counterfactual.none", lang) in without


# --------------------------------------------------------------------------- any place


def test_the_comparison_offers_every_municipality_every_department_and_colombia(runtime, served):
    panel = pd.read_csv(served / "municipal_homicides.csv", dtype={"dane_code": str, "department_code": str})
    allowed = set(CHARTS["homicide_rate_comparison"].allowed(runtime.package)["compare"])
    assert allowed == (set(panel["dane_code"]) - {"76520"}) | set(panel["department_code"]) | {"colombia"}
    assert CHARTS["homicide_rate_comparison"].defaults(runtime.package)["compare"] == "76001,76,colombia"


def test_old_links_with_names_are_migrated_to_codes(runtime):
    spec = CHARTS["homicide_rate_comparison"]
    state = ChartState.from_query(spec, runtime.package, {"homicide_rate_comparison-compare": "Cali,Valle del Cauca,Colombia"})
    assert state.options["compare"] == "76001,76,colombia"
    typed = ChartState.clean(spec, runtime.package, {"compare": ["76834", "nonsense", "05"]})
    assert typed.chosen("compare") == ["76834", "05"]
    assert ChartState.clean(spec, runtime.package, {"compare": "nonsense"}).options["compare"] == "76001,76,colombia"


def test_a_department_is_the_sum_of_its_municipalities_published_rows(runtime, served):
    panel = pd.read_csv(served / "municipal_homicides.csv", dtype={"dane_code": str, "department_code": str})
    frame = runtime.chart_frame("homicide_rate_comparison", compare="76834,76,colombia")
    assert list(dict.fromkeys(frame["code"])) == ["76520", "76", "colombia", "76834"]  # Palmira, then in the allowed order
    valle = panel[panel["department_code"] == "76"].groupby("year")[["homicides", "population"]].sum()
    shown = frame[frame["code"] == "76"].set_index("year")
    assert shown["homicides"].astype(int).to_dict() == valle["homicides"].to_dict()
    assert (shown["rate_per_100k"] - (valle["homicides"] / valle["population"] * 1e5).round(2)).abs().max() < 1e-9
    tulua = frame[frame["code"] == "76834"]
    assert set(tulua["place"]) == {"Tuluá"} and set(tulua["department"]) == {"Valle del Cauca"}
    assert frame[frame["code"] == "76"]["status"].eq("preliminary").sum() == 1  # 2024 is preliminary in every municipality


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_picker_names_each_municipality_with_its_department(runtime, lang):
    options = CHARTS["homicide_rate_comparison"].searchable["compare"](runtime.package, lang)
    labels = {o["value"]: o["label"] for o in options}
    assert labels["76834"] == "Tuluá (Valle del Cauca)"
    assert labels["76"] == t("control.department_of", lang, name="Valle del Cauca") and labels["colombia"] == "Colombia"
    assert "76520" not in labels  # Palmira is always drawn


def test_palmira_s_rank_among_municipalities_of_its_size(runtime, served):
    panel = pd.read_csv(served / "municipal_homicides.csv", dtype={"dane_code": str})
    frame = runtime.chart_frame("homicide_rate_rank")
    for year in (2019, 2023):
        big = panel[(panel["year"] == year) & (panel["population"] >= 100_000)]
        palmira = float(big.loc[big["dane_code"] == "76520", "rate_per_100k"].iloc[0])
        row = frame[frame["year"] == year].iloc[0]
        assert int(row["n"]) == len(big) and int(row["rank"]) == int((big["rate_per_100k"] > palmira).sum()) + 1
        assert row["median"] == pytest.approx(big["rate_per_100k"].median(), abs=0.01)
        assert row["q1"] <= row["median"] <= row["q3"]
    view = chart_view(runtime, runtime_urls(runtime), "homicide_rate_rank", "en")
    assert "100,000" in view.takeaway
    assert any(s.get("name") == "census-break" for s in view.figure["layout"]["shapes"])


def runtime_urls(runtime):
    from pazos_dash.pages import site_urls

    return site_urls("/", "es")


# --------------------------------------------------------------------------- the evaluation and the numbers, as views


@pytest.mark.parametrize("chart_id", ["synthetic_palmira", "synthetic_gaps", "synthetic_weights", "impact_robustness",
                                      "pazos_headline", "kpi_rate", "kpi_lowest", "kpi_youth", "kpi_partners"])
def test_every_number_is_a_published_row_with_its_sources_a_download_and_a_permalink(runtime, chart_id):
    urls = runtime_urls(runtime)
    view = chart_view(runtime, urls, chart_id, "es")
    assert len(view.frame) and view.frame["status"].notna().all() and view.frame["source"].notna().all()
    assert view.provenance.sources
    assert set(view.urls.downloads) >= {"csv", "xlsx", "json"}
    page = "impact" if chart_id.startswith(("synthetic", "impact")) else "overview"
    assert view.urls.page.startswith(urls.page(page, "es")) and view.urls.page.endswith(f"#card-{chart_id}")
    if chart_id.startswith(("synthetic", "impact")):
        assert set(view.frame["status"]) == {"estimated"} and "pazos-evaluacion" in {s.name for s in view.provenance.sources}


def test_the_gap_chart_draws_every_placebo_in_grey_behind_palmira(runtime, served):
    view = chart_view(runtime, runtime_urls(runtime), "synthetic_gaps", "en")
    placebos = pd.read_csv(served / "synthetic_control_placebos.csv", dtype={"dane_code": str})
    grey = [tr for tr in view.figure["data"] if (tr.get("meta") or {}).get("placebo")]
    assert {tr["meta"]["placebo"] for tr in grey} == set(placebos.loc[placebos["role"] == "placebo", "dane_code"])
    assert all(tr["line"]["color"] == "#adb5bd" for tr in grey)
    assert [tr["name"] for tr in grey if tr.get("showlegend")] == [t("legend.placebos", "en")]
    assert view.figure["data"][-1]["name"] == t("legend.palmira_gap", "en")  # drawn last: on top
    main = pd.read_csv(served / "impact_estimates.csv").query("model == 'synthetic_control' and variant == 'main'").iloc[0]
    assert f"p = {fmt_number(main['p_value'], 'en', 2)}" in view.takeaway


def test_the_weights_table_is_the_main_variant_s_donors_summing_to_one(runtime):
    frame = runtime.chart_frame("synthetic_weights")
    assert list(frame.columns[:4]) == ["dane_code", "municipality", "department", "weight"]
    assert frame["weight"].astype(float).sum() == pytest.approx(1, abs=1e-4)
    assert frame["weight"].astype(float).is_monotonic_decreasing


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_its_card_says_its_published_sensitivity_beside_its_estimate(runtime, served, lang):
    view = chart_view(runtime, runtime_urls(runtime), "homicides_monthly_its", lang)
    rows = pd.read_csv(served / "impact_estimates.csv").query("model == 'its'").set_index("variant")
    for variant in ("keep_lockdown_months", "placebo_break_2019"):
        assert t(f"chart.impact_robustness.its_{variant}", lang).split("{")[0] in view.takeaway
        assert fmt_number(rows.at[variant, "estimate"], lang, 1).replace("-", "\u2212") in view.takeaway
    other_break = chart_view(runtime, runtime_urls(runtime), "homicides_monthly_its", lang, options={"break_year": "2019"})
    assert t("chart.homicides_monthly_its.published", lang) not in other_break.takeaway  # the published checks are of the 2020 break


def test_the_overview_reads_no_note_string_and_resolves_no_source_itself():
    import inspect

    from pazos_dash.pages import overview

    source = inspect.getsource(overview)
    assert "preliminary" not in source and "resolve(" not in source and "queries.homicides" not in source
