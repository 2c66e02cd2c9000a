"""The Procfile's command serves the app under gunicorn, and refuses a bad package cleanly."""

from __future__ import annotations

import os
import shutil
import socket
import re
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import requests

from tests.conftest import PUBLISHED, REPO, REVISED_POPULATION_2024, break_clusters, republish, revise_population_2024


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _procfile_command() -> list[str]:
    line = (REPO / "Procfile").read_text(encoding="utf-8").strip()
    assert line.startswith("web: gunicorn ")
    return [sys.executable, "-m", "gunicorn", *line.split()[2:]]


class Server(NamedTuple):
    url: str
    pid: int  # gunicorn's master


@contextmanager
def gunicorn(log: Path | None = None, **environ: str):
    """The Procfile's command on a free loopback port; yields it once it answers. The server's
    own log (stderr) goes to `log` if given."""
    port = _free_port()
    env = {**os.environ, "PORT": str(port), "HOST": "127.0.0.1", "WEB_CONCURRENCY": "1", **environ}
    stderr = log.open("w", encoding="utf-8") if log else subprocess.DEVNULL
    process = subprocess.Popen(_procfile_command(), cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
    try:
        url = f"http://127.0.0.1:{port}"
        # Start-up warms every page and reads (or, the first time, draws) the charts' pictures
        # (web/pictures.py): 25-35 s on a busy 2-core machine.
        for _ in range(900):
            try:
                requests.get(f"{url}/healthz", timeout=60)
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        else:
            raise AssertionError("gunicorn did not answer within 90 s")
        yield Server(url, process.pid)
    finally:
        process.terminate()
        process.wait(timeout=30)
        if log:
            stderr.close()


def test_procfile_command_serves_pages_and_downloads():
    with gunicorn() as (url, _):
        page = requests.get(f"{url}/en/homicides", timeout=10)
        assert page.status_code == 200 and '<html lang="en">' in page.text
        assert requests.get(f"{url}/download/homicides_annual.csv", timeout=5).content.decode("utf-8-sig").startswith("Año,Homicidios")
        layout = requests.get(f"{url}/_dash-layout", headers={"Accept-Encoding": "gzip"}, timeout=5)
        assert layout.headers.get("Content-Encoding") == "gzip"  # responses are compressed


def _population_2024(url: str) -> str:
    rows = requests.get(f"{url}/download/homicides_annual.csv", timeout=5).text.splitlines()
    return next(row for row in rows if row.startswith("2024,")).split(",")[2]


def _workers(master: int) -> set[int]:
    """The processes gunicorn's master has forked (Linux /proc)."""
    children = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()  # after "pid (name)": state, ppid, ...
        except (OSError, IndexError):
            continue
        if int(fields[1]) == master:
            children.add(int(stat.parent.name))
    return children


def _wait_until(condition, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {seconds} s: {what}")
        time.sleep(0.05)


def _logged_by(log: Path, pattern: str) -> set[int]:
    """The processes named by `pattern`'s group in the log (the package source names its process)."""
    return {int(pid) for pid in re.findall(pattern, log.read_text(encoding="utf-8"))}


def test_a_republished_package_is_served_without_a_restart(tmp_path: Path):
    target = tmp_path / "published"
    shutil.copytree(PUBLISHED, target)
    log = tmp_path / "gunicorn.log"

    with gunicorn(log, PAZOS_DATA_DIR=str(target), PAZOS_RELOAD_INTERVAL="0", WEB_CONCURRENCY="2") as (url, master):
        _wait_until(lambda: len(_workers(master)) == 2, "gunicorn has forked its two workers")
        workers = _workers(master)
        before = requests.get(f"{url}/healthz", timeout=5).json()["package_version"]
        assert _population_2024(url) != str(REVISED_POPULATION_2024)
        requests.get(f"{url}/", timeout=10)  # figures of the old package are now cached
        republish(target, revise_population_2024)
        # Each worker reloads in its own background thread (a thread of the preloading master
        # does not survive the fork): wait until both have, then either may answer.
        _wait_until(lambda: workers <= _logged_by(log, r"served by process (\d+)"), "both workers serve the new package")
        for _ in range(6):
            assert _population_2024(url) == str(REVISED_POPULATION_2024)
            assert requests.get(f"{url}/healthz", timeout=5).json()["package_version"] != before

        # A broken republish is refused: the last good package stays on line.
        good = requests.get(f"{url}/healthz", timeout=5).json()["package_version"]
        republish(target, break_clusters)
        _wait_until(lambda: workers <= _logged_by(log, r"refused by process (\d+)"), "both workers refuse it")
        for _ in range(6):
            assert requests.get(f"{url}/healthz", timeout=5).json()["package_version"] == good
            assert _population_2024(url) == str(REVISED_POPULATION_2024)


def test_gunicorn_stops_with_the_validator_message_on_a_bad_package(tmp_path: Path):
    broken = tmp_path / "published"
    shutil.copytree(PUBLISHED, broken)
    (broken / "neighbourhoods.csv").unlink()
    env = {**os.environ, "PORT": str(_free_port()), "HOST": "127.0.0.1", "PAZOS_DATA_DIR": str(broken)}
    result = subprocess.run(_procfile_command(), cwd=REPO, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "neighbourhoods.csv" in result.stderr and "cannot start" in result.stderr
