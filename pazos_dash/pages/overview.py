"""Overview: what PAZOS is, four headline numbers, and the homicide series."""

from dash import html

from ..components.bootstrap import row
from ..charts import resolve
from ..components.kpi_card import kpi_card
from ..data.queries import overview_kpis, territory_facts
from ..i18n import fmt_number, t
from ..pages.base import Links, Page, card_for, intro
from ..runtime import Runtime


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


def body(runtime: Runtime, lang: str, links: Links, query: dict) -> list:
    return [
        intro("overview", lang, **territory_facts(runtime.package)),
        kpi_row(runtime, lang, links),
        card_for(runtime, "homicides_annual", lang, links, query),
    ]


PAGE = Page("overview", ("homicides_annual",), body)
