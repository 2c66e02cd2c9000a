"""Dash's and plotly's private parts live behind one fence, pazos_dash/shell/ (its README lists
each hook): a Dash upgrade touches one folder. Outside it, no module names a private Dash name,
and in the browser only assets/first-paint.js (the fence's browser half) names plotly's."""

from __future__ import annotations

import re

from tests.conftest import REPO

PACKAGE = REPO / "pazos_dash"
# Private Dash / plotly / dbc names the code has relied on (shell/README.md says where and why).
PRIVATE = re.compile(
    r"_generate_config_html|\b_config\(\)|_prop_names|\._namespace\b|\._type\b|_pages_location|_pages_content|_pages_store"
    r"|_dash-update-component|_dash-layout|_dash-dependencies|_dash-config|_dash-component-suites|_dbcprivate_"
    r"|_fullLayout|Plots\.resize|(?:component|node|bare|child)\.__dict__"
)
BROWSER_FENCE = {"first-paint.js"}  # the fence's browser half: it patches plotly.js before any chart draws


def test_no_private_dash_name_outside_the_fence():
    found = [f"{path.relative_to(REPO)}:{n}: {line.strip()}"
             for path in sorted(PACKAGE.rglob("*.py")) if "shell" not in path.relative_to(PACKAGE).parts
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if PRIVATE.search(line)]
    assert not found, "private Dash names outside pazos_dash/shell/:\n" + "\n".join(found)


def test_no_private_plotly_or_dash_name_in_other_scripts():
    found = [f"{path.name}:{n}: {line.strip()}"
             for path in sorted((REPO / "assets").glob("*.js")) if path.name not in BROWSER_FENCE and ".min." not in path.name
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if PRIVATE.search(line)]
    assert not found, "private names in assets outside first-paint.js:\n" + "\n".join(found)


def test_the_fence_s_readme_names_every_hook_it_holds():
    """Each private name used inside the fence is in its README, with the test that pins it."""
    readme = (PACKAGE / "shell" / "README.md").read_text(encoding="utf-8")
    used = {match.group(0) for path in (PACKAGE / "shell").glob("*.py") for match in PRIVATE.finditer(path.read_text(encoding="utf-8"))}
    used |= {match.group(0) for name in BROWSER_FENCE for match in PRIVATE.finditer((REPO / "assets" / name).read_text(encoding="utf-8"))}
    missing = sorted(name for name in used if name.strip("().") .split(".")[-1] not in readme)
    assert not missing, f"shell/README.md does not list: {missing}"
    for test in re.findall(r"tests/[\w/]+\.py", readme):
        assert (REPO / test).exists(), test


def test_the_package_s_init_holds_the_factory_alone():
    source = (PACKAGE / "__init__.py").read_text(encoding="utf-8")
    assert re.findall(r"^(?:def|class) (\w+)", source, flags=re.M) == ["create_app"]
