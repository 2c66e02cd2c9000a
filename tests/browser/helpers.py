"""What the browser tests do again and again: open a page, read what Plotly drew, fetch a CSV."""

from __future__ import annotations

import io

import pandas as pd
import requests

# Figures travel base64-encoded; _fullData holds the decoded arrays plotly.js drew. Gaps come back as null.
_PLOTTED = (
    "const plain = v => Array.from(v || [], n => (typeof n === 'number' && Number.isNaN(n) ? null : n));"
    "return document.querySelector(arguments[0])._fullData.filter(t => t.visible !== false)"
    ".map(t => ({name: t.name, type: t.type, x: plain(t.x), y: plain(t.y), colour: t.marker && t.marker.color}));"
)


def open_page(dash_duo, dash_app, path: str, heading: str) -> None:
    """Start the app, open `path` and wait until its heading reads `heading`."""
    dash_duo.start_server(dash_app)
    dash_duo.driver.get(dash_duo.server_url.rstrip("/") + path)
    dash_duo.wait_for_text_to_equal("#page-heading", heading, timeout=10)


def drawn(dash_duo, graph: str, timeout: float = 10) -> None:
    """Scroll a graph into view, as a reader does (a chart is drawn only when it nears the
    viewport: assets/first-paint.js), and wait until plotly.js has drawn it."""
    dash_duo._wait_for(lambda d: d.execute_script("const g = document.querySelector(arguments[0]);"
                                                  "if (g) { g.scrollIntoView({block: 'center'}); } return !!g;", graph),
                       timeout=timeout, msg=f"{graph} is not in the page")
    dash_duo.wait_for_element(f"{graph} .main-svg", timeout=timeout)


def plotted(dash_duo, chart_id: str) -> list[dict]:
    """Every trace of a chart as drawn: name, type, x, y, marker colour."""
    drawn(dash_duo, f"#graph-{chart_id}")
    return dash_duo.driver.execute_script(_PLOTTED, f"#graph-{chart_id} .js-plotly-plot")


def csv_of(dash_duo, chart_id: str) -> pd.DataFrame:
    """What the chart card's download link serves right now."""
    href = dash_duo.find_element(f"#download-{chart_id}").get_attribute("href")
    response = requests.get(href, timeout=10)
    response.raise_for_status()
    return in_field_names(pd.read_csv(io.BytesIO(response.content), encoding="utf-8-sig"), _lang_of(href))


def _lang_of(href: str) -> str:
    from urllib.parse import parse_qs, urlparse

    return parse_qs(urlparse(href).query).get("lang", ["es"])[0]


def in_field_names(csv: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A reader's CSV (labels and words in `lang`, views/exports.for_readers) back in field names
    and codes, so a test compares it with the published rows."""
    from pazos_dash.i18n import catalogue, t
    from pazos_dash.views.text import code_text

    strings = catalogue(lang)
    fields = {text: key.split(".", 1)[1] for key, text in strings.items() if key.startswith("field.")}
    codes = {key.split(".", 1)[1] for key in strings if key.startswith(("value.", "category.", "status.", "unit.", "map.metric."))}
    words = {code_text(code, lang): code for code in codes}
    yes, no = t("value.True", lang), t("value.False", lang)
    out = csv.rename(columns=lambda c: fields.get(c, c))
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]):
            values = set(out[column].dropna())
            if values and values <= {yes, no}:
                out[column] = out[column].map({yes: True, no: False})
            elif column not in ("name", "geography", "source", "source_url", "partner", "target", "date", "period"):
                out[column] = out[column].map(lambda v: words.get(v, v) if isinstance(v, str) else v)
    return out


def choose(dash_duo, chart_id: str, option: str, value: str) -> None:
    """Pick a radio option of a chart and wait until its download link follows (an option at its
    default is left out of every address, charts.state)."""
    dash_duo.find_element(f"#{chart_id}-{option} input[value='{value}']").click()

    def followed(_) -> bool:
        href = dash_duo.find_element(f"#download-{chart_id}").get_attribute("href")
        return f"{option}={value}" in href or f"{option}=" not in href

    dash_duo._wait_for(followed, timeout=10, msg=f"{chart_id} did not follow {option}={value}")


def published_series(dash_duo, chart_id: str, lang: str) -> dict:
    """The reported and the preliminary traces of a series chart as one: x, and y where either has a value
    (the preliminary year is drawn apart, hollow)."""
    from pazos_dash.i18n import t

    traces = {tr["name"]: tr for tr in plotted(dash_duo, chart_id)}
    parts = [traces[name] for name in (t("legend.reported", lang), t("legend.preliminary", lang)) if name in traces]
    ys = [next((p["y"][i] for p in parts if p["y"][i] is not None), None) for i in range(len(parts[0]["y"]))]
    return {"x": parts[0]["x"], "y": ys}


def open_tab(dash_duo, chart_id: str, key: str) -> None:
    """Open one of a card's tabs (chart, table, map, sources) and wait until its panel shows."""
    dash_duo.find_element(f"#{chart_id}-tab-{key}").click()
    dash_duo._wait_for(lambda _: dash_duo.find_element(f"#{chart_id}-panel-{key}").is_displayed(), timeout=10,
                       msg=f"the {key} tab of {chart_id} did not open")


def pick_years(dash_duo, chart_id: str, first: str, last: str) -> None:
    """Choose a year range in a chart's two selects."""
    from selenium.webdriver.support.ui import Select

    Select(dash_duo.find_element(f"#{chart_id}-year_from")).select_by_value(first)
    Select(dash_duo.find_element(f"#{chart_id}-year_to")).select_by_value(last)
    dash_duo._wait_for(lambda _: f"year_to={last}" in dash_duo.find_element(f"#download-{chart_id}").get_attribute("href"),
                       timeout=10, msg=f"{chart_id} did not follow the years {first}-{last}")
