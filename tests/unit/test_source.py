"""A republished package is picked up in the background: no request waits for a load, a broken
republish is refused, and each forked process watches for itself."""

from __future__ import annotations

import logging
import os
import shutil
import threading
import time
from pathlib import Path

import pytest

from pazos_dash.data import source as source_module
from pazos_dash.data.source import PackageSource
from tests.conftest import PUBLISHED, REVISED_POPULATION_2024, break_clusters, republish, revise_population_2024

DEADLINE = 30  # seconds: a load validates the whole package, and the machine may be busy


def _wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + DEADLINE
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {DEADLINE} s: {what}")
        time.sleep(0.02)


@pytest.fixture
def published(tmp_path: Path) -> Path:
    target = tmp_path / "published"
    shutil.copytree(PUBLISHED, target)
    return target


def test_a_republish_is_loaded_in_the_background_and_never_inside_a_request(published, monkeypatch):
    loads: list[str] = []
    real_load = source_module.load_package

    def recording_load(directory):
        loads.append(threading.current_thread().name)
        return real_load(directory)

    monkeypatch.setattr(source_module, "load_package", recording_load)
    source = PackageSource(published, interval=0)
    first = source.current()
    republish(published, revise_population_2024)
    _wait_for(lambda: source.current().version != first.version, "the new package is served")
    assert loads[0] == threading.current_thread().name  # the start-up load
    assert loads[1:] and threading.current_thread().name not in loads[1:], loads
    assert REVISED_POPULATION_2024 in source.current().resources["homicides_annual"].frame["population"].tolist()


def test_a_broken_republish_is_refused_and_the_last_good_package_stays(published, caplog):
    source = PackageSource(published, interval=0)
    good = source.current()
    with caplog.at_level(logging.ERROR, logger="pazos.data"):
        republish(published, break_clusters)
        _wait_for(lambda: "republished package refused" in caplog.text, "the refusal is logged")
    assert "clusters.csv" in caplog.text
    assert source.current() is good


@pytest.mark.skipif(not hasattr(os, "fork"), reason="gunicorn's preload + fork is POSIX only")
def test_a_forked_process_watches_on_its_own(published):
    """gunicorn's preload: the master loads the package (its watcher thread starts) and forks
    the workers, where that thread does not exist. Each worker must still see a republish."""
    source = PackageSource(published, interval=0)
    first = source.current()  # the watcher runs in this process
    pid = os.fork()
    if pid == 0:  # the worker: no exception may escape into pytest's copy of itself
        code = 1
        try:
            deadline = time.monotonic() + DEADLINE
            while time.monotonic() < deadline:
                if source.current().version != first.version:
                    code = 0
                    break
                time.sleep(0.02)
        finally:
            os._exit(code)
    republish(published, revise_population_2024)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, "the forked process kept serving the old package"


def test_a_package_s_files_are_its_own_release_after_a_republish(published):
    """The loaded package reads its files from a snapshot: a republish changes what the folder's
    path names, never the files of the package still being served (issue 22)."""
    source = PackageSource(published, interval=0)
    first = source.current()
    assert first.directory != published and first.directory.name.startswith(f"{os.getpid()}@")
    before = (first.directory / "homicides_annual.csv").read_bytes()
    assert before == (published / "homicides_annual.csv").read_bytes()
    republish(published, revise_population_2024)
    _wait_for(lambda: source.current().version != first.version, "the new package is served")
    assert (first.directory / "homicides_annual.csv").read_bytes() == before  # the old release, whole
    assert (source.current().directory / "homicides_annual.csv").read_bytes() == (published / "homicides_annual.csv").read_bytes() != before
