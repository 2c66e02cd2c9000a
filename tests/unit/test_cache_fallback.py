"""The shared cache's fallback, on a clock the test moves: a failing backend is not asked again
for the retry interval, the outage is logged once (and reminded once per log interval, however
many requests), and the backend is used again once it answers. The same class against a real
Redis is tests/integration/test_redis_outage.py."""

from __future__ import annotations

import json
import logging

import pytest
from flask_caching.backends.simplecache import SimpleCache

from pazos_dash.cache import FallbackCache, redacted
from pazos_dash.runtime import cache_config
from pazos_dash.settings import Settings
from pazos_dash.web.observability import JsonFormatter


class Down(ConnectionError):
    pass


class Flaky(SimpleCache):
    """A shared backend that can be switched off; counts the calls that reached it."""

    def __init__(self):
        super().__init__()
        self.up = True
        self.calls = 0

    def get(self, key):
        self.calls += 1
        if not self.up:
            raise Down("connection refused")
        return super().get(key)

    def set(self, key, value, timeout=None):
        self.calls += 1
        if not self.up:
            raise Down("connection refused")
        return super().set(key, value, timeout)


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def setup():
    primary, clock = Flaky(), Clock()
    cache = FallbackCache(primary, SimpleCache(), name="redis test", errors=(Down,), retry_interval=5, log_interval=60, clock=clock)
    lines: list[dict] = []

    class Collect(logging.Handler):
        def emit(self, record):
            lines.append(json.loads(JsonFormatter().format(record)))

    handler = Collect()
    logger = logging.getLogger("pazos.cache")
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.INFO)
    yield cache, primary, clock, lines
    logger.removeHandler(handler)
    logger.setLevel(level)


def test_an_outage_is_answered_from_the_process_and_logged_once(setup):
    cache, primary, clock, lines = setup
    cache.set("a", 1)
    assert cache.get("a") == 1 and primary.get("a") == 1  # shared while it answers

    primary.up = False
    assert cache.get("a") is None  # a miss: the caller computes
    cache.set("a", 2)
    assert cache.get("a") == 2  # kept in the process meanwhile
    calls = primary.calls
    for _ in range(200):  # many requests within the retry interval: the dead backend is not asked again
        cache.get("b")
        clock.now += 0.01
    assert primary.calls == calls
    assert [line["event"] for line in lines] == ["cache_unreachable"]
    assert not cache.available

    clock.now += 5  # the retry interval has passed: one request tries it, fails, and waits again
    cache.get("a")
    assert primary.calls == calls + 1
    assert [line["event"] for line in lines] == ["cache_unreachable"]  # not a line per try

    clock.now += 60  # still down after the log interval: one reminder, with how much was answered without it
    for _ in range(50):
        cache.get("a")
    assert [line["event"] for line in lines] == ["cache_unreachable", "cache_still_unreachable"]
    assert lines[-1]["answered_without_it"] > 50

    primary.up = True
    clock.now += 5
    cache.set("c", 3)
    assert primary.get("c") == 3 and cache.available  # used again as soon as it answers
    assert lines[-1]["event"] == "cache_reachable" and lines[-1]["down_s"] >= 70
    assert len(lines) == 3


def test_a_second_outage_is_logged_again(setup):
    cache, primary, clock, lines = setup
    for _ in range(2):
        primary.up = False
        cache.get("x")
        clock.now += 6
        primary.up = True
        cache.get("x")
        clock.now += 1
    assert [line["event"] for line in lines] == ["cache_unreachable", "cache_reachable"] * 2


def test_redis_settings_use_the_fallback_and_the_log_hides_a_password():
    config = cache_config(Settings(cache_type="redis", redis_url="redis://cache.example:6380/1"))
    assert config["CACHE_TYPE"] == "pazos_dash.cache.FallbackCache"
    assert redacted("redis://user:s3cret@cache.example:6380/1") == "redis://user:***@cache.example:6380/1"
    assert redacted("redis://cache.example:6380/1") == "redis://cache.example:6380/1"


def test_a_redis_that_is_not_there_does_not_hold_a_request(tmp_path):
    """The real factory against a closed port: a miss at once (no retries with back-off), then
    the in-process cache; nothing raised."""
    import socket
    import time

    from flask import Flask
    from flask_caching import Cache

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    cache = Cache(Flask(__name__), config=cache_config(Settings(cache_type="redis", redis_url=f"redis://127.0.0.1:{port}/0")))
    started = time.monotonic()
    assert cache.get("k") is None
    cache.set("k", "v")
    assert cache.get("k") == "v"
    assert time.monotonic() - started < 2
    assert not cache.cache.available


def test_a_filesystem_cache_that_cannot_be_created_or_written_degrades_like_redis(tmp_path, setup):
    """PAZOS_CACHE=filesystem on a directory that cannot be made (a file where a folder should be):
    the cache starts, answers from the process, logs one line; once the directory can be made,
    the next write uses it again and logs one more. Nothing raised, no traceback per call."""
    from flask import Flask
    from flask_caching import Cache

    _, _, _, lines = setup  # the log collector
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    config = cache_config(Settings(cache_type="filesystem", cache_dir=blocker / "cache"))
    assert config["CACHE_TYPE"] == "pazos_dash.cache.FileSystemFallbackCache"
    config["PAZOS_CACHE_RETRY_INTERVAL"] = 0
    cache = Cache(Flask(__name__), config=config)
    for n in range(300):
        assert cache.get(f"k{n}") is None
        cache.set(f"k{n}", n)
        assert cache.get(f"k{n}") == n  # from the process meanwhile
    assert [line["event"] for line in lines] == ["cache_unreachable"]
    assert "not-a-folder" in lines[0]["backend"]

    blocker.unlink()  # the disk is usable again
    cache.set("back", 1)
    assert [line["event"] for line in lines] == ["cache_unreachable", "cache_reachable"]
    assert (blocker / "cache").is_dir() and len(list((blocker / "cache").iterdir())) >= 1
    assert cache.get("back") == 1


def test_a_filesystem_cache_on_a_file_keeps_serving(tmp_path, setup, caplog):
    """The directory is a file (so every write fails): answers come from the process, one line logged."""
    from flask import Flask
    from flask_caching import Cache

    _, _, _, lines = setup
    target = tmp_path / "cache"
    target.write_text("")
    cache = Cache(Flask(__name__), config=cache_config(Settings(cache_type="filesystem", cache_dir=target)))
    with caplog.at_level(logging.WARNING):
        for n in range(100):
            cache.set("k", n)
            assert cache.get("k") == n
    assert len(lines) == 1
    assert not [record for record in caplog.records if record.exc_info]  # no traceback per call
