"""Interaction latency in headless Chromium (software WebGL here): filter, measure and language changes on /map.

Each try is one action, timed from the click (or the Enter that picks a typed province) until the map
canvas shows a different picture (`wait_map_drawn(unlike=...)`) with the script idle: a province filter
(Hunan chosen, then "Clear filters"), a measure (the colouring), the language (English / 中文). It also
counts, per action, the browser's requests for the served map files (`app/static/geo/...` and the label atlas
under `app/static/labels/`): the national boundary files must not be fetched again on a filter, measure or
language change (same URLs, deck.gl keeps the data), and since the one label atlas and the inline prefecture
borders no other map file is fetched either (each would arrive after the first frame and cost a frame of its
own in software WebGL). p50 over `--tries` (default 10).

Run: python bench/interaction.py [--tries N] [--width PX]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import Server, launch_chromium, open_page, quantiles, wait_idle, wait_map_drawn  # noqa: E402
from ipaid.i18n import t  # noqa: E402

SIDEBAR = '[data-testid="stSidebar"]'
MAP_FILES = ("/app/static/geo/", "/app/static/labels/")  # boundaries, markers; the label atlas
NATIONAL = ("counties.json", "provinces.json", "china.json", "areas.json") + tuple(
    f"{n}_segments.json" for n in ("provinces", "china", "areas")
)
MEASURES = ("exit", "area")  # alternated


def _after(page, before_url: str, timeout: float = 90.0) -> None:
    """Until the app has written the new view's URL (the run finished) and is idle."""
    page.wait_for_url(lambda url: url != before_url, timeout=timeout * 1000)
    wait_idle(page, timeout)


def type_province(page, lang: str) -> None:
    """Open the province list and type Hunan (not timed: the user's typing)."""
    box = page.locator(f'{SIDEBAR} [data-testid="stMultiSelect"]').filter(has_text=t("provinces", lang))
    box.click()
    page.keyboard.type("Hunan" if lang == "en" else "湖南")
    page.get_by_role("option").first.wait_for()


def pick_typed(page) -> None:
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")


def clear_filters(page, lang: str) -> None:
    page.get_by_role("button", name=t("clear_filters", lang)).click()


def choose_measure(page, lang: str, measure: str) -> None:
    page.get_by_role("radio", name=t(f"m_{measure}", lang), exact=True).click()


def choose_language(page, lang: str) -> None:
    page.get_by_role("radio", name={"zh": "中文", "en": "English"}[lang], exact=True).click()


class Recorder:
    """Requests for served map files, by file name."""

    def __init__(self, page):
        self.seen: list[str] = []
        page.on("request", lambda r: self.seen.append(r.url) if any(d in r.url for d in MAP_FILES) else None)

    def since(self, n: int) -> list[str]:
        return [urlsplit(u).path.rsplit("/", 1)[-1] for u in self.seen[n:]]


def timed(page, rec: Recorder, shot: bytes, action, prepare=None) -> tuple[float, list[str], bytes]:
    """Seconds from `action()` (after the untimed `prepare()`) to a redrawn map, the map files requested
    meanwhile, and the new picture."""
    if prepare:
        prepare()
    n, before = len(rec.seen), page.url
    started = time.perf_counter()
    action()
    _after(page, before)
    shot = wait_map_drawn(page, min_fraction=0.05, unlike=shot)
    return time.perf_counter() - started, rec.since(n), shot


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tries", type=int, default=10)
    ap.add_argument("--width", type=int, default=1024)
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    results: dict[str, list[tuple[float, list[str]]]] = {"filter": [], "measure": [], "language": []}
    with Server() as srv, sync_playwright() as pw:
        browser = launch_chromium(pw)
        context = browser.new_context(viewport={"width": args.width, "height": 900}, base_url=srv.url)
        context.set_default_timeout(90_000)
        page = context.new_page()
        rec = Recorder(page)
        open_page(page, "/map")
        shot = wait_map_drawn(page)
        print(f"first load requested: {sorted(set(rec.since(0)))}", file=sys.stderr)
        lang = "zh"
        for i in range(args.tries):
            if i % 2 == 0:
                seconds, files, shot = timed(
                    page, rec, shot, lambda: pick_typed(page), lambda: type_province(page, lang)
                )
            else:
                seconds, files, shot = timed(page, rec, shot, lambda: clear_filters(page, lang))
            results["filter"].append((seconds, files))
            measure = MEASURES[i % 2]
            seconds, files, shot = timed(page, rec, shot, lambda m=measure, lg=lang: choose_measure(page, lg, m))
            results["measure"].append((seconds, files))
            print(f"  try {i + 1}: filter {results['filter'][-1][0]:.2f} s, measure {seconds:.2f} s", file=sys.stderr)
        if args.tries % 2:  # the language switch is timed on the national map (its labels change)
            shot = timed(page, rec, shot, lambda: clear_filters(page, lang))[2]
        for i in range(args.tries):
            lang = "en" if lang == "zh" else "zh"
            seconds, files, shot = timed(page, rec, shot, lambda lg=lang: choose_language(page, lg))
            page.locator("h1").filter(has_text=t("page_map", lang)).first.wait_for()
            results["language"].append((seconds, files))
            print(f"  language {i + 1}: {seconds:.2f} s", file=sys.stderr)
        browser.close()

    print(f"/map at {args.width} px, headless Chromium (software WebGL); seconds from the click to the map redrawn")
    print(f"{'change':10}{'p50 s':>8}{'p95 s':>8}{'max s':>8}   national files fetched again / other map files fetched")
    for name, rows in results.items():
        times = [s for s, _ in rows]
        p50, p95 = quantiles(times)
        national = sum(1 for _, files in rows for f in files if f in NATIONAL)
        other = sum(1 for _, files in rows for f in files if f not in NATIONAL)
        print(f"{name:10}{p50:>8.2f}{p95:>8.2f}{max(times):>8.2f}   {national:>4} / {other:<4} in {len(rows)} tries")
    for name, rows in results.items():
        print(f"{name}_p50_s={quantiles([s for s, _ in rows])[0]:.2f}")


if __name__ == "__main__":
    main()
