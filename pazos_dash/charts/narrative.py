"""Takeaways: the one computed sentence under each chart's title, from the rows it plots."""

from __future__ import annotations

import pandas as pd

from ..domain import SMALL_COUNT
from ..i18n import fmt_number, t


def signed_pct(value: float, lang: str, decimals: int = 0) -> str:
    """'−21 %' / '+4 %': a change in per cent with its sign (a real minus sign)."""
    text = fmt_number(abs(value), lang, decimals)
    return ("−" if value < 0 and text.strip("0,.") else "+") + text + " %"


def change_text(pct: float, lang: str, *, base_events: float, before: str, after: str, decimals: int = 0) -> str:
    """A change said honestly: as a percentage only when its base rests on at least SMALL_COUNT
    events; below that, as the values themselves ('de 2 a 4'), never '+100 %'."""
    if base_events < SMALL_COUNT:
        return t("change.counts", lang, before=before, after=after)
    return signed_pct(pct, lang, decimals)


def headline_texts(h: dict, lang: str) -> dict[str, str]:
    """The answer to "what happened during PAZOS?" in words, from `queries.pazos_headline`: the
    heading, the lead (the PAZOS years' average rate against the years before) and the caveats.
    The overview's headline and the presentation's first slide say the same sentences."""
    from ..i18n import fmt_signed

    before, during = h["before"], h["during"]
    change = change_text(h["change_pct"], lang, base_events=before["homicides"],
                         before=t("headline.per_year", lang, n=fmt_number(before["homicides_per_year"], lang, 1)),
                         after=t("headline.per_year", lang, n=fmt_number(during["homicides_per_year"], lang, 1)))
    lead = t("headline.lead", lang, during=fmt_number(during["rate"], lang, 1), during_start=during["start"], during_end=during["end"],
             before=fmt_number(before["rate"], lang, 1), before_start=before["start"], before_end=before["end"], change=change)
    (start_year, start_rate), (end_year, end_rate) = h["trend_start"], h["trend_end"]
    caveats = [t("headline.trend_falling" if end_rate < start_rate else "headline.trend_not_falling", lang,
                 start_year=start_year, start_rate=fmt_number(start_rate, lang, 1), end_year=end_year, end_rate=fmt_number(end_rate, lang, 1),
                 census=t("headline.census", lang, year=h["census_break"]) if h["census_break"] else "")]
    caveats.append(t("headline.lockdown", lang, year=h["lockdown"][0]))
    if "its" in h:
        m = h["its"]
        caveats.append(t("headline.model_significant" if m["significant"] else "headline.model_not_significant", lang,
                         **{key: fmt_signed(m[key], lang, 1) for key in ("level", "low", "high")}))
    return {"heading": t("headline.heading", lang, start=during["start"], end=during["end"]), "lead": lead,
            "caveats": t("headline.caveats", lang, caveats="; ".join(caveats))}


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


