"""Figures for a width class (issue 16): the same pure builders, told "wide" or "narrow".

A phone's figure keeps every value and label of the wide one; what changes is the layout: level
ticks every few years, the legend below, no drag-zoom, a list where the SDG matrix cannot fit.
"""

from __future__ import annotations

import pytest

from pazos_dash.charts import CHARTS
from pazos_dash.data import load_package
from pazos_dash.domain import COMPONENTS, SECTORS
from pazos_dash.figures.theme import NARROW, WIDE, clean_width, wrap, year_ticks
from tests.conftest import PUBLISHED

PACKAGE = load_package(PUBLISHED)


def drawn(chart_id: str, width: str, lang: str = "es", **options):
    spec = CHARTS[chart_id]
    state = {**spec.defaults(PACKAGE), **options}
    return spec.draw(spec.rows(PACKAGE, **state), lang=lang, width=width, **state)


def axes(figure) -> dict:
    layout = figure.to_plotly_json()["layout"]
    return {name: value for name, value in layout.items() if name.startswith(("xaxis", "yaxis"))}


def year_axis_of(figure) -> list[float] | None:
    """The years of the traces on the x axis, when it is a year axis."""
    xs = [x for trace in figure.data if getattr(trace, "x", None) is not None and trace.type in ("scatter", "bar")
          and trace.orientation != "h" for x in trace.x if isinstance(x, (int, float)) and x == x]
    return xs if xs and all(float(x).is_integer() and 1900 < x < 2100 for x in xs) else None


@pytest.mark.parametrize("chart_id", sorted(CHARTS))
def test_a_narrow_figure_cannot_be_dragged(chart_id):
    """On a phone a swipe over a chart scrolls the page: no drag mode, every axis fixed."""
    figure = drawn(chart_id, NARROW)
    assert figure.layout.dragmode is False
    for name, axis in axes(figure).items():
        assert axis.get("fixedrange") or figure.layout.template.layout[name[:5]].fixedrange, f"{chart_id} {name}"


@pytest.mark.parametrize("chart_id", sorted(set(CHARTS) - {"cluster_map"}))
def test_a_wide_figure_keeps_drag_zoom(chart_id):
    assert drawn(chart_id, WIDE).layout.dragmode is not False


@pytest.mark.parametrize("width", [WIDE, NARROW])
@pytest.mark.parametrize("chart_id", sorted(CHARTS))
def test_a_year_axis_spans_its_data_and_no_more(chart_id, width):
    """The x range is fixed from the data (half a year each side): a band's label, a note or a
    target beside the line never stretches it over years without data (it reached 2046)."""
    figure = drawn(chart_id, width)
    years = year_axis_of(figure)
    if years is None:
        pytest.skip("no year axis")
    assert list(figure.layout.xaxis.range) == [min(years) - 0.5, max(years) + 0.5]


@pytest.mark.parametrize("chart_id", sorted(CHARTS))
def test_a_narrow_year_axis_has_at_most_six_level_ticks(chart_id):
    figure = drawn(chart_id, NARROW)
    years = year_axis_of(figure)
    if years is None:
        pytest.skip("no year axis")
    ticks = [y for y in range(int(min(years)), int(max(years)) + 1) if y % figure.layout.xaxis.dtick == 0]
    assert 1 <= len(ticks) <= 6 and figure.layout.xaxis.tickangle == 0


def test_ticks_every_five_years_on_a_phone_for_a_long_series():
    assert year_ticks(2003, 2024, NARROW) == 5
    assert year_ticks(2003, 2024, WIDE) == 2
    assert year_ticks(2020, 2023, NARROW) == 1
    overview = drawn("homicides_annual", NARROW)
    assert overview.layout.xaxis.dtick == 5 and list(overview.layout.xaxis.range) == [2002.5, 2024.5]


def test_a_narrow_legend_sits_below_the_chart():
    legend = drawn("homicides_annual", NARROW).layout.legend
    assert (legend.yref, legend.yanchor, legend.y) == ("container", "bottom", 0)
    wide = drawn("homicides_annual", WIDE).layout
    assert wide.legend.y is None and wide.template.layout.legend.y > 1  # the template's: above the plot


def test_width_classes_other_than_narrow_are_wide():
    assert [clean_width(w) for w in ("narrow", "wide", None, "", 360, {"x": 1}, "NARROW")] == [NARROW] + [WIDE] * 6


def test_wrap_keeps_every_word():
    assert wrap("Paz, justicia e instituciones sólidas", 16) == "Paz, justicia e<br>instituciones<br>sólidas"
    assert wrap("Cero", 3) == "Cero"


