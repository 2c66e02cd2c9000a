"""The dashboard's benchmark: measures what a visitor and an operator would notice, prints one
table per measure and, with --write, keeps them in benchmarks/RESULTS.md.
(One script over 300 lines on purpose: each measure is a function, and `make bench` runs them all.)

    make bench                      # everything (about 15 minutes on 2 cores)
    .venv/bin/python benchmarks/run.py --scales 1 --load-seconds 10   # a quick look

What runs: the Procfile's gunicorn on loopback serving the shipped package (1x) and packages
published from the demo-raw generator at 10x and 100x the record volume; Debian's headless
Chromium (through selenium and the DevTools protocol) for page weight and drawing time;
wrk (Debian) for throughput and the load test. Nothing here asserts: targets are reported as
met or missed, with the margin.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

PACKAGES = REPO / "benchmarks" / ".packages"
THINK_MS = (2000, 8000)  # a visitor reads a page or a chart for 2 to 8 s before the next step
SLOW = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}

TARGETS = {
    "overview_kb": 600, "draw_loopback_s": 1.5, "draw_slow_s": 5.0, "callback_p95_1x_ms": 30,
    "callback_p95_100x_ms": 60, "throughput_ratio": 0.5, "rss_mb": 300, "startup_s": 3.0,
    "load_p95_ms": 500,
}


def page_paths() -> dict[str, str]:
    from pazos_dash.pages import PAGES, site_urls

    urls = site_urls("/", "es")  # urls.py builds every address (the old pages.Router is gone)
    return {page.page_id: urls.page_path(page.page_id, "es") for page in PAGES}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def package_for(scale: int) -> Path:
    """The shipped package at 1x; otherwise one published from scaled synthetic records."""
    if scale == 1:
        return REPO / "data" / "published"
    out = PACKAGES / f"x{scale}"
    if not (out / "published" / "datapackage.json").exists():
        cli = [sys.executable, "-m", "pazos_dash.cli"]
        shutil.rmtree(out, ignore_errors=True)
        print(f"generating the {scale}x package ...", flush=True)
        subprocess.run([*cli, "demo-raw", str(out / "raw"), "--seed", "2020", "--scale", str(scale)], check=True, cwd=REPO)
        subprocess.run([*cli, "publish", str(out / "raw"), "--out", str(out / "published"), "--date", "2026-11-24"], check=True, cwd=REPO)
    return out / "published"


def raw_records(scale: int) -> int:
    raw = PACKAGES / f"x{scale}" / "raw"
    if not raw.exists():
        return 0
    return sum(sum(1 for _ in open(path, encoding="utf-8")) - 1 for path in raw.glob("*.csv"))


def startup_seconds(data_dir: Path, runs: int = 3) -> float:
    """Import, load, validate and warm up, in a fresh interpreter (median of `runs`)."""
    code = ("import time; t = time.perf_counter(); from pazos_dash import create_app; "
            "from pazos_dash.settings import Settings; create_app(Settings.from_env()); "
            "print(time.perf_counter() - t)")
    env = {**os.environ, "PAZOS_DATA_DIR": str(data_dir)}
    times = [float(subprocess.run([sys.executable, "-c", code], env=env, cwd=REPO, capture_output=True, text=True,
                                  check=True).stdout.strip().splitlines()[-1]) for _ in range(runs)]
    return statistics.median(times)


class Gunicorn:
    """The Procfile's command (two workers) with its JSON access log captured to a file."""

    def __init__(self, data_dir: Path, workers: int = 2):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tempfile.NamedTemporaryFile("w+", suffix=".log", delete=False)
        env = {**os.environ, "PORT": str(self.port), "HOST": "127.0.0.1", "WEB_CONCURRENCY": str(workers),
               "PAZOS_DATA_DIR": str(data_dir), "GUNICORN_THREADS": "4"}
        line = (REPO / "Procfile").read_text(encoding="utf-8").strip()
        self.process = subprocess.Popen([sys.executable, "-m", "gunicorn", *line.split()[2:]], cwd=REPO, env=env,
                                        stdout=subprocess.DEVNULL, stderr=self.log)
        import urllib.request

        for _ in range(600):
            try:
                urllib.request.urlopen(f"{self.url}/healthz", timeout=5).read()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("gunicorn did not start")

    def worker_rss_mb(self) -> list[float]:
        children = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True).stdout.split()
        sizes = []
        for pid in children:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
        return sizes

    def access_log(self) -> list[dict]:
        self.log.flush()
        entries = []
        for line in Path(self.log.name).read_text(encoding="utf-8", errors="replace").splitlines():
            if '"pazos.access"' in line:
                try:
                    entries.append(json.loads(line))
                except json.JSONDecodeError:
                    pass
        return entries

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        os.unlink(self.log.name)


