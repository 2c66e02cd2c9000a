"""The shared cache is an accelerator, never a dependency.

With `PAZOS_CACHE=redis` the app keeps figures, frames, callback answers, compressed bundles and
the package zip in Redis, so several machines share them. When Redis does not answer (down,
restarting, unreachable, out of memory), every read and write goes to an in-process cache
instead and the app computes what it needs, exactly as with `PAZOS_CACHE=simple`: no request
fails and none waits on a dead server, because after a failure Redis is not asked again for
`retry_interval` seconds; then the next request tries it once, and if it answers, it is used
again. The log says it once per outage, not per request: a warning when Redis stops answering,
a reminder every `log_interval` seconds while it stays down, and a line when it is back.

`PAZOS_CACHE=filesystem` degrades the same way (`FileSystemFallbackCache`): a cache directory that
cannot be created, is read-only or is on a full disk never stops the app from starting or a
request from being answered; the first write that fails logs one line, the first write that
works again logs one more. (flask-caching's own FileSystemCache raises at start-up when it
cannot create its directory, and logs a traceback for every read or write that fails.) Only a
write decides that the directory is back: a full disk still reads.

flask-caching itself lets a connection error through to the caller (a 500 on every request),
and redis-py retries a failed command three times with up to 10 s of back-off by default; here
the client fails fast (short socket timeouts, one immediate reconnect for a connection a Redis
restart has closed).
"""

from __future__ import annotations

import logging
import os
import struct
import tempfile
import threading
import time
from typing import Any, Callable
from urllib.parse import urlsplit, urlunsplit

from flask import Flask
from flask_caching.backends.base import BaseCache
from flask_caching.backends.filesystemcache import FileSystemCache
from flask_caching.backends.rediscache import RedisCache
from flask_caching.backends.simplecache import SimpleCache

log = logging.getLogger("pazos.cache")

RETRY_INTERVAL = 5.0  # seconds without asking a Redis that failed
LOG_INTERVAL = 60.0  # seconds between reminders that it is still down
CONNECT_TIMEOUT = 0.5  # seconds: Redis is on the same network
SOCKET_TIMEOUT = 2.0


def redacted(url: str) -> str:
    """A Redis URL without its password, for the log."""
    parts = urlsplit(url)
    if parts.password:
        host = parts.hostname or ""
        netloc = f"{parts.username or ''}:***@{host}" + (f":{parts.port}" if parts.port else "")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


