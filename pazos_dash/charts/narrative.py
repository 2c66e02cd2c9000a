"""Takeaways: the one computed sentence under each chart's title, from the rows it plots."""

from __future__ import annotations

import pandas as pd

from ..i18n import fmt_number, t


def homicides_takeaway(frame: pd.DataFrame, lang: str) -> str:
    known = frame.dropna(subset=["homicides"])
    latest = known.iloc[-1]
    peak = known.loc[known["homicides"].astype(float).idxmax()]
    return t(
        "chart.homicides_annual.takeaway", lang,
        latest_year=int(latest["year"]), latest_count=fmt_number(latest["homicides"], lang),
        latest_rate=fmt_number(latest["rate_per_100k"], lang, 1),
        peak_count=fmt_number(peak["homicides"], lang), peak_year=int(peak["year"]),
    )


def clusters_takeaway(frame: pd.DataFrame, lang: str) -> str:
    largest = frame.loc[frame["residents"].astype(float).idxmax()]
    return t(
        "chart.cluster_residents.takeaway", lang,
        clusters=len(frame), total=fmt_number(frame["residents"].sum(), lang),
        largest=largest["name"], largest_residents=fmt_number(largest["residents"], lang),
    )


def comparison_takeaway(frame: pd.DataFrame, lang: str) -> str:
    """Palmira against the broadest area compared (Colombia, else the next one chosen), or alone."""
    latest_year = int(frame.dropna(subset=["rate_per_100k"])["year"].max())
    latest = frame[frame["year"] == latest_year].set_index("geography")["rate_per_100k"].astype(float).dropna()
    others = [area for area in reversed(list(dict.fromkeys(frame["geography"]))) if area != "Palmira" and area in latest]
    palmira = fmt_number(latest["Palmira"], lang, 1)
    if not others:
        return t("chart.homicide_rate_comparison.takeaway_alone", lang, year=latest_year, palmira=palmira)
    other = others[0]
    return t("chart.homicide_rate_comparison.takeaway", lang, year=latest_year, palmira=palmira, area=other,
             other=fmt_number(latest[other], lang, 1), ratio=fmt_number(latest["Palmira"] / latest[other], lang, 1))


def youth_rate_takeaway(frame: pd.DataFrame, lang: str) -> str:
    latest = frame.dropna(subset=["youth_rate_per_100k", "city_rate_per_100k"]).iloc[-1]
    return t("chart.youth_homicide_rate.takeaway", lang, year=int(latest["year"]),
             youth=fmt_number(latest["youth_rate_per_100k"], lang, 0), city=fmt_number(latest["city_rate_per_100k"], lang, 1),
             ratio=fmt_number(latest["youth_rate_per_100k"] / latest["city_rate_per_100k"], lang, 1))


def breakdown_takeaway(frame: pd.DataFrame, lang: str) -> str:
    hidden = int(frame["suppressed"].sum())
    years = frame["year"].dropna()
    text = t("chart.homicides_breakdown.takeaway", lang, start=int(years.min()), end=int(years.max()))
    return text + (" " + t("chart.suppressed_note", lang, n=hidden, k=frame.attrs.get("k")) if hidden else "")


def clusters_vs_rest_takeaway(frame: pd.DataFrame, lang: str) -> str:
    known = frame.dropna(subset=["share_clusters_pct"])
    latest = known.iloc[-1]
    return t("chart.homicides_clusters_vs_rest.takeaway", lang, year=int(latest["year"]),
             share=fmt_number(latest["share_clusters_pct"], lang, 0))


def its_takeaway(frame: pd.DataFrame, lang: str) -> str:
    its = frame.attrs["its"]
    level = its["level"]
    verdict = "significant" if level.significant else "not_significant"
    return t(f"chart.homicides_monthly_its.takeaway_{verdict}", lang, break_year=its["break_year"],
             level=fmt_number(level.value, lang, 1), low=fmt_number(level.low, lang, 1), high=fmt_number(level.high, lang, 1),
             slope=fmt_number(its["slope"].value, lang, 2), months=its["months"])


def latest_published_total(frame: pd.DataFrame, value: str, lang: str, key: str) -> str:
    year = int(frame["year"].max())
    rows = frame[frame["year"] == year]
    hidden = int(rows["suppressed"].sum())
    text = t(key, lang, year=year, area=frame.attrs.get("area_name") or t("control.all", lang), total=fmt_number(rows[value].sum(), lang))
    return text + (" " + t("chart.totals_note", lang, n=hidden, k=frame.attrs.get("k")) if hidden else "")


