"""Did PAZOS work? Palmira beside any place, its rank among municipalities of its size, the
synthetic control (Palmira against synthetic Palmira, the gap against the placebos', the donor
weights, the robustness checks), and the overview's numbers drawn as small charts."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..domain import PAZOS_END, PAZOS_START
from ..i18n import fmt_number, t
from .theme import (NARROW, PALETTE, PRIMARY, WIDE, base_figure, mark_census_break, mark_unreliable, period_band, status_words,
                    unreliable_flags, year_axis)

GREY = "#adb5bd"
DASHES = ("dot", "dash", "dashdot", "longdash", "longdashdot")
SYMBOLS = ("square", "diamond", "triangle-up", "x", "star", "cross")


def signed(values, lang: str, decimals: int = 1) -> list[str]:
    """Hover numbers written as everywhere else (a true minus, the reader's decimal mark):
    plotly's hover formats write a hyphen for the minus sign."""
    return [fmt_number(v, lang, decimals) for v in pd.Series(values).astype("Float64").astype(float)]


def place_label(row) -> str:
    """'Tuluá (Valle del Cauca)' for a municipality; a department or Colombia by its name."""
    return f"{row['place']} ({row['department']})" if len(str(row["code"])) == 5 and row["department"] else str(row["place"])


def municipal_comparison_figure(frame: pd.DataFrame, *, lang: str, width: str = WIDE, **_options) -> go.Figure:
    """Rate per 100,000: Palmira emphasised against each place chosen (its department beside a
    municipality's name), the PAZOS years shaded, the census break marked."""
    figure = base_figure(lang, width)
    period_band(figure, frame["year"].dropna(), PAZOS_START, PAZOS_END)
    others = 0
    for code, rows in frame.groupby("code", sort=False):
        emphasis = str(code) == "76520"
        name = place_label(rows.iloc[0])
        index = 0 if emphasis else 1 + others % (len(PALETTE) - 1)
        style = "solid" if emphasis else DASHES[others % len(DASHES)]
        symbol = "circle" if emphasis else SYMBOLS[others % len(SYMBOLS)]
        others += 0 if emphasis else 1
        figure.add_scatter(
            x=rows["year"].astype(float), y=rows["rate_per_100k"].astype(float), name=name, mode="lines+markers",
            line=dict(width=4 if emphasis else 2, color=PALETTE[index], dash=style), marker=dict(size=7 if emphasis else 5, symbol=symbol),
            customdata=status_words(rows["status"].fillna(""), lang), meta={"code": str(code)},
            hovertemplate=f"{name} %{{x}}: <b>%{{y:,.1f}}</b><br>%{{customdata[0]}}<extra></extra>",
        )
    figure.update_layout(yaxis_title=t("field.rate_per_100k", lang), showlegend=True)
    year_axis(figure, frame["year"], width, lang=lang)
    mark_census_break(figure, frame["year"], lang)
    mark_unreliable(figure, frame["year"].astype(float), frame["rate_per_100k"], unreliable_flags(frame), lang)
    return figure


def rate_rank_figure(frame: pd.DataFrame, *, lang: str, width: str = WIDE, **_options) -> go.Figure:
    """The middle half of the rates of municipalities of comparable size each year (a band from
    the first to the third quartile), their median, and Palmira's rate (hover: its rank)."""
    figure = base_figure(lang, width)
    period_band(figure, frame["year"].dropna(), PAZOS_START, PAZOS_END)
    years = frame["year"].astype(float).tolist()
    figure.add_scatter(x=years + years[::-1], y=frame["q3"].astype(float).tolist() + frame["q1"].astype(float).tolist()[::-1],
                       fill="toself", fillcolor="rgba(86, 180, 233, 0.25)", line=dict(width=0), hoverinfo="skip",
                       name=t("legend.interquartile", lang))
    figure.add_scatter(x=years, y=frame["median"].astype(float), mode="lines", name=t("legend.median", lang),
                       line=dict(color="#495057", width=2, dash="dash"), hovertemplate="%{x}: %{y:.1f}<extra></extra>")
    ranks = [t("legend.rank_of", lang, rank=int(r), n=int(n)) for r, n in zip(frame["rank"], frame["n"])]
    figure.add_scatter(x=years, y=frame["palmira_rate"].astype(float), mode="lines+markers", name="Palmira",
                       line=dict(color=PRIMARY, width=4), marker=dict(size=7), customdata=[[r] for r in ranks],
                       hovertemplate="Palmira %{x}: <b>%{y:.1f}</b><br>%{customdata[0]}<extra></extra>")
    figure.update_layout(yaxis_title=t("field.rate_per_100k", lang), showlegend=True)
    year_axis(figure, frame["year"], width, lang=lang)
    mark_census_break(figure, frame["year"], lang)
    return figure


def synthetic_palmira_figure(frame: pd.DataFrame, *, lang: str, width: str = WIDE, **_options) -> go.Figure:
    """Palmira's rate and synthetic Palmira's, the PAZOS years shaded."""
    figure = base_figure(lang, width)
    period_band(figure, frame["year"].dropna(), PAZOS_START, PAZOS_END,
                annotation_text=t("chart.homicides_annual.pazos_period", lang), annotation_position="top left")
    x = frame["year"].astype(float)
    figure.add_scatter(x=x, y=frame["observed_rate"].astype(float), mode="lines+markers", name="Palmira",
                       line=dict(color=PRIMARY, width=4), hovertemplate="Palmira %{x}: <b>%{y:.1f}</b><extra></extra>")
    figure.add_scatter(x=x, y=frame["synthetic_rate"].astype(float), mode="lines", name=t("legend.synthetic", lang),
                       line=dict(color=PALETTE[1], width=3, dash="dash"),
                       hovertemplate=t("legend.synthetic", lang) + " %{x}: <b>%{y:.1f}</b><extra></extra>")
    figure.update_layout(yaxis_title=t("field.rate_per_100k", lang), showlegend=True)
    year_axis(figure, frame["year"], width, lang=lang)
    mark_census_break(figure, frame["year"], lang)
    return figure


def synthetic_gaps_figure(frame: pd.DataFrame, *, lang: str, width: str = WIDE, **_options) -> go.Figure:
    """Palmira's gap (observed − synthetic) in colour over the placebos' gaps in grey (each donor
    treated in turn): a gap unlike the grey ones is what the permutation test counts."""
    figure = base_figure(lang, width)
    period_band(figure, frame["year"].dropna(), PAZOS_START, PAZOS_END)
    first = True
    for code, rows in frame[frame["role"] == "placebo"].groupby("dane_code", sort=False):
        name = str(rows["municipality"].iloc[0])
        figure.add_scatter(x=rows["year"].astype(float), y=rows["gap"].astype(float), mode="lines", name=t("legend.placebos", lang),
                           legendgroup="placebos", showlegend=first, line=dict(color=GREY, width=1),
                           opacity=1 if bool(rows["included"].iloc[0]) else 0.4, meta={"placebo": str(code)},
                           text=signed(rows["gap"], lang), hovertemplate=f"{name} %{{x}}: %{{text}}<extra></extra>")
        first = False
    treated = frame[frame["role"] == "treated"]
    figure.add_scatter(x=treated["year"].astype(float), y=treated["gap"].astype(float), mode="lines+markers", name=t("legend.palmira_gap", lang),
                       line=dict(color=PRIMARY, width=4), text=signed(treated["gap"], lang),
                       hovertemplate="Palmira %{x}: <b>%{text}</b><extra></extra>")
    figure.add_hline(y=0, line=dict(color="#495057", width=1))
    figure.update_layout(yaxis_title=t("axis.gap", lang), showlegend=True, yaxis=dict(rangemode="normal"))
    year_axis(figure, frame["year"], width, lang=lang)
    return figure


def donor_weights_figure(frame: pd.DataFrame, *, lang: str, width: str = WIDE, **_options) -> go.Figure:
    """Each donor's weight in synthetic Palmira, largest at the top."""
    figure = base_figure(lang, width)
    rows = frame.iloc[::-1]
    labels = [f"{m} ({d})" for m, d in zip(rows["municipality"], rows["department"])]
    figure.add_bar(x=(100 * rows["weight"].astype(float)).round(1), y=labels, orientation="h", marker=dict(color=PALETTE[1]),
                   hovertemplate="%{y}: <b>%{x:.1f} %</b><extra></extra>", name=t("field.weight", lang))
    figure.update_layout(xaxis_title=t("axis.weight_pct", lang), height=max(260, 48 * len(rows) + 120), showlegend=False)
    figure.update_yaxes(automargin=True)
    return figure


def impact_robustness_figure(frame: pd.DataFrame, *, lang: str, width: str = WIDE, **_options) -> go.Figure:
    """Each estimate as a dot with its interval where it has one, one panel per model's unit
    (rate gap per 100,000; homicides a month), zero marked."""
    from plotly.subplots import make_subplots

    models = [m for m in ("synthetic_control", "its") if (frame["model"] == m).any()]
    figure = make_subplots(rows=1, cols=max(len(models), 1), horizontal_spacing=0.25,
                           subplot_titles=[t(f"category.model_{m}", lang) for m in models])
    figure.update_layout(base_figure(lang, width).layout)
    for column, model in enumerate(models, start=1):
        rows = frame[frame["model"] == model].iloc[::-1]
        labels = [t(f"category.variant_{v}", lang) for v in rows["variant"]]
        low, high = rows["low"].astype("Float64"), rows["high"].astype("Float64")
        estimate = rows["estimate"].astype(float)
        figure.add_scatter(x=estimate, y=labels, mode="markers", marker=dict(size=11, color=PRIMARY if model == "its" else PALETTE[1]),
                           error_x=dict(type="data", symmetric=False, array=(high - estimate).fillna(0).astype(float).tolist(),
                                        arrayminus=(estimate - low).fillna(0).astype(float).tolist()),
                           showlegend=False, text=signed(estimate, lang, 2), hovertemplate="%{y}: <b>%{text}</b><extra></extra>",
                           row=1, col=column)
        figure.add_vline(x=0, line=dict(color="#495057", width=1), row=1, col=column)
        figure.update_xaxes(title_text=t(f"axis.measure_{rows['measure'].iloc[0]}", lang), row=1, col=column)
    figure.update_layout(height=360)
    if width == NARROW:  # a swipe scrolls the page: no axis of any panel drags
        figure.update_xaxes(fixedrange=True)
        figure.update_yaxes(fixedrange=True)
    return figure


def headline_figure(frame: pd.DataFrame, *, lang: str, width: str = WIDE, **_options) -> go.Figure:
    """Before and during PAZOS: homicides a year, and the rate per 100,000 on one census base."""
    from plotly.subplots import make_subplots

    facts = [f for f in ("homicides_per_year", "rate_per_100k") if (frame["fact"] == f).any()]
    figure = make_subplots(rows=1, cols=len(facts), subplot_titles=[t(f"field.{f}", lang) for f in facts])
    figure.update_layout(base_figure(lang, width).layout)
    for column, fact in enumerate(facts, start=1):
        rows = frame[frame["fact"] == fact]
        labels = [f"{int(s)}–{int(e)}" for s, e in zip(rows["start"], rows["end"])]
        figure.add_bar(x=labels, y=rows["value"].astype(float), marker=dict(color=[GREY, PRIMARY][: len(rows)]), showlegend=False,
                       text=[fmt_number(v, lang, 1) for v in rows["value"]], textposition="outside",
                       hovertemplate="%{x}: <b>%{y:.1f}</b><extra></extra>", row=1, col=column)
        figure.update_xaxes(type="category", row=1, col=column)
    figure.update_layout(height=320)
    if width == NARROW:  # a swipe scrolls the page: no axis of any panel drags
        figure.update_xaxes(fixedrange=True)
        figure.update_yaxes(fixedrange=True)
    return figure


def kpi_figure(x: str, y: str, decimals: int = 1):
    """A small bar chart of a KPI's rows (the number's evidence, for its embed and permalink)."""
    def draw(frame: pd.DataFrame, *, lang: str, width: str = WIDE, **_options) -> go.Figure:
        figure = base_figure(lang, width)
        labels = [str(v) if x != "sector" else t(f"category.{v}", lang) for v in frame[x]]
        figure.add_bar(x=labels, y=frame[y].astype(float), marker=dict(color=PRIMARY), name=t(f"field.{y}", lang),
                       hovertemplate="%{x}: <b>%{y:,." + str(decimals) + "f}</b><extra></extra>")
        figure.update_xaxes(type="category")
        figure.update_layout(yaxis_title=t(f"field.{y}", lang), height=300)
        if y == "rate_per_100k" and x == "year":
            mark_census_break(figure, frame["year"], lang, category_axis=True)
        return figure
    return draw
