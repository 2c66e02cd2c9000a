"""Takeaways: the one computed sentence under each chart's title, from the rows it plots."""

from __future__ import annotations

import re

import pandas as pd

from ..data.queries.other_counts import PRIMARY_DEFINITION, PRIMARY_PUBLISHER
from ..domain import LOCKDOWN_YEAR, PRE_PAZOS, SMALL_COUNT
from ..i18n import cluster_name, decimals_for, fmt_number, fmt_signed, t


_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[^\sa-z])")


def invented(sentence: str, lang: str, key: str = "demo.inline") -> str:
    """The sentence saying, in itself, that its figures are invented (demonstration data): a
    sentence read aloud or quoted alone must not pass an invented number off as real."""
    text = sentence.rstrip()
    end = text[-1] if text and text[-1] in ".!?" else "."
    body = text[:-1] if text and text[-1] in ".!?" else text
    return f"{body} ({t(key, lang)}){end}"


def invented_throughout(text: str, lang: str) -> str:
    """Every sentence of `text` that states a number, marked as invented (a chart of demonstration data only)."""
    marker = t("demo.inline", lang)
    return " ".join(invented(s, lang) if any(c.isdigit() for c in s) and marker not in s else s for s in _SENTENCE.split(text.strip()))


def _is_demo(value) -> bool:
    return str(value) == "demo"


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
    text = t(
        "chart.cluster_residents.takeaway", lang,
        clusters=len(frame), total=fmt_number(frame["residents"].sum(), lang),
        largest=cluster_name(largest["name"], lang), largest_residents=fmt_number(largest["residents"], lang),
    )
    # the total is the founding document's; the split across clusters is invented where the rows say demo
    return invented(text, lang, "demo.inline_split") if "status" in frame and frame["status"].map(_is_demo).any() else text


def profile_takeaway(frame: pd.DataFrame, lang: str) -> str:
    """A cluster's trend from its first to its last published year; the years hidden because they
    rest on fewer than k cases are named (a gap in the line is never left unexplained)."""
    code = str(frame["metric"].iloc[0])
    metric, name = t(f"map.metric.{code}", lang), cluster_name(str(frame["name"].iloc[0]), lang)
    hidden = frame["suppressed"].astype(bool)
    shown = frame[~hidden].dropna(subset=["value"])
    decimals = decimals_for("value", 1, frame.attrs.get("units", {}).get("value"))  # numbers written one way
    if shown.empty:
        text = t("chart.cluster_profile.takeaway_none", lang, name=name, metric=metric)
    elif len(shown) == 1:
        row = shown.iloc[0]
        text = t("chart.cluster_profile.takeaway_one", lang, name=name, metric=metric, year=int(row["year"]),
                 value=fmt_number(row["value"], lang, decimals))
    else:
        first, last = shown.iloc[0], shown.iloc[-1]
        text = t("chart.cluster_profile.takeaway", lang, name=name, metric=metric,
                 first_year=int(first["year"]), first=fmt_number(first["value"], lang, decimals),
                 last_year=int(last["year"]), last=fmt_number(last["value"], lang, decimals))
    if hidden.any():
        years = [str(int(y)) for y in frame.loc[hidden, "year"]]
        listed = years[0] if len(years) == 1 else t("list.and", lang, items=", ".join(years[:-1]), last=years[-1])
        text += " " + t("chart.cluster_profile.hidden", lang, n=len(years), years=listed, k=frame.attrs.get("k", "k"))
    if "status" in frame and frame["status"].map(_is_demo).any():
        text = invented(text, lang)
    return text


def comparison_title(frame: pd.DataFrame, lang: str) -> str:
    """The comparison's title names the places shown ('Palmira frente a Cali y Colombia'), or
    Palmira alone: never a place the reader unchecked (the card, the saved image, the citation and
    the downloads take it from here)."""
    from ..data.queries.evaluation import PALMIRA_CODE

    places = dict(zip(frame["code"].astype(str), frame["place"].astype(str)))
    others = [name for code, name in places.items() if code != PALMIRA_CODE]
    if not others:
        return t("chart.homicide_rate_comparison.title_alone", lang)
    listed = others[0] if len(others) == 1 else t("list.and", lang, items=", ".join(others[:-1]), last=others[-1])
    return t("chart.homicide_rate_comparison.title_with", lang, areas=listed)


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
             youth=fmt_number(latest["youth_rate_per_100k"], lang, 1), city=fmt_number(latest["city_rate_per_100k"], lang, 1),
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
          months=its["months"], start=dates.iloc[0][:4], end=dates.iloc[-1][:4]) + \
        (" " + t("chart.homicides_monthly_its.published", lang) + " " + its_sensitivity(frame.attrs["sensitivity"], lang)
         if "sensitivity" in frame.attrs and len(frame.attrs["sensitivity"]) else "")


