"""Headers every public response carries, and the one exception: embeds may be framed."""

from __future__ import annotations

import re

import pytest


@pytest.mark.parametrize("path", ["/", "/en/homicides", "/download/homicides_annual.csv", "/healthz", "/_dash-layout"])
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    assert response.status_code == 200
    csp = response.headers["Content-Security-Policy"]
    assert "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]


def test_the_policy_allows_exactly_dash_s_inline_scripts(client, dash_app):
    page = client.get("/").get_data(as_text=True)
    script_src = re.search(r"script-src ([^;]+)", client.get("/").headers["Content-Security-Policy"]).group(1)
    inline = re.findall(r"<script>(.*?)</script>", page, flags=re.S)  # executable inline scripts (no type/src)
    assert inline, "the page has inline scripts to hash"
    hashes = set(dash_app.csp_hashes())
    assert hashes and hashes <= set(script_src.split())
    assert "'unsafe-inline'" not in script_src


@pytest.mark.parametrize("path", ["/embed/homicides_annual", "/en/embed/youth_served?youth_served-measure=people"])
def test_embed_routes_may_be_framed_by_any_site(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "X-Frame-Options" not in response.headers
    assert "frame-ancestors *" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_a_page_merely_named_like_an_embed_is_not_frameable(client):
    assert client.get("/embedded").headers["X-Frame-Options"] == "DENY"


def test_a_server_error_shows_no_traceback(client):
    # A callback request the renderer would never send: Dash fails inside, Flask answers 500.
    response = client.post("/_dash-update-component", json={"output": "graph-homicides_annual.figure", "inputs": "x"})
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "Traceback" not in body and "File \"" not in body
    assert "Algo salió mal" in body and "Something went wrong" in body


def test_debug_is_off_unless_a_setting_turns_it_on(dash_app):
    from pazos_dash.settings import Settings

    assert Settings.from_env({}).debug is False
    assert Settings.from_env({"PAZOS_DEBUG": "1"}).debug is True
    assert dash_app.server.debug is False
