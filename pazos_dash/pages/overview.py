"""Overview: what happened during PAZOS (the headline, with its caveats), what PAZOS is, four
headline numbers, and the homicide series."""

from dash import dcc, html

from ..components.bootstrap import row
from ..charts import resolve
from ..charts.narrative import change_text
from ..components.kpi_card import kpi_card
from ..data.queries import overview_kpis, pazos_headline, territory_facts
from ..i18n import fmt_number, fmt_signed, t
from ..pages.base import Links, Page, card_for, intro, view_for
from ..runtime import Runtime
from ..web.pictures import NARROW_MEDIA


def kpi_row(runtime: Runtime, lang: str, links: Links) -> html.Div:
    k = overview_kpis(runtime.package)
    change = fmt_number(k["change_vs_pre_pct"], lang, 1)
    change = (change if k["change_vs_pre_pct"] < 0 else "+" + change) + " %"
    rate_detail = t("kpi.rate.detail", lang, change=change, start=k["pre_years"][0], end=k["pre_years"][1],
                    pre=fmt_number(k["pre_rate"], lang, 1))
    if k["latest_note"].startswith("preliminary"):
        rate_detail += " " + t("kpi.rate.preliminary", lang)
    def sources(names: str) -> str:  # the titles of the sources of the rows a number comes from
        return "; ".join(s.title for s in resolve(runtime.package, names.split(";"), lang))

    police = sources(k["rate_sources"])
    return row(
        [
            kpi_card(kpi_id="rate", label=t("kpi.rate.label", lang, year=k["latest_year"]),
                     value=fmt_number(k["latest_rate"], lang, 1), detail=rate_detail, source=police,
                     href=links.page("homicides", params={"homicides_annual-measure": "rate_per_100k"}), lang=lang),
            kpi_card(kpi_id="lowest", label=t("kpi.lowest.label", lang), value=str(k["lowest_year"]),
                     detail=t("kpi.lowest.detail", lang, rate=fmt_number(k["lowest_rate"], lang, 1), year=k["lowest_year"],
                              n=k["lowest_years_compared"], start=k["series_start"]),
                     source=police, href=links.page("homicides", params={"homicides_annual-measure": "rate_per_100k"}), lang=lang),
            kpi_card(kpi_id="youth", label=t("kpi.youth.label", lang, year=k["youth_reported_year"]),
                     value=t("kpi.youth.value", lang, n=fmt_number(k["youth_reported_min"], lang)),
                     detail=t("kpi.youth.detail", lang), source=sources(k["youth_sources"]), href=links.page("youth"), lang=lang),
            kpi_card(kpi_id="partners", label=t("kpi.partners.label", lang), value=fmt_number(k["partners"], lang),
                     detail=t("kpi.partners.detail", lang, share=fmt_number(k["external_share_pct"], lang, 0)),
                     source=sources(k["partners_sources"]),
                     href=links.page("partners"), lang=lang, demo=k["partners_demo"]),
        ],
        className="kpi-row",
    )


RATE = {"homicides_annual-measure": "rate_per_100k"}


def headline_chart(runtime: Runtime, lang: str, links: Links) -> html.A | None:
    """The annual homicide rate as the chart's static picture (web/pictures.py), on a phone's
    first screen beside the sentence about rates; it leads to the chart itself. Described by the
    chart's computed takeaway. Nothing when the app started without pictures (the card is below)."""
    view = view_for(runtime, links, "homicides_annual", lang, query=RATE)
    names = runtime.pictures.for_view(view.figure) if runtime.pictures is not None else {}
    if not names:
        return None
    picture = html.Picture([
        html.Source(media=NARROW_MEDIA, srcSet=links.urls.picture(names["narrow"])),
        html.Img(src=links.urls.picture(names["wide"]), alt=view.takeaway, width=1000, height=440, className="headline-chart-img"),
    ])
    return html.A(picture, href=links.urls.page("homicides", lang, RATE, fragment="card-homicides_annual"),
                  className="headline-chart d-block mb-2", id="headline-chart")


def headline(runtime: Runtime, lang: str, links: Links) -> html.Section:
    """The answer on the first screen: the 2020–2023 average rate against 2017–2019, computed
    from the package, with the caveats in one sentence and a link to the impact model."""
    package = runtime.package
    its = runtime.chart_frame("homicides_monthly_its").attrs.get("its")
    h = pazos_headline(package, its)
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
    sources = "; ".join(s.title for s in resolve(package, str(h["sources"]).split(";"), lang))
    return html.Section(
        [
            html.H2(t("headline.heading", lang, start=during["start"], end=during["end"]), className="h5 mb-2", id="headline-heading"),
            headline_chart(runtime, lang, links),
            html.P(lead, className="headline-lead mb-2", id="headline-lead"),
            html.P(t("headline.caveats", lang, caveats="; ".join(caveats)), className="mb-2", id="headline-caveats"),
            html.P([dcc.Link(t("headline.model_link", lang) + " →", href=links.urls.chart("homicides_monthly_its", lang),
                             id="headline-model-link"),
                    html.Span(f" · {t('kpi.source', lang)}: {sources}", className="text-body-secondary")], className="small mb-0"),
        ],
        className="headline card card-body mb-4", id="headline", **{"aria-labelledby": "headline-heading"},
    )


def body(runtime: Runtime, lang: str, links: Links, query: dict) -> list:
    return [
        headline(runtime, lang, links),
        intro("overview", lang, **territory_facts(runtime.package)),
        kpi_row(runtime, lang, links),
        card_for(runtime, "homicides_annual", lang, links, query),
    ]


PAGE = Page("overview", ("homicides_annual",), body)