def chrome():
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-quic",
                 "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
                 "--window-size=1280,900", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    driver.set_script_timeout(120)
    driver.execute_cdp_cmd("Network.enable", {})
    return driver


# The live page is in (the server's copy gone), nothing is loading, and every graph on the first
# screen is drawn (a chart is drawn when it nears the viewport: assets/first-paint.js).
DRAWN = """
if (document.getElementById('pazos-static') || !document.querySelector('#page-heading')) return null;
if (document.querySelector('[data-dash-is-loading="true"]')) return null;
const graphs = [...document.querySelectorAll('.dash-graph')].filter(g => {
  const r = g.getBoundingClientRect(); return (r.width || r.height) && r.top < innerHeight && r.bottom >= 0; });
for (const g of graphs) { if (!g.querySelector('.main-svg')) return null; }
return [performance.now(), graphs.length];
"""


@dataclass
class Visit:
    seconds: float
    graphs: int
    kb: float
    sent: list[dict] = field(default_factory=list)


def visit(driver, url: str, timeout: float = 60) -> Visit:
    """Open `url` and wait until the live page is in and every graph on its first screen is drawn;
    time from navigation start."""
    driver.get_log("performance")
    driver.get(url)
    deadline = time.monotonic() + timeout
    while True:
        done = driver.execute_script(DRAWN)
        if done:
            break
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url}: charts not drawn within {timeout} s")
        time.sleep(0.01)
    time.sleep(0.3)  # late responses (source maps are not requested; favicons are)
    received, sent = network(driver.get_log("performance"))
    return Visit(done[0] / 1000, done[1], received / 1024, sent)


def network(entries: list[dict]) -> tuple[int, list[dict]]:
    """Bytes the browser received (compressed, headers included) and the requests it sent to the
    app (callbacks with their bodies)."""
    received, sent = 0, []
    for entry in entries:
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.loadingFinished":
            received += message["params"].get("encodedDataLength", 0)
        elif message["method"] == "Network.requestWillBeSent":
            request = message["params"]["request"]
            if not request["url"].startswith("http"):
                continue
            path = "/" + request["url"].split("/", 3)[3]
            if request["method"] == "POST" and request.get("postData"):
                sent.append({"method": "POST", "path": path, "body": request["postData"]})
            elif request["method"] == "GET":
                sent.append({"method": "GET", "path": path})
    return received, sent


def callbacks_of(sent: list[dict]) -> list[dict]:
    return [r for r in sent if r["method"] == "POST" and "_dash-update-component" in r["path"]]


def click_every_option(driver) -> list[dict]:
    """Choose every radio option of every chart once, as a curious visitor would."""
    from selenium.common.exceptions import WebDriverException

    driver.get_log("performance")
    radios = driver.find_elements("css selector", ".chart-controls input[type=radio]")
    for radio in radios:
        try:
            if not radio.is_selected():
                driver.execute_script("arguments[0].click()", radio)
                for _ in range(300):
                    if not driver.execute_script("return document.querySelector('[data-dash-is-loading=\"true\"]')"):
                        break
                    time.sleep(0.01)
        except WebDriverException as error:  # a busy renderer: report, keep the requests sent so far
            print(f"  option click skipped: {type(error).__name__}", flush=True)
    time.sleep(0.5)
    return callbacks_of(network(driver.get_log("performance"))[1])


