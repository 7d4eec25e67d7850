"""Cold start: geometry cache build from scratch, and app start to first page served and rendered.

1. `python -m ipaid.build` with IPAID_CACHE_DIR pointing to an empty temp dir (a subprocess); the export fonts
   (vl-convert's, built by `ipaid.build` since, but by the app only on the first export) are copied in when
   the checkout's cache has them, so the figure is the boundary cache's, as before. The web font slices and
   served files live in the checkout (`static/`): they are rebuilt only on a fresh checkout.
2. `streamlit run app.py` with the built cache: seconds until /_stcore/health is ok, until `/` returns
   the HTML, and until headless Chromium shows the first page's title (h1).
3. The same with an empty cache (the first visitor waits for the in-app boundary build).
Run: python bench/cold_start.py
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import ROOT, Server, http_get, launch_chromium, parse_no_options  # noqa: E402
from ipaid.paths import CACHE_DIR  # noqa: E402


def geometry_build() -> float:
    with tempfile.TemporaryDirectory(prefix="ipaid-cache-") as cache:
        env = {**os.environ, "IPAID_CACHE_DIR": cache}
        if (CACHE_DIR / "export-fonts").is_dir():
            shutil.copytree(CACHE_DIR / "export-fonts", Path(cache) / "export-fonts")
        started = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-m", "ipaid.build"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
        )
        seconds = time.perf_counter() - started
    if out.returncode:
        raise RuntimeError(out.stdout[-2000:] + out.stderr[-2000:])
    print("\n".join("  " + line for line in out.stdout.splitlines() if "%" not in line))
    return seconds


def app_start(browser, env: dict | None = None, timeout: float = 300) -> dict[str, float]:
    """Seconds from process start to health ok, to the HTML of `/`, and to the first page title rendered."""
    srv = Server(env).start()
    try:
        times = {"health ok": srv.wait_healthy(timeout)}
        status, body, _ = http_get(f"{srv.url}/")
        assert status == 200 and b"<html" in body.lower()
        times["/ HTML served"] = time.perf_counter() - srv.started
        page = browser.new_page()
        page.goto(srv.url, wait_until="domcontentloaded")
        page.locator("h1").first.wait_for(timeout=timeout * 1000)
        times["first title rendered (Chromium)"] = time.perf_counter() - srv.started
        page.close()
        return times
    finally:
        srv.stop()


def main() -> None:
    parse_no_options(__doc__)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stopped: the temporary caches and the server go too
    from playwright.sync_api import sync_playwright

    print("geometry cache build from scratch (python -m ipaid.build):")
    build = geometry_build()
    print(f"geometry_build_seconds={build:.1f}\n")
    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        warm = app_start(browser)
        print("app start, geometry cache built:")
        for name, seconds in warm.items():
            print(f"  {name:<34}{seconds:6.2f} s")
        with tempfile.TemporaryDirectory(prefix="ipaid-cache-") as cache:
            first = app_start(browser, {"IPAID_CACHE_DIR": cache})
        print("app start, empty geometry cache (first visitor waits for the build):")
        for name, seconds in first.items():
            print(f"  {name:<34}{seconds:6.2f} s")
        browser.close()
    print(f"cold_start_seconds={warm['first title rendered (Chromium)']:.2f}")


if __name__ == "__main__":
    main()
