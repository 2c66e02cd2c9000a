"""What a chart is: where its rows come from, how it is drawn and said, and the choices a reader has."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Union

import pandas as pd
import plotly.graph_objects as go

from ..data import DataPackage
from ..figures.theme import mark_demonstration
from .provenance import cited
from ..i18n import t

# An option's allowed values, the first being the default: fixed, or read from the package
# (years, clusters, indicators), so a republished package changes them without a restart.
Allowed = Union[tuple[str, ...], Callable[[DataPackage], tuple[str, ...]]]


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

    def title(self, lang: str) -> str:
        return t(f"chart.{self.chart_id}.title", lang)

    def draw(self, frame: pd.DataFrame, *, lang: str, **options: object) -> go.Figure:
        """The figure of these rows. Demonstration rows stamp it here, for every chart alike (no
        builder can forget): across the chart when all rows are, in a corner when some are."""
        figure = self.figure(frame, lang=lang, **options)
        demo = frame["status"].astype(str).eq("demo") if "status" in frame.columns else pd.Series([], dtype=bool)
        if demo.any():  # the same rule as Provenance.all_demo: every row invented and no real source cited
            mark_demonstration(figure, lang, every_row=bool(demo.all()) and set(cited(frame)) <= {"demo"})
        return figure

    def allowed(self, package: DataPackage) -> dict[str, tuple[str, ...]]:
        """Each option's allowed values for this package, the default first."""
        return {name: tuple(values(package) if callable(values) else values) for name, values in self.options.items()}