def browse(server: Gunicorn, paths: dict[str, str]) -> tuple[dict[str, dict], dict[str, dict]]:
    """Per page: cold and warm loads on loopback, a cold load on a slow mobile network; and the
    requests the session sent: what opening the page asks for, and each option chosen."""
    driver = chrome()
    results, sessions = {}, {}
    try:
        # Chromium warms up, and so do the workers' Brotli copies of Dash's bundles (compressed
        # once per worker in the background): measured visits are those after the first few.
        for _ in range(4):
            driver.execute_cdp_cmd("Network.clearBrowserCache", {})
            visit(driver, server.url + "/")
        time.sleep(3)
        for page_id, path in paths.items():
            driver.execute_cdp_cmd("Network.clearBrowserCache", {})
            cold = visit(driver, server.url + path)
            warm = visit(driver, server.url + path)
            sessions[page_id] = {"open": cold.sent, "choices": click_every_option(driver)}
            driver.execute_cdp_cmd("Network.clearBrowserCache", {})
            driver.execute_cdp_cmd("Network.emulateNetworkConditions", SLOW)
            slow = visit(driver, server.url + path, timeout=120)
            driver.execute_cdp_cmd("Network.emulateNetworkConditions",
                                   {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
            results[page_id] = {"path": path, "graphs": cold.graphs, "kb": cold.kb, "warm_kb": warm.kb,
                                "cold_s": cold.seconds, "warm_s": warm.seconds, "slow_s": slow.seconds}
    finally:
        driver.quit()
    return results, sessions


def replay(server: Gunicorn, callbacks: list[dict], rounds: int = 10) -> dict:
    """Send each recorded callback request `rounds` times; read the server's own timings."""
    import urllib.request

    before = len(server.access_log())
    for _ in range(rounds):
        for callback in callbacks:
            request = urllib.request.Request(server.url + callback["path"], data=callback["body"].encode(),
                                             headers={"Content-Type": "application/json", "Accept-Encoding": "gzip"})
            urllib.request.urlopen(request, timeout=60).read()
    times = sorted(e["duration_ms"] for e in server.access_log()[before:] if e["path"].endswith("_dash-update-component"))
    return {"count": len(times), "p50_ms": percentile(times, 50), "p95_ms": percentile(times, 95), "max_ms": times[-1]}


def endpoint_times(entries: list[dict]) -> dict[str, dict]:
    """Server time by kind of request, from the access log."""
    kinds: dict[str, list[float]] = {}
    for e in entries:
        path = e["path"]
        kind = ("callback" if path.endswith("_dash-update-component") else "layout, dependencies" if path.startswith("/_dash-l") or path.startswith("/_dash-d")
                else "scripts, styles" if path.startswith(("/_dash-component-suites", "/assets", "/_favicon")) else
                "CSV download" if path.startswith("/download") else "page (HTML)")
        kinds.setdefault(kind, []).append(e["duration_ms"])
    return {k: {"count": len(v), "p50": percentile(v, 50), "p95": percentile(v, 95)} for k, v in kinds.items()}


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    index = min(len(values) - 1, max(0, round(p / 100 * len(values) + 0.5) - 1))
    return values[index]


def wrk(server: Gunicorn, requests: list[dict], connections: int, seconds: int, think: tuple[int, int] = (0, 0)) -> dict:
    """wrk replaying `requests` in a loop on `connections` connections for `seconds`, pausing
    `think` (min, max) ms before each step of a visit."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write("return {\n")
        for r in requests:
            body = f", body=[==[{r['body']}]==]" if r.get("body") else ""
            think_flag = ", think=true" if r.get("think") else ""
            handle.write(f'  {{method="{r["method"]}", path=[==[{r["path"]}]==]{body}{think_flag}}},\n')
        handle.write("}\n")
    try:
        out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
                              "-s", str(REPO / "benchmarks" / "wrk.lua"), server.url],
                             env={**os.environ, "WRK_REQUESTS": handle.name, "THINK_MIN": str(think[0]), "THINK_MAX": str(think[1])},
                             capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(handle.name)
    stats = json.loads(out.split("WRKJSON ", 1)[1])
    stats["rps"] = stats["requests"] / (stats["duration_us"] / 1e6)
    stats["errors"] = sum(stats[k] for k in ("connect", "read", "write", "status", "timeout"))
    return stats


def visit_requests(sessions: dict[str, dict]) -> list[dict]:
    """A first-time visitor going through every page: each page exactly as Chromium opened it
    (document, scripts and styles the first time only, layout, callbacks), then every option of
    every chart, then one CSV download. Each page and each choice is a step after a pause."""
    requests, seen = [], set()
    for session in sessions.values():
        opened = [r for r in session["open"] if r["method"] == "POST" or r["path"] not in seen]
        seen.update(r["path"] for r in opened if r["method"] == "GET" and not r["path"].startswith(("/_dash-layout", "/_dash-dep")))
        requests += [{**r, "think": i == 0} for i, r in enumerate(opened)]
        requests += [{**r, "think": True} for r in session["choices"]]
    requests.append({"method": "GET", "path": "/download/homicides_annual.csv?homicides_annual-measure=rate", "think": True})
    return requests


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))) / 1024**2
    chromium = subprocess.run(["chromium", "--version"], capture_output=True, text=True).stdout.strip()
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.splitlines()[0].split(" [")[0]
    return (f"{platform.node()}: {os.cpu_count()} × {cpu}, {memory:.0f} GiB RAM, {platform.platform()}; "
            f"Python {platform.python_version()}, {chromium}, {wrk_version}")


def verdict(value: float, target: float, higher_is_better: bool = False) -> str:
    met = value >= target if higher_is_better else value <= target
    if met:
        return "met"
    miss = (target - value) / target if higher_is_better else (value - target) / target
    return f"**missed by {miss:.0%}**"


def run(scales: list[int], load_seconds: int, throughput_seconds: int) -> str:
    paths = page_paths()
    scale_rows, summary, failures = [], {}, []
    for scale in scales:
        try:
            row = measure(scale, paths, load_seconds, throughput_seconds)
        except Exception as error:  # keep what the other scales measured, and say what broke
            import traceback

            traceback.print_exc()
            failures.append(f"{scale}x: {type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}")
            continue
        scale_rows.append(row)
        summary[scale] = row
    tables = report(scale_rows, summary)
    if failures:
        tables += "\n**Runs that failed:** " + "; ".join(failures) + "\n"
    return tables


def measure(scale: int, paths: dict[str, str], load_seconds: int, throughput_seconds: int) -> dict:
    data_dir = package_for(scale)
    print(f"[{scale}x] start-up ...", flush=True)
    startup = startup_seconds(data_dir)
    server = Gunicorn(data_dir)
    try:
        idle_rss = max(server.worker_rss_mb())
        print(f"[{scale}x] browsing {len(paths)} pages ...", flush=True)
        pages, sessions = browse(server, paths)
        callbacks = [c for s in sessions.values() for c in callbacks_of(s["open"]) + s["choices"]]
        print(f"[{scale}x] replaying {len(callbacks)} callback requests ...", flush=True)
        timings = replay(server, callbacks)
        print(f"[{scale}x] throughput ...", flush=True)
        static = wrk(server, [{"method": "GET", "path": "/assets/pazos.css?m=1"}], 16, throughput_seconds)
        dynamic = wrk(server, callbacks, 16, throughput_seconds)
        load = saturation = None
        if scale == 1 and load_seconds:
            visits = visit_requests(sessions)
            print(f"[{scale}x] load test: 200 visitors for {load_seconds} s ...", flush=True)
            before = len(server.access_log())
            load = wrk(server, visits, 200, load_seconds, think=THINK_MS)
            load["endpoints"] = endpoint_times(server.access_log()[before:])
            print(f"[{scale}x] saturation: 200 connections without pauses for {min(load_seconds, 20)} s ...", flush=True)
            saturation = wrk(server, visits, 200, min(load_seconds, 20))
        busy_rss = max(server.worker_rss_mb())
    finally:
        server.stop()
    return {"scale": scale, "records": raw_records(scale), "startup": startup, "idle_rss": idle_rss, "busy_rss": busy_rss,
            "pages": pages, "callbacks": timings, "static": static, "dynamic": dynamic, "load": load,
            "saturation": saturation}


def report(rows: list[dict], summary: dict) -> str:
    out = []
    first = rows[0]
    pages = first["pages"]
    out.append(f"## Per page at {first['scale']}x (gunicorn, 2 workers × 4 threads, loopback)\n")
    out.append("| page | path | charts on first screen | first visit KB (compressed) | revisit KB | drawn, cold (s) | drawn, warm (s) | drawn, 1.6 Mbit/s 150 ms (s) |")
    out.append("|---|---|---:|---:|---:|---:|---:|---:|")
    for page_id, p in pages.items():
        out.append(f"| {page_id} | `{p['path']}` | {p['graphs']} | {p['kb']:.0f} | {p['warm_kb']:.0f} | {p['cold_s']:.2f} | {p['warm_s']:.2f} | {p['slow_s']:.2f} |")
    out.append("\n## Scale series\n")
    out.append("| scale | raw records | start-up (s) | worker RSS idle / after load (MB) | overview KB | slowest page drawn, cold (s) | slowest, slow network (s) | callbacks replayed | callback p50 / p95 / max (ms) | static rps | callback rps | ratio |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        c, pg = r["callbacks"], r["pages"]
        ratio = r["dynamic"]["rps"] / r["static"]["rps"]
        out.append(f"| {r['scale']}x | {r['records'] or 'shipped'} | {r['startup']:.2f} | {r['idle_rss']:.0f} / {r['busy_rss']:.0f} | "
                   f"{pg['overview']['kb']:.0f} | {max(p['cold_s'] for p in pg.values()):.2f} | {max(p['slow_s'] for p in pg.values()):.2f} | "
                   f"{c['count']} | {c['p50_ms']:.1f} / {c['p95_ms']:.1f} / {c['max_ms']:.0f} | {r['static']['rps']:.0f} | {r['dynamic']['rps']:.0f} | {ratio:.2f} |")
    load = first["load"]
    if load:
        out.append("\n## Load test (1x): 200 concurrent simulated visitors\n")
        out.append(f"Each visitor opens every page as Chromium did (document, scripts and styles once, layout, callbacks), "
                   f"chooses every chart option, downloads a CSV, and starts again as a new visitor; it pauses "
                   f"{THINK_MS[0] / 1000:.0f}–{THINK_MS[1] / 1000:.0f} s before each page and each choice. "
                   "Saturation: the same 200 connections with no pause at all (a worst case no real crowd produces), "
                   "which shows the ceiling.\n")
        out.append("| run | duration (s) | requests | requests/s | errors (connect/read/write/status/timeout) | p50 (ms) | p95 (ms) | max (ms) |")
        out.append("|---|---:|---:|---:|---|---:|---:|---:|")
        for name, run_ in (("200 visitors", load), ("saturation", first["saturation"])):
            out.append(f"| {name} | {run_['duration_us'] / 1e6:.0f} | {run_['requests']} | {run_['rps']:.0f} | {run_['errors']} "
                       f"({run_['connect']}/{run_['read']}/{run_['write']}/{run_['status']}/{run_['timeout']}) | "
                       f"{run_['p50_us'] / 1000:.0f} | {run_['p95_us'] / 1000:.0f} | {run_['max_us'] / 1000:.0f} |")
        out.append("\nServer time by kind of request during the visitor run (access log):\n")
        out.append("| kind | requests | p50 (ms) | p95 (ms) |")
        out.append("|---|---:|---:|---:|")
        for kind, t in sorted(load["endpoints"].items()):
            out.append(f"| {kind} | {t['count']} | {t['p50']:.1f} | {t['p95']:.1f} |")
    out.append("\n## Targets (issue #8)\n")
    out.append("| target | measured | verdict |")
    out.append("|---|---|---|")
    one = summary.get(1, first)
    ov = one["pages"]["overview"]["kb"]
    out.append(f"| overview first visit ≤ {TARGETS['overview_kb']} KB compressed | {ov:.0f} KB | {verdict(ov, TARGETS['overview_kb'])} |")
    cold = max(p["cold_s"] for p in one["pages"].values())
    out.append(f"| every page drawn ≤ {TARGETS['draw_loopback_s']} s, loopback, cold | slowest {cold:.2f} s | {verdict(cold, TARGETS['draw_loopback_s'])} |")
    slow = max(p["slow_s"] for p in one["pages"].values())
    out.append(f"| every page drawn ≤ {TARGETS['draw_slow_s']} s at 1.6 Mbit/s, 150 ms | slowest {slow:.2f} s | {verdict(slow, TARGETS['draw_slow_s'])} |")
    p95 = one["callbacks"]["p95_ms"]
    out.append(f"| callback p95 ≤ {TARGETS['callback_p95_1x_ms']} ms at 1x | {p95:.1f} ms | {verdict(p95, TARGETS['callback_p95_1x_ms'])} |")
    if 100 in summary:
        p95 = summary[100]["callbacks"]["p95_ms"]
        out.append(f"| callback p95 ≤ {TARGETS['callback_p95_100x_ms']} ms at 100x | {p95:.1f} ms | {verdict(p95, TARGETS['callback_p95_100x_ms'])} |")
    ratio = one["dynamic"]["rps"] / one["static"]["rps"]
    out.append(f"| callback rps ≥ {TARGETS['throughput_ratio']} × static rps | {ratio:.2f} × | {verdict(ratio, TARGETS['throughput_ratio'], True)} |")
    rss = max(one["idle_rss"], one["busy_rss"])
    out.append(f"| worker RSS ≤ {TARGETS['rss_mb']} MB at 1x | {rss:.0f} MB | {verdict(rss, TARGETS['rss_mb'])} |")
    out.append(f"| start-up ≤ {TARGETS['startup_s']} s at 1x | {one['startup']:.2f} s | {verdict(one['startup'], TARGETS['startup_s'])} |")
    if load:
        ok = load["errors"] == 0
        out.append(f"| load test: 0 errors | {load['errors']} | {'met' if ok else '**missed**'} |")
        lp95 = load["p95_us"] / 1000
        out.append(f"| load test p95 ≤ {TARGETS['load_p95_ms']} ms | {lp95:.0f} ms | {verdict(lp95, TARGETS['load_p95_ms'])} |")
    return "\n".join(out) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="1,10,100", help="record-volume multiples, comma-separated (default 1,10,100)")
    parser.add_argument("--load-seconds", type=int, default=60, help="load test length at 1x (0 skips it)")
    parser.add_argument("--throughput-seconds", type=int, default=10)
    parser.add_argument("--write", type=Path, help="also write the tables, with the machine, to this file")
    args = parser.parse_args()
    tables = run([int(s) for s in args.scales.split(",")], args.load_seconds, args.throughput_seconds)
    print(tables)
    if args.write:
        header = (f"# Benchmark results\n\nRun on {time.strftime('%Y-%m-%d')} by `make bench` on {machine()}.\n"
                  "Client (Chromium, wrk) and server share the machine's cores. How each figure is measured: "
                  "benchmarks/README.md.\n\n")
        # The Lighthouse tables (benchmarks/lighthouse.py, `make lighthouse`) are kept as they are.
        old = args.write.read_text(encoding="utf-8") if args.write.exists() else ""
        begin, end = "<!-- lighthouse:begin -->", "<!-- lighthouse:end -->"
        kept = ("\n" + old[old.index(begin):old.index(end) + len(end)] + "\n") if begin in old and end in old else ""
        args.write.write_text(header + tables.rstrip("\n") + "\n" + kept, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
