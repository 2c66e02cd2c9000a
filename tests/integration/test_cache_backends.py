"""Each cache backend the settings offer, for real: in-process, a folder shared by the workers
of one machine, and a Redis server shared by several machines (Debian's redis-server, started
and stopped here). Two runtimes stand for two app instances: what one computes, the other reads."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time

import pytest
from plotly.io import to_json
from flask import Flask
from flask_caching import Cache

from pazos_dash.data.source import PackageSource
from pazos_dash.runtime import Runtime, cache_config
from pazos_dash.settings import Settings
from tests.conftest import PUBLISHED


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    server = shutil.which("redis-server")
    assert server, "redis-server is missing: scripts/test.sh installs Debian's redis-server"
    port = _free_port()
    workdir = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(workdir)],
        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
    )
    import redis

    client = redis.Redis(host="127.0.0.1", port=port)
    try:
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        else:
            raise AssertionError("redis-server did not answer within 5 s")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def _instance(settings: Settings) -> Runtime:
    """One app instance's runtime (a bare Flask app: Dash allows one app per process)."""
    cache = Cache(Flask(__name__), config=cache_config(settings))
    return Runtime(settings, PackageSource(settings.data_dir, settings.reload_interval), cache)


@pytest.fixture(params=["simple", "filesystem", "redis"])
def settings(request, tmp_path) -> Settings:
    extra = {}
    if request.param == "filesystem":
        extra["cache_dir"] = tmp_path / "cache"
    if request.param == "redis":
        extra["redis_url"] = request.getfixturevalue("redis_url")
    return Settings(data_dir=PUBLISHED, cache_type=request.param, **extra)


def test_the_backend_returns_what_was_computed(settings):
    runtime = _instance(settings)
    state = runtime.state("homicides_annual", {"measure": "rate_per_100k"})
    frame = runtime.frame(state)
    cached = runtime.cache.get(runtime._key(runtime.package, "frame", state))
    assert cached is not None and cached.equals(frame)
    figure = runtime.figure(state, "en")
    # what the backend holds, read back from it, not the same call made twice
    assert to_json(runtime.cache.get(runtime._key(runtime.package, "figure", state, "en"))) == to_json(figure)
    assert to_json(figure) != to_json(runtime.figure(runtime.state("homicides_annual"), "en"))  # the selection counts


@pytest.mark.parametrize("shared", ["filesystem", "redis"])
def test_a_shared_backend_serves_one_instance_what_another_computed(shared, tmp_path, request):
    extra = {"cache_dir": tmp_path / "cache"} if shared == "filesystem" else {"redis_url": request.getfixturevalue("redis_url")}
    settings = Settings(data_dir=PUBLISHED, cache_type=shared, **extra)
    first, second = _instance(settings), _instance(settings)
    figure = first.figure(first.state("youth_served"), "es")
    key = second._key(second.package, "figure", second.state("youth_served"), "es")
    assert to_json(second.cache.get(key)) == to_json(figure)  # computed by the first instance, read by the second


def test_redis_holds_the_entries_under_the_package_version(redis_url):
    import redis

    runtime = _instance(Settings(data_dir=PUBLISHED, cache_type="redis", redis_url=redis_url))
    runtime.figure(runtime.state("homicides_annual"), "es")
    keys = {key.decode() for key in redis.Redis.from_url(redis_url).keys("pazos:*")}
    assert any(key.startswith(f"pazos:figure:{runtime.package.version}:homicides_annual:es:") for key in keys)
