"""Lighthouse 12's mobile audit (its default: a Moto G class CPU, slow 4G) of every page in both
languages, against the Procfile's gunicorn on loopback; a table per run (score, FCP, LCP, TBT, CLS,
and what holds the page back) kept in benchmarks/RESULTS.md beside the previous run's.

    make lighthouse                       # installs lighthouse@12.2.3 into benchmarks/.lighthouse/
    python benchmarks/lighthouse.py --label before --runs 1 --write benchmarks/RESULTS.md

Nothing here asserts: the targets of issue #16 (LCP <= 2.5 s, CLS <= 0.1, TBT at most half of the
previous run's, score >= 90) are reported as met or missed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pazos_dash.urls import PAGE_SLUGS, PRESENT_SLUGS  # noqa: E402

BEGIN, END = "<!-- lighthouse:begin -->", "<!-- lighthouse:end -->"
KEEP = 2  # this run and the previous one
METRICS = {"fcp": "first-contentful-paint", "lcp": "largest-contentful-paint", "tbt": "total-blocking-time",
           "cls": "cumulative-layout-shift", "si": "speed-index"}
# The audits that say where the time goes, in the order they are worth naming.
HOLDERS = ("bootup-time", "mainthread-work-breakdown", "render-blocking-resources", "unused-javascript",
           "total-byte-weight", "largest-contentful-paint-element", "layout-shifts")


def pages() -> list[tuple[str, str]]:
    out = []
    for lang, prefix in (("es", ""), ("en", "/en")):
        for page_id, slugs in PAGE_SLUGS.items():
            out.append((f"{page_id} ({lang})", (prefix + "/" + slugs[lang]).rstrip("/") or "/"))
        out.append((f"present ({lang})", f"{prefix}/{PRESENT_SLUGS[lang]}"))
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int) -> subprocess.Popen:
    env = {**os.environ, "HOST": "127.0.0.1", "PORT": str(port), "PYTHONPATH": str(ROOT)}
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen([str(gunicorn), "app:server"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    os.killpg(server.pid, signal.SIGTERM)
    raise SystemExit("gunicorn did not answer /healthz within 120 s")


def audit(lighthouse: str, url: str, chrome: str, attempts: int = 4) -> dict:
    """One Lighthouse run. A run that fails to record its trace (NO_NAVSTART, a known flake of
    headless Chromium) is run again, up to `attempts` times; the failures are not counted."""
    for attempt in range(1, attempts + 1):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "report.json"
            done = subprocess.run([lighthouse, url, "--only-categories=performance", "--output=json", f"--output-path={out}",
                                   "--quiet", "--chrome-flags=--headless=new --no-sandbox"],
                                  env={**os.environ, "CHROME_PATH": chrome}, timeout=300)
            if done.returncode == 0 and out.exists():
                report = json.loads(out.read_text(encoding="utf-8"))
                break
        print(f"  {url}: Lighthouse failed (attempt {attempt} of {attempts}), running it again", flush=True)
    else:
        raise SystemExit(f"Lighthouse failed {attempts} times on {url}")
    audits = report["audits"]
    row = {key: audits[name]["numericValue"] for key, name in METRICS.items()}
    row["score"] = round(100 * (report["categories"]["performance"]["score"] or 0))
    row["lighthouse"] = report["lighthouseVersion"]
    row["user_agent"] = report.get("environment", {}).get("hostUserAgent", "")
    row["holders"] = holders(audits)
    return row


def holders(audits: dict) -> str:
    """What holds the page back, in a few words: main-thread script time, render-blocking and unused
    bytes, and the element that was the largest paint."""
    words = []
    boot = audits.get("bootup-time", {})
    items = (boot.get("details") or {}).get("items") or []
    if items:
        top = max(items, key=lambda item: item.get("scripting", 0))
        name = re.sub(r"\?.*$", "", top.get("url", "")).rsplit("/", 1)[-1][:40]
        words.append(f"script {boot.get('numericValue', 0) / 1000:.1f} s (most: {name} {top.get('scripting', 0) / 1000:.1f} s)")
    blocking = audits.get("render-blocking-resources", {})
    if blocking.get("numericValue"):
        words.append(f"render-blocking {blocking['numericValue'] / 1000:.1f} s")
    unused = audits.get("unused-javascript", {})
    wasted = ((unused.get("details") or {}).get("overallSavingsBytes") or 0) / 1024
    if wasted >= 20:
        words.append(f"unused JS {wasted:.0f} KB")
    element = audits.get("largest-contentful-paint-element", {})
    for item in ((element.get("details") or {}).get("items") or []):
        for sub in (item.get("items") or []):
            node = sub.get("node") or {}
            if node.get("nodeLabel"):
                label = node.get("selector", "").rsplit(" > ", 1)[-1] or "?"
                words.append(f"LCP element `{label[:40]}`")
                break
        else:
            continue
        break
    return "; ".join(words)


def median_row(rows: list[dict]) -> dict:
    by_score = sorted(rows, key=lambda r: r["score"])
    middle = by_score[len(by_score) // 2]
    out = {key: statistics.median(r[key] for r in rows) for key in METRICS}
    out.update(score=round(statistics.median(r["score"] for r in rows)), holders=middle["holders"],
               lighthouse=middle["lighthouse"], user_agent=middle["user_agent"])
    return out


def load_average() -> str:
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "load average: " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def commit() -> str:
    if os.environ.get("BENCH_COMMIT"):
        return os.environ["BENCH_COMMIT"]
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


def table(label: str, results: list[tuple[str, str, dict]], runs: int, before: str, after: str,
          previous_tbt: dict[str, float]) -> str:
    first = results[0][2]
    lines = [f"### {label}: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, commit {commit()}",
             "",
             f"Lighthouse {first['lighthouse']} (mobile preset: simulated slow 4G, 4× CPU slowdown), "
             f"{runs} run(s) per page (median), on {platform.node()} ({os.cpu_count()} cores); "
             f"{first['user_agent'].split(' ')[-2] if first['user_agent'] else 'Chromium'}.",
             f"Machine load before: `{before}`; after: `{after}`.",
             "",
             "| page | path | score | FCP (s) | LCP (s) | TBT (ms) | CLS | targets missed | what holds it back |",
             "|---|---|---:|---:|---:|---:|---:|---|---|"]
    for name, path, row in results:
        missed = []
        if row["lcp"] > 2500:
            missed.append("LCP")
        if row["cls"] > 0.1:
            missed.append("CLS")
        if row["tbt"] > 200:  # issue 24's target (it was "half the previous run's")
            missed.append("TBT")
        if row["score"] < 90:
            missed.append("score")
        lines.append(f"| {name} | `{path}` | {row['score']} | {row['fcp'] / 1000:.1f} | {row['lcp'] / 1000:.1f} | "
                     f"{row['tbt']:.0f} | {row['cls']:.3f} | {', '.join(missed) or 'none'} | {row['holders']} |")
    return "\n".join(lines) + "\n"


def previous_tbts(text: str) -> dict[str, float]:
    """TBT per page from the newest table already in the file (the 'at most half' target)."""
    section = text.split(BEGIN, 1)[1].split(END, 1)[0] if BEGIN in text else ""
    out: dict[str, float] = {}
    for block in section.split("\n### ")[1:2]:
        for line in block.splitlines():
            cells = [c.strip() for c in line.strip("|").split("|")]
            if len(cells) >= 9 and cells[2].isdigit():
                out[cells[0]] = float(cells[5])
    return out


def write(path: Path, block: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    if BEGIN in text:
        head, rest = text.split(BEGIN, 1)
        section, tail = rest.split(END, 1)
    else:
        head, section, tail = text.rstrip("\n") + "\n\n", "", "\n"
    blocks = ["### " + b for b in section.split("\n### ")[1:]]
    intro = ("## Lighthouse, mobile (`make lighthouse`)\n\n"
             "Newest run first, the previous one below it (how: benchmarks/README.md).\n")
    kept = [block.rstrip("\n") + "\n", *[b.rstrip("\n") + "\n" for b in blocks]][:KEEP]
    path.write_text(head + BEGIN + "\n" + intro + "\n" + "\n".join(kept) + END + tail, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lighthouse", default=str(ROOT / "benchmarks/.lighthouse/node_modules/.bin/lighthouse"))
    parser.add_argument("--chrome", default=os.environ.get("CHROME_PATH") or shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--label", default="this run")
    parser.add_argument("--url", help="audit a running server at this address instead of starting gunicorn")
    parser.add_argument("--only", help="comma-separated page names or paths (default: every page, both languages)")
    parser.add_argument("--write", type=Path, help="keep the table in this file (beside the previous run's)")
    args = parser.parse_args()

    chosen = pages()
    if args.only:
        wanted = set(args.only.split(","))
        chosen = [(n, p) for n, p in chosen if n in wanted or p in wanted or n.split(" ")[0] in wanted]
    before = load_average()
    server = None
    base = args.url
    if base is None:
        port = free_port()
        server = start_server(port)
        base = f"http://127.0.0.1:{port}"
    try:
        results = []
        for name, path in chosen:
            rows = [audit(args.lighthouse, base.rstrip("/") + path, args.chrome) for _ in range(args.runs)]
            row = median_row(rows)
            results.append((name, path, row))
            print(f"{name:18} {path:16} score {row['score']:3}  FCP {row['fcp'] / 1000:4.1f} s  LCP {row['lcp'] / 1000:4.1f} s"
                  f"  TBT {row['tbt']:5.0f} ms  CLS {row['cls']:.3f}  {row['holders']}", flush=True)
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    after = load_average()
    existing = args.write.read_text(encoding="utf-8") if args.write and args.write.exists() else ""
    block = table(args.label, results, args.runs, before, after, previous_tbts(existing))
    print(block)
    if args.write:
        write(args.write, block)


if __name__ == "__main__":
    main()
