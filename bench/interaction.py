"""Interaction latency in headless Chromium (software WebGL here): filter, measure and language changes on /map.

Each try is one action, timed from the click (or the Enter that picks a typed province) until the map
canvas shows a different picture (`wait_map_drawn(unlike=...)`) with the script idle: a province filter
(Hunan chosen, then "Clear filters"), a measure (the colouring), the language (English / 中文). It also
counts, per action, the browser's requests for the served map files (`app/static/geo/...` and the label atlas
under `app/static/labels/`): the national boundary files must not be fetched again on a filter, measure or
language change (same URLs, deck.gl keeps the data), and since the one label atlas and the inline prefecture
borders no other map file is fetched either (each would arrive after the first frame and cost a frame of its
own in software WebGL). p50 over `--tries` (default 10).

Two clocks per action: "drawn" is the page's own, from the key or pointer press to the end of the map's last
frame (`frame_timer.js`: each deck.gl frame is followed by a 1-pixel read that waits for the software GPU);
"seen" is this script's, until a canvas screenshot differs (polled: a screenshot takes 0.1-0.16 s and the poll
sleeps 0.1 s, so "seen" is later than "drawn" by up to about 0.25 s).

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


def timed(page, rec: Recorder, shot: bytes, action, prepare=None) -> tuple[float, float, list[str], bytes]:
    """Seconds from `action()` (after the untimed `prepare()`) to a redrawn map, as seen and as drawn, the map
    files requested meanwhile, and the new picture."""
    if prepare:
        prepare()
    n, before = len(rec.seen), page.url
    if not page.evaluate("() => window.__frames.hook()"):
        raise RuntimeError("the map's deck.gl instance was not found (frame_timer.js)")
    page.evaluate("() => window.__frames.arm()")
    started = time.perf_counter()
    action()
    _after(page, before)
    shot = wait_map_drawn(page, min_fraction=0.05, unlike=shot)
    seen = time.perf_counter() - started
    return seen, last_frame(page), rec.since(n), shot


def last_frame(page, quiet_ms: int = 400) -> float:
    """Seconds from the armed press to the end of the map's last frame, once no frame came for `quiet_ms`."""
    while True:
        count = page.evaluate("() => window.__frames.drawn.length")
        page.wait_for_timeout(quiet_ms)
        frames = page.evaluate("() => ({input: window.__frames.input, drawn: window.__frames.drawn})")
        if len(frames["drawn"]) == count:
            break
    if frames["input"] is None or not frames["drawn"]:
        raise RuntimeError(f"no press or no frame recorded: {frames}")
    return (frames["drawn"][-1] - frames["input"]) / 1000


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tries", type=int, default=10)
    ap.add_argument("--width", type=int, default=1024)
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    results: dict[str, list[tuple[float, float, list[str]]]] = {"filter": [], "measure": [], "language": []}
    with Server() as srv, sync_playwright() as pw:
        browser = launch_chromium(pw)
        context = browser.new_context(viewport={"width": args.width, "height": 900}, base_url=srv.url)
        context.set_default_timeout(90_000)
        context.add_init_script(path=str(Path(__file__).with_name("frame_timer.js")))
        page = context.new_page()
        rec = Recorder(page)
        open_page(page, "/map")
        shot = wait_map_drawn(page)
        print(f"first load requested: {sorted(set(rec.since(0)))}", file=sys.stderr)

        def record(name: str, action, prepare=None) -> None:
            nonlocal shot
            seen, drawn, files, shot = timed(page, rec, shot, action, prepare)
            results[name].append((seen, drawn, files))
            print(f"  {name} {len(results[name])}: drawn {drawn:.2f} s, seen {seen:.2f} s", file=sys.stderr)

        lang = "zh"
        for i in range(args.tries):
            if i % 2 == 0:
                record("filter", lambda: pick_typed(page), lambda: type_province(page, lang))
            else:
                record("filter", lambda: clear_filters(page, lang))
            record("measure", lambda m=MEASURES[i % 2]: choose_measure(page, lang, m))
        if args.tries % 2:  # the language switch is timed on the national map (its labels change)
            shot = timed(page, rec, shot, lambda: clear_filters(page, lang))[3]
        for _ in range(args.tries):
            lang = "en" if lang == "zh" else "zh"
            record("language", lambda lg=lang: choose_language(page, lg))
            page.locator("h1").filter(has_text=t("page_map", lang)).first.wait_for()
        browser.close()

    print(f"/map at {args.width} px, headless Chromium (software WebGL); seconds from the press to the map redrawn")
    print(
        f"{'change':10}{'drawn p50':>10}{'p95':>7}{'max':>7}{'seen p50':>10}{'p95':>7}"
        "   national / other map files fetched"
    )
    for name, rows in results.items():
        drawn, seen = [d for _, d, _ in rows], [s for s, _, _ in rows]
        national = sum(1 for *_, files in rows for f in files if f in NATIONAL)
        other = sum(1 for *_, files in rows for f in files if f not in NATIONAL)
        print(
            f"{name:10}{quantiles(drawn)[0]:>10.2f}{quantiles(drawn)[1]:>7.2f}{max(drawn):>7.2f}"
            f"{quantiles(seen)[0]:>10.2f}{quantiles(seen)[1]:>7.2f}   {national:>4} / {other:<4} in {len(rows)} tries"
        )
    for name, rows in results.items():
        print(f"{name}_drawn_p50_s={quantiles([d for _, d, _ in rows])[0]:.2f}")
        print(f"{name}_seen_p50_s={quantiles([s for s, _, _ in rows])[0]:.2f}")


if __name__ == "__main__":
    main()