class FallbackCache(BaseCache):
    """`primary` (a shared backend that can fail) with `fallback` (in-process) behind it."""

    def __init__(self, primary: BaseCache, fallback: BaseCache, *, name: str, errors: tuple[type[BaseException], ...],
                 retry_interval: float = RETRY_INTERVAL, log_interval: float = LOG_INTERVAL,
                 clock: Callable[[], float] = time.monotonic, probes: frozenset[str] | None = None):
        """`probes`: the methods that may find the primary working again during an outage (None:
        any); the others go to the fallback until one of them has."""
        super().__init__(default_timeout=getattr(primary, "default_timeout", 300))
        self.primary = primary
        self.fallback = fallback
        self.name = name
        self.errors = errors
        self.retry_interval = retry_interval
        self.log_interval = log_interval
        self.clock = clock
        self.probes = probes
        self._lock = threading.Lock()
        self._down_since: float | None = None  # start of the current outage
        self._retry_at = 0.0
        self._reminded_at = 0.0
        self._missed = 0  # calls answered by the fallback during this outage

    @classmethod
    def factory(cls, app: Flask, config: dict[str, Any], args: list[Any], kwargs: dict[str, Any]) -> "FallbackCache":
        """flask-caching's entry point (`CACHE_TYPE = "pazos_dash.cache.FallbackCache"`): Redis at
        `CACHE_REDIS_URL` with the in-process cache behind it."""
        import redis
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        url = config["CACHE_REDIS_URL"]
        client = redis.Redis.from_url(url, socket_connect_timeout=CONNECT_TIMEOUT, socket_timeout=SOCKET_TIMEOUT,
                                      retry=Retry(NoBackoff(), 1))
        timeout = kwargs.get("default_timeout", config.get("CACHE_DEFAULT_TIMEOUT", 300))
        primary = RedisCache(host=client, key_prefix=config.get("CACHE_KEY_PREFIX") or None, default_timeout=timeout)
        fallback = SimpleCache(threshold=config.get("CACHE_THRESHOLD", 500), default_timeout=timeout)
        return cls(primary, fallback, name=f"redis {redacted(url)}", errors=(redis.RedisError,),
                   retry_interval=float(config.get("PAZOS_CACHE_RETRY_INTERVAL", RETRY_INTERVAL)),
                   log_interval=float(config.get("PAZOS_CACHE_LOG_INTERVAL", LOG_INTERVAL)))

    @property
    def available(self) -> bool:
        """Whether the shared backend is in use (False during an outage)."""
        return self._down_since is None

    def _call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        now = self.clock()
        if self._down_since is not None and (now < self._retry_at or (self.probes is not None and method not in self.probes)):
            return self._missing(method, now, *args, **kwargs)
        try:
            result = getattr(self.primary, method)(*args, **kwargs)
        except self.errors as error:
            self._failed(error, now)
            return self._missing(method, now, *args, **kwargs)
        if self._down_since is not None:
            self._recovered(now)
        return result

    def _missing(self, method: str, now: float, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            self._missed += 1
            remind = self._down_since is not None and now - self._reminded_at >= self.log_interval
            if remind:
                self._reminded_at = now
        if remind:
            log.warning("cache still unreachable", extra={"fields": {
                "event": "cache_still_unreachable", "backend": self.name, "down_s": round(now - (self._down_since or now), 1),
                "answered_without_it": self._missed,
                "message": f"{self.name} still does not answer; pages are computed in this process"}})
        return getattr(self.fallback, method)(*args, **kwargs)

    def _failed(self, error: BaseException, now: float) -> None:
        with self._lock:
            first = self._down_since is None
            if first:
                self._down_since = self._reminded_at = now
                self._missed = 0
            self._retry_at = now + self.retry_interval
        if first:
            log.warning("cache unreachable", extra={"fields": {
                "event": "cache_unreachable", "backend": self.name, "error": f"{type(error).__name__}: {error}",
                "retry_every_s": self.retry_interval,
                "message": (f"{self.name} does not answer; serving from an in-process cache and computing what it "
                            f"lacks; trying it again every {self.retry_interval:g} s")}})

    def _recovered(self, now: float) -> None:
        with self._lock:
            if self._down_since is None:
                return
            down, missed = now - self._down_since, self._missed
            self._down_since = None
        log.info("cache reachable again", extra={"fields": {
            "event": "cache_reachable", "backend": self.name, "down_s": round(down, 1), "answered_without_it": missed,
            "message": f"{self.name} answers again and is used again"}})

    # The cache interface, each call through _call.
    def get(self, key: str) -> Any:
        return self._call("get", key)

    def set(self, key: str, value: Any, timeout: int | None = None) -> Any:
        return self._call("set", key, value, timeout)

    def add(self, key: str, value: Any, timeout: int | None = None) -> Any:
        return self._call("add", key, value, timeout)

    def delete(self, key: str) -> Any:
        return self._call("delete", key)

    def has(self, key: str) -> Any:
        return self._call("has", key)

    def get_many(self, *keys: str) -> Any:
        return self._call("get_many", *keys)

    def get_dict(self, *keys: str) -> Any:
        return self._call("get_dict", *keys)

    def set_many(self, mapping: dict[str, Any], timeout: int | None = None) -> Any:
        return self._call("set_many", mapping, timeout)

    def delete_many(self, *keys: str) -> Any:
        return self._call("delete_many", *keys)

    def clear(self) -> Any:
        self.fallback.clear()
        return self._call("clear")

    def inc(self, key: str, delta: int = 1) -> Any:
        return self._call("inc", key, delta)

    def dec(self, key: str, delta: int = 1) -> Any:
        return self._call("dec", key, delta)


WRITES = frozenset({"set", "add", "set_many", "inc", "dec"})


class _StrictFileSystemCache(FileSystemCache):
    """flask-caching's FileSystemCache, but a read or write that fails raises OSError (to the
    fallback) instead of logging a traceback and answering None or False."""

    def get(self, key: str) -> Any:
        try:
            with open(self._get_filename(key), "rb") as f:
                expires = struct.unpack("I", f.read(4))[0]
                if expires == 0 or expires >= time.time():
                    return self.serializer.load(f)
        except FileNotFoundError:
            return None
        except (EOFError, struct.error, ValueError):  # a file cut short: a miss
            return None
        return None

    def has(self, key: str) -> bool:
        return self.get(key) is not None

    def set(self, key: str, value: Any, timeout: Any = None, mgmt_element: bool = False) -> bool:
        if not mgmt_element:
            self._prune()
        expires = self._normalize_timeout(0 if mgmt_element else timeout)
        filename = self._get_filename(key)
        overwrite = os.path.isfile(filename)
        fd, tmp = tempfile.mkstemp(suffix=self._fs_transaction_suffix, dir=self._path)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(struct.pack("I", expires))
                self.serializer.dump(value, f)
            os.replace(tmp, filename)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
        if not overwrite and not mgmt_element:
            self._update_count(delta=1)
        return True

    def delete(self, key: str, mgmt_element: bool = False) -> bool:
        try:
            os.remove(self._get_filename(key))
        except FileNotFoundError:
            return True
        if not mgmt_element:
            self._update_count(delta=-1)
        return True


class _Directory(BaseCache):
    """The strict filesystem cache, created on first use and again after a failure (a directory
    that cannot be created at start-up may be creatable later)."""

    def __init__(self, directory: str, threshold: int, default_timeout: int, hash_method: Any):
        super().__init__(default_timeout=default_timeout)
        self._args = dict(cache_dir=directory, threshold=threshold, default_timeout=default_timeout, hash_method=hash_method)
        self._cache: _StrictFileSystemCache | None = None

    def _inner(self) -> _StrictFileSystemCache:
        if self._cache is None:
            self._cache = _StrictFileSystemCache(**self._args)
        return self._cache

    def _forward(name: str):  # type: ignore[misc]
        def method(self: "_Directory", *args: Any, **kwargs: Any) -> Any:
            try:
                return getattr(self._inner(), name)(*args, **kwargs)
            except OSError:
                self._cache = None if name in WRITES else self._cache
                raise
        method.__name__ = name
        return method

    for _name in ("get", "set", "add", "delete", "has", "get_many", "get_dict", "set_many", "delete_many", "clear", "inc", "dec"):
        locals()[_name] = _forward(_name)
    del _name, _forward


class FileSystemFallbackCache(FallbackCache):
    @classmethod
    def factory(cls, app: Flask, config: dict[str, Any], args: list[Any], kwargs: dict[str, Any]) -> "FallbackCache":
        """flask-caching's entry point (`CACHE_TYPE = "pazos_dash.cache.FileSystemFallbackCache"`):
        files in `CACHE_DIR` with the in-process cache behind them."""
        import hashlib

        directory = str(config["CACHE_DIR"])
        timeout = kwargs.get("default_timeout", config.get("CACHE_DEFAULT_TIMEOUT", 300))
        threshold = config.get("CACHE_THRESHOLD", 500)
        primary = _Directory(directory, threshold, timeout, config.get("CACHE_FILE_HASH_METHOD", hashlib.md5))
        fallback = SimpleCache(threshold=threshold, default_timeout=timeout)
        return cls(primary, fallback, name=f"filesystem cache {directory}", errors=(OSError,), probes=WRITES,
                   retry_interval=float(config.get("PAZOS_CACHE_RETRY_INTERVAL", RETRY_INTERVAL)),
                   log_interval=float(config.get("PAZOS_CACHE_LOG_INTERVAL", LOG_INTERVAL)))
