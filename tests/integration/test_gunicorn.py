"""The Procfile's command serves the app under gunicorn, and refuses a bad package cleanly."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import requests

from pazos_dash.publish.writer import replace_directory
from tests.conftest import PUBLISHED, REPO


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _procfile_command() -> list[str]:
    line = (REPO / "Procfile").read_text(encoding="utf-8").strip()
    assert line.startswith("web: gunicorn ")
    return [sys.executable, "-m", "gunicorn", *line.split()[2:]]


@contextmanager
def gunicorn(**environ: str):
    """The Procfile's command on a free loopback port; yields the base URL once it answers."""
    port = _free_port()
    env = {**os.environ, "PORT": str(port), "HOST": "127.0.0.1", "WEB_CONCURRENCY": "1", **environ}
    process = subprocess.Popen(_procfile_command(), cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                requests.get(f"{url}/healthz", timeout=60)
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        else:
            raise AssertionError("gunicorn did not answer within 30 s")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_procfile_command_serves_pages_and_downloads():
    with gunicorn() as url:
        page = requests.get(f"{url}/en/homicides", timeout=10)
        assert page.status_code == 200 and '<html lang="en">' in page.text
        assert requests.get(f"{url}/download/homicides_annual.csv", timeout=5).content.decode("utf-8-sig").startswith("year,homicides")
        layout = requests.get(f"{url}/_dash-layout", headers={"Accept-Encoding": "gzip"}, timeout=5)
        assert layout.headers.get("Content-Encoding") == "gzip"  # responses are compressed


def _republish(target: Path, edit) -> None:
    """What the publish step does: write a complete new folder beside it, then swap it in."""
    staging = target.with_name("staging")
    shutil.copytree(target, staging)
    edit(staging)
    replace_directory(staging, target)
    shutil.rmtree(staging)


def _homicides_2024(url: str) -> str:
    rows = requests.get(f"{url}/download/homicides_annual.csv", timeout=5).text.splitlines()
    return next(row for row in rows if row.startswith("2024,")).split(",")[1]


def test_a_republished_package_is_served_without_a_restart(tmp_path: Path):
    target = tmp_path / "published"
    shutil.copytree(PUBLISHED, target)

    def edit(staging: Path) -> None:
        path = staging / "homicides_annual.csv"
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        row = next(i for i, line in enumerate(lines) if line.startswith("2024,"))
        cells = lines[row].split(",")
        cells[2] = "1234"  # homicides in 2024
        lines[row] = ",".join(cells)
        path.write_text("".join(lines), encoding="utf-8")

    with gunicorn(PAZOS_DATA_DIR=str(target), PAZOS_RELOAD_INTERVAL="0", WEB_CONCURRENCY="2") as url:
        before = requests.get(f"{url}/healthz", timeout=5).json()["package_version"]
        assert _homicides_2024(url) != "1234"
        requests.get(f"{url}/", timeout=10)  # figures of the old package are now cached
        _republish(target, edit)
        for _ in range(6):  # either worker may answer: each must serve the new package
            assert _homicides_2024(url) == "1234"
            assert requests.get(f"{url}/healthz", timeout=5).json()["package_version"] != before

        # A broken republish is refused: the last good package stays on line.
        good = requests.get(f"{url}/healthz", timeout=5).json()["package_version"]
        _republish(target, lambda staging: (staging / "clusters.csv").write_text("nonsense\n", encoding="utf-8"))
        assert requests.get(f"{url}/healthz", timeout=5).json()["package_version"] == good
        assert _homicides_2024(url) == "1234"


def test_gunicorn_stops_with_the_validator_message_on_a_bad_package(tmp_path: Path):
    broken = tmp_path / "published"
    shutil.copytree(PUBLISHED, broken)
    (broken / "neighbourhoods.csv").unlink()
    env = {**os.environ, "PORT": str(_free_port()), "HOST": "127.0.0.1", "PAZOS_DATA_DIR": str(broken)}
    result = subprocess.run(_procfile_command(), cwd=REPO, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "neighbourhoods.csv" in result.stderr and "cannot start" in result.stderr
