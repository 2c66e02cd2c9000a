"""Homicide figures: annual series, comparison, breakdowns, clusters versus the rest, and the ITS view."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..i18n import decimals_for, t
from ..domain import COMPARISON_AREAS, PAZOS_END, PAZOS_START
from .theme import (NARROW, PALETTE, PERIOD_FILL, PRIMARY, STATUS_STYLES, WIDE, base_figure, hatch, mark_census_break,
                    mark_revised, mark_unreliable, period_band, status_words, unreliable_flags, year_axis)


def _joined_to_reported(frame: pd.DataFrame, series: pd.DataFrame, measure: str, style: dict) -> tuple[pd.DataFrame, dict]:
    """The preliminary line starts at the reported value of the year before it (a dotted segment
    joins the two, no marker there): the series reads as one line that is provisional at its end."""
    series = series.copy()
    reported = frame[frame["status"] == "reported"].set_index("year")[measure]
    joined = []
    for i in range(1, len(series)):
        year_before = series["year"].iloc[i - 1]
        if pd.notna(series[measure].iloc[i]) and pd.isna(series[measure].iloc[i - 1]) and pd.notna(reported.get(year_before)):
            series.loc[series.index[i - 1], measure] = reported[year_before]
            series.loc[series.index[i - 1], "status"] = "reported"
            joined.append(i - 1)
    if not joined:
        return series, {}
    size = style.get("marker", {}).get("size", 10)
    sizes = [0 if i in joined else size for i in range(len(series))]
    return series, {"marker": {**style.get("marker", {}), "size": sizes}}


def homicides_annual_figure(frame: pd.DataFrame, *, lang: str, measure: str = "homicides", width: str = WIDE,
                            **_options) -> go.Figure:
    """Annual homicides (or rate) as a line; demonstration values hollow and dashed; PAZOS years shaded.

    `frame` has columns year, homicides, rate_per_100k, status, source. Missing values stay gaps.
    """
    figure = base_figure(lang, width)
    # The band's label reads leftwards from the band's end on a narrow screen (the latest years are
    # at the right edge, and a label running right would leave the plot).
    period_band(figure, frame["year"].dropna(), PAZOS_START, PAZOS_END,
                annotation_text=t("chart.homicides_annual.pazos_period", lang),
                annotation_position="top right" if width == NARROW else "top left")
    for status, style in STATUS_STYLES.items():
        rows = frame[frame["status"] == status]
        if rows.empty:
            continue
        # Reindex on every year so that a year of the other status, or a missing year, is a gap.
        series = frame[["year"]].merge(rows, on="year", how="left")
        extra: dict = {}
        if status == "preliminary":
            series, extra = _joined_to_reported(frame, series, measure, style)
        figure.add_scatter(
            x=series["year"].astype("float"),
            y=series[measure].astype("float"),
            mode="lines+markers",
            name=t(f"legend.{status}", lang),
            customdata=status_words(series["status"].fillna(""), lang),
            hovertemplate="%{x}: <b>%{y:,." + str(decimals_for(measure)) + "f}</b><br>%{customdata[0]}<extra></extra>",
            connectgaps=False,
            **{**style, **extra},
        )
    figure.update_layout(yaxis_title=t(f"field.{measure}", lang), showlegend=True)
    year_axis(figure, frame["year"], width, lang=lang)
    if measure == "rate_per_100k":
        mark_census_break(figure, frame["year"], lang)
        mark_unreliable(figure, frame["year"].astype(float), frame[measure], unreliable_flags(frame), lang)
    mark_revised(figure, frame, "year", measure, lang, decimals=decimals_for(measure))
    return figure


def homicide_rate_comparison_figure(frame: pd.DataFrame, *, lang: str, width: str = WIDE, **_options) -> go.Figure:
    """Rate per 100,000: Palmira emphasised against Cali, Valle del Cauca and Colombia."""
    figure = base_figure(lang, width)
    period_band(figure, frame["year"].dropna(), PAZOS_START, PAZOS_END)
    for area, rows in frame.groupby("geography", sort=False):
        # Each area keeps its colour and line whichever others are compared with it.
        index = COMPARISON_AREAS.index(area) if area in COMPARISON_AREAS else len(COMPARISON_AREAS)
        emphasis = area == "Palmira"
        figure.add_scatter(
            x=rows["year"].astype(float), y=rows["rate_per_100k"].astype(float), name=area, mode="lines+markers",
            line=dict(width=4 if emphasis else 2, color=PALETTE[index], dash="solid" if emphasis else ["dot", "dash", "dashdot"][index % 3]),
            marker=dict(size=7 if emphasis else 5, symbol=["circle", "square", "diamond", "triangle-up"][index % 4]),
            customdata=status_words(rows["status"].fillna(""), lang),
            hovertemplate=f"{area} %{{x}}: <b>%{{y:,.1f}}</b><br>%{{customdata[0]}}<extra></extra>",
        )
    figure.update_layout(yaxis_title=t("field.rate_per_100k", lang))
    year_axis(figure, frame["year"], width, lang=lang)
    mark_census_break(figure, frame["year"], lang)
    mark_unreliable(figure, frame["year"].astype(float), frame["rate_per_100k"], unreliable_flags(frame), lang)
    mark_revised(figure, frame, "year", "rate_per_100k", lang, decimals=decimals_for("rate_per_100k"))
    return figure


def homicides_breakdown_figure(frame: pd.DataFrame, *, lang: str, measure: str = "count", width: str = WIDE,
                               **_options) -> go.Figure:
    """Stacked bars per year by category; suppressed cells are left out and said so in the legend."""
    figure = base_figure(lang, width)
    column = "homicides" if measure == "count" else "share_pct"
    for index, (category, rows) in enumerate(frame.groupby("category", sort=False)):
        label = t(f"category.{category}", lang)
        figure.add_bar(
            x=rows["year"].astype(float), y=rows[column].astype("Float64").astype(float), name=label,
            marker=dict(color=PALETTE[index % len(PALETTE)]),
            hovertemplate=f"{label} %{{x}}: <b>%{{y:,}}</b>{'%' if measure == 'share' else ''}<extra></extra>",
        )
    if frame["suppressed"].any():
        figure.add_scatter(x=[None], y=[None], mode="markers", name=t("legend.suppressed", lang),
                           marker=dict(symbol="square-open", color="#6c757d", size=10), hoverinfo="skip")
    figure.update_layout(barmode="stack", yaxis_title=t("axis.homicides", lang) if measure == "count" else t("axis.share_pct", lang))
    year_axis(figure, frame["year"], width, dtick=1, lang=lang)
    return figure


def homicides_clusters_vs_rest_figure(frame: pd.DataFrame, *, lang: str, width: str = WIDE, **_options) -> go.Figure:
    """Homicides inside the PAZOS clusters and in the rest of the city, stacked per year."""
    figure = base_figure(lang, width)
    for column, colour in (("clusters", PALETTE[1]), ("rest", PALETTE[4])):
        figure.add_bar(
            x=frame["year"].astype(float), y=frame[column].astype("Float64").astype(float),
            name=t(f"legend.{column}", lang), marker=dict(color=colour, pattern=hatch(colour)),
            hovertemplate="%{x}: <b>%{y:,}</b><extra></extra>",
        )
    figure.update_layout(barmode="stack", yaxis_title=t("axis.homicides", lang))
    year_axis(figure, frame["year"], width, lang=lang)
    return figure


def homicides_its_figure(frame: pd.DataFrame, *, lang: str, width: str = WIDE, **_options) -> go.Figure:
    """Observed months, the fitted segmented trend, and the counterfactual with its 95% interval."""
    figure = base_figure(lang, width)
    after = frame[frame["after"]]
    figure.add_scatter(x=list(after["date"]) + list(after["date"])[::-1],
                       y=list(after["counterfactual_high"]) + list(after["counterfactual_low"])[::-1],
                       fill="toself", fillcolor="rgba(230, 159, 0, 0.18)", line=dict(width=0),
                       name=t("legend.counterfactual_band", lang), hoverinfo="skip")
    figure.add_scatter(x=frame["date"], y=frame["observed"], mode="markers", name=t("legend.observed", lang),
                       marker=dict(size=5, color=PRIMARY), hovertemplate="%{x}: <b>%{y}</b><extra></extra>")
    figure.add_scatter(x=frame["date"], y=frame["fitted"], mode="lines", name=t("legend.fitted", lang),
                       line=dict(color="#000000", width=2), hovertemplate="%{x}: %{y:.1f}<extra></extra>")
    figure.add_scatter(x=after["date"], y=after["counterfactual"], mode="lines", name=t("legend.counterfactual", lang),
                       line=dict(color=PALETTE[1], width=2, dash="dash"), hovertemplate="%{x}: %{y:.1f}<extra></extra>")
    break_date = after["date"].iloc[0]
    figure.add_shape(type="line", x0=break_date, x1=break_date, y0=0, y1=1, yref="paper", line=dict(color="#6c757d", dash="dot"))
    figure.update_layout(xaxis_title=t("axis.month", lang), yaxis_title=t("axis.homicides", lang))
    # On a narrow screen (no zoom there) a level tick every five years; a wide one keeps plotly's
    # own ticks, which turn to months when a reader zooms in.
    if width == NARROW:
        figure.update_xaxes(dtick="M60", tickformat="%Y", tickangle=0)
    return figure


def youth_homicide_rate_figure(frame: pd.DataFrame, *, lang: str, width: str = WIDE, **_options) -> go.Figure:
    """Young people's homicide rate (14–29) against the whole city's, for the years reported."""
    figure = base_figure(lang, width)
    years = frame["year"].astype(int).astype(str)
    figure.add_bar(x=years, y=frame["youth_rate_per_100k"].astype(float), name=t("legend.youth_rate", lang),
                   marker=dict(color=PALETTE[5]), customdata=status_words(frame["status"], lang),
                   hovertemplate="%{x}: <b>%{y:.0f}</b><br>%{customdata[0]}<extra></extra>")
    figure.add_bar(x=years, y=frame["city_rate_per_100k"].astype(float), name=t("legend.city_rate", lang),
                   marker=dict(color=PRIMARY), hovertemplate="%{x}: <b>%{y:.1f}</b><extra></extra>")
    figure.update_layout(barmode="group", xaxis_title=t("axis.year", lang), yaxis_title=t("field.rate_per_100k", lang),
                         xaxis=dict(type="category", tickangle=0))
    mark_census_break(figure, frame["year"], lang, category_axis=True)
    return figure


# One symbol per publisher: the police line is the primary series, the others are marks beside it.
_PUBLISHER_STYLE = {
    "secretaria_seguridad_palmira": ("square", PALETTE[1]), "alcaldia_palmira": ("diamond", PALETTE[5]),
    "observatorio_seguridad_palmira": ("triangle-up", PALETTE[2]), "ccspjp": ("x", PALETTE[3]),
    "gobernacion_valle": ("star", PALETTE[4]), "medicina_legal": ("cross", "#000000"), "sin_atribuir": ("circle-open", "#6c757d"),
}


def homicides_other_counts_figure(frame: pd.DataFrame, *, lang: str, measure: str = "homicides", width: str = WIDE,
                                  **_options) -> go.Figure:
    """The police series as a line and, on the same years, one mark per other publisher's figure
    (counts, or rates where only a rate was published); hover names the report."""
    figure = base_figure(lang, width)
    figure.add_vrect(x0=PAZOS_START - 0.5, x1=PAZOS_END + 0.5, fillcolor=PERIOD_FILL, line_width=0, layer="below")
    police = frame[frame["publisher"] == "policia_nacional"]
    label = t("category.policia_nacional", lang)
    figure.add_scatter(x=police["year"].astype(float), y=police[measure].astype("Float64").astype(float), mode="lines+markers",
                       name=t("legend.police_series", lang), line=dict(color=PRIMARY, width=3), marker=dict(size=6, color=PRIMARY),
                       hovertemplate=f"{label} %{{x}}: <b>%{{y:,.{decimals_for(measure)}f}}</b><extra></extra>", connectgaps=False)
    others = frame[(frame["publisher"] != "policia_nacional") & frame[measure].notna()]
    # Figures of one year sit side by side (dodged a fraction of a year) so none hides another.
    publishers = list(dict.fromkeys(others["publisher"].astype(str)))
    step = 0.6 / max(len(publishers), 1)
    for index, (publisher, rows) in enumerate(others.groupby("publisher", sort=False)):
        symbol, colour = _PUBLISHER_STYLE.get(str(publisher), ("circle", "#495057"))
        name = t(f"category.{publisher}", lang)
        dodge = -0.3 + step * (index + 0.5)
        figure.add_scatter(x=(rows["year"].astype(float) + dodge).tolist(), y=rows[measure].astype(float).tolist(), mode="markers", name=name,
                           marker=dict(symbol=symbol, size=12, color=colour, line=dict(width=2, color=colour)),
                           customdata=rows[["year", "published_in"]].astype(object).fillna("").to_numpy(),
                           hovertemplate=f"{name} %{{customdata[0]}}: <b>%{{y:,.{decimals_for(measure)}f}}</b><br>%{{customdata[1]}}<extra></extra>",
                           meta={"publisher": str(publisher), "years": [int(y) for y in rows["year"]]})
    figure.update_layout(yaxis_title=t(f"field.{measure}", lang))
    year_axis(figure, frame["year"], width, lang=lang)
    if measure == "rate_per_100k":
        mark_census_break(figure, frame["year"], lang)
        mark_unreliable(figure, frame["year"].astype(float), frame[measure], unreliable_flags(frame), lang)
    mark_revised(figure, frame[frame["publisher"] == "policia_nacional"], "year", measure, lang,
                 decimals=decimals_for(measure))
    return figure