@pytest.mark.parametrize("lang", ["es", "en"])
def test_sdg_matrix_cells_hold_one_target_per_line_and_goal_names_wrap(lang):
    figure = drawn("sdg_matrix", WIDE, lang)
    cells = [text for trace in figure.data for text in trace.text]
    assert "·" not in cells
    assert all(len(line) <= 5 for cell in cells for line in cell.split("<br>")), cells  # "16.3 16.2" never on one line
    assert "16.2<br>16.3" in cells
    assert figure.layout.xaxis.tickangle == 0 and figure.layout.xaxis.automargin  # labels never clipped
    assert all(len(line) <= 16 for label in figure.layout.xaxis.ticktext for line in label.split("<br>"))


@pytest.mark.parametrize("lang", ["es", "en"])
def test_sdg_matrix_on_a_phone_is_a_list(lang):
    figure = drawn("sdg_matrix", NARROW, lang)
    frame = CHARTS["sdg_matrix"].rows(PACKAGE)
    squares = [(trace.name, y) for trace in figure.data if trace.mode == "markers+text" for y in trace.y]
    assert len(squares) == len(frame.drop_duplicates(["component", "goal"]))  # one line per aligned goal
    assert not figure.layout.xaxis.visible and not figure.layout.yaxis.visible
    lines = [text for trace in figure.data if trace.name == "goals" for text in trace.text]
    assert any("16.2, 16.3" in line.replace("<br>", " ") for line in lines)


def test_sankey_colours_are_the_colours_of_every_other_page():
    """A component (and a sector) has one colour wherever it is drawn: the Sankey's nodes equal
    the youth enrolments' components and the partners' sectors."""
    from pazos_dash.i18n import t

    sankey = drawn("resources_flow", WIDE, "en").data[0]
    node = dict(zip(sankey.node.label, sankey.node.color))
    enrolments = {trace.name: trace.marker.color for trace in drawn("youth_enrolments_by_component", WIDE, "en").data
                  if trace.type == "bar"}
    sectors = {trace.name: trace.marker.color for trace in drawn("resources_by_sector", WIDE, "en").data}
    shown_components = [t(f"category.{c}", "en") for c in COMPONENTS if t(f"category.{c}", "en") in node]
    shown_sectors = [t(f"category.{s}", "en") for s in SECTORS if t(f"category.{s}", "en") in node]
    assert shown_components and shown_sectors
    assert {c: node[c] for c in shown_components} == {c: enrolments[c] for c in shown_components}
    assert {s: node[s] for s in shown_sectors} == {s: sectors[s] for s in shown_sectors}


@pytest.mark.parametrize("width", [WIDE, NARROW])
def test_budget_axes_make_room_for_their_titles(width):
    layout = drawn("budget_execution", width).layout
    assert layout.yaxis.automargin and layout.yaxis2.automargin


def test_cluster_map_on_a_phone_has_short_labels():
    wide, narrow = drawn("cluster_map", WIDE), drawn("cluster_map", NARROW)
    label = lambda figure: next(trace for trace in figure.data if trace.name == "labels").text
    assert all(name.startswith(("Clúster", "Cluster")) for name in label(wide))
    assert all(len(name) <= 3 for name in label(narrow))
    assert narrow.layout.xaxis.automargin is False  # a hidden axis takes no room from the map


@pytest.mark.parametrize("lang", ["es", "en"])
def test_indicator_names_are_wrapped_whole_on_a_phone(lang):
    figure = drawn("indicator_scoreboard", NARROW, lang)
    names = CHARTS["indicator_scoreboard"].rows(PACKAGE)[f"name_{lang}"].astype(str).tolist()
    shown = list(figure.layout.yaxis.categoryarray)
    assert [n.replace("<br>", " ") for n in shown] == names  # every word kept
    assert all(len(line) <= 16 or " " not in line for n in shown for line in n.split("<br>"))


def test_the_runtime_caches_each_width_apart(runtime):
    state = runtime.state("homicides_annual")
    wide, narrow = runtime.figure(state, "es"), runtime.figure(state, "es", width=NARROW)
    assert wide["layout"].get("dragmode") is not False and narrow["layout"]["dragmode"] is False
    assert runtime.figure(state, "es", width="<script>") == wide  # anything else is the wide default


def test_year_slider_marks_never_crowd_each_other():
    """2003 beside 2005 overlapped on a phone: marks every five years, the ends where there is room."""
    from pazos_dash.pages.base import slider_marks

    assert list(slider_marks(list(range(2003, 2025)))) == [2005, 2010, 2015, 2020, 2024]
    assert list(slider_marks([2020, 2021, 2022, 2023])) == [2020, 2023]
