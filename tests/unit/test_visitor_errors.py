"""Errors a visitor or a client can cause: an address that is not a page answers 404 with the
site's page in the address's language (readable without scripts), the API's 404s stay JSON,
search engines get robots.txt and a bilingual sitemap, and a malformed callback request is a
4xx logged once, never a 500 or a traceback."""

from __future__ import annotations

import json
import logging
import re
from html import unescape
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest

from pazos_dash.i18n import LANGUAGES, t
from pazos_dash.pages import PAGES
from pazos_dash.urls import PAGE_SLUGS
from pazos_dash.shell.callback_guard import split_output
from pazos_dash.shell.prerender import to_html

from tests.logs import Collect

NOT_FOUND = [
    ("/no-existe", "es"),
    ("/en/no-such-page", "en"),
    ("/homicidios/x", "es"),
    ("/en/homicides/2020", "en"),
    ("/download/x.exe", "es"),
    ("/download/nope.csv", "es"),
    ("/download/nope.csv?lang=en", "en"),  # download addresses carry their language as an argument
    ("/download/homicides_annual.pdf", "es"),
    ("/data/nope.csv", "es"),
    ("/data/../pyproject.toml", "es"),
    ("/en/data/nope.csv", "en"),
    ("/assets/nope.js", "es"),
    ("/404", "es"),
    ("/embed", "es"),
    ("/wp-login.php", "es"),
]


def _entry(html: str) -> str:
    """What the server put before Dash's entry point: the page as readable before any script runs."""
    return re.search(r'<div id="pazos-static">(.*?)</div>\s*<div id="react-entry-point">', html, re.S).group(1)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


@pytest.mark.parametrize("path, lang", NOT_FOUND)
def test_an_address_that_is_not_a_page_answers_404_in_its_language_with_the_navigation(client, dash_app, path, lang):
    response = client.get(path)
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    urls, other = dash_app.urls, "en" if lang == "es" else "es"
    assert f'<html lang="{lang}">' in html
    assert f"<title>{t('page.not_found.title', lang)} · {t('site.name', lang)}</title>" in html
    entry = _entry(html)
    text = _text(entry)
    assert t("page.not_found.title", lang) in text and t("page.not_found.body", lang) in text
    assert t("page.not_found.title", other) not in text  # one language, the address's
    # the site's navigation, server-rendered: navbar with every page, the language switch, footer, a link home
    for page in PAGES:
        assert f'href="{urls.page(page.page_id, lang)}"' in entry and t(f"nav.{page.page_id}", lang) in text
    assert re.search(rf'<a[^>]*id="not-found-home"[^>]*href="{re.escape(urls.page("overview", lang))}"|'
                     rf'<a[^>]*href="{re.escape(urls.page("overview", lang))}"[^>]*id="not-found-home"', entry)
    assert f'href="{urls.page("overview", other)}"' in entry  # the switch: an unknown address has no translation
    assert '<header role="banner"' in entry and 'class="site-footer' in entry
    assert t("footer.methodology", lang) in text
    assert "Traceback" not in html and "Not Found</h1>" not in html  # not Flask's English page


def test_a_404_is_answered_from_any_thread(dash_app):
    """gunicorn's threads are not the one that imported Dash (whose callback context is unset there)."""
    import threading

    answers = []

    def ask():
        with dash_app.server.test_client() as client:
            answers.append(client.get("/en/nope").status_code)

    thread = threading.Thread(target=ask)
    thread.start()
    thread.join(timeout=60)
    assert answers == [404]


def test_an_embed_of_an_unknown_chart_is_a_404_that_lists_the_charts(client, dash_app):
    response = client.get("/en/embed/nope")
    assert response.status_code == 404
    entry = _entry(response.get_data(as_text=True))
    assert t("embed.index", "en") in entry and f'href="{dash_app.urls.embed("homicides_annual", "en")}"' in entry
    assert client.get("/en/embed/homicides_annual").status_code == 200


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.page_id)
def test_every_page_still_answers_200(client, dash_app, page, lang):
    response = client.get(dash_app.urls.page_path(page.page_id, lang))
    assert response.status_code == 200
    assert "_dash-loading" in response.get_data(as_text=True)  # the usual app shell, after the server's copy


