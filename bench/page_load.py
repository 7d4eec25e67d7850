"""Page load in headless Chromium, warm browser cache: median time from navigation to title, charts
drawn (a Vega svg/canvas present) and map drawn (deck.gl canvas non-blank), per page, 10 runs.

One browser context is reused so boundary files and scripts come from the cache after a warm-up load.
Each run polls the page every ~0.1 s (a canvas screenshot per poll), so times are ±0.2 s.
Run: python bench/page_load.py [runs] [--pages map overview gi ...]  (default: 10 runs of every page; a quick
check: `python bench/page_load.py 3 --pages map`)
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import DECK, PAGES, VEGA, Server, drawn_fraction, launch_chromium, open_page, quantiles  # noqa: E402

TIMEOUT = 60.0
BUDGET = 120.0  # seconds of measured runs; /map (measured first) always gets all runs, later pages fewer past it


def load_once(page, url: str, has_map: bool, has_chart: bool, min_drawn: float = 0.1) -> dict[str, float]:
    """Seconds from navigation start to each milestone the page has."""
    started = time.perf_counter()
    page.goto(url, wait_until="commit")
    wanted = {"title": True, "charts": has_chart, "map": has_map}
    seen: dict[str, float] = {}
    while len(seen) < sum(wanted.values()):
        now = time.perf_counter() - started
        if now > TIMEOUT:
            raise TimeoutError(f"{url}: only {sorted(seen)} after {TIMEOUT:.0f} s")
        found = page.evaluate(f"() => [!!document.querySelector('h1'), !!document.querySelector('{VEGA}')]")
        for name, ok in zip(("title", "charts"), found):
            if ok and wanted[name] and name not in seen:
                seen[name] = now
        canvas = page.locator(DECK).filter(visible=True)
        if has_map and "map" not in seen and canvas.count():
            if drawn_fraction(canvas.first.screenshot(timeout=TIMEOUT * 1000)) >= min_drawn:
                seen["map"] = time.perf_counter() - started
        time.sleep(0.05)
    return seen


def main(runs: int = 10, pages: list[str] = PAGES) -> None:
    from playwright.sync_api import sync_playwright

    results: dict[str, dict[str, list[float]]] = {}
    with Server() as srv, sync_playwright() as pw:
        browser = launch_chromium(pw)
        page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        spent = 0.0
        for path in sorted(pages, key=lambda p: p != "map"):
            url = f"{srv.url}/{path}"
            try:
                for _ in range(2):  # warm-up: fills the cache (scripts loaded lazily), tells which milestones it has
                    open_page(page, url)
                    page.wait_for_timeout(1500)
            except AssertionError as exc:  # the page shows an exception: report it, measure the others
                print(f"  /{path}: skipped, {str(exc)[:100]}", file=sys.stderr)
                continue
            has_map = page.locator(DECK).filter(visible=True).count() > 0
            has_chart = page.locator(VEGA).count() > 0
            results[path] = {}
            n = runs if spent < BUDGET else max(3, runs // 3)
            for _ in range(n):
                started = time.perf_counter()
                try:
                    # Detail maps (GI, profiles) show a few counties: a small share of their canvas is drawn.
                    min_drawn = 0.1 if path in ("", "map") else 0.01
                    for name, seconds in load_once(page, url, has_map, has_chart, min_drawn).items():
                        results[path].setdefault(name, []).append(seconds)
                except TimeoutError as exc:  # counted as a missing run, reported
                    print(f"  {exc}", file=sys.stderr)
                spent += time.perf_counter() - started
            print(f"  /{path}: {n} runs, {spent:.0f} s so far", file=sys.stderr, flush=True)
        browser.close()

    print(f"{'page':<12}{'runs':>5}{'title':>9}{'charts':>9}{'map':>9}   (median s; p95 in brackets)")
    for path, milestones in results.items():
        cells = []
        for name in ("title", "charts", "map"):
            median, p95 = quantiles(milestones.get(name, []))
            cells.append(f"{median:5.2f}[{p95:4.1f}]" if name in milestones else "        -")
        print(f"/{path:<11}{len(milestones.get('title', [])):>5} " + " ".join(cells))
    print(f"map_page_load_median_s={quantiles(results.get('map', {}).get('map', []))[0]:.2f}")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("runs", type=int, nargs="?", default=10, help="measured loads per page (default 10)")
    names = [p or "overview" for p in PAGES]
    ap.add_argument("--pages", nargs="+", choices=names, default=names, help="the pages to load (default all)")
    args = ap.parse_args()
    if not 1 <= args.runs <= 50:
        ap.error("runs 1-50")
    main(args.runs, ["" if p == "overview" else p for p in args.pages])
