"""The published package as a running app sees it: loaded once, replaced when a publish replaces it.

The publish step swaps the whole folder in one rename, so a changed `datapackage.json`
(another inode, size or modification time) means a new package. A background thread notices
it and validates the new package; only then does `current()` hand it out, so no request ever
waits for a load. If it does not validate, the app keeps serving the last good package and
logs the validator's message once. Cache keys carry the package version, so nothing
computed from the old package is served after the switch.

The thread starts on the first `current()` call in a process. A thread does not survive a
fork: under gunicorn's `preload_app` the master loads the package, starts watching (so a
worker forked later, e.g. to replace a recycled one, starts from the newest package) and
forks its workers, each of which starts its own watcher as it is forked.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import weakref
from pathlib import Path
from typing import Callable

from .package import DESCRIPTOR, DataError, DataPackage, load_package

log = logging.getLogger("pazos.data")

MIN_INTERVAL = 0.05  # seconds: `PAZOS_RELOAD_INTERVAL=0` polls this often rather than spinning

# Guards starting a watcher. A lock held by another thread at fork time stays locked in the
# child, so each new process gets a fresh one.
_start_lock = threading.Lock()
_watched: "weakref.WeakSet[PackageSource]" = weakref.WeakSet()


def _watch_in_child() -> None:
    """Right after a fork (a gunicorn worker), watch what the parent watched: a worker that has
    not served a request yet must not wake up with a package older than the interval."""
    global _start_lock
    _start_lock = threading.Lock()
    for source in list(_watched):
        source._start_watcher()


os.register_at_fork(after_in_child=_watch_in_child)


def _signature(directory: Path) -> tuple[int, int, int] | None:
    try:
        stat = os.stat(directory / DESCRIPTOR)
    except OSError:
        return None
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


class PackageSource:
    """Hands out the last good package; a daemon thread per process checks for a new one every
    `interval` seconds."""

    def __init__(self, directory: Path | str, interval: float = 2.0, package: DataPackage | None = None,
                 load: Callable[[Path], DataPackage] | None = None):
        """`load` reads and validates a package, raising DataError (the app passes one that also
        runs the disclosure audit: a package that would reveal a small count is never served)."""
        self.directory = Path(directory)
        self.interval = max(interval, MIN_INTERVAL)
        self._load = load or (lambda folder: load_package(folder))  # looked up at call time
        self._signature = _signature(self.directory)
        self._package = package if package is not None else self._load(self.directory)
        self._watcher_pid: int | None = None  # the process whose watcher thread runs

    def current(self) -> DataPackage:
        if self._watcher_pid != os.getpid():
            self._start_watcher()
        return self._package

    def _start_watcher(self) -> None:
        with _start_lock:
            if self._watcher_pid == os.getpid():
                return
            self._watcher_pid = os.getpid()
            _watched.add(self)
            threading.Thread(target=_watch, args=(weakref.ref(self), self.interval),
                             name="pazos-package-watch", daemon=True).start()

    def check(self) -> None:
        """Replace the package if a valid new one was published (run by the watcher thread)."""
        signature = _signature(self.directory)
        if signature is None or signature == self._signature:
            return
        self._signature = signature
        try:
            package = self._load(self.directory)
        except DataError as error:
            log.error("republished package refused by process %d, still serving %s: %s",
                      os.getpid(), self._package.version, error)
            return
        if package.version != self._package.version:
            log.info("republished package %s served by process %d (was %s)", package.version, os.getpid(), self._package.version)
        self._package = package


def _watch(source_ref: "weakref.ref[PackageSource]", interval: float) -> None:
    """Poll until the source is gone (a weak reference, so an app built in a test can be freed)."""
    while True:
        time.sleep(interval)
        source = source_ref()
        if source is None:
            return
        try:
            source.check()
        except Exception:  # a watcher that dies silently would freeze the package: log and go on
            log.exception("checking for a republished package failed")
        del source
