"""Shared fixtures: the one app per test process, and Debian's headless Chromium for dash_duo."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PUBLISHED = REPO / "data" / "published"


WORKER_PORTS = 1000  # ports each pytest-xdist worker's dash_duo servers may take


def pytest_configure(config):
    """Several checkouts may run browser tests at once on one machine: PAZOS_TEST_PORT_BASE moves
    the ports dash_duo serves on (58050, 58051, ... by default); each pytest-xdist worker (gw0,
    gw1, ...: scripts/test.sh runs one per core) takes its own thousand from there."""
    base = os.environ.get("PAZOS_TEST_PORT_BASE")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if base or worker:
        from dash.testing.application_runners import BaseDashRunner

        index = int(worker[2:]) if worker.startswith("gw") and worker[2:].isdigit() else 0
        BaseDashRunner._next_port = int(base or BaseDashRunner._next_port) + WORKER_PORTS * index


@pytest.fixture(scope="session", autouse=True)
def evidence_cache(tmp_path_factory):
    """`publish` recomputes the synthetic control (about a minute of placebo fits) only when the
    municipal panel changes: every publish the tests run reuses the shipped package's evidence from
    a private cache seeded here (publish/evidence.py). The maths are tested on a tiny panel."""
    from pazos_dash.publish.evidence import ENV_CACHE, seed_cache

    folder = tmp_path_factory.mktemp("evidence-cache")
    before = os.environ.get(ENV_CACHE)
    os.environ[ENV_CACHE] = str(folder)
    seed_cache(PUBLISHED)
    yield folder
    if before is None:
        os.environ.pop(ENV_CACHE, None)
    else:
        os.environ[ENV_CACHE] = before


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
def served(tmp_path_factory) -> Path:
    """The package the test app serves: the shipped one, with the evaluation resources of issue 20
    added from tests/fixtures while the shipped package does not have them yet (then it is itself)."""
    from tests.fixtures.evaluation import with_evaluation

    return with_evaluation(PUBLISHED, tmp_path_factory.mktemp("served") / "published")


@pytest.fixture(scope="session")
def dash_app(served):
    """Dash keeps one callback and page registry per process: build the app once."""
    from pazos_dash import create_app
    from pazos_dash.settings import Settings

    return create_app(Settings(data_dir=served))


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


def reseal(folder: Path, name: str) -> None:
    """Record a file's new size and SHA-256 in the descriptor, as the publish step that wrote it would."""
    import hashlib
    import json

    descriptor_path = folder / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        if resource["path"] == name:
            raw = (folder / name).read_bytes()
            resource["bytes"], resource["hash"] = len(raw), "sha256:" + hashlib.sha256(raw).hexdigest()
    descriptor_path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=1), encoding="utf-8")


REVISED_POPULATION_2024 = 400_000


def revise_population_2024(staging: Path, population: int = REVISED_POPULATION_2024) -> None:
    """An edit for `republish` that a valid package can make: DANE revises Palmira's 2024
    population, and the rate follows (the counts stay the police's)."""
    import csv
    import io

    path = staging / "homicides_annual.csv"
    records = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    header = records[0]
    for record in records[1:]:
        if record[header.index("year")] == "2024" and record[header.index("geography")] == "Palmira":
            record[header.index("population")] = str(population)
            record[header.index("rate_per_100k")] = f"{int(record[header.index('homicides')]) / population * 1e5:.2f}"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(records)
    path.write_text(out.getvalue(), encoding="utf-8")
    reseal(staging, "homicides_annual.csv")


def break_clusters(staging: Path) -> None:
    """An edit for `republish` that the validator refuses."""
    (staging / "clusters.csv").write_text("nonsense\n", encoding="utf-8")
