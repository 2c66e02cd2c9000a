"""Under a real gunicorn worker (issue 22): a chunked body over the limit (no Content-Length, so
only the bytes read can be counted) is refused with 413 in JSON, and the worker's memory does
not grow by more than the limit however much is sent; PAZOS_PUBLIC_URL keeps a made-up Host out
of every page; a filesystem cache that cannot be created neither stops the app nor fills the log."""

from __future__ import annotations

import json
import select
import socket
import time
from pathlib import Path
from urllib.parse import urlsplit

import requests

from pazos_dash.shell.limits import MAX_BODY
from tests.integration.test_gunicorn import _wait_until, _workers, gunicorn

CHUNK = 64 * 1024


def _rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


def chunked_post(url: str, path: str, total: int, content_type: str = "application/json") -> tuple[int, bytes, int]:
    """POST `total` bytes of junk JSON in 64 KB chunks (Transfer-Encoding: chunked, no length);
    stop sending as soon as the server answers. Returns (status, body, bytes sent)."""
    parts = urlsplit(url)
    sock = socket.create_connection((parts.hostname, parts.port), timeout=30)
    sent = 0
    try:
        sock.sendall((f"POST {path} HTTP/1.1\r\nHost: {parts.netloc}\r\nContent-Type: {content_type}\r\n"
                      "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").encode())
        chunk = f"{CHUNK:x}\r\n".encode() + b"[" * CHUNK + b"\r\n"
        while sent < total:
            if select.select([sock], [], [], 0)[0]:
                break  # the server has answered
            try:
                sock.sendall(chunk)
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += CHUNK
        else:
            sock.sendall(b"0\r\n\r\n")
        answer = b""
        deadline = time.monotonic() + 30
        while b"\r\n\r\n" not in answer or len(answer) < answer.find(b"\r\n\r\n") + 40:
            if time.monotonic() > deadline or not select.select([sock], [], [], 1)[0] and answer:
                break
            try:
                data = sock.recv(65536)
            except ConnectionResetError:
                break
            if not data:
                break
            answer += data
    finally:
        sock.close()
    head, _, body = answer.partition(b"\r\n\r\n")
    return int(head.split()[1]), body, sent


def test_a_chunked_body_over_the_limit_is_refused_and_does_not_grow_the_worker(tmp_path):
    with gunicorn(tmp_path / "gunicorn.log", WEB_CONCURRENCY="1") as (url, master):
        _wait_until(lambda: len(_workers(master)) == 1, "the worker is forked")
        (worker,) = _workers(master)
        for _ in range(32):  # until the heap has settled (glibc: per-thread arenas, its mmap threshold)
            status, body, _ = chunked_post(url, "/_dash-update-component", 50 * MAX_BODY)
            assert status == 413, body[:200]
            assert json.loads(body[body.find(b"{"):body.rfind(b"}") + 1])["error"]["status"] == 413
        before = _rss_kb(worker)
        sent_in_all, steps = 0, []
        for _ in range(16):
            ahead = _rss_kb(worker)
            status, _, sent = chunked_post(url, "/_dash-update-component", 50 * MAX_BODY)
            assert status == 413
            steps.append((_rss_kb(worker) - ahead) * 1024)
            sent_in_all += sent
        grown = (_rss_kb(worker) - before) * 1024
        # One body over the limit grows the worker by less than the limit (it held 400 MB for 200 MB
        # sent before); sixteen, sending ~50 MB in all, by less than twice it (glibc's heap settles
        # in steps of a few pages, whatever the body).
        assert max(steps) <= MAX_BODY, f"one request grew the worker by {max(steps)} bytes"
        assert grown <= 2 * MAX_BODY, f"the worker grew by {grown} bytes for {sent_in_all} sent"
        # A body the limit allows is still read and answered (here: not a callback, so 400).
        status, _, _ = chunked_post(url, "/_dash-update-component", 256 * 1024)
        assert status == 400
        assert requests.get(f"{url}/healthz", timeout=5).status_code == 200


def test_the_public_url_replaces_any_host_under_gunicorn(tmp_path):
    with gunicorn(PAZOS_PUBLIC_URL="https://pazos.example.org", PAZOS_ALLOWED_HOSTS="pazos.example.org,127.0.0.1") as (url, _):
        for path in ("/", "/en/data", "/feed.xml", "/sitemap.xml", "/catalog.jsonld"):
            page = requests.get(f"{url}{path}", headers={"Host": "127.0.0.1", "X-Forwarded-Host": "attacker.example"}, timeout=30)
            assert page.status_code == 200 and "https://pazos.example.org/" in page.text and "127.0.0.1" not in page.text
        assert requests.get(f"{url}/", headers={"Host": "attacker.example"}, timeout=10).status_code == 400


def test_a_filesystem_cache_that_cannot_be_created_does_not_stop_the_app(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    log = tmp_path / "gunicorn.log"
    with gunicorn(log, PAZOS_CACHE="filesystem", PAZOS_CACHE_DIR=str(blocker / "cache")) as (url, _):
        for _ in range(3):
            for path in ("/", "/en/homicides", "/download/homicides_annual.csv", "/data/datapackage.json"):
                assert requests.get(f"{url}{path}", timeout=30).status_code == 200
    text = log.read_text(encoding="utf-8")
    assert "Traceback" not in text
    cache_lines = [line for line in text.splitlines() if '"logger": "pazos.cache"' in line]
    assert 1 <= len(cache_lines) <= 3, cache_lines
