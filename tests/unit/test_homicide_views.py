"""Queries and figure builders of the homicide pages, on the shipped package."""

from __future__ import annotations

import pandas as pd
import pytest

from pazos_dash.charts import CHARTS
from pazos_dash.data import load_package, queries
from pazos_dash.figures.homicides import (homicide_rate_comparison_figure, homicides_breakdown_figure,
                                          homicides_its_figure)
from tests.conftest import PUBLISHED


@pytest.fixture(scope="module")
def package():
    return load_package(PUBLISHED)


def _floats(values):
    return [None if pd.isna(v) else float(v) for v in values]


def test_comparison_plots_every_area_with_palmira_first_and_thickest(package):
    from pazos_dash.data.queries.evaluation import municipal_comparison
    from pazos_dash.figures.evaluation import municipal_comparison_figure

    frame = municipal_comparison(package)
    figure = municipal_comparison_figure(frame, lang="en")
    names = [trace.name for trace in figure.data if not (trace.meta or {}).get("unreliable")]
    assert names == ["Palmira (Valle del Cauca)", "Cali (Valle del Cauca)", "Valle del Cauca", "Colombia"]
    assert figure.data[0].line.width > figure.data[1].line.width
    palmira = pd.read_csv(PUBLISHED / "municipal_homicides.csv", dtype={"dane_code": str}).query("dane_code == '76520'")
    assert _floats(figure.data[0].y) == _floats(palmira.sort_values("year")["rate_per_100k"])


def test_breakdown_shares_are_hidden_with_their_counts(package):
    frame = queries.homicides_breakdown(package, dimension="age_group")
    hidden = frame[frame["suppressed"]]
    assert len(hidden) > 0
    assert hidden["homicides"].isna().all() and hidden["share_pct"].isna().all()
    shown = frame[~frame["suppressed"]]
    table = package.table("homicides_by_age_group")
    totals = table[table["age_group"].isna()].set_index("year")["homicides"]
    expected = (100 * shown["homicides"].astype(float) / shown["year"].map(totals).astype(float)).round(1)
    assert _floats(shown["share_pct"]) == _floats(expected)


@pytest.mark.parametrize("measure, column", [("count", "homicides"), ("share", "share_pct")])
def test_breakdown_figure_stacks_categories_and_names_the_suppressed(package, measure, column):
    frame = queries.homicides_breakdown(package, dimension="weapon")
    figure = homicides_breakdown_figure(frame, lang="en", measure=measure)
    bars = [trace for trace in figure.data if trace.type == "bar"]
    assert [b.name for b in bars] == ["Firearm", "Knife", "Other or not reported"]
    firearm = frame[frame["category"] == "firearm"]
    assert _floats(bars[0].y) == _floats(firearm[column])
    assert any(trace.name.startswith("Suppressed") for trace in figure.data)


def test_clusters_are_derived_from_published_cells_only(package):
    table = package.table("homicides_by_cluster").copy()
    frame = queries.homicides_clusters_vs_rest(package)
    rest = table[table["area"] == "rest"].set_index("year")["homicides"]
    total = table[table["area"].isna()].set_index("year")["homicides"]
    for row in frame.itertuples():
        if pd.isna(rest[row.year]):
            assert pd.isna(row.clusters)
        else:
            assert row.clusters == total[row.year] - rest[row.year]
    figure = CHARTS["homicides_clusters_vs_rest"].draw(frame, lang="es")
    assert [a.text for a in figure.layout.annotations if a.name == "demo-watermark"] == ["Incluye valores de demostración"]


def test_clusters_vs_rest_stays_missing_when_the_rest_is_suppressed():
    package = load_package(PUBLISHED)  # a private copy: this test edits a frame
    table = package.table("homicides_by_cluster")
    year = int(table["year"].iloc[0])
    hide = (table["year"] == year) & (table["area"] == "rest")
    table.loc[hide, "homicides"] = pd.NA
    table.loc[hide, "suppressed"] = True
    frame = queries.homicides_clusters_vs_rest(package)
    first = frame[frame["year"] == year].iloc[0]
    assert pd.isna(first["clusters"]) and pd.isna(first["share_clusters_pct"])


def test_its_view_uses_published_months_of_the_pazos_window(package):
    frame = queries.homicides_monthly_its(package)
    assert frame["date"].iloc[0] == "2003-01" and frame["date"].iloc[-1] == "2023-12"
    its = frame.attrs["its"]
    assert its["months"] == len(frame) - its["suppressed_months"]
    figure = homicides_its_figure(frame, lang="en")
    counterfactual = next(t for t in figure.data if t.name == "Earlier trend projected")
    assert min(counterfactual.x) == "2020-01"


