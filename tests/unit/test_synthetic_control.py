"""The counterfactual the publish step computes: the synthetic control's maths on a tiny panel
whose answer is known, and the shipped package's evidence checked against its own rows."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pazos_dash.analysis import synthetic_control as sc
from pazos_dash.data import load_package
from pazos_dash.publish import evidence
from tests.conftest import PUBLISHED

YEARS = list(range(2003, 2013))
PRE, POST = (2003, 2009), (2010, 2012)


@pytest.fixture(scope="module")
def tiny() -> pd.DataFrame:
    """Six donors; the treated unit is 0.3 × A + 0.7 × B before 2010 and 10 lower after."""
    rng = np.random.default_rng(7)
    t = np.arange(len(YEARS), dtype=float)
    donors = {
        "A": 40 + 3 * np.sin(t) + t, "B": 60 - 2 * t + rng.normal(0, 1, len(t)), "C": 20 + rng.normal(0, 3, len(t)),
        "D": 80 + 4 * np.cos(t), "E": 35 + 0.5 * t + rng.normal(0, 2, len(t)), "F": 55 - t + rng.normal(0, 2, len(t)),
    }
    frame = pd.DataFrame(donors, index=YEARS)
    frame["T"] = 0.3 * frame["A"] + 0.7 * frame["B"]
    frame.loc[frame.index >= POST[0], "T"] -= 10
    return frame


@pytest.fixture(scope="module")
def tiny_permutation(tiny):
    return sc.placebo_in_space(tiny, "T", list("ABCDEF"), PRE, POST)


def test_a_known_combination_is_found_and_its_effect_measured(tiny):
    fit = sc.synthetic_control(tiny, "T", list("ABCDEF"), PRE, POST)
    assert fit.weights.to_dict() == pytest.approx({"A": 0.3, "B": 0.7}, abs=0.01)
    assert fit.pre_rmspe < 0.2
    assert fit.mean_post_gap == pytest.approx(-10, abs=0.3)
    assert (fit.weights >= 0).all() and fit.weights.sum() == pytest.approx(1, abs=1e-9)
    # the synthetic series is the published weights times the donors' series, every year
    assert np.allclose(fit.synthetic, tiny[list(fit.weights.index)] @ fit.weights)


def test_the_permutation_p_value_is_the_rank_over_the_units(tiny_permutation):
    table = tiny_permutation.table()
    assert len(table) == 7 and set(table["unit"]) == set("ABCDEFT")  # the treated unit and every donor, once
    p, rank, units = tiny_permutation.p_value()
    treated = table[table["role"] == "treated"].iloc[0]
    assert rank == int(treated["rank"]) == int((table["rmspe_ratio"] >= treated["rmspe_ratio"]).sum())
    assert units == 7 and p == pytest.approx(rank / 7)
    assert rank == 1  # a fall of 10 after a near-perfect fit is the most unusual of the seven


def test_a_pre_fit_filter_leaves_units_out_of_the_count(tiny_permutation):
    table = tiny_permutation.table(max_pre_ratio=1.0)
    _p, _rank, units = tiny_permutation.p_value(max_pre_ratio=1.0)
    assert units == int(table["included"].sum()) < 7 and table.loc[~table["included"], "rank"].isna().all()


def test_weights_below_the_floor_are_dropped_and_the_rest_sum_to_one():
    weights = sc.published_weights(pd.Series({"a": 0.6, "b": 0.3996, "c": 0.0004, "d": -1e-12}))
    assert list(weights.index) == ["a", "b"] and weights.sum() == pytest.approx(1, abs=1e-9)


# --------------------------------------------------------------------------- the shipped package


@pytest.fixture(scope="module")
def shipped():
    return load_package(PUBLISHED)


def test_the_synthetic_series_is_the_weights_times_the_published_donor_rates(shipped):
    rates = shipped.table("municipal_homicides").pivot(index="year", columns="dane_code", values="rate_per_100k").astype(float)
    series, weights = shipped.table("synthetic_control_series"), shipped.table("synthetic_control_weights")
    assert set(series["variant"]) == set(weights["variant"]) and "main" in set(series["variant"])
    for variant, rows in series.groupby("variant"):
        w = weights[weights["variant"] == variant].set_index("dane_code")["weight"].astype(float)
        expected = rates[list(w.index)] @ w
        synthetic = rows.set_index("year")["synthetic_rate"].astype(float)
        assert np.abs(synthetic - expected.loc[synthetic.index]).max() <= 0.0051, variant
        observed = rows.set_index("year")["observed_rate"].astype(float)
        unit = rows["dane_code"].iloc[0]
        assert np.abs(observed - rates.loc[observed.index, unit]).max() <= 0.0051, variant
        assert np.allclose(rows["gap"].astype(float), (rows["observed_rate"] - rows["synthetic_rate"]).astype(float), atol=1e-9)


def test_weights_are_non_negative_and_sum_to_one_in_every_variant(shipped):
    weights = shipped.table("synthetic_control_weights")
    assert (weights["weight"] >= 0).all() and (weights["weight"] > sc.WEIGHT_FLOOR).all()
    sums = weights.groupby("variant")["weight"].sum().astype(float)
    assert np.allclose(sums, 1, atol=5e-5), sums[~np.isclose(sums, 1, atol=5e-5)]
    main = weights[weights["variant"] == "main"]
    assert "76520" not in set(main["dane_code"]) and "Valle del Cauca" not in set(main["department"])


def test_every_donor_is_a_placebo_and_palmira_s_p_value_is_its_rank_over_the_units(shipped):
    placebos = shipped.table("synthetic_control_placebos")
    panel = evidence.panel_of(shipped.table("municipal_homicides"))
    donors = evidence.donor_pool(panel)
    assert set(placebos["dane_code"]) == {*donors, evidence.TREATED}  # none dropped, none added
    assert (placebos["role"] == "treated").sum() == 1
    palmira = placebos[placebos["role"] == "treated"].iloc[0]
    kept = placebos[placebos["included"]]
    rank = int((kept["rmspe_ratio"] >= palmira["rmspe_ratio"]).sum())
    assert int(palmira["rank"]) == rank
    estimates = shipped.table("impact_estimates").set_index(["model", "variant"])
    main = estimates.loc[("synthetic_control", "main")]
    assert int(main["rank"]) == rank and int(main["n_units"]) == len(kept)
    assert float(main["p_value"]) == pytest.approx(rank / len(kept), abs=5e-5)
    assert float(main["estimate"]) == pytest.approx(float(palmira["mean_post_gap"]), abs=0.01)
    series = shipped.table("synthetic_control_series")
    post = series[(series["variant"] == "main") & series["year"].between(2020, 2023)]
    assert float(main["estimate"]) == pytest.approx(post["gap"].astype(float).mean(), abs=0.01)


def test_every_robustness_row_of_the_contract_is_there(shipped):
    estimates = shipped.table("impact_estimates")
    rows = set(zip(estimates["model"], estimates["variant"]))
    for variant in ("main", "in_time_2016", "loo_min", "loo_max", "post_from_2021", "with_valle_donors", "census_base_spliced"):
        assert ("synthetic_control", variant) in rows, variant
    for variant in ("main", "keep_lockdown_months", "placebo_break_2019"):
        assert ("its", variant) in rows, variant
    loo = estimates[estimates["variant"].isin(["loo_min", "loo_max"])].set_index("variant")["estimate"].astype(float)
    assert loo["loo_min"] <= float(estimates.query("model == 'synthetic_control' and variant == 'main'")["estimate"].iloc[0]) <= loo["loo_max"]
    assert set(estimates["status"]) == {"estimated"}
    assert all("pazos-evaluacion" in s.split(";") and "policia-dijin" in s.split(";") for s in estimates["source"])


def test_the_its_rows_equal_what_the_homicides_page_computes(shipped):
    from pazos_dash.data.queries.homicides import homicides_monthly_its

    estimates = shipped.table("impact_estimates").set_index(["model", "variant"])
    for variant, break_year in (("main", "2020"), ("placebo_break_2019", "2019")):
        level = homicides_monthly_its(shipped, break_year=break_year).attrs["its"]["level"]
        row = estimates.loc[("its", variant)]
        assert (float(row["estimate"]), float(row["low"]), float(row["high"])) == pytest.approx(
            (level.value, level.low, level.high), abs=0.005), variant
        assert float(row["p_value"]) == pytest.approx(level.p_value, abs=5e-5)
    kept = estimates.loc[("its", "keep_lockdown_months")]
    assert "2020-03" in kept["detail"] and "2020-04" in kept["detail"]


def test_the_lockdown_months_are_filled_from_the_published_total_only(shipped):
    monthly = shipped.table("homicides_monthly")
    months = evidence.monthly_its_input(monthly)
    filled = evidence.with_suppressed_months_kept(monthly, months)
    hidden = months["count"].isna()
    assert hidden.sum() == 2 and filled["count"].notna().all()
    total_2020 = float(monthly[(monthly["year"] == 2020) & monthly["month"].isna()]["homicides"].iloc[0])
    assert filled.loc[filled["year"] == 2020, "count"].sum() == pytest.approx(total_2020)


def test_the_evidence_is_reused_when_the_panel_is_unchanged_and_never_cached_in_the_package(tmp_path, monkeypatch):
    from pazos_dash.publish.revisions import read_previous

    previous = read_previous(PUBLISHED)
    key = evidence.inputs_sha256((PUBLISHED / "municipal_homicides.csv").read_bytes())
    assert shipped_key() == key  # the shipped evidence was computed from the shipped panel and this method
    files = evidence._from_previous(previous, key)
    assert files is not None and files["synthetic_control_weights"] == (PUBLISHED / "synthetic_control_weights.csv").read_bytes()
    assert evidence._from_previous(previous, evidence.inputs_sha256(b"another panel")) is None
    monkeypatch.setenv(evidence.ENV_CACHE, str(tmp_path / "cache"))
    assert evidence.seed_cache(PUBLISHED) and evidence._from_disk(key) == files
    monkeypatch.delenv(evidence.ENV_CACHE)
    assert PUBLISHED.resolve() not in evidence.cache_dir().resolve().parents


def shipped_key() -> str:
    import json

    descriptor = json.loads((PUBLISHED / "datapackage.json").read_text(encoding="utf-8"))
    keys = {r["evidence"]["inputs_sha256"] for r in descriptor["resources"] if "evidence" in r}
    assert len(keys) == 1
    return keys.pop()
