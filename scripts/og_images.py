"""Draw the link-preview images (Open Graph, 1200×630 PNG) into assets/og/: one per chart and
language (the chart card as printed: title, takeaway, chart, source line and licence, no
controls), and one per language of the site (the overview's top) for pages without a chart.

They are drawn from the package in data/published by headless Chromium (the one the browser
tests use), so they show what the charts showed when this script last ran: run it after
republishing (`make og-images`). The server never draws them (no browser at run time).

    .venv/bin/python scripts/og_images.py [--only CHART ...]
"""

from __future__ import annotations

import argparse
import base64
import os
import shutil
import socket
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
OUT = REPO / "assets" / "og"
WIDTH, HEIGHT = 1200, 630

# What a preview leaves out: the controls, tabs, menus and buttons of the card (as on paper).
HIDE = """
.site-navbar, .chart-controls, .chart-tablist, .chart-menus, .chart-actions, .embed-share, .modebar-container,
.embed > p, .demo-notice, .skip-link { display: none !important; }
.embed { padding: 0 !important; } .chart-card { border: 0 !important; margin: 0 !important; }
.chart-graph { height: 400px !important; }
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="*", help="chart ids to redraw (default: all, and the site images)")
    args = parser.parse_args()

    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options

    from pazos_dash import create_app
    from pazos_dash.charts import CHARTS
    from pazos_dash.i18n import LANGUAGES
    from pazos_dash.settings import Settings

    app = create_app(Settings(data_dir=REPO / "data" / "published"))
    port = _free_port()
    threading.Thread(target=lambda: app.server.run(host="127.0.0.1", port=port, threaded=True), daemon=True).start()
    time.sleep(2)
    root = f"http://127.0.0.1:{port}"

    options = Options()
    options.binary_location = os.environ.get("PAZOS_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--hide-scrollbars",
                 f"--window-size={WIDTH},{HEIGHT}", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False})
    OUT.mkdir(parents=True, exist_ok=True)

    def shoot(url: str, target: Path, hide: str) -> None:
        driver.get(url)
        for _ in range(100):
            if driver.execute_script("return !!document.querySelector('.js-plotly-plot .main-svg, .kpi-value')"):
                break
            time.sleep(0.1)
        driver.execute_script("var s = document.createElement('style'); s.textContent = arguments[0]; document.head.appendChild(s);"
                              "window.dispatchEvent(new Event('resize'));", hide)
        time.sleep(1.5)
        shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "clip": {"x": 0, "y": 0, "width": WIDTH, "height": HEIGHT, "scale": 1}})
        target.write_bytes(base64.b64decode(shot["data"]))
        print(f"{target.relative_to(REPO)}: {target.stat().st_size // 1024} KB")

    urls = app.urls
    for lang in LANGUAGES:
        for chart_id in args.only or sorted(CHARTS):
            shoot(root + urls.embed(chart_id, lang), REPO / "assets" / urls.og_image(chart_id, lang), HIDE)
        if not args.only:
            shoot(root + urls.page("overview", lang), REPO / "assets" / urls.og_image("site", lang), ".skip-link { display: none !important; }")
    driver.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
