"""Headers every public response carries, and the one exception: embeds may be framed."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import PUBLISHED, REPO


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


def inline_scripts(page: str) -> list[tuple[str, str]]:
    """(attributes, code) of each script the browser runs from the page itself: no src, not a
    JSON block (Dash's config and the data page's JSON-LD are data), not inside an HTML comment
    (Dash's IE warning)."""
    page = re.sub(r"<!--.*?-->", "", page, flags=re.S)
    return [(attrs, code) for attrs, code in re.findall(r"<script([^>]*)>(.*?)</script>", page, flags=re.S)
            if "src=" not in attrs and "application/json" not in attrs and "application/ld+json" not in attrs]


def script_src(response) -> set[str]:
    return set(re.search(r"script-src ([^;]+)", response.headers["Content-Security-Policy"]).group(1).split())


def sha256(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii") + "'"


@pytest.mark.parametrize("path", ["/", "/en/present", "/embed/homicides_annual"])
def test_the_policy_allows_exactly_the_page_s_inline_scripts(client, path):
    response = client.get(path)
    scripts = inline_scripts(response.get_data(as_text=True))
    assert scripts, "Dash's renderer starts from an inline script"
    assert script_src(response) == {"'self'"} | {sha256(code) for _, code in scripts}  # no unsafe-*, no stale hash


# Inline scripts Dash writes itself: the renderer's bootstrap, and Dash Pages' clientside
# callback that sets document.title after a navigation (added on Dash's first request).
DASH_S_OWN = ('id="_dash-renderer"', "document.title = data.title")
# The phone menu's toggle, until the dbc navbar and its assets/clientside-navbar.js replace it:
# delete this line then.
NOT_YET_MOVED: tuple[str, ...] = ()


def test_our_javascript_lives_in_assets_not_in_inline_scripts(client):
    """A clientside callback given a string of JavaScript becomes an inline script in every
    page (and a hash in the policy); ours are `ClientsideFunction`s in assets/clientside.js."""
    scripts = inline_scripts(client.get("/").get_data(as_text=True))
    ours = [code for attrs, code in scripts if not any(mark in attrs + code for mark in DASH_S_OWN + NOT_YET_MOVED)]
    assert ours == [], "inline JavaScript that is not Dash's own: move it to assets/"
    for mark in DASH_S_OWN:  # if Dash renames these, this test must be revisited, not silently pass
        assert sum(mark in attrs + code for attrs, code in scripts) == 1, mark


def test_the_first_response_carries_the_whole_policy_without_a_warm_up():
    """A second app needs its own process. No warm-up: the very first response is a page."""
    script = textwrap.dedent(
        """
        import pazos_dash
        from tests.unit.test_security import inline_scripts, script_src, sha256

        pazos_dash._warm_up = lambda app: None
        client = pazos_dash.create_app().server.test_client()
        first = client.get("/")
        scripts = inline_scripts(first.get_data(as_text=True))
        assert len(scripts) >= 2, scripts  # the renderer and Dash Pages' title script
        assert script_src(first) == {"'self'"} | {sha256(code) for _, code in scripts}, first.headers
        assert script_src(client.get("/healthz")) == script_src(first)
        print("ok")
        """
    )
    env = {**os.environ, "PAZOS_DATA_DIR": str(PUBLISHED)}
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().endswith("ok")


@pytest.mark.parametrize("path", ["/embed/homicides_annual", "/en/embed/youth_served?youth_served-measure=people"])
def test_embed_routes_may_be_framed_by_any_site(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "X-Frame-Options" not in response.headers
    assert "frame-ancestors *" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_a_page_merely_named_like_an_embed_is_not_frameable(client):
    assert client.get("/embedded").headers["X-Frame-Options"] == "DENY"


def test_a_server_error_shows_no_traceback(client, monkeypatch):
    # A fault of ours (a malformed request is a 4xx: test_visitor_errors.py): Flask answers 500.
    def broken(*_args, **_kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("pazos_dash.web.routes.chart_view", broken)
    response = client.get("/download/homicides_annual.csv")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "Traceback" not in body and "File \"" not in body
    assert "Algo salió mal" in body and "Something went wrong" in body


def test_debug_is_off_unless_a_setting_turns_it_on(dash_app):
    from pazos_dash.settings import Settings

    assert Settings.from_env({}).debug is False
    assert Settings.from_env({"PAZOS_DEBUG": "1"}).debug is True
    assert dash_app.server.debug is False