def latest_published_total(frame: pd.DataFrame, value: str, lang: str, key: str) -> str:
    year = int(frame["year"].max())
    rows = frame[frame["year"] == year]
    hidden = int(rows["suppressed"].sum())
    text = t(key, lang, year=year, area=cluster_name(frame.attrs.get("area_name"), lang) or t("control.all", lang), total=fmt_number(rows[value].sum(), lang))
    return text + (" " + t("chart.totals_note", lang, n=hidden, k=frame.attrs.get("k")) if hidden else "")


def youth_served_takeaway(frame: pd.DataFrame, lang: str) -> str:
    known = frame.dropna(subset=["people_unique"])
    latest = known.iloc[-1]
    reported = frame.dropna(subset=["reported_people_min"])
    values = dict(year=int(latest["year"]), people=fmt_number(latest["people_unique"], lang),
                  enrolments=fmt_number(latest["enrolments"], lang), ratio=fmt_number(latest["enrolments_per_person"], lang, 2))
    mine = t("chart.youth_served.takeaway_unreported", lang, **values)
    if "status" in frame and _is_demo(latest["status"]):
        mine = invented(mine, lang)
    if reported.empty:  # the years chosen leave out the year of the public figure
        return mine
    return f"{mine} " + t("chart.youth_served.takeaway_public", lang, reported=fmt_number(reported.iloc[-1]["reported_people_min"], lang),
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
    units = frame.attrs.get("units", {})
    decimals = decimals_for("value", 1 if change or code != "homicides" else 0, units.get("value"))
    if shown.empty:
        text = ""
    elif reliable.empty:
        text = t("chart.cluster_map.takeaway_unreliable", lang, metric=metric, period=frame["period"].iloc[0], n=SMALL_COUNT)
    elif change:
        pick = reliable.loc[reliable["value"].astype(float).idxmin()]
        text = t("chart.cluster_map.takeaway_change", lang, metric=metric, period=frame["period"].iloc[0],
                 name=cluster_name(pick["name"], lang), before=fmt_number(pick["before"], lang, decimals_for("before", 1, units.get("before"))),
                 after=fmt_number(pick["after"], lang, decimals_for("after", 1, units.get("after"))))
    else:
        pick = reliable.loc[reliable["value"].astype(float).idxmax()]
        text = t("chart.cluster_map.takeaway", lang, metric=metric, period=frame["period"].iloc[0],
                 name=cluster_name(pick["name"], lang), value=fmt_number(pick["value"], lang, decimals))
    if text and "status" in frame and shown["status"].map(_is_demo).any():
        text = invented(text, lang)
    hidden = int(frame["suppressed"].sum())
    if hidden:
        text += " " + t("chart.cluster_map.suppressed_note", lang, n=hidden, k=frame.attrs.get("k"))
    if frame.attrs.get("change_unavailable"):  # "before and after" asked, one year shown: said first
        years = frame.attrs.get("years") or [frame["period"].iloc[0]]
        text = t("chart.cluster_map.fallback", lang, metric=metric[:1].lower() + metric[1:], start=min(int(y) for y in years),
                 before=f"{PRE_PAZOS[0]}–{PRE_PAZOS[1]}", year=frame["period"].iloc[0]) + " " + text
    return text.strip()


def scoreboard_takeaway(frame: pd.DataFrame, lang: str) -> str:
    counts = frame["progress_status"].value_counts()
    text = t("chart.indicator_scoreboard.takeaway", lang, n=len(frame), met=int(counts.get("met", 0)),
             missed=int(counts.get("missed", 0)), on_track=int(counts.get("on_track", 0)),
             at_risk=int(counts.get("at_risk", 0)), off_track=int(counts.get("off_track", 0)), no_data=int(counts.get("no_data", 0)))
    demo_targets = "target_status" in frame and frame["target_status"].map(_is_demo).any()
    return invented(text, lang, "demo.inline_targets") if demo_targets else text


def detail_takeaway(frame: pd.DataFrame, lang: str) -> str:
    definition = frame.attrs.get("definition", {})
    known = frame[frame["kind"] == "value"].dropna(subset=["value"])
    text = str(definition.get(f"definition_{lang}") or "")
    if len(known):
        latest = known.iloc[-1]
        decimals = decimals_for("value", 2, frame.attrs.get("units", {}).get("value"))  # people whole, rates one decimal
        text += " " + t("chart.indicator_detail.latest", lang, year=int(latest["year"]), value=fmt_number(latest["value"], lang, decimals))
    return text.strip()


def reach_takeaway(frame: pd.DataFrame, lang: str) -> str:
    latest = frame.dropna(subset=["direct"]).iloc[-1]
    direct = t("chart.reach.takeaway_direct", lang, year=int(latest["year"]), direct=fmt_number(latest["direct"], lang))
    if _is_demo(latest.get("direct_status")):
        direct = invented(direct, lang)
    if pd.isna(latest.get("indirect")):  # before the 7-cluster design (2023) no residents were reached through it
        return direct
    return f"{direct} " + t("chart.reach.takeaway_indirect", lang, indirect=fmt_number(latest["indirect"], lang))


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


# --------------------------------------------------------------------------- did PAZOS work?

# The rule that chooses what the headline says about the counterfactual, from the published numbers.
SIGNIFICANCE = 0.10  # a permutation p-value at or below this: Palmira's gap is unusual among the placebos
POOR_FIT = 0.25  # a pre-period RMSPE above this share of Palmira's mean pre-period rate: the synthetic did not track it


def _number(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def counterfactual_branch(gap: object, p_value: object, pre_rmspe: object = None, pre_mean_rate: object = None) -> str:
    """Which sentence the counterfactual gets: 'none' (not estimated), 'poor_fit' (synthetic
    Palmira did not follow the real one before PAZOS: nothing to judge), 'no_different' (the gap
    is within the placebos' range: p > SIGNIFICANCE), else 'lower' or 'higher' (the gap's sign)."""
    gap, p, rmspe, mean = _number(gap), _number(p_value), _number(pre_rmspe), _number(pre_mean_rate)
    if gap is None or p is None:
        return "none"
    if rmspe is not None and mean and rmspe / mean > POOR_FIT:
        return "poor_fit"
    if p > SIGNIFICANCE:
        return "no_different"
    return "lower" if gap < 0 else "higher"


def counterfactual_sentence(fact: dict | None, lang: str) -> str:
    """The counterfactual's sentence, chosen by counterfactual_branch from the published row."""
    fact = fact or {}
    branch = counterfactual_branch(fact.get("value"), fact.get("p_value"), fact.get("pre_rmspe"), fact.get("pre_mean_rate"))
    if branch == "none":
        return t("headline.counterfactual.none", lang)
    values = dict(start=int(fact["start"]), end=int(fact["end"]), gap=fmt_number(abs(float(fact["value"])), lang, 1),
                  p=fmt_number(float(fact["p_value"]), lang, 2), rank=fmt_number(fact.get("rank"), lang) if _number(fact.get("rank")) else "—",
                  n=fmt_number(fact.get("n_units"), lang) if _number(fact.get("n_units")) else "—",
                  direction=t("headline.counterfactual.below" if float(fact["value"]) < 0 else "headline.counterfactual.above", lang))
    if branch == "poor_fit":
        values.update(rmspe=fmt_number(float(fact["pre_rmspe"]), lang, 1), mean=fmt_number(float(fact["pre_mean_rate"]), lang, 1))
    return t(f"headline.counterfactual.{branch}", lang, **values)


def _facts(frame: pd.DataFrame) -> dict[tuple[str, str], dict]:
    return {(str(r["fact"]), str(r["phase"]) if r["fact"] != "homicides" else str(int(r["start"]))): r.to_dict()
            for _, r in frame.iterrows()}


def headline_takeaway(frame: pd.DataFrame, lang: str) -> str:
    """The first screen's answer: homicides a year during PAZOS against the three years before
    (counts: no census base), the rate against the years before on the same census base, and
    what the counterfactual says."""
    facts = _facts(frame)
    parts = []
    count_before, count_during = facts[("homicides_per_year", "before")], facts[("homicides_per_year", "during")]
    rate_before, rate_during = facts[("rate_per_100k", "before")], facts[("rate_per_100k", "during")]

    def change(before: dict, during: dict, decimals: int, unit: str) -> str:
        pct = (float(during["value"]) - float(before["value"])) / float(before["value"]) * 100
        return change_text(pct, lang, base_events=float(before["events"]), decimals=1,
                           before=t(unit, lang, n=fmt_number(before["value"], lang, decimals)),
                           after=t(unit, lang, n=fmt_number(during["value"], lang, decimals)))

    parts.append(t("headline.lead", lang, during_start=int(count_during["start"]), during_end=int(count_during["end"]),
                   during_count=fmt_number(count_during["value"], lang, 1), before_count=fmt_number(count_before["value"], lang, 1),
                   before_start=int(count_before["start"]), before_end=int(count_before["end"]),
                   change_count=change(count_before, count_during, 1, "headline.per_year"),
                   during_rate=fmt_number(rate_during["value"], lang, 1), before_rate=fmt_number(rate_before["value"], lang, 1),
                   base_start=int(rate_before["start"]), base_end=int(rate_before["end"]),
                   change_rate=change(rate_before, rate_during, 1, "headline.per_100k")))
    parts.append(counterfactual_sentence(facts.get(("synthetic_control_gap", "during")), lang))
    return " ".join(parts)


def headline_caveats(frame: pd.DataFrame, lang: str) -> list[str]:
    """What to keep in mind, each from a row: counts already falling before PAZOS, the lockdown
    year, the time-series model's level change and its interval."""
    facts = _facts(frame)
    trend = sorted((k[1], v) for k, v in facts.items() if k[0] == "homicides")
    caveats = []
    if len(trend) >= 2:
        (first_year, first), (last_year, last) = trend[0], trend[-1]
        caveats.append(t("headline.trend_falling" if float(last["value"]) < float(first["value"]) else "headline.trend_not_falling", lang,
                         start_year=first_year, start_count=fmt_number(first["value"], lang), end_year=last_year,
                         end_count=fmt_number(last["value"], lang)))
    caveats.append(t("headline.lockdown", lang, year=LOCKDOWN_YEAR))
    its = facts.get(("its_level_change", "during"))
    if its and _number(its.get("low")) is not None and _number(its.get("high")) is not None:
        significant = float(its["low"]) > 0 or float(its["high"]) < 0
        caveats.append(t("headline.model_significant" if significant else "headline.model_not_significant", lang,
                         **{key: fmt_signed(float(its[key]), lang, 1) for key in ("value", "low", "high")}))
    return caveats


def kpi_rate_number(frame: pd.DataFrame, lang: str) -> tuple[str, str]:
    latest = frame[frame["role"] == "latest"].iloc[-1]
    return t("kpi.rate.label", lang, year=int(latest["year"])), fmt_number(latest["rate_per_100k"], lang, 1)


def kpi_rate_takeaway(frame: pd.DataFrame, lang: str) -> str:
    """The latest rate against the years before PAZOS on its census base; preliminary when its row is."""
    latest = frame[frame["role"] == "latest"].iloc[-1]
    base = frame[frame["role"] == "baseline"]
    pre = float(base["rate_per_100k"].astype(float).mean())
    change = change_text((float(latest["rate_per_100k"]) - pre) / pre * 100, lang, decimals=1,
                         base_events=float(base["homicides"].astype(float).sum()),
                         before=t("headline.per_100k", lang, n=fmt_number(pre, lang, 1)),
                         after=t("headline.per_100k", lang, n=fmt_number(latest["rate_per_100k"], lang, 1)))
    text = t("kpi.rate.detail", lang, change=change,
             start=int(base["year"].min()), end=int(base["year"].max()), pre=fmt_number(pre, lang, 1))
    return text + (" " + t("kpi.rate.preliminary", lang) if latest["status"] == "preliminary" else "")


def kpi_lowest_number(frame: pd.DataFrame, lang: str) -> tuple[str, str]:
    return t("kpi.lowest.label", lang), str(int(frame[frame["lowest"]]["year"].iloc[0]))


def kpi_lowest_takeaway(frame: pd.DataFrame, lang: str) -> str:
    lowest = frame[frame["lowest"]].iloc[0]
    return t("kpi.lowest.detail", lang, rate=fmt_number(lowest["rate_per_100k"], lang, 1), year=int(lowest["year"]),
             n=int((frame["year"] <= lowest["year"]).sum()), start=int(frame["year"].min()))


def kpi_youth_number(frame: pd.DataFrame, lang: str) -> tuple[str, str]:
    latest = frame.iloc[-1]
    return t("kpi.youth.label", lang, year=int(latest["year"])), t("kpi.youth.value", lang, n=fmt_number(latest["people_min"], lang))


def kpi_youth_takeaway(frame: pd.DataFrame, lang: str) -> str:
    return t("kpi.youth.detail", lang)


def kpi_partners_number(frame: pd.DataFrame, lang: str) -> tuple[str, str]:
    return t("kpi.partners.label", lang), fmt_number(int(frame["partners"].sum()), lang)


def kpi_partners_takeaway(frame: pd.DataFrame, lang: str) -> str:
    external = frame.loc[frame["sector"] != "public", "executed_cop"].astype(float).sum()
    return t("kpi.partners.detail", lang, share=fmt_number(100 * external / frame["executed_cop"].astype(float).sum(), lang, 0))


def municipal_comparison_takeaway(frame: pd.DataFrame, lang: str) -> str:
    """Palmira against the broadest place chosen (Colombia, else the last one), or alone."""
    latest_year = int(frame.dropna(subset=["rate_per_100k"])["year"].max())
    latest = frame[frame["year"] == latest_year].drop_duplicates("code").set_index("code")
    palmira = latest.loc[latest.index[latest["place"].eq("Palmira")][0]] if latest["place"].eq("Palmira").any() else None
    others = [code for code in reversed(list(dict.fromkeys(frame["code"]))) if code in latest.index and code != "76520"]
    if palmira is None:
        return t("card.no_rows", lang)
    value = fmt_number(palmira["rate_per_100k"], lang, 1)
    if not others:
        return t("chart.homicide_rate_comparison.takeaway_alone", lang, year=latest_year, palmira=value)
    broad = next((c for c in others if c == "colombia"), others[0])
    other = latest.loc[broad]
    return t("chart.homicide_rate_comparison.takeaway", lang, year=latest_year, palmira=value, area=other["place"],
             other=fmt_number(other["rate_per_100k"], lang, 1),
             ratio=fmt_number(float(palmira["rate_per_100k"]) / float(other["rate_per_100k"]), lang, 1)
             if float(other["rate_per_100k"]) else "—")


def rate_rank_takeaway(frame: pd.DataFrame, lang: str) -> str:
    latest = frame.iloc[-1]
    return t("chart.homicide_rate_rank.takeaway", lang, year=int(latest["year"]), rank=int(latest["rank"]), n=int(latest["n"]),
             threshold=fmt_number(frame.attrs.get("threshold", 100_000), lang), rate=fmt_number(latest["palmira_rate"], lang, 1),
             median=fmt_number(latest["median"], lang, 1))


def synthetic_takeaway(frame: pd.DataFrame, lang: str) -> str:
    post = frame[frame["phase"] == "post"]
    if "in_estimate" in frame.columns:  # the years the estimate averages (a preliminary year after PAZOS is drawn, not counted)
        post = post[post["in_estimate"].fillna(False).astype(bool)]
    pre = frame[frame["phase"] == "pre"]
    return t("chart.synthetic_palmira.takeaway", lang, start=int(post["year"].min()), end=int(post["year"].max()),
             observed=fmt_number(post["observed_rate"].astype(float).mean(), lang, 1),
             synthetic=fmt_number(post["synthetic_rate"].astype(float).mean(), lang, 1),
             pre_start=int(pre["year"].min()), pre_end=int(pre["year"].max()),
             rmspe=fmt_number(float((pre["gap"].astype(float) ** 2).mean()) ** 0.5, lang, 1))


def gaps_takeaway(frame: pd.DataFrame, lang: str) -> str:
    """The permutation test said in words: the same rule as the headline's."""
    test = dict(frame.attrs.get("test") or {})
    if not test:
        return t("headline.counterfactual.none", lang)
    placebos = frame[(frame["role"] == "placebo")]["dane_code"].nunique()
    fact = {"value": test.get("estimate"), "p_value": test.get("p_value"), "rank": test.get("rank"), "n_units": test.get("n_units"),
            "pre_rmspe": test.get("pre_rmspe"), "start": int(test["post_start"]), "end": int(test["post_end"]),
            "pre_mean_rate": None}
    return t("chart.synthetic_gaps.takeaway", lang, placebos=placebos) + " " + counterfactual_sentence(fact, lang)


def weights_takeaway(frame: pd.DataFrame, lang: str) -> str:
    top = frame.iloc[0]
    return t("chart.synthetic_weights.takeaway", lang, n=len(frame), top=top["municipality"], department=top["department"],
             weight=fmt_number(100 * float(top["weight"]), lang, 0))


def robustness_takeaway(frame: pd.DataFrame, lang: str) -> str:
    """What the checks say: the leave-one-out range of the synthetic control's gap, and the ITS
    estimate with its sensitivity (lockdown months kept, a placebo break before PAZOS)."""
    rows = {(str(r["model"]), str(r["variant"])): r for _, r in frame.iterrows()}
    parts = []
    if ("synthetic_control", "loo_min") in rows and ("synthetic_control", "loo_max") in rows:
        parts.append(t("chart.impact_robustness.loo", lang, low=fmt_signed(float(rows[("synthetic_control", "loo_min")]["estimate"]), lang, 1),
                       high=fmt_signed(float(rows[("synthetic_control", "loo_max")]["estimate"]), lang, 1)))
    if ("synthetic_control", "in_time_2016") in rows:
        parts.append(t("chart.impact_robustness.in_time", lang,
                       gap=fmt_signed(float(rows[("synthetic_control", "in_time_2016")]["estimate"]), lang, 1)))
    its = its_sensitivity(frame, lang)
    if its:
        parts.append(its)
    return " ".join(parts) or t("card.no_rows", lang)


def its_sensitivity(frame: pd.DataFrame, lang: str) -> str:
    """The ITS estimate beside its checks, each with its interval, from `impact_estimates`."""
    rows = {str(r["variant"]): r for _, r in frame[frame["model"] == "its"].iterrows()}
    if "main" not in rows:
        return ""

    def said(row) -> dict:
        return {"value": fmt_signed(float(row["estimate"]), lang, 1), "low": fmt_signed(float(row["low"]), lang, 1),
                "high": fmt_signed(float(row["high"]), lang, 1)}

    text = t("chart.impact_robustness.its_main", lang, **said(rows["main"]))
    for variant in ("keep_lockdown_months", "placebo_break_2019"):
        if variant in rows:
            text += " " + t(f"chart.impact_robustness.its_{variant}", lang, **said(rows[variant]))
    return text


DEFINITION_ORDER = ("police_events", "forensic_deaths", "municipal_count", "ranking_compilation", "departmental_count", "unattributed")


def definition_examples(frame: pd.DataFrame) -> list[dict[str, object]]:
    """For each definition the rows show, in a fixed order: the year where its count is furthest
    from the police's (the definitional difference at its widest), or None for the police's own."""
    police = frame[frame["publisher"] == PRIMARY_PUBLISHER].dropna(subset=["homicides"]).set_index("year")["homicides"]
    shown = [d for d in DEFINITION_ORDER if d in set(frame["definition"].astype(str))]
    examples = []
    for definition in shown:
        rows = frame[(frame["definition"] == definition) & (frame["publisher"] != PRIMARY_PUBLISHER)].dropna(subset=["homicides"])
        rows = rows[rows["year"].isin(police.index)]
        if definition == PRIMARY_DEFINITION or rows.empty:
            examples.append({"definition": definition, "example": None})
            continue
        gap = (rows["homicides"].astype(float) - rows["year"].map(police).astype(float)).abs()
        widest = rows.loc[gap.idxmax()]
        examples.append({"definition": definition, "example": {
            "year": int(widest["year"]), "police": int(police[widest["year"]]), "other": int(widest["homicides"]),
            "publisher": str(widest["publisher"])}})
    return examples


def territory_numbers(frame: pd.DataFrame) -> dict[str, int]:
    """The clusters' counts and totals the page texts quote, summed from the rows of the
    `cluster_residents` view (one row per published cluster)."""
    return {
        "clusters": int(len(frame)),
        "urban": int((frame["zone"] == "urban").sum()),
        "rural": int((frame["zone"] == "rural").sum()),
        "neighbourhoods": int(frame["neighbourhoods"].sum()),
        "residents": int(frame["residents"].sum()),
    }