def comparison_title(frame: pd.DataFrame, lang: str) -> str:
    """The comparison's title names the places shown: 'Palmira frente a Cali y Colombia', or
    Palmira alone (never a place the reader unchecked)."""
    from ..domain import COMPARISON_AREAS

    shown = [area for area in dict.fromkeys(frame["geography"]) if area != "Palmira"]
    if set(shown) == set(COMPARISON_AREAS) - {"Palmira"}:
        return t("chart.homicide_rate_comparison.title", lang)  # every place: the chart's own title
    others = [t(f"place.{area}", lang) for area in shown]
    if not others:
        return t("chart.homicide_rate_comparison.title_alone", lang)
    listed = others[0] if len(others) == 1 else t("list.and", lang, items=", ".join(others[:-1]), last=others[-1])
    return t("chart.homicide_rate_comparison.title_with", lang, areas=listed).replace(" a el ", " al ")  # "frente al Valle"


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
    """The level change with its interval, then the trend's change per year (a change in the
    monthly slope is a few hundredths of a homicide: per year it reads, with its interval)."""
    its = frame.attrs["its"]
    level, slope = its["level"], its["slope"]
    verdict = "significant" if level.significant else "not_significant"
    trend = "significant" if slope.significant else "not_significant"
    dates = frame["date"].astype(str)
    return t(f"chart.homicides_monthly_its.takeaway_{verdict}", lang, break_year=its["break_year"],
             level=fmt_number(level.value, lang, 1), low=fmt_number(level.low, lang, 1), high=fmt_number(level.high, lang, 1)) + " " + \
        t(f"chart.homicides_monthly_its.trend_{trend}", lang, slope=fmt_number(12 * slope.value, lang, 2),
          low=fmt_number(12 * slope.low, lang, 2), high=fmt_number(12 * slope.high, lang, 2),
          months=its["months"], start=dates.iloc[0][:4], end=dates.iloc[-1][:4])


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
    """The cluster that stands out, never on a rate from fewer than SMALL_COUNT homicides; a
    change is said as 'from X to Y', not as a percentage."""
    code = frame["metric"].iloc[0]
    metric = t(f"map.metric.{code}", lang)
    shown = frame[~frame["suppressed"]].dropna(subset=["value"])
    if "unreliable_rate" in frame.columns:
        reliable = shown[~shown["unreliable_rate"].astype(bool)]
    else:
        reliable = shown
    change = frame.attrs.get("view") == "change"
    decimals = 1 if change or code != "homicides" else 0
    if shown.empty:
        text = ""
    elif reliable.empty:
        text = t("chart.cluster_map.takeaway_unreliable", lang, metric=metric, period=frame["period"].iloc[0], n=SMALL_COUNT)
    elif change:
        pick = reliable.loc[reliable["value"].astype(float).idxmin()]
        text = t("chart.cluster_map.takeaway_change", lang, metric=metric, period=frame["period"].iloc[0], name=pick["name"],
                 before=fmt_number(pick["before"], lang, 1), after=fmt_number(pick["after"], lang, 1))
    else:
        pick = reliable.loc[reliable["value"].astype(float).idxmax()]
        text = t("chart.cluster_map.takeaway", lang, metric=metric, period=frame["period"].iloc[0], name=pick["name"],
                 value=fmt_number(pick["value"], lang, decimals))
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


def other_counts_takeaway(frame: pd.DataFrame, lang: str) -> str:
    """The year with the most published counts, each publisher's figure; and the widest gap
    between the police and another publisher, with what each counts."""
    counts = frame.dropna(subset=["homicides"])
    others = counts[counts["publisher"] != "policia_nacional"]
    police = counts[counts["publisher"] == "policia_nacional"].set_index("year")["homicides"]
    if others.empty:
        return t("chart.homicides_other_counts.takeaway_none", lang)
    per_year = counts.groupby("year").size()
    busiest = int(per_year[per_year == per_year.max()].index.max())
    rows = counts[counts["year"] == busiest]
    figures = "; ".join(f"{t(f'category.{r.publisher}', lang)} {fmt_number(r.homicides, lang)}" for r in rows.itertuples())
    text = t("chart.homicides_other_counts.takeaway", lang, year=busiest, figures=figures)
    gaps = others[others["year"].isin(police.index)].copy()
    if len(gaps):
        gaps["gap"] = (gaps["homicides"].astype(float) - gaps["year"].map(police).astype(float)).abs()
        widest = gaps.loc[gaps["gap"].idxmax()]
        text += " " + t("chart.homicides_other_counts.takeaway_gap", lang, year=int(widest["year"]),
                        police=fmt_number(police[widest["year"]], lang), other=fmt_number(widest["homicides"], lang),
                        publisher=t(f"category.{widest['publisher']}", lang),
                        definition=t(f"other_counts.short.{widest['definition']}", lang))
    return text
