"""The published package as a running app sees it: loaded once, replaced when a publish replaces it.

The publish step swaps the whole folder in one rename, so a changed `datapackage.json`
(another inode, size or modification time) means a new package. A background thread notices
it and validates the new package; only then does `current()` hand it out, so no request ever
waits for a load. If it does not validate, the app keeps serving the last good package and
logs the validator's message once. Cache keys carry the package version, so nothing
computed from the old package is served after the switch.

**One release per package, files included.** The publish step's swap changes what the folder's
path names, not the files a loaded package came from; so each load first takes a snapshot of the
folder (hard links where the file system allows, else copies) in a private directory of its own,
read through one open handle on the folder, and loads *that*. The package's `directory` is the
snapshot: `/data/` files, the package zip and every frame come from the same release as the
version the app reports, whatever is published meanwhile. A snapshot is removed by the process
that made it a while after a newer one replaced it (`KEEP_SUPERSEDED` seconds, time for every
request that began on it to end), and those of processes that have exited at the next snapshot.
Snapshots live beside the folder (`.<name>.releases/`), or in the system's temporary directory
where that cannot be written.

The thread starts on the first `current()` call in a process. A thread does not survive a
fork: under gunicorn's `preload_app` the master loads the package, starts watching (so a
worker forked later, e.g. to replace a recycled one, starts from the newest package) and
forks its workers, each of which starts its own watcher as it is forked.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import socket
import tempfile
import threading
import time
import weakref
from pathlib import Path
from typing import Callable

from .package import DESCRIPTOR, DataError, DataPackage, load_package

log = logging.getLogger("pazos.data")

MIN_INTERVAL = 0.05  # seconds: `PAZOS_RELOAD_INTERVAL=0` polls this often rather than spinning
KEEP_SUPERSEDED = 120.0  # seconds a replaced release's snapshot stays for requests still reading it

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


def _snapshot_root(directory: Path) -> Path:
    """Where snapshots of `directory` go: beside it (hard links work there), else in the
    temporary directory (one folder per published folder)."""
    beside = directory.parent / f".{directory.name}.releases"
    try:
        beside.mkdir(exist_ok=True)
        if os.access(beside, os.W_OK):
            return beside
    except OSError:
        pass
    key = hashlib.sha1(str(directory.resolve()).encode()).hexdigest()[:12]
    elsewhere = Path(tempfile.gettempdir()) / "pazos-releases" / key
    elsewhere.mkdir(parents=True, exist_ok=True)
    return elsewhere


# Snapshots are named <pid>@<host>-...: a folder shared by several machines or containers (whose
# process ids overlap) is cleaned only of this host's exited processes.
_HOST = "".join(c if c.isalnum() or c in ".-_" else "_" for c in socket.gethostname()).replace("-", "_") or "host"


def _owner() -> str:
    return f"{os.getpid()}@{_HOST}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def snapshot(directory: Path, root: Path) -> Path:
    """A private, unchanging copy of the package in `directory` (its descriptor and every file it
    lists), read through one handle on the folder so a swap midway cannot mix two releases.
    Files the descriptor lists but the folder lacks are left out (the loader names them)."""
    for stale in root.glob(f"*@{_HOST}-*"):  # snapshots of this machine's processes that have exited
        pid = stale.name.split("@", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            shutil.rmtree(stale, ignore_errors=True)
    folder = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    target = Path(tempfile.mkdtemp(prefix=f"{_owner()}-{time.time_ns()}-", dir=root))
    target.chmod(0o755)
    try:
        names = [DESCRIPTOR]
        try:
            with open(os.open(DESCRIPTOR, os.O_RDONLY, dir_fd=folder), "rb") as handle:
                descriptor = json.loads(handle.read())
            names += [str(r.get("path")) for r in descriptor.get("resources", []) if isinstance(r, dict) and isinstance(r.get("path"), str)]
        except (OSError, ValueError):
            pass  # no or no readable descriptor: the loader says so
        for name in names:
            if name.startswith("/") or ".." in Path(name).parts:
                continue  # only files inside the folder (the loader refuses the rest)
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(name, target / name, src_dir_fd=folder)
            except FileNotFoundError:
                continue
            except OSError:  # another file system, or links not allowed: copy
                try:
                    with open(os.open(name, os.O_RDONLY, dir_fd=folder), "rb") as src, open(target / name, "wb") as dst:
                        shutil.copyfileobj(src, dst)
                except FileNotFoundError:
                    continue
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    finally:
        os.close(folder)
    return target


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
        self._superseded: list[tuple[float, Path]] = []  # snapshots replaced, and when
        self._package = package if package is not None else self._load_snapshot()
        self._watcher_pid: int | None = None  # the process whose watcher thread runs

    def _load_snapshot(self) -> DataPackage:
        """Load the package from a snapshot of the folder (its `directory` is the snapshot);
        a DataError names the published folder, not the snapshot."""
        try:
            root = _snapshot_root(self.directory)
            folder = snapshot(self.directory, root)
        except OSError as error:  # no folder, or nowhere to snapshot: load in place, as before
            log.warning("package snapshot not taken (%s); serving files from %s itself", error, self.directory)
            return self._load(self.directory)
        try:
            return self._load(folder)
        except DataError as error:
            shutil.rmtree(folder, ignore_errors=True)
            raise DataError(self.directory, error.problems) from None

    def _forget_superseded(self, now: float) -> None:
        keep = []
        for since, folder in self._superseded:
            if now - since >= KEEP_SUPERSEDED:
                shutil.rmtree(folder, ignore_errors=True)
            else:
                keep.append((since, folder))
        self._superseded = keep

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
        self._forget_superseded(time.monotonic())
        signature = _signature(self.directory)
        if signature is None or signature == self._signature:
            return
        self._signature = signature
        try:
            package = self._load_snapshot()
        except DataError as error:
            log.error("republished package refused by process %d, still serving %s: %s",
                      os.getpid(), self._package.version, error)
            return
        if package.version != self._package.version:
            log.info("republished package %s served by process %d (was %s)", package.version, os.getpid(), self._package.version)
        old, self._package = self._package, package
        if old.directory != package.directory and old.directory.parent == package.directory.parent:
            if old.directory.name.startswith(f"{_owner()}-"):  # a snapshot this process made
                self._superseded.append((time.monotonic(), old.directory))


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
