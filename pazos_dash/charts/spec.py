"""What a chart is: where its rows come from, how it is drawn and said, and the choices a reader has."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Union

import pandas as pd
import plotly.graph_objects as go

from ..data import DataPackage
from ..figures.theme import WIDE, empty_figure, mark_demonstration
from .provenance import ALL_INVENTED, NO_INVENTED, invented_in
from ..i18n import t

# An option's allowed values, the first being the default: fixed, or read from the package
# (years, clusters, indicators), so a republished package changes them without a restart.
Allowed = Union[tuple[str, ...], Callable[[DataPackage], tuple[str, ...]]]

# A year range is two options, each a year the chart has: the first year by default, and the
# last (its allowed values newest first, so that the default is the last year).
YEAR_FROM, YEAR_TO = "year_from", "year_to"
# A multi-valued option (areas to compare) is written as its chosen values joined by commas, in
# the order they are allowed, or NONE when none is chosen; by default all are.
NONE = "none"


def year_range(years: Callable[[DataPackage], tuple[str, ...]]) -> dict[str, Allowed]:
    """The two options of a year range over the years `years(package)` gives, oldest first."""
    return {YEAR_FROM: years, YEAR_TO: lambda package: tuple(reversed(years(package)))}


@dataclass(frozen=True)
class ChartSpec:
    """One chart. `query` and `figure` receive the cleaned options as keyword arguments (each
    ignores the ones it does not use); every frame `query` returns has `status` and `source`
    per row, which the chart view turns into its provenance."""

    chart_id: str
    resources: tuple[str, ...]
    query: Callable[..., pd.DataFrame]
    figure: Callable[..., go.Figure]
    takeaway: Callable[[pd.DataFrame, str], str]
    decimals: dict[str, int] = field(default_factory=dict)
    options: dict[str, Allowed] = field(default_factory=dict)
    sliders: tuple[str, ...] = ()  # options shown as a slider (with play) instead of radio buttons
    table: str | None = None  # name of a richer table renderer than the default (components resolve it)
    table_open: bool = False  # show the table without a click (when the table is the point)
    settings: tuple[str, ...] = ()  # Settings attributes the figure builder receives as keyword arguments
    multi: tuple[str, ...] = ()  # options that take several of their allowed values at once (areas to compare)
    map_metric: str | None = None  # the cluster map's metric for these rows, when they have places (the map tab)
    processing: tuple[str, ...] = ()  # what the dashboard did to the sources' figures (keys of `processing.*`)
    # A multi-valued option's default when it is not "all of them" (one place among ~1,200).
    multi_default: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Old values an address may still carry, per option, and what each became (old links keep working).
    migrations: dict[str, dict[str, str]] = field(default_factory=dict)
    # Options chosen by typing in a searchable list: name -> (package, lang) -> [{"label", "value"}].
    searchable: dict[str, Callable[[DataPackage, str], list[dict]]] = field(default_factory=dict)
    # A number the overview shows as a card (label, value), from the rows: the headline and the KPIs.
    number: Callable[[pd.DataFrame, str], tuple[str, str]] | None = None
    titled: Callable[[pd.DataFrame, str], str] | None = None  # a title that names what the rows hold (the places compared)
    # Options an address always writes, even at their first value: they say what the view is of (a
    # cluster's profile), not how it is shown, so the first cluster's link is not "no cluster".
    pinned: tuple[str, ...] = ()

    @property
    def ranged(self) -> bool:
        """The reader chooses the years shown (a time chart)."""
        return YEAR_FROM in self.options

    def rows(self, package: DataPackage, **options: str) -> pd.DataFrame:
        """The rows of this selection: the query's, within the year range when the chart has one."""
        frame = self.query(package, **options)
        if self.ranged and "year" in frame.columns:
            years = pd.to_numeric(frame["year"], errors="coerce")
            within = years.between(int(options[YEAR_FROM]), int(options[YEAR_TO])).fillna(False).astype(bool)
            attrs = dict(frame.attrs)
            frame = frame[within].reset_index(drop=True)
            frame.attrs.update(attrs)
        return frame

    def say(self, frame: pd.DataFrame, lang: str) -> str:
        """The takeaway of these rows; a range with no rows says so instead."""
        return self.takeaway(frame, lang) if len(frame) else t("card.no_rows", lang)

    def title(self, lang: str, frame: pd.DataFrame | None = None) -> str:
        """The chart's title; with its rows, the title of what they hold where the chart has one
        (a comparison names only the places still chosen: the card, image, citation and downloads)."""
        if self.titled is not None and frame is not None and len(frame):
            return self.titled(frame, lang)
        return t(f"chart.{self.chart_id}.title", lang)

    def draw(self, frame: pd.DataFrame, *, lang: str, width: str = WIDE, **options: object) -> go.Figure:
        """The figure of these rows for a width class ("wide" or "narrow", figures.theme.WIDTHS).
        Demonstration rows stamp it here, for every chart alike (no builder can forget): across
        the chart when all rows are, in a corner when some are."""
        if not len(frame):
            return empty_figure(lang, width)
        figure = self.figure(frame, lang=lang, width=width, **options)
        share = invented_in(frame)  # the one rule (charts/provenance.py), as the badge, strip and takeaway
        if share != NO_INVENTED:
            mark_demonstration(figure, lang, every_row=share == ALL_INVENTED, width=width)
        return figure

    def defaults(self, package: DataPackage) -> dict[str, str]:
        """The selection a chart opens with: each option's first value; every value of a multi-valued one."""
        return {name: ",".join(self.multi_default.get(name, values)) if name in self.multi else values[0]
                for name, values in self.allowed(package).items()}

    def unpinned_defaults(self, package: DataPackage) -> dict[str, str]:
        """The defaults an address leaves out: every option's but the pinned ones'."""
        return {name: value for name, value in self.defaults(package).items() if name not in self.pinned}

    def allowed(self, package: DataPackage) -> dict[str, tuple[str, ...]]:
        """Each option's allowed values for this package, the default first."""
        return {name: tuple(values(package) if callable(values) else values) for name, values in self.options.items()}
