"""Figure builders are pure: the plotted values are the frame's, demonstration values look different."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from pazos_dash.charts import CHARTS
from pazos_dash.data import load_package
from pazos_dash.figures.clusters import cluster_residents_figure
from pazos_dash.figures.homicides import homicides_annual_figure
from tests.conftest import PUBLISHED


def _series(values):
    return [None if v is None or (isinstance(v, float) and math.isnan(v)) else v for v in values]


@pytest.fixture
def mixed_series() -> pd.DataFrame:
    """Three reported years, one demonstration year, and one gap (no figure at all)."""
    return pd.DataFrame(
        {
            "year": pd.array([2018, 2019, 2020, 2021, 2022], dtype="Int64"),
            "homicides": pd.array([156, 129, pd.NA, 155, 111], dtype="Int64"),
            "rate_per_100k": pd.array([44.66, 36.61, pd.NA, 43.4, 31.0], dtype="Float64"),
            "status": pd.array(["reported", "reported", "reported", "demo", "reported"], dtype="string"),
            "source": pd.array(["Policía", "Policía", "Policía", "demo", "Policía"], dtype="string"),
        }
    )


def test_homicide_figure_plots_the_frame_values(mixed_series):
    figure = homicides_annual_figure(mixed_series, lang="es")
    reported = next(trace for trace in figure.data if trace.name == "Cifra reportada")
    assert _series(reported.y) == [156, 129, None, None, 111]  # the missing year and the demo year are gaps


def test_demonstration_values_are_drawn_hollow_and_dashed(mixed_series):
    figure = homicides_annual_figure(mixed_series, lang="en")
    demo = next(trace for trace in figure.data if trace.name.startswith("Demonstration value"))
    assert _series(demo.y) == [None, None, None, 155, None]
    assert demo.line.dash == "dash" and demo.marker.color == "white"
    # Some rows are demonstration: the chart says so in a corner, not across the real figures.
    drawn = CHARTS["homicides_annual"].draw(mixed_series, lang="en")
    assert [a.text for a in drawn.layout.annotations if a.name == "demo-watermark"] == ["Includes demonstration values"]


def test_reported_only_series_has_no_demo_marking():
    frame = load_package(PUBLISHED).table("homicides_annual")
    palmira = frame[frame["geography"] == "Palmira"]
    figure = homicides_annual_figure(palmira, lang="es", measure="rate_per_100k")
    assert [trace.name for trace in figure.data] == ["Cifra reportada", "Cifra preliminar (será revisada)"]
    reported = palmira["rate_per_100k"].astype(float).where(palmira["status"] == "reported")
    assert _series(figure.data[0].y) == _series(reported.tolist())  # the preliminary year is drawn apart, hollow
    assert _series(figure.data[1].y)[-1] == pytest.approx(float(palmira["rate_per_100k"].iloc[-1]))
    assert not any("DEMOSTRACIÓN" in (a.text or "") for a in figure.layout.annotations)


def test_spanish_figures_use_spanish_separators(mixed_series):
    assert homicides_annual_figure(mixed_series, lang="es").layout.separators == ",."
    assert homicides_annual_figure(mixed_series, lang="en").layout.separators == ".,"


def test_cluster_figure_hatches_demonstration_bars():
    clusters = load_package(PUBLISHED).table("clusters")
    figure = cluster_residents_figure(clusters, lang="en")
    bars = figure.data[0]
    assert list(bars.x) == clusters["residents"].astype(float).tolist()
    assert set(bars.marker.pattern.shape) == {"/"}
    # Every bar is an invented split of the founding document's real total: a note, not a stamp across.
    drawn = CHARTS["cluster_residents"].draw(clusters, lang="en")
    assert [a.text for a in drawn.layout.annotations if a.name == "demo-watermark"] == ["Includes demonstration values"]
    package = load_package(PUBLISHED)  # every value invented and no real source cited: stamped across
    enrolments = CHARTS["youth_enrolments_by_component"]
    drawn = enrolments.draw(enrolments.query(package), lang="en")
    assert [a.text for a in drawn.layout.annotations if a.name == "demo-watermark"] == ["DEMONSTRATION DATA"]


@pytest.mark.parametrize("chart_id", sorted(CHARTS))
@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_registered_chart_builds_from_the_shipped_package(chart_id, lang):
    spec = CHARTS[chart_id]
    frame = spec.query(load_package(PUBLISHED))
    assert not frame.empty
    figure = spec.figure(frame, lang=lang)
    assert figure.data
    assert spec.takeaway(frame, lang)


def test_hatched_bars_carry_their_background_colour():
    """A trace-wide pattern without bgcolor renders as an empty outline in plotly.js. Every hatched
    bar of every chart is checked, and there must be some (demonstration bars are hatched), so the
    test cannot pass by finding none."""
    package = load_package(PUBLISHED)
    hatched = []
    for chart_id, spec in sorted(CHARTS.items()):
        for trace in spec.figure(spec.query(package), lang="en").data:
            pattern = getattr(getattr(trace, "marker", None), "pattern", None)
            if trace.type == "bar" and pattern is not None and isinstance(pattern.shape, str) and pattern.shape:
                hatched.append((chart_id, trace.name, pattern.bgcolor))
    assert hatched, "no hatched bar anywhere: the demonstration bars lost their pattern"
    assert [(c, n) for c, n, colour in hatched if not colour] == []


@pytest.mark.parametrize("top", [0.3, 0.76, 1.4, 2.9, 7.5, 40.0])
def test_the_leverage_axis_labels_every_tick_exactly_at_even_spacing(top):
    """One-decimal labels read what the ticks are: a step of 0,1/0,2/0,5/1… (never 0,25 shown as
    0,0 0,2 0,3 0,5), from zero to above the data."""
    import pandas as pd

    from pazos_dash.figures.partners import leverage_ticks

    ticks = leverage_ticks(pd.Series([top / 2, top]))
    step = ticks["dtick"]
    assert ticks["tick0"] == 0 and round(step * 10, 9) == int(round(step * 10, 9))
    assert top <= ticks["range"][1] and ticks["range"][1] / step <= 7


def test_the_preliminary_year_is_joined_to_the_reported_line():
    """The 2024 preliminary point hangs on the line: its dotted segment starts at 2023's reported
    value (no marker there), so the series reads as one line, provisional at its end."""
    frame = load_package(PUBLISHED).table("homicides_annual")
    palmira = frame[frame["geography"] == "Palmira"]
    figure = homicides_annual_figure(palmira, lang="es", measure="rate_per_100k")
    preliminary = figure.data[1]
    drawn = [(x, y) for x, y in zip(preliminary.x, preliminary.y) if y is not None and y == y]
    last_reported = palmira[palmira["status"] == "reported"].iloc[-1]
    assert drawn[0] == (float(last_reported["year"]), pytest.approx(float(last_reported["rate_per_100k"])))
    assert len(drawn) == 2 and preliminary.line.dash == "dot"
    assert list(preliminary.marker.size)[list(preliminary.x).index(drawn[0][0])] == 0
