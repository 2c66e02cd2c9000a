"""The published package as a running app sees it: loaded once, replaced when a publish replaces it.

The publish step swaps the whole folder in one rename, so a changed `datapackage.json`
(another inode, size or modification time) means a new package. The new one is validated
before it is served; if it does not validate, the app keeps serving the last good package
and logs the validator's message once. Cache keys carry the package version, so nothing
computed from the old package is served after the switch.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path

from .package import DESCRIPTOR, DataError, DataPackage, load_package

log = logging.getLogger("pazos.data")


def _signature(directory: Path) -> tuple[int, int, int] | None:
    try:
        stat = os.stat(directory / DESCRIPTOR)
    except OSError:
        return None
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


class PackageSource:
    """Hands out the current package; checks for a new one at most every `interval` seconds."""

    def __init__(self, directory: Path | str, interval: float = 2.0, package: DataPackage | None = None):
        self.directory = Path(directory)
        self.interval = interval
        self._lock = threading.Lock()
        self._signature = _signature(self.directory)
        self._package = package if package is not None else load_package(self.directory)
        self._checked = time.monotonic()

    def current(self) -> DataPackage:
        if time.monotonic() - self._checked >= self.interval:
            self._check()
        return self._package

    def _check(self) -> None:
        with self._lock:
            self._checked = time.monotonic()
            signature = _signature(self.directory)
            if signature is None or signature == self._signature:
                return
            self._signature = signature
            try:
                package = load_package(self.directory)
            except DataError as error:
                log.error("republished package refused, still serving %s: %s", self._package.version, error)
                return
            if package.version != self._package.version:
                log.info("serving republished package %s (was %s)", package.version, self._package.version)
            self._package = package
