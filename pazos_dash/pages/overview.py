"""Overview: what happened during PAZOS (the headline, with its caveats), what PAZOS is, four
headline numbers, and the homicide series. The headline and each number are chart views
(charts.registry: `pazos_headline`, `kpi_*`): sources, status, downloads and permalink come
with their rows, as for every chart."""

from dash import html

from ..components.bootstrap import row
from ..components.kpi_card import headline_card, kpi_card
from ..charts.narrative import territory_numbers
from ..domain import DURING_PAZOS
from ..i18n import t
from ..pages.base import Links, Page, card_for, intro, view_for
from ..runtime import Runtime
from ..web.pictures import NARROW_MEDIA

NUMBERS = ("kpi_rate", "kpi_lowest", "kpi_youth", "kpi_partners")


def kpi_row(runtime: Runtime, lang: str, links: Links) -> html.Div:
    rate_page = links.page("homicides", params={"homicides_annual-measure": "rate_per_100k"})
    pages = {"kpi_rate": rate_page, "kpi_lowest": rate_page, "kpi_youth": links.page("youth"), "kpi_partners": links.page("partners")}
    return row([kpi_card(view_for(runtime, links, chart_id, lang), href=pages[chart_id]) for chart_id in NUMBERS], className="kpi-row")


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
    """The answer on the first screen, like with like (counts, and rates on one census base),
    and what the counterfactual says, with a link to the evaluation."""
    view = view_for(runtime, links, "pazos_headline", lang)
    return headline_card(view, heading=t("headline.heading", lang, start=DURING_PAZOS[0], end=DURING_PAZOS[1]),
                         method_href=links.page("impact"), picture=headline_chart(runtime, lang, links))


def body(runtime: Runtime, lang: str, links: Links, query: dict) -> list:
    return [
        headline(runtime, lang, links),
        intro("overview", lang, **territory_numbers(view_for(runtime, links, "cluster_residents", lang).frame)),
        kpi_row(runtime, lang, links),
        card_for(runtime, "homicides_annual", lang, links, query),
    ]


PAGE = Page("overview", ("homicides_annual",), body, numbers=("pazos_headline", *NUMBERS))
