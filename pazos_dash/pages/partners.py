"""Partner contributions: sectors, components, execution, the flow, and who the partners are."""

from dash import html

from ..charts import resolve
from ..i18n import t
from ..pages.base import Links, Page, card_for, intro
from ..runtime import Runtime

CHARTS = ("resources_by_sector", "resources_by_component", "budget_execution", "resources_flow")


def named_partners(runtime: Runtime, lang: str) -> html.Section:
    """Real organisations and their roles, with no amounts beside them; each row names its sources."""
    named = runtime.package.table("partners_named")
    role = "role_es" if lang == "es" else "role_en"

    def sources(cell: str) -> list:
        found = resolve(runtime.package, str(cell).split(";"), lang, ("partners_named",))
        return [item for i, s in enumerate(found) for item in ([" · "] if i else []) + [
            html.A(s.title, href=s.url, rel="noopener") if s.url.startswith("http") else s.title]]

    rows = [html.Tr([html.Th(r.partner, scope="row"), html.Td(t(f"category.{r.sector}", lang)), html.Td(getattr(r, role)),
                     html.Td(sources(r.source), className="small")]) for r in named.itertuples()]
    headers = [t(f"partners.{h}", lang) for h in ("partner", "sector", "role", "source")]
    return html.Section(
        [html.H2(t("partners.named_heading", lang), className="h5"), html.P(t("partners.named_note", lang), className="small"),
         html.Div(html.Table([html.Thead(html.Tr([html.Th(h, scope="col") for h in headers])), html.Tbody(rows)],
                             className="table table-sm named-partners", id="named-partners"),
                  className="table-responsive", tabIndex="0", role="region", **{"aria-label": t("partners.named_heading", lang)})],
        className="card card-body mb-4",
    )


def body(runtime: Runtime, lang: str, links: Links, query: dict) -> list:
    cards = [card_for(runtime, chart_id, lang, links, query) for chart_id in CHARTS]
    return [intro("partners", lang), *cards, named_partners(runtime, lang)]


PAGE = Page("partners", CHARTS, body)
