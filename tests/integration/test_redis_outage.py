"""The shared cache is an accelerator, never a dependency: a real `redis-server` (Debian's, as in
test_cache_backends.py) is down when gunicorn starts, comes up, is killed while pages, a script
bundle, a callback and downloads are loaded without pause, and comes back. No request fails;
the log says each outage once, not once per request; Redis is used again once it answers."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import threading
import time
from pathlib import Path

import requests

from tests.integration.test_gunicorn import _free_port, gunicorn


class RedisServer:
    """One redis-server on a fixed loopback port, stopped and started at will (no persistence:
    a restarted server is empty, as after a crash)."""

    def __init__(self, port: int, workdir: Path):
        self.port = port
        self.workdir = workdir
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        server = shutil.which("redis-server")
        assert server, "redis-server is missing: scripts/test.sh installs Debian's redis-server"
        self.process = subprocess.Popen(
            [server, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.workdir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 10
        while not self.answers():
            if time.monotonic() > deadline:
                raise AssertionError("redis-server did not answer within 10 s")
            time.sleep(0.05)

    def client(self):
        import redis

        return redis.Redis(host="127.0.0.1", port=self.port, socket_connect_timeout=1)

    def answers(self) -> bool:
        import redis

        try:
            return bool(self.client().ping())
        except redis.ConnectionError:
            return False

    def keys(self) -> list[str]:
        import redis

        try:
            return [key.decode() for key in self.client().keys("pazos:*")]
        except redis.ConnectionError:
            return []

    def kill(self) -> None:
        """As a crash: SIGKILL, connections dropped mid-stream."""
        assert self.process is not None
        self.process.kill()
        self.process.wait(timeout=10)
        self.process = None

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


def _callback_body(url: str) -> dict:
    """What the browser posts when a reader switches the homicide chart to rates, built from the
    app's own callback list as the browser builds it."""
    dependencies = requests.get(f"{url}/_dash-dependencies", timeout=10).json()
    callback = next(c for c in dependencies if "graph-homicides_annual.figure" in c["output"])
    outputs = [{"id": part.rsplit(".", 1)[0], "property": part.rsplit(".", 1)[1]} for part in callback["output"][2:-2].split("...")]
    return {
        "output": callback["output"],
        "outputs": outputs,
        # every control the callback listens to, as the browser sends them: the measure switched,
        # the others (the year range) left as they were drawn
        "inputs": [{**control, "value": "rate_per_100k" if control["id"] == "homicides_annual-measure" else None}
                   for control in callback["inputs"]],
        "state": [{"id": "page-lang", "property": "data", "value": "en"}],
        "changedPropIds": ["homicides_annual-measure.value"],
    }


class Load:
    """Every kind of request a visitor makes, each checked for what a visitor would see."""

    def __init__(self, url: str):
        self.url = url
        page = requests.get(f"{url}/en/homicides", timeout=30).text
        self.bundle = re.search(r'src="(/_dash-component-suites/dash/html/dash_html_components[^"]*)"', page).group(1)
        self.body = _callback_body(url)
        health = requests.get(f"{url}/healthz", timeout=10).json()
        self.zip = f"/data/pazos-palmira-{health['package_version']}.zip"
        self.requests = 0
        self.failures: list[str] = []

    def _check(self, what: str, response: requests.Response, ok) -> None:
        self.requests += 1
        if response.status_code != 200 or not ok(response):
            self.failures.append(f"{what}: HTTP {response.status_code} {response.text[:120]!r}")

    def once(self) -> None:
        get = lambda path, **kw: requests.get(self.url + path, timeout=30, **kw)  # noqa: E731
        try:
            self._check("/", get("/"), lambda r: '<html lang="es">' in r.text)
            self._check("/en/homicides", get("/en/homicides"), lambda r: '<html lang="en">' in r.text)
            self._check("bundle", get(self.bundle, headers={"Accept-Encoding": "br"}),
                        lambda r: b"dash_html_components" in r.content)
            self._check("callback", requests.post(f"{self.url}/_dash-update-component", json=self.body, timeout=30),
                        lambda r: '"graph-homicides_annual"' in r.text and "rate_per_100k" in r.text)
            self._check("csv", get("/download/homicides_annual.csv"),
                        lambda r: r.content.decode("utf-8-sig").startswith("Año,Homicidios"))
            self._check("xlsx", get("/download/homicides_annual.xlsx?lang=en"), lambda r: r.content[:2] == b"PK")
            self._check("zip", get(self.zip), lambda r: r.content[:2] == b"PK")
        except requests.RequestException as error:
            self.failures.append(f"no answer: {error}")

    def for_seconds(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.once()


def _events(log: Path, event: str) -> list[dict]:
    lines = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines() if line.startswith("{")]
    return [line for line in lines if line.get("event") == event]


def _until(condition, what: str, load: Load, seconds: float = 40) -> None:
    """Keep loading until `condition` holds (bounded)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {seconds} s: {what}")
        load.once()


def test_no_request_fails_while_redis_is_down_at_start_or_mid_run(tmp_path: Path):
    redis_server = RedisServer(_free_port(), tmp_path)
    log = tmp_path / "gunicorn.log"
    environ = {"PAZOS_CACHE": "redis", "PAZOS_REDIS_URL": f"redis://127.0.0.1:{redis_server.port}/0", "WEB_CONCURRENCY": "1"}
    try:
        # 1. Redis is down before the start: the app starts (its warm-up included) and serves.
        with gunicorn(log, **environ) as (url, _):
            load = Load(url)
            load.for_seconds(3)
            assert load.failures == [], load.failures[:5]
            assert len(_events(log, "cache_unreachable")) == 1, "the outage is logged once, not per request"
            assert redis_server.keys() == []

            # 2. Redis comes up: it is used again (the app writes its entries there).
            redis_server.start()
            _until(lambda: any(key.startswith("pazos:response:") for key in redis_server.keys()), "Redis holds callback answers", load)
            assert _events(log, "cache_reachable"), "the return is logged"

            # 3. Redis dies while a reader keeps loading everything, then comes back.
            during = Load(url)
            stop = threading.Event()

            def keep_loading() -> None:
                while not stop.is_set():
                    during.once()

            reader = threading.Thread(target=keep_loading, daemon=True)
            reader.start()
            try:
                time.sleep(1)
                before = during.requests
                redis_server.kill()
                time.sleep(4)
                assert during.requests - before > 14, "requests went on during the outage"
                redis_server.start()
                _until(lambda: len(redis_server.keys()) > 0, "Redis is used again after its restart", load)
            finally:
                stop.set()
                reader.join(timeout=60)
            load.once()

            failures = load.failures + during.failures
            assert failures == [], failures[:5]
            assert len(_events(log, "cache_unreachable")) == 2, "one line per outage (at start, mid-run)"
            assert len(_events(log, "cache_reachable")) == 2
            assert "Traceback" not in log.read_text(encoding="utf-8")
    finally:
        redis_server.stop()
