"""Where the app leans on Dash beyond its public API, a Dash upgrade that changes the ground
underneath must fail here rather than in a visitor's browser."""

from __future__ import annotations

import json
import re

import dash
import pytest
from dash import html

from pazos_dash.shell.dash_internals import _with_ids
from pazos_dash.shell.routing import page_at
from pazos_dash.pages import title as page_title


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


def _registered_paths(dash_app) -> list[tuple[str, str]]:
    paths = []
    for page in dash.page_registry.values():
        path = _filled(page["path_template"]) if page.get("path_template") else page["path"]
        with dash_app.server.test_request_context(path):  # the not-found page's title follows the address
            paths.append((path, page["title"]() if callable(page["title"]) else page["title"]))
    return paths


def test_every_registered_page_opens_with_its_own_title(dash_app, client):
    """`page_at` reads the public page registry the way Dash's (private) router matches paths."""
    paths = _registered_paths(dash_app)
    assert any("embed" in path for path, _ in paths), "templates are among the registered pages"
    for path, title in paths:
        page = client.get(path).get_data(as_text=True)
        assert f"<title>{title.replace('&', '&amp;')}</title>" in page, path
        assert page_at(path.strip("/"))["title"] in (title, dash.page_registry["pazos_dash.pages.not_found_404"]["title"])
    not_found = page_title("not_found", "es").replace("&", "&amp;")
    assert f"<title>{not_found}</title>" in client.get("/no/such/page").get_data(as_text=True)


def test_dash_s_router_reads_the_location_and_renders_not_found_404_as_we_rely_on(dash_app):
    """The not-found page reads the address from the router's inputs (`_pages_location`), the
    callback guard checks those two values, and Dash renders the module named `not_found_404`
    for a path no page matches: all Dash internals, checked here."""
    import inspect

    from dash import dash as dash_module

    router = next(c for key, c in dash_app.callback_map.items() if "_pages_content.children" in key)
    assert [(i["id"], i["property"]) for i in router["inputs"]] == [("_pages_location", "pathname"), ("_pages_location", "search")]
    assert '"not_found_404"' in inspect.getsource(dash_module.Dash.enable_pages)


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