def youth_served_takeaway(frame: pd.DataFrame, lang: str) -> str:
    known = frame.dropna(subset=["people_unique"])
    latest = known.iloc[-1]
    reported = frame.dropna(subset=["reported_people_min"])
    values = dict(year=int(latest["year"]), people=fmt_number(latest["people_unique"], lang),
                  enrolments=fmt_number(latest["enrolments"], lang), ratio=fmt_number(latest["enrolments_per_person"], lang, 2))
    if reported.empty:  # the years chosen leave out the year of the public figure
        return t("chart.youth_served.takeaway_unreported", lang, **values)
    return t("chart.youth_served.takeaway", lang, **values, reported=fmt_number(reported.iloc[-1]["reported_people_min"], lang),
             reported_year=int(reported.iloc[-1]["year"]))


def sector_takeaway(frame: pd.DataFrame, lang: str) -> str:
    total = frame["executed_cop"].sum()
    external = frame.loc[frame["sector"] != "public", "executed_cop"].sum()
    return t("chart.resources_by_sector.takeaway", lang, start=int(frame["year"].min()), end=int(frame["year"].max()),
             total=fmt_number(total / 1e6, lang), share=fmt_number(100 * external / total, lang, 0))


def component_takeaway(frame: pd.DataFrame, lang: str) -> str:
    totals = frame.groupby("component")["executed_cop"].sum()
    top = totals.idxmax()
    return t("chart.resources_by_component.takeaway", lang, component=t(f"category.{top}", lang),
             amount=fmt_number(totals[top] / 1e6, lang))


def execution_takeaway(frame: pd.DataFrame, lang: str) -> str:
    latest = frame.iloc[-1]
    return t("chart.budget_execution.takeaway", lang, year=int(latest["year"]), rate=fmt_number(latest["execution_rate_pct"], lang, 1),
             leverage=fmt_number(latest["leverage"], lang, 2))


def flow_takeaway(frame: pd.DataFrame, lang: str) -> str:
    by_sector = frame.groupby("sector")["executed_cop"].sum()
    top = by_sector.idxmax()
    return t("chart.resources_flow.takeaway", lang, sector=t(f"category.{top}", lang),
             share=fmt_number(100 * by_sector[top] / by_sector.sum(), lang, 0))


def sdg_takeaway(frame: pd.DataFrame, lang: str) -> str:
    targets = frame["target"].dropna().astype(str)
    return t("chart.sdg_matrix.takeaway", lang, goals=frame["goal"].nunique(), targets=targets[targets != ""].nunique())


def sdg_16_takeaway(frame: pd.DataFrame, lang: str) -> str:
    latest = frame.dropna(subset=["value"]).iloc[-1]
    return t("chart.sdg_16_1_1.takeaway", lang, value=fmt_number(latest["value"], lang, 1), year=int(latest["year"]))


def map_takeaway(frame: pd.DataFrame, lang: str) -> str:
    metric = t(f"map.metric.{frame['metric'].iloc[0]}", lang)
    shown = frame[~frame["suppressed"]].dropna(subset=["value"])
    change = frame.attrs.get("view") == "change"
    if shown.empty:
        text = ""
    else:
        pick = shown.loc[shown["value"].astype(float).idxmin() if change else shown["value"].astype(float).idxmax()]
        key = "chart.cluster_map.takeaway_change" if change else "chart.cluster_map.takeaway"
        text = t(key, lang, metric=metric, period=frame["period"].iloc[0], name=pick["name"],
                 value=fmt_number(pick["value"], lang, 1 if change or frame["metric"].iloc[0] != "homicides" else 0))
    hidden = int(frame["suppressed"].sum())
    if hidden:
        text += " " + t("chart.cluster_map.suppressed_note", lang, n=hidden, k=frame.attrs.get("k"))
    return text.strip()


def scoreboard_takeaway(frame: pd.DataFrame, lang: str) -> str:
    counts = frame["progress_status"].value_counts()
    return t("chart.indicator_scoreboard.takeaway", lang, n=len(frame), on_track=int(counts.get("on_track", 0)),
             at_risk=int(counts.get("at_risk", 0)), off_track=int(counts.get("off_track", 0)), no_data=int(counts.get("no_data", 0)))


def detail_takeaway(frame: pd.DataFrame, lang: str) -> str:
    definition = frame.attrs.get("definition", {})
    known = frame[frame["kind"] == "value"].dropna(subset=["value"])
    text = str(definition.get(f"definition_{lang}") or "")
    if len(known):
        latest = known.iloc[-1]
        text += " " + t("chart.indicator_detail.latest", lang, year=int(latest["year"]), value=fmt_number(latest["value"], lang, 2))
    return text.strip()


def reach_takeaway(frame: pd.DataFrame, lang: str) -> str:
    latest = frame.dropna(subset=["direct"]).iloc[-1]
    return t("chart.reach.takeaway", lang, year=int(latest["year"]), direct=fmt_number(latest["direct"], lang),
             indirect=fmt_number(latest["indirect"], lang))