def test_moving_the_break_changes_the_estimate(package):
    a = queries.homicides_monthly_its(package, break_year="2020").attrs["its"]["level"].value
    b = queries.homicides_monthly_its(package, break_year="2019").attrs["its"]["level"].value
    assert a != b


def test_overview_numbers_are_computed_from_the_rows(package):
    """Each KPI card's number and sentence from its view's rows (charts.registry `kpi_*`), checked
    against the published CSV files, not against the code under test."""
    from pazos_dash.charts.narrative import kpi_lowest_number, kpi_lowest_takeaway, kpi_partners_takeaway, kpi_rate_number, kpi_rate_takeaway
    from pazos_dash.data.queries import evaluation

    annual = pd.read_csv(PUBLISHED / "homicides_annual.csv").query("geography == 'Palmira'").sort_values("year")
    latest = annual.iloc[-1]
    rate = evaluation.kpi_rate(package)
    assert kpi_rate_number(rate, "en") == (f"Homicide rate {int(latest['year'])}", f"{latest['rate_per_100k']:.1f}")
    same_base = annual[annual["year"].between(2018, 2019)]["rate_per_100k"].mean()  # the 2018 census base, as the latest year
    change = (latest["rate_per_100k"] - same_base) / same_base * 100
    sentence = kpi_rate_takeaway(rate, "en")
    assert f"{'+' if change >= 0 else '−'}{abs(change):.1f} %" in sentence and "2018–2019" in sentence
    assert ("Preliminary" in sentence) == (latest["status"] == "preliminary")
    lowest = annual.loc[annual["rate_per_100k"].idxmin()]
    frame = evaluation.kpi_lowest(package)
    assert kpi_lowest_number(frame, "en")[1] == str(int(lowest["year"]))
    assert f"the {int(lowest['year']) - int(annual['year'].min()) + 1} years since" in kpi_lowest_takeaway(frame, "en")
    assert int(evaluation.kpi_youth(package)["people_min"].iloc[-1]) == 3000
    partners = pd.read_csv(PUBLISHED / "partners.csv")
    contributions = pd.read_csv(PUBLISHED / "contributions.csv").merge(partners, on="partner_id")
    external = contributions.loc[contributions["sector"] != "public", "executed_cop"].sum() / contributions["executed_cop"].sum()
    assert f"{100 * external:.0f}%" in kpi_partners_takeaway(evaluation.kpi_partners(package), "en")
    assert int(evaluation.kpi_partners(package)["partners"].sum()) == len(partners)


@pytest.mark.parametrize("raw", [{}, {"dimension": "<script>alert(1)</script>"}, {"dimension": None}, {"measure": "rate", "x": "y"}])
def test_hostile_or_unknown_options_fall_back_to_defaults(raw, runtime):
    assert runtime.state("homicides_breakdown", raw).options == {"dimension": "sex", "measure": "count", "year_from": "2011", "year_to": "2024"}


def test_csv_download_follows_the_selection(client, runtime):
    import io

    from pazos_dash.views.text import code_text, column_label

    response = client.get("/download/homicides_breakdown.csv?dimension=weapon&measure=share&lang=en")
    downloaded = pd.read_csv(io.StringIO(response.get_data(as_text=True)))
    expected = runtime.chart_frame("homicides_breakdown", dimension="weapon")
    category = column_label("category", "en")  # the CSV is for people: labels and words in the reader's language
    assert set(downloaded[category]) == {code_text(c, "en") or c for c in ("firearm", "knife", "other")}
    assert len(downloaded) == len(expected)
    hostile = client.get("/download/homicides_breakdown.csv?dimension=../../etc/passwd&lang=en")
    assert hostile.status_code == 200
    assert set(pd.read_csv(io.StringIO(hostile.get_data(as_text=True)))[category]) == {code_text(c, "en") or c for c in ("female", "male")}


def test_youth_homicide_rate_is_the_reported_figure_beside_the_city_rate(package):
    frame = queries.youth_homicide_rate(package)
    reference = pd.read_csv(PUBLISHED.parent / "reference" / "palmira_youth_homicide_rate.csv")
    assert frame["youth_rate_per_100k"].astype(float).tolist() == reference["rate_per_100k"].astype(float).tolist()
    annual = pd.read_csv(PUBLISHED / "homicides_annual.csv").query("geography == 'Palmira'").set_index("year")["rate_per_100k"]
    assert frame["city_rate_per_100k"].astype(float).tolist() == annual.loc[frame["year"].astype(int)].tolist()
    assert set(frame["status"]) == {"reported"}
