"""Shared fixtures: the one app per test process, and Debian's headless Chromium for dash_duo."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PUBLISHED = REPO / "data" / "published"


def pytest_setup_options():
    """dash[testing] hook: selenium options for the Debian chromium and chromedriver."""
    from selenium.webdriver.chrome.options import Options

    options = Options()
    options.binary_location = os.environ.get("PAZOS_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--no-first-run",
        "--disable-sync", "--disable-quic", "--window-size=1280,900",
        # The network is blocked for every page: only the app on loopback answers, as in a
        # council chamber without internet. A page that reaches for a CDN logs an error.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
    ):
        options.add_argument(flag)
    return options


@pytest.fixture(scope="session")
def dash_app():
    """Dash keeps one callback and page registry per process: build the app once."""
    from pazos_dash import create_app
    from pazos_dash.settings import Settings

    return create_app(Settings(data_dir=PUBLISHED))


@pytest.fixture(scope="session")
def runtime(dash_app):
    return dash_app.server.config["PAZOS_RUNTIME"]


@pytest.fixture(scope="session")
def client(dash_app):
    return dash_app.server.test_client()


def republish(target: Path, edit) -> None:
    """What the publish step does: write a complete new folder beside it, then swap it in."""
    from pazos_dash.publish.writer import replace_directory

    staging = target.with_name("staging")
    shutil.copytree(target, staging)
    edit(staging)
    replace_directory(staging, target)
    shutil.rmtree(staging)


def set_homicides_2024(staging: Path, value: str = "1234") -> None:
    """An edit for `republish`: another homicide count for 2024."""
    path = staging / "homicides_annual.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    row = next(i for i, line in enumerate(lines) if line.startswith("2024,"))
    cells = lines[row].split(",")
    cells[2] = value  # homicides
    lines[row] = ",".join(cells)
    path.write_text("".join(lines), encoding="utf-8")


def break_clusters(staging: Path) -> None:
    """An edit for `republish` that the validator refuses."""
    (staging / "clusters.csv").write_text("nonsense\n", encoding="utf-8")
