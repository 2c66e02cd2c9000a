"""The Procfile's command serves the app under gunicorn, and refuses a bad package cleanly."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

from tests.conftest import PUBLISHED, REPO


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _procfile_command() -> list[str]:
    line = (REPO / "Procfile").read_text(encoding="utf-8").strip()
    assert line.startswith("web: gunicorn ")
    return [sys.executable, "-m", "gunicorn", *line.split()[2:]]


def test_procfile_command_serves_pages_and_downloads():
    port = _free_port()
    env = {**os.environ, "PORT": str(port), "HOST": "127.0.0.1", "WEB_CONCURRENCY": "1"}
    process = subprocess.Popen(_procfile_command(), cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                # The first request also builds Dash's validation layout from every page: allow it time.
                page = requests.get(f"{url}/en/homicides", timeout=60)
                break
            except requests.ConnectionError:
                time.sleep(0.2)
        else:
            raise AssertionError("gunicorn did not answer within 20 s")
        assert page.status_code == 200 and '<html lang="en">' in page.text
        assert requests.get(f"{url}/download/homicides_annual.csv", timeout=5).text.startswith("year,homicides")
        layout = requests.get(f"{url}/_dash-layout", headers={"Accept-Encoding": "gzip"}, timeout=5)
        assert layout.headers.get("Content-Encoding") == "gzip"  # responses are compressed
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_gunicorn_stops_with_the_validator_message_on_a_bad_package(tmp_path: Path):
    broken = tmp_path / "published"
    shutil.copytree(PUBLISHED, broken)
    (broken / "neighbourhoods.csv").unlink()
    env = {**os.environ, "PORT": str(_free_port()), "HOST": "127.0.0.1", "PAZOS_DATA_DIR": str(broken)}
    result = subprocess.run(_procfile_command(), cwd=REPO, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "neighbourhoods.csv" in result.stderr and "cannot start" in result.stderr
