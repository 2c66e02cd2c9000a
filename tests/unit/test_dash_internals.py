"""Where the app leans on Dash beyond its public API, a Dash upgrade that changes the ground
underneath must fail here rather than in a visitor's browser."""

from __future__ import annotations

import json
import re

import dash
import pytest
from dash import html

from pazos_dash import _with_ids, page_at


def _config(page_html: str) -> dict:
    config = json.loads(re.search(r'<script id="_dash-config" type="application/json">(.*?)</script>', page_html, re.S).group(1))
    config.pop("end_id")  # a fresh signed token for every page load
    return config


def test_the_kept_config_is_the_one_dash_would_write(dash_app, client):
    """`PazosDash._generate_config_html` overrides a private method to serialise the validation
    layout once: what it writes must stay what Dash itself writes."""
    ours = _config(client.get("/").get_data(as_text=True))
    with dash_app.server.test_request_context("/"):
        dash_s = _config(dash.Dash._generate_config_html(dash_app))
    assert ours == dash_s
    assert ours["validation_layout"]["props"]["children"], "the lean validation layout is sent"


def _filled(template: str) -> str:
    return re.sub(r"<[^>]*>", "homicides_annual", template)


def _registered_paths() -> list[tuple[str, str]]:
    return [(_filled(page["path_template"]) if page.get("path_template") else page["path"], page["title"])
            for page in dash.page_registry.values()]


def test_every_registered_page_opens_with_its_own_title(dash_app, client):
    """`page_at` reads the public page registry the way Dash's (private) router matches paths."""
    paths = _registered_paths()
    assert any("embed" in path for path, _ in paths), "templates are among the registered pages"
    for path, title in paths:
        page = client.get(path).get_data(as_text=True)
        assert f"<title>{title.replace('&', '&amp;')}</title>" in page, path
        assert page_at(path.strip("/"))["title"] == title
    assert f"<title>{dash_app.title}</title>" in client.get("/no/such/page").get_data(as_text=True)


@pytest.mark.parametrize("path", ["", "en/homicides", "embed/youth_served", "en/present"])
def test_the_page_lookup_agrees_with_dash_s_router(path):
    from dash._pages import _path_to_page  # private: only to compare with

    assert page_at(path) is _path_to_page(path)[0]


def test_the_lean_validation_layout_walks_the_tree_as_dash_does(dash_app):
    """Dash validates callbacks against the ids it finds through `children`; the lean layout
    must keep what that walk finds (compared with Dash's private walk of the same pages)."""
    with dash_app.server.test_request_context("/"):
        tree = html.Div([page["layout"]() for page in dash.page_registry.values()])
    ours = [component.id for component in _with_ids(tree)]
    assert len(ours) > 100
    assert ours == [component.id for component in tree._traverse_ids()]
