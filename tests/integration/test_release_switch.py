"""A republish while requests run (issue 22): every answer belongs to one release. The API's rows
and its `package_version`, a published file and the `X-Package-Version` it is served with, the
package zip named after a version and what is inside it: each pair agrees, before, during and
after the switch, under two gunicorn workers reloading on their own."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import threading
import time
import zipfile
from pathlib import Path

import requests

from tests.conftest import PUBLISHED, REVISED_POPULATION_2024, republish, revise_population_2024
from tests.integration.test_gunicorn import _wait_until, _workers, gunicorn

ROWS = "/api/v1/datasets/homicides_annual?year=2024&geography=Palmira"
FILE = "/data/homicides_annual.csv"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_every_answer_during_a_republish_belongs_to_one_release(tmp_path: Path):
    target = tmp_path / "published"
    shutil.copytree(PUBLISHED, target)
    old_file = (target / "homicides_annual.csv").read_bytes()
    seen: list[tuple] = []
    errors: list[str] = []
    stop = threading.Event()

    with gunicorn(tmp_path / "gunicorn.log", PAZOS_DATA_DIR=str(target), PAZOS_RELOAD_INTERVAL="0", WEB_CONCURRENCY="2") as (url, master):
        _wait_until(lambda: len(_workers(master)) == 2, "two workers")
        old = requests.get(f"{url}/healthz", timeout=10).json()["package_version"]
        old_zip = f"/data/pazos-palmira-{old}.zip"

        def hammer() -> None:
            session = requests.Session()
            while not stop.is_set():
                try:
                    rows = session.get(url + ROWS, timeout=30).json()
                    seen.append(("rows", rows["dataset"]["package_version"], rows["data"][0]["population"]))
                    file = session.get(url + FILE, timeout=30)
                    seen.append(("file", file.headers["X-Package-Version"], _sha(file.content)))
                    archive = session.get(url + old_zip, timeout=30)
                    if archive.status_code == 200:
                        inside = zipfile.ZipFile(io.BytesIO(archive.content))
                        seen.append(("zip", archive.headers["X-Package-Version"], _sha(inside.read("homicides_annual.csv"))))
                    else:
                        seen.append(("zip-gone", archive.status_code, None))
                    seen.append(("health", session.get(url + "/healthz", timeout=30).json()["package_version"], None))
                except Exception as error:  # noqa: BLE001 - every failure is a finding
                    errors.append(repr(error))

        threads = [threading.Thread(target=hammer) for _ in range(4)]
        for thread in threads:
            thread.start()
        time.sleep(1.5)
        republish(target, revise_population_2024)
        new_file = (target / "homicides_annual.csv").read_bytes()
        _wait_until(lambda: sum(1 for kind, version, _ in seen[-40:] if kind == "health" and version != old) >= 8,
                    "the new release is served", seconds=90)
        time.sleep(1.0)
        stop.set()
        for thread in threads:
            thread.join(timeout=60)

    assert not errors, errors[:3]
    versions = {version for kind, version, _ in seen if kind in ("rows", "file", "health")}
    assert len(versions) == 2 and old in versions, versions  # the test saw both releases
    (new,) = versions - {old}
    population = {old: next(v for k, ver, v in seen if k == "rows" and ver == old), new: REVISED_POPULATION_2024}
    assert population[old] != REVISED_POPULATION_2024
    files = {old: _sha(old_file), new: _sha(new_file)}
    for kind, version, value in seen:
        if kind == "rows":
            assert value == population[version], (kind, version, value)
        elif kind in ("file", "zip"):
            assert value == files[version], (kind, version)
        if kind == "zip":
            assert version == old  # a zip named after a release holds that release
        if kind == "zip-gone":
            assert version == 404
    assert any(kind == "zip-gone" for kind, *_ in seen)  # once switched, the old name is gone
    assert json.loads((target / "datapackage.json").read_text(encoding="utf-8"))
