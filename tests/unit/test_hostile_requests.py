"""Requests nobody's browser sends (issue 22): deeply nested JSON, unknown bundle addresses, other
methods on the callback endpoint, and a Host header someone made up. Each gets a 4xx a client can
read (JSON where the endpoint speaks JSON), never a 500; no made-up host is written into an answer.
The body limit on a chunked body is checked under gunicorn (tests/integration/test_hostile_bodies.py)."""

from __future__ import annotations

import io
import zipfile

import pytest
from werkzeug.test import Client

from pazos_dash.web.origin import CanonicalOrigin

CALLBACK = "/_dash-update-component"
FOREIGN = "attacker.example"
PUBLIC = "https://pazos.example.org"


def test_deeply_nested_json_to_the_callback_endpoint_is_a_400_in_json(client):
    for depth in (900, 1_000, 50_000):
        response = client.post(CALLBACK, data="[" * depth + "]" * depth, content_type="application/json")
        assert response.status_code == 400, depth
        assert response.is_json and "error" in response.get_json()


@pytest.mark.parametrize("path", ["/_dash-component-suites/dash/nope.js", "/_dash-component-suites/nope/nope.js",
                                  "/_dash-component-suites/dash/../../etc/passwd", "/_dash-component-suites/dash_bootstrap_components/x.v1m1.js"])
def test_an_unknown_component_bundle_is_a_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Traceback" not in response.text


@pytest.mark.parametrize("method", ["GET", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS"])
def test_every_other_method_on_the_callback_endpoint_gets_json_and_allow_post(client, method):
    response = client.open(CALLBACK, method=method)
    assert response.status_code == 405
    assert response.mimetype == "application/json"
    assert response.headers["Allow"] == "POST"
    if method != "HEAD":
        assert method in response.get_json()["error"]["message"]


def test_a_declared_body_over_the_limit_is_a_413_in_json(client):
    response = client.post(CALLBACK, data=b"{" + b" " * 1_000_001 + b"}", content_type="application/json")
    assert response.status_code == 413 and response.is_json


ADDRESSES = ["/", "/en/", "/datos", "/en/data", "/homicidios", "/embed/homicides_annual", "/en/embed/nope", "/no-such-page",
             "/feed.xml", "/en/feed.xml", "/sitemap.xml", "/robots.txt", "/catalog.jsonld", "/api/v1/", "/api/v1/openapi.json",
             "/api/v1/datasets", "/api/v1/datasets/homicides_annual?limit=2", "/download/homicides_annual.csv",
             "/download/homicides_annual.json", "/download/homicides_annual.zip", "/healthz", "/presentar"]


@pytest.fixture(scope="module")
def canonical(dash_app):
    """The app as deployed with PAZOS_PUBLIC_URL (the middleware create_app installs, with the setting)."""
    return Client(CanonicalOrigin(dash_app.server.wsgi_app, PUBLIC))


@pytest.mark.parametrize("path", ADDRESSES)
def test_a_foreign_host_never_appears_in_an_answer(canonical, path):
    response = canonical.get(path, headers={"Host": FOREIGN, "X-Forwarded-Host": FOREIGN})
    assert response.status_code in (200, 404)
    body = response.get_data()
    if response.mimetype == "application/zip":  # what is inside: the metadata and the README
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            body = b"".join(archive.read(name) for name in archive.namelist())
    assert FOREIGN.encode() not in body
    assert not any(FOREIGN in value for _, value in response.headers.items())


@pytest.mark.parametrize("path", ["/", "/feed.xml", "/sitemap.xml", "/catalog.jsonld", "/datos"])
def test_absolute_addresses_start_with_the_public_url(canonical, path):
    body = canonical.get(path, headers={"Host": FOREIGN}).get_data(as_text=True)
    assert PUBLIC + "/" in body


def test_the_atom_ids_do_not_change_with_the_host(canonical, client):
    ids = lambda body: [line for line in body.splitlines() if "<id>" in line]  # noqa: E731
    one = canonical.get("/feed.xml", headers={"Host": FOREIGN}).get_data(as_text=True)
    two = canonical.get("/feed.xml", headers={"Host": "other.example"}).get_data(as_text=True)
    assert ids(one) and ids(one) == ids(two)


def test_a_host_outside_the_allow_list_is_refused_without_repeating_it(dash_app):
    guarded = Client(CanonicalOrigin(dash_app.server.wsgi_app, PUBLIC, allowed_hosts=["pazos.example.org", "localhost"]))
    refused = guarded.get("/", headers={"Host": FOREIGN})
    assert refused.status_code == 400 and FOREIGN not in refused.get_data(as_text=True)
    assert guarded.get("/healthz", headers={"Host": "10.0.0.7"}).status_code == 200  # load balancers probe by address
    assert guarded.get("/api/v1/", headers={"Host": "localhost:8050"}).status_code == 200


def test_the_public_url_must_be_an_origin():
    from pazos_dash.settings import Settings, SettingsError

    assert Settings.from_env({"PAZOS_PUBLIC_URL": "https://pazos.example.org/"}).public_url == PUBLIC
    assert Settings.from_env({"PAZOS_ALLOWED_HOSTS": "a.example, b.example"}).allowed_hosts == ("a.example", "b.example")
    for bad in ("pazos.example.org", "ftp://pazos.example.org", "https://pazos.example.org/x?y"):
        with pytest.raises(SettingsError, match="PAZOS_PUBLIC_URL"):
            Settings.from_env({"PAZOS_PUBLIC_URL": bad})


@pytest.mark.parametrize("size, status", [(2_000_000, 413), (1_000_001, 413), (10_000, 400)])
def test_a_chunked_body_is_counted_as_it_is_read(client, size, status):
    """No Content-Length: the cap counts the bytes read (under gunicorn: tests/integration/test_hostile_bodies.py)."""
    response = client.post(CALLBACK, input_stream=io.BytesIO(b"[" * size), content_type="application/json",
                           headers={"Transfer-Encoding": "chunked"})
    assert response.status_code == status and response.is_json
