"""What a phone downloads: precompressed assets, long cache lifetimes, no unused scripts."""

from __future__ import annotations

import re

import brotli
import pytest

from tests.conftest import REPO

ASSETS = REPO / "assets"


@pytest.mark.parametrize("compressed", sorted(ASSETS.glob("*.br")), ids=lambda p: p.name)
def test_each_precompressed_asset_matches_its_file(compressed):
    source = compressed.with_name(compressed.name[: -len(".br")])
    assert brotli.decompress(compressed.read_bytes()) == source.read_bytes(), (
        f"{compressed.name} is stale: run `.venv/bin/python scripts/precompress.py`")


def test_every_script_and_stylesheet_has_its_precompressed_copy():
    for source in ASSETS.iterdir():
        if source.suffix in (".js", ".css") and source.stat().st_size >= 1024:
            assert source.with_name(source.name + ".br").exists(), source.name


def _asset_urls(client) -> list[str]:
    page = client.get("/").get_data(as_text=True)
    return re.findall(r'(?:src|href|content)="(/assets/[^"]+)"', page)  # plotly.js: its <meta> (assets/first-paint.js)


def test_a_browser_that_accepts_brotli_gets_the_precompressed_file_cached_for_a_year(client):
    url = next(u for u in _asset_urls(client) if "plotly-pazos" in u)
    response = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
    assert response.headers["Content-Encoding"] == "br"
    assert response.data == (ASSETS / "plotly-pazos.min.js.br").read_bytes()
    assert "max-age=31536000" in response.headers["Cache-Control"]


def test_a_browser_without_brotli_gets_the_same_file_compressed_another_way(client):
    url = next(u for u in _asset_urls(client) if "plotly-pazos" in u)
    response = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    import gzip

    assert gzip.decompress(response.data) == (ASSETS / "plotly-pazos.min.js").read_bytes()


def test_the_page_sends_no_full_plotly_no_table_loader_and_no_old_browser_polyfill(client):
    page = client.get("/").get_data(as_text=True)
    scripts = re.findall(r'<script src="([^"]+)"', page)
    # the partial plotly.js is fetched by assets/first-paint.js when a chart nears the viewport
    assert re.search(r'<meta name="pazos-plotly" content="/assets/plotly-pazos\.min\.js\?m=[0-9.]+"', page)
    assert not any("dash_table" in s or "polyfill" in s or "plotly" in s for s in scripts)


def test_the_index_page_is_small(client):
    # Dash Pages put every page, figures included, into each index page (1.7 MB); a lean
    # validation layout keeps only ids and types. (The page's own content, sent before the
    # scripts, is counted apart: tests/unit/test_first_paint.py.)
    page = client.get("/").get_data(as_text=True)
    static = re.search(r'<div id="pazos-static"[^>]*>.*?<div id="react-entry-point">', page, re.S).group(0)
    # 125 KB since issue 20 (the impact page, the headline and the numbers as chart views add ids):
    # a regression to win back (closed tabs out of the validation layout), held here from growing further
    assert len(page.encode()) - len(static.encode()) < 130_000
    assert len(static.encode()) < 100_000


def test_dash_s_bundles_are_sent_with_brotli_once_compressed_in_the_background(client):
    page = client.get("/").get_data(as_text=True)
    url = next(u for u in re.findall(r'<script (?:type="pazos/deferred" data-)?src="([^"]+)"', page) if "dash_renderer" in u)
    first = client.get(url, headers={"Accept-Encoding": "br, gzip"})
    assert first.status_code == 200 and "max-age=31536000" in first.headers["Cache-Control"]
    import time

    for _ in range(100):  # the thread compresses ~250 KB at quality 11
        later = client.get(url, headers={"Accept-Encoding": "br, gzip"})
        if later.headers.get("Content-Encoding") == "br":
            break
        time.sleep(0.05)
    assert later.headers["Content-Encoding"] == "br"
    plain = client.get(url, headers={"Accept-Encoding": "identity"}).data
    assert brotli.decompress(later.data) == plain
