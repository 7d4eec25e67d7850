"""How long deck.gl's picking pass on pointer-down takes on /map, national and 湖南省 levels (headless Chromium).

deck.gl counts a press as a click only if pointer-down and pointer-up are handled within 250 ms; its picking pass
runs synchronously on pointer-down, so a pass longer than that drops the click (the drill-down then never moves).
The served Streamlit bundle is patched in the browser only (Playwright route) to log the pass's duration and
each click deck.gl takes. Prints one line per click: level, pick ms, whether deck.gl took it, load average.

    python bench/click_pick.py [--clicks 3] [--width 1400]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import shapely  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from bench._common import DECK, Server, launch_chromium, open_page, wait_idle, wait_map_drawn  # noqa: E402
from ipaid import geometry, maps  # noqa: E402
from ipaid.filters import Filters  # noqa: E402

PICK = (
    "this._onPointerDown=e=>{",
    "this._onPointerDown=e=>{const t0=performance.now();try{return this.__pd(e)}"
    "finally{console.log('BENCH pick',performance.now()-t0)}},this.__pd=e=>{",
)
CLICK = ("let re=(0,Z.useCallback)(e=>{", "let re=(0,Z.useCallback)(e=>{console.log('BENCH click',e.layer?.id);")


def patch(route) -> None:
    response = route.fetch()
    body = response.text()
    for old, new in (PICK, CLICK):
        if body.count(old) != 1:
            sys.exit(f"the deck.gl bundle changed: {old!r} not found once; update bench/click_pick.py")
        body = body.replace(old, new)
    route.fulfill(response=response, body=body)


def point(f: Filters, box: dict, lon: float, lat: float) -> tuple[float, float]:
    view = maps.initial_view(None if f.is_empty else maps.selected_counties(f))
    scale = 512 * 2**view.zoom
    x, y = (
        (lon - view.longitude) / 360 * scale,
        -(maps.merc(lat) - maps.merc(view.latitude)) / (2 * 3.141592653589793) * scale,
    )
    return box["x"] + box["width"] / 2 + x, box["y"] + box["height"] / 2 + y


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--clicks", type=int, default=3, help="tries at the province level (stops at the first click deck.gl takes)"
    )
    ap.add_argument("--width", type=int, default=1400)
    args = ap.parse_args()
    spot = shapely.point_on_surface(
        geometry.load_layer("counties", "national").set_index("adcode").at["430822", "geometry"]
    )
    logs: list[str] = []
    worst: list[float] = []  # each click's picking pass, ms
    with Server() as srv, sync_playwright() as pw:
        browser = launch_chromium(pw)
        page = browser.new_context(viewport={"width": args.width, "height": 1000}, base_url=srv.url).new_page()
        page.set_default_timeout(90_000)
        page.route(re.compile(r".*DeckGlJsonChart.*[.]js$"), patch)
        page.on("console", lambda m: m.text.startswith("BENCH") and logs.append(m.text))

        def click(level: str, f: Filters) -> bool:
            canvas = page.locator(DECK).filter(visible=True).first
            canvas.scroll_into_view_if_needed()
            x, y = point(f, canvas.bounding_box(), spot.x, spot.y)
            page.mouse.move(x, y)
            time.sleep(1.5)
            n = len(logs)
            page.mouse.click(x, y)
            time.sleep(1.0)
            picks = [float(s.split()[2]) for s in logs[n:] if s.startswith("BENCH pick")]
            taken = any(s.startswith("BENCH click") for s in logs[n:])
            load = Path("/proc/loadavg").read_text().split()[0]
            print(f"{level}: pick {picks[0] if picks else float('nan'):.0f} ms, click taken: {taken} (load {load})")
            worst.extend(picks[:1])
            return taken

        open_page(page, "/map")
        wait_map_drawn(page)
        for _ in range(3):
            if click("national", Filters()):
                break
        page.wait_for_function("() => decodeURIComponent(location.search).includes('province=湖南省')")
        wait_idle(page)
        wait_map_drawn(page, min_fraction=0.05)
        time.sleep(2)
        for _ in range(args.clicks):
            if click("湖南省", Filters(provinces=("湖南省",))):
                break  # the next level opened
        browser.close()
    print(f"max_pick_ms={max(worst, default=float('nan')):.0f}")


if __name__ == "__main__":
    main()
