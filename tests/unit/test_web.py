"""Server-side behaviour: downloads equal the charts' data, pages carry their language, files stay fenced."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import textwrap

import pandas as pd
import pytest

from pazos_dash.charts import CHARTS
from pazos_dash.views.exports import for_readers
from pazos_dash.views.text import column_label
from pazos_dash.pages import PAGES, title as page_title
from tests.conftest import PUBLISHED, REPO


@pytest.mark.parametrize("chart_id", sorted(CHARTS))
def test_csv_download_equals_the_chart_frame(client, runtime, chart_id):
    response = client.get(f"/download/{chart_id}.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert f'filename="{chart_id}.csv"' in response.headers["Content-Disposition"]
    assert response.data.startswith("\ufeff".encode()), "a byte-order mark, so that Excel reads UTF-8"
    downloaded = pd.read_csv(io.BytesIO(response.data), encoding="utf-8-sig")
    # The CSV is for people: labels and codes in words in the site's language (views/exports.for_readers).
    expected = for_readers(runtime.chart_frame(chart_id), "es")
    assert list(downloaded.columns) == list(expected.columns)
    pd.testing.assert_frame_equal(downloaded, pd.read_csv(io.StringIO(expected.to_csv(index=False))))


def test_homicide_csv_holds_the_published_palmira_rows(client):
    downloaded = pd.read_csv(io.BytesIO(client.get("/download/homicides_annual.csv").data), encoding="utf-8-sig")
    published = pd.read_csv(PUBLISHED / "homicides_annual.csv")
    palmira = published[published["geography"] == "Palmira"].reset_index(drop=True)
    assert downloaded[column_label("homicides", "es")].tolist() == palmira["homicides"].tolist()
    assert downloaded[column_label("rate_per_100k", "es")].tolist() == palmira["rate_per_100k"].tolist()


def test_unknown_chart_is_404(client):
    assert client.get("/download/nothing.csv").status_code == 404


def test_published_files_are_served_and_nothing_else(client):
    descriptor = client.get("/data/datapackage.json")
    assert descriptor.status_code == 200
    assert json.loads(descriptor.get_data(as_text=True))["name"] == "pazos-palmira"
    assert client.get("/data/clusters.csv").data == (PUBLISHED / "clusters.csv").read_bytes()  # Dash would answer 200 too
    for path in ("/data/../pyproject.toml", "/data/%2e%2e/pyproject.toml", "/data/secret.csv"):
        assert client.get(path).status_code == 404


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.page_id)
def test_index_html_carries_language_title_and_preview(client, dash_app, page, lang):
    html = client.get(dash_app.urls.page_path(page.page_id, lang)).get_data(as_text=True)
    assert f'<html lang="{lang}">' in html
    title = page_title(page.page_id, lang).replace("&", "&amp;")
    assert f"<title>{title}</title>" in html
    assert f'<meta property="og:title" content="{title}">' in html


def test_nothing_is_loaded_from_another_host(client):
    html = client.get("/").get_data(as_text=True)
    assert "cdn" not in html.lower()
    # what the page loads (scripts, styles, images, frames); its links to the sources may point anywhere
    assert not re.findall(r'<(?:script|link|img|iframe|source)\b[^>]*(?:href|src)="http', html)


def test_sub_path_deployment_serves_pages_and_downloads_under_the_prefix():
    """A second app needs its own process: Dash keeps one page registry per process."""
    script = textwrap.dedent(
        """
        from pazos_dash import create_app
        app = create_app()
        client = app.server.test_client()
        page = client.get("/pazos/en/homicides")
        assert page.status_code == 200, page.status_code
        html = page.get_data(as_text=True)
        assert '<html lang="en">' in html and '/pazos/_dash-component-suites/' in html
        from pazos_dash.pages import title
        assert "<title>" + title("homicides", "en").replace("&", "&amp;") + "</title>" in html  # that page, not any
        from pazos_dash.views import chart_view
        view = chart_view(app.server.config["PAZOS_RUNTIME"], app.urls, "homicides_annual", "en", options={})
        addresses = [view.urls.page, view.urls.embed, *view.urls.downloads.values()]
        assert all(a.startswith("/pazos/") for a in addresses), addresses  # the base path, applied in one place
        assert client.get(view.urls.downloads["json"]).mimetype == "application/json"
        assert client.get("/pazos/download/homicides_annual.csv").mimetype == "text/csv"  # not Dash's page shell
        assert client.get("/download/homicides_annual.csv").status_code == 404
        layout = client.get("/pazos/_dash-layout").get_data(as_text=True)
        assert '"app-root"' in layout, layout[:200]
        missing = client.get("/pazos/en/nope")  # a 404 in the address's language, its links under the prefix
        assert missing.status_code == 404 and '<html lang="en">' in missing.get_data(as_text=True)
        assert 'href="/pazos/en/homicides"' in missing.get_data(as_text=True)
        assert client.get("/pazos/nope").status_code == 404 and client.get("/pazos/en/homicides").status_code == 200
        assert "Sitemap: http://localhost/pazos/sitemap.xml" in client.get("/pazos/robots.txt").get_data(as_text=True)
        sitemap = client.get("/pazos/sitemap.xml").get_data(as_text=True)
        assert "<loc>http://localhost/pazos/en/homicides</loc>" in sitemap and 'href="http://localhost/pazos/homicidios"' in sitemap
        print("ok")
        """
    )
    env = {**os.environ, "PAZOS_BASE_PATH": "/pazos/", "PAZOS_DATA_DIR": str(PUBLISHED)}
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("ok")


def test_english_default_language_puts_spanish_under_es():
    script = textwrap.dedent(
        """
        from pazos_dash import create_app
        app = create_app()
        client = app.server.test_client()
        assert '<html lang="en">' in client.get("/").get_data(as_text=True)
        assert '<html lang="es">' in client.get("/es/homicidios").get_data(as_text=True)
        print("ok")
        """
    )
    env = {**os.environ, "PAZOS_DEFAULT_LANG": "en", "PAZOS_DATA_DIR": str(PUBLISHED)}
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("query", [{"lang": "fr", "page": "x", "runtime": "y", "router": "z", "query": "q"},
                                   {"homicides_annual-measure": "<script>", "cluster_map-year": "99999", "cluster": "../../"}])
def test_hostile_query_strings_render_the_default_view(dash_app, query):
    import dash
    from dash._utils import to_json

    def rendered(page, arguments) -> dict:
        with dash_app.server.test_request_context("/"):
            tree = json.loads(to_json(page["layout"](**arguments)))

        def strip(node):  # the language switch carries the query on purpose: compare everything else
            if isinstance(node, dict):
                props = node.get("props", {})
                if isinstance(props, dict) and props.get("id") in ("language-switch", "slide-language"):
                    node = {**node, "props": {k: v for k, v in props.items() if k != "href"}}
                if isinstance(props, dict) and props.get("id") == "print-address":  # the address printed from, also on purpose
                    node = {**node, "props": {k: v for k, v in props.items() if k != "children"}}
                return {k: strip(v) for k, v in node.items()}
            return [strip(v) for v in node] if isinstance(node, list) else node
        return strip(tree)

    for module, page in dash.page_registry.items():
        hostile, default = rendered(page, query), rendered(page, {})
        assert hostile == default, module
        assert "<script>" not in json.dumps(hostile) and "../../" not in json.dumps(hostile), module


def test_healthz_reports_the_package_it_serves(client, runtime):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok"
    assert body["package_version"] == runtime.package.version
    assert body["resources"] == len(runtime.package.resources)


def test_the_app_is_warmed_up_before_its_first_visitor(dash_app):
    assert dash_app._got_first_request["pages"]  # Dash's router and validation layout are built
    runtime = dash_app.server.config["PAZOS_RUNTIME"]
    figure_key = runtime._key(runtime.package, "figure", runtime.state("homicides_annual"), "es")
    spec = CHARTS["homicides_annual"]  # the default figure, built here without the cache
    built = spec.draw(spec.query(runtime.package, measure="homicides"), lang="es", measure="homicides").to_plotly_json()
    from plotly.io.json import to_json_plotly

    assert to_json_plotly(runtime.cache.get(figure_key)) == to_json_plotly(built)
