"""The command line and the app refuse a bad package with the validator's message, not a traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import reseal, PUBLISHED, REPO


@pytest.fixture
def broken_package(tmp_path: Path) -> Path:
    target = tmp_path / "published"
    shutil.copytree(PUBLISHED, target)
    csv = target / "clusters.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace(",21480,", ",-21480,"), encoding="utf-8")
    reseal(target, "clusters.csv")  # a consistent package whose content is wrong: the cell must be named
    return target


def _run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=REPO, env={**os.environ, **env}, capture_output=True, text=True, timeout=120
    )


def test_validate_accepts_the_shipped_package():
    result = _run(["-m", "pazos_dash.cli", "validate", str(PUBLISHED)])
    assert result.returncode == 0, result.stderr
    assert "valid data package" in result.stdout


def test_validate_names_file_row_and_column_and_fails(broken_package):
    result = _run(["-m", "pazos_dash.cli", "validate", str(broken_package)])
    assert result.returncode == 1
    assert "clusters.csv, row 2, column 'residents': expected a value >= 0, found '-21480'" in result.stderr


def test_app_refuses_to_start_on_an_invalid_package(broken_package):
    result = _run(["-c", "import app"], PAZOS_DATA_DIR=str(broken_package))
    assert result.returncode == 2
    assert "cannot start" in result.stderr
    assert "clusters.csv, row 2, column 'residents'" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_refuses_to_start_on_an_invalid_package(broken_package):
    result = _run(["-m", "pazos_dash.cli", "serve", "--port", "8999"], PAZOS_DATA_DIR=str(broken_package))
    assert result.returncode == 2
    assert "clusters.csv, row 2, column 'residents'" in result.stderr
    assert "Traceback" not in result.stderr


def test_publish_command_refuses_bad_records_and_leaves_the_package(tmp_path):
    raw = tmp_path / "raw"
    assert _run(["-m", "pazos_dash.cli", "demo-raw", str(raw), "--seed", "7"]).returncode == 0
    enrolments = raw / "enrolments.csv"
    lines = enrolments.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",prevention,", ",football,").replace(",intervention,", ",football,").replace(",disruption,", ",football,").replace(",safe_environments,", ",football,").replace(",access_to_justice,", ",football,")
    enrolments.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "published"
    shutil.copytree(PUBLISHED, out)
    result = _run(["-m", "pazos_dash.cli", "publish", str(raw), "--out", str(out)])
    assert result.returncode == 1
    assert "enrolments.csv, row 4, column 'component': expected one of" in result.stderr
    assert "unchanged" in result.stderr
    assert (out / "datapackage.json").read_bytes() == (PUBLISHED / "datapackage.json").read_bytes()


def test_publish_command_writes_a_valid_package(tmp_path):
    raw = tmp_path / "raw"
    assert _run(["-m", "pazos_dash.cli", "demo-raw", str(raw), "--seed", "7"]).returncode == 0
    out = tmp_path / "published"
    result = _run(["-m", "pazos_dash.cli", "publish", str(raw), "--out", str(out), "--k", "6"])
    assert result.returncode == 0, result.stderr
    assert "cells suppressed (k=6" in result.stdout
    assert _run(["-m", "pazos_dash.cli", "validate", str(out)]).returncode == 0


def test_serve_logs_every_request_once(tmp_path):
    """`pazos-dash serve` (README's first command): one access-log line per request, not the app's
    and the development server's both."""
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PAZOS_PORT": str(port), "PAZOS_HOST": "127.0.0.1", "PYTHONPATH": os.getcwd()}
    log = open(tmp_path / "serve.log", "w+")
    server = subprocess.Popen([sys.executable, "-m", "pazos_dash.cli", "serve"], env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz?probe=1", timeout=2).read()
                break
            except OSError:
                time.sleep(0.5)
        urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=5).read()
        time.sleep(0.5)
    finally:
        server.terminate()
        server.wait(timeout=10)
    lines = (tmp_path / "serve.log").read_text()
    assert sum("/robots.txt" in line for line in lines.splitlines()) == 1, lines