@pytest.mark.parametrize("path", ["/api/v2/datasets", "/api/v1/nothing/here", "/api/", "/api/v1/datasets/victims"])
def test_the_api_s_404s_stay_json(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.mimetype == "application/json" and response.get_json()["error"]["status"] == 404


def test_the_not_found_layout_is_the_one_dash_renders_in_the_browser(dash_app):
    """The server-rendered 404 and the layout Dash's router draws over it are the same tree."""
    import dash

    page = dash.page_registry["pazos_dash.pages.not_found_404"]
    with dash_app.server.test_request_context("/en/nope"):
        layout = page["layout"]()
        assert page["title"]() == f"{t('page.not_found.title', 'en')} · {t('site.name', 'en')}"
    html = to_html(layout, strict=True)  # every component of it has a static form
    assert 'lang="en"' in html and t("page.not_found.body", "en") in html


# ---- robots.txt and sitemap.xml

def lighthouse_robots_errors(content: str) -> list[str]:
    """The rules of Lighthouse's SEO audit `robots-txt` (lighthouse-core/audits/seo/robots-txt.js):
    known directives only, an absolute http(s)/ftp sitemap URL, a user-agent before any
    allow/disallow, patterns starting with / or *, `$` only at the end."""
    known = {"user-agent", "disallow", "allow", "sitemap", "crawl-delay", "clean-param", "host", "request-rate",
             "visit-time", "noindex"}
    errors, in_group = [], False
    for number, raw in enumerate(re.split(r"\r\n|\r|\n", content), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if ":" not in line:
            errors.append(f"{number}: syntax not understood")
            continue
        name, value = line.split(":", 1)
        name, value = name.strip().lower(), value.strip()
        if name not in known:
            errors.append(f"{number}: unknown directive {name!r}")
            continue
        if name == "sitemap" and (urlsplit(value).scheme not in ("http", "https", "ftp") or not urlsplit(value).netloc):
            errors.append(f"{number}: invalid sitemap URL")
        if name == "user-agent":
            if not value:
                errors.append(f"{number}: no user-agent specified")
            in_group = True
        if name in ("allow", "disallow"):
            if value and value[0] not in "/*":
                errors.append(f"{number}: pattern should be empty or start with / or *")
            if "$" in value and value.index("$") != len(value) - 1:
                errors.append(f"{number}: $ only at the end")
            if not in_group:
                errors.append(f"{number}: no user-agent specified")
    return errors


def test_the_lighthouse_rules_find_the_errors_of_an_html_page_served_as_robots_txt(client):
    """The check can fail: what /robots.txt used to answer (the app shell) breaks it on most lines."""
    assert len(lighthouse_robots_errors(client.get("/no-existe").get_data(as_text=True))) > 20


def test_robots_txt_allows_everything_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt", base_url="https://pazos.palmira.gov.co")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    content = response.get_data(as_text=True)
    assert lighthouse_robots_errors(content) == []
    directives = [line.split(":", 1)[0].strip().lower() for line in content.splitlines() if line.strip() and not line.startswith("#")]
    assert directives == ["user-agent", "allow", "sitemap"]
    assert "Disallow" not in content
    assert re.search(r"^Sitemap: https://pazos\.palmira\.gov\.co/sitemap\.xml$", content, re.M)


def _sitemap(client, base_url: str = "https://pazos.palmira.gov.co") -> ET.Element:
    response = client.get("/sitemap.xml", base_url=base_url)
    assert response.status_code == 200 and response.mimetype == "application/xml"
    return ET.fromstring(response.data)


def test_the_sitemap_lists_every_page_in_both_languages_with_their_pairs(client, dash_app, runtime):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = _sitemap(client)
    host = "https://pazos.palmira.gov.co"
    urls = dash_app.urls
    expected = {host + urls.page(page_id, lang) for page_id in PAGE_SLUGS for lang in LANGUAGES}
    expected |= {host + urls.present(lang) for lang in LANGUAGES}
    entries = root.findall("s:url", ns)
    locations = [entry.find("s:loc", ns).text for entry in entries]
    assert sorted(locations) == sorted(expected)  # each once
    for entry in entries:
        location = entry.find("s:loc", ns).text
        alternates = {link.get("hreflang"): link.get("href") for link in entry.findall("x:link", ns)}
        assert all(link.get("rel") == "alternate" for link in entry.findall("x:link", ns))
        assert set(alternates) == {*LANGUAGES, "x-default"}
        assert location in alternates.values()  # each lists itself
        assert alternates["x-default"] == alternates[urls.default_lang]
        assert entry.find("s:lastmod", ns).text == str(runtime.package.last_updated)
        for lang, href in alternates.items():
            if lang == "x-default":
                continue
            page = client.get(urlsplit(href).path)  # a real page, in that language
            assert page.status_code == 200, href
            assert f'<html lang="{lang}">' in page.get_data(as_text=True), href
    # the pairs agree both ways: the English page names the Spanish one and back
    pairs = {entry.find("s:loc", ns).text: {link.get("hreflang"): link.get("href") for link in entry.findall("x:link", ns)}
             for entry in entries}
    for location, alternates in pairs.items():
        for lang in LANGUAGES:
            assert pairs[alternates[lang]] == alternates, location


# ---- malformed callback requests

def _logged(send):
    """The response and every log line written while it was made (ours and Flask's)."""
    ours, everything = Collect(), Collect()
    logging.getLogger("pazos").addHandler(ours)
    logging.getLogger().addHandler(everything)
    try:
        response = send()
    finally:
        logging.getLogger("pazos").removeHandler(ours)
        logging.getLogger().removeHandler(everything)
    return response, ours.lines + everything.lines


def _valid_body(dash_app) -> dict:
    output = next(key for key in dash_app.callback_map if "graph-homicides_annual.figure" in key)
    declared = dash_app.callback_map[output]["inputs"]  # every control the chart has (measure, years, ...)
    return {
        "output": output,
        "outputs": split_output(output),
        "inputs": [{"id": d["id"], "property": d["property"], "value": "rate_per_100k" if d["id"] == "homicides_annual-measure" else None}
                   for d in declared],
        "state": [{"id": "page-lang", "property": "data", "value": "en"}],
        "changedPropIds": ["homicides_annual-measure.value"],
    }


def _malformed(dash_app) -> dict[str, tuple[bytes, str, int]]:
    good = _valid_body(dash_app)
    as_json = lambda body: json.dumps(body).encode()  # noqa: E731
    cases = {
        "not JSON": (b"{not json", "application/json", 400),
        "not UTF-8": (b"\xff\xfe\xfa", "application/json", 400),
        "empty": (b"", "application/json", 400),
        "a list": (b"[]", "application/json", 400),
        "null": (b"null", "application/json", 400),
        "no keys": (b"{}", "application/json", 400),
        "not JSON typed": (as_json(good), "text/plain", 415),
        "no inputs": (as_json({k: v for k, v in good.items() if k != "inputs"}), "application/json", 400),
        "no outputs": (as_json({k: v for k, v in good.items() if k != "outputs"}), "application/json", 400),
        "no state": (as_json({k: v for k, v in good.items() if k != "state"}), "application/json", 400),
        "unknown output": (as_json({**good, "output": "nope.children"}), "application/json", 404),
        "a clientside callback": (as_json({**good, "output": "homicides_annual-permalink.href"}), "application/json", 404),
        "unknown input id": (as_json({**good, "inputs": [{"id": "nope", "property": "value", "value": 1}]}), "application/json", 400),
        "unknown property": (as_json({**good, "inputs": [{"id": "homicides_annual-measure", "property": "x", "value": 1}]}),
                             "application/json", 400),
        "one input too many": (as_json({**good, "inputs": good["inputs"] * 2}), "application/json", 400),
        "inputs not a list": (as_json({**good, "inputs": "x"}), "application/json", 400),
        "an input not an object": (as_json({**good, "inputs": ["x"]}), "application/json", 400),
        "outputs not matching": (as_json({**good, "outputs": good["outputs"][:1]}), "application/json", 400),
        "changedPropIds not a list": (as_json({**good, "changedPropIds": 5}), "application/json", 400),
        "router: no path": (as_json(_router(dash_app, None)), "application/json", 400),
        "router: path outside the app": (as_json(_router(dash_app, "relative/path")), "application/json", 400),
        "router: search not text": (as_json(_router(dash_app, "/en", search=["?a"])), "application/json", 400),
    }
    return cases


def _router(dash_app, pathname, search=""):
    output = next(key for key in dash_app.callback_map if "_pages_content.children" in key)
    return {"output": output, "outputs": split_output(output),
            "inputs": [{"id": "_pages_location", "property": "pathname", "value": pathname},
                       {"id": "_pages_location", "property": "search", "value": search}],
            "changedPropIds": ["_pages_location.pathname"]}


CASES = ["not JSON", "not UTF-8", "empty", "a list", "null", "no keys", "not JSON typed", "no inputs", "no outputs",
         "no state", "unknown output", "a clientside callback", "unknown input id", "unknown property", "one input too many",
         "inputs not a list", "an input not an object", "outputs not matching", "changedPropIds not a list",
         "router: no path", "router: path outside the app", "router: search not text"]


@pytest.mark.parametrize("case", CASES)
def test_a_malformed_callback_request_is_a_4xx_logged_once_without_a_traceback(client, dash_app, case):
    body, content_type, status = _malformed(dash_app)[case]
    response, lines = _logged(lambda: client.post("/_dash-update-component", data=body, content_type=content_type))
    assert response.status_code == status
    assert response.mimetype == "application/json"
    message = response.get_json()["error"]["message"]
    assert message and "Traceback" not in response.get_data(as_text=True)
    assert len(lines) == 1, lines  # one line: the access log's, saying what was wrong
    entry = json.loads(lines[0])
    assert entry["logger"] == "pazos.access" and entry["level"] == "warning" and entry["status"] == status
    assert entry["problem"].endswith(message) and "Traceback" not in lines[0]


def test_a_well_formed_callback_request_is_answered(client, dash_app):
    response, lines = _logged(lambda: client.post("/_dash-update-component", json=_valid_body(dash_app)))
    assert response.status_code == 200 and "rate_per_100k" in response.get_data(as_text=True)
    assert [json.loads(line).get("problem") for line in lines] == [None]
    page = _router(dash_app, "/en/no-such-page")
    answer = client.post("/_dash-update-component", json=page).get_json()
    assert answer["response"]["_pages_store"]["data"]["title"].startswith(t("page.not_found.title", "en"))


VALUES = [None, 0, -1, 1.5e308, True, "", "x" * 5000, "<script>alert(1)</script>", "../../etc", [], [1, "a"], {},
          {"points": "x"}, {"points": [None]}, {"points": [{"customdata": {"a": 1}}]}, "en", "fr"]


def test_no_value_of_any_json_kind_makes_a_callback_fail(client, dash_app):
    """Every server callback, every input and state, values of every JSON kind: a 2xx or a 4xx, never a 5xx."""
    answers = 0
    for output, callback in dash_app.callback_map.items():
        if not callable(callback.get("callback")):
            continue
        declared = [*callback["inputs"], *(callback.get("state") or [])]
        for position in range(len(declared)):
            for value in VALUES:
                items = [{"id": d["id"], "property": d["property"],
                          "value": value if i == position else ("/en" if d["property"] == "pathname" else None)}
                         for i, d in enumerate(declared)]
                body = {"output": output, "outputs": split_output(output) if output.startswith("..") else split_output(output)[0],
                        "inputs": items[:len(callback["inputs"])], "state": items[len(callback["inputs"]):],
                        "changedPropIds": [f"{declared[0]['id']}.{declared[0]['property']}"]}
                response = client.post("/_dash-update-component", json=body)
                assert response.status_code < 500, (output, declared[position], value)
                answers += 1
    assert answers > 300
