"""Chrome trace of one filter change on /map (Hunan picked in the sidebar) until the map is redrawn, split by thread.

Prints, from the click, the long tasks (>= `--min-ms`) of the page's main thread and of the GPU process (where
SwiftShader draws WebGL in software), with the biggest events inside each, and the totals per thread. The raw
trace is written to `--out` (open it in chrome://tracing or Perfetto).

Run: python bench/trace_filter.py [--out /tmp/filter-trace.json] [--min-ms 30] [--width 1024]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import Server, launch_chromium, open_page, wait_map_drawn  # noqa: E402
from bench.interaction import _after, pick_typed, type_province  # noqa: E402

CATEGORIES = [
    "devtools.timeline",
    "disabled-by-default-devtools.timeline",
    "disabled-by-default-devtools.timeline.frame",
    "toplevel",
    "v8.execute",
    "blink.user_timing",
    "gpu",
    "viz",
    "cc",
]


def summarise(events: list[dict], start_us: float, min_ms: float) -> None:
    names = {}
    for e in events:
        if e.get("ph") == "M" and e.get("name") == "thread_name":
            names[(e["pid"], e["tid"])] = e["args"]["name"]
    spans = [e for e in events if e.get("ph") == "X" and e.get("ts", 0) >= start_us and "dur" in e]
    by_thread = defaultdict(list)
    for e in spans:
        by_thread[names.get((e["pid"], e["tid"]), str(e["tid"]))].append(e)
    for thread, evs in sorted(by_thread.items()):
        top = [e for e in evs if e["name"] in ("ThreadControllerImpl::RunTask", "RunTask")]
        busy = sum(e["dur"] for e in top) / 1000
        if busy < min_ms:
            continue
        print(f"\n== {thread}: {busy:.0f} ms busy in {len(top)} tasks")
        for task in sorted(top, key=lambda e: e["ts"]):
            if task["dur"] / 1000 < min_ms:
                continue
            end = task["ts"] + task["dur"]
            inner = [e for e in evs if e is not task and task["ts"] <= e["ts"] < end and e["name"] not in ("RunTask",)]
            inner.sort(key=lambda e: -e["dur"])
            seen, parts = set(), []
            for e in inner:
                label = e["name"]
                if label in seen or e["dur"] < 0.2 * task["dur"]:
                    continue
                seen.add(label)
                parts.append(f"{label} {e['dur'] / 1000:.0f}")
                if len(parts) == 5:
                    break
            print(f"  +{(task['ts'] - start_us) / 1000:7.0f} ms  {task['dur'] / 1000:6.0f} ms  {'; '.join(parts)}")


def gl_summary(prof: dict) -> None:
    """Frames (from one clear to the next) with their draw calls' software-GPU time by shader."""
    frames, current = [], None
    marks = sorted(prof.get("events", []), key=lambda e: e[1])
    for name, ms, verts, t in prof["draws"]:
        if name == "clear":
            if current is None or current["draws"]:
                current = {"t": t, "draws": []}
                frames.append(current)
            continue
        if current is None:
            current = {"t": t, "draws": []}
            frames.append(current)
        current["draws"].append((name, ms, verts))
    t0 = prof.get("start") or (frames[0]["t"] if frames else 0)
    for fr in frames:
        by = defaultdict(lambda: [0.0, 0, 0])
        for name, ms, verts in fr["draws"]:
            by[name][0] += ms
            by[name][1] += 1
            by[name][2] += verts
        total = sum(v[0] for v in by.values())
        parts = ", ".join(
            f"{n} {v[0]:.0f} ms/{v[1]} calls/{v[2]} vx" for n, v in sorted(by.items(), key=lambda x: -x[1][0])
        )
        while marks and marks[0][1] <= fr["t"]:
            name, t = marks.pop(0)
            print(f"  {name} at +{t - t0:.0f} ms")
        print(f"frame +{fr['t'] - t0:7.0f} ms: {total:6.0f} ms  {parts}")
    for name, ms in prof["links"]:
        print(f"link {name}: {ms:.0f} ms")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default="/tmp/filter-trace.json")
    ap.add_argument("--min-ms", type=float, default=30)
    ap.add_argument("--width", type=int, default=1024)
    ap.add_argument("--gl", action="store_true", help="instead of a trace: time each WebGL draw call (gl.finish)")
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with Server() as srv, sync_playwright() as pw:
        browser = launch_chromium(pw)
        page = browser.new_page(viewport={"width": args.width, "height": 900}, base_url=srv.url)
        page.set_default_timeout(90_000)
        if args.gl:
            for script in ("frame_timer.js", "gl_profile.js"):
                page.add_init_script(path=str(Path(__file__).with_name(script)))
        open_page(page, "/map")
        shot = wait_map_drawn(page)
        page.wait_for_timeout(1500)
        type_province(page, "zh")
        if args.gl:
            print("deck.gl hooked:", page.evaluate("() => window.__glprof.hookDeck()"))
            page.evaluate("() => { window.__glprof.on = true; window.__glprof.start = performance.now() }")
        else:
            browser.start_tracing(page=page, path=args.out, categories=CATEGORIES)
        page.evaluate("() => performance.mark('click')")
        before, started = page.url, time.perf_counter()
        pick_typed(page)
        _after(page, before)
        run_done = time.perf_counter() - started
        wait_map_drawn(page, min_fraction=0.05, unlike=shot)
        drawn = time.perf_counter() - started
        page.wait_for_timeout(500)
        if args.gl:
            prof = page.evaluate("() => window.__glprof")
        else:
            browser.stop_tracing()
        browser.close()
    print(f"script finished +{run_done:.2f} s, map seen redrawn +{drawn:.2f} s (wall clock, from the Enter)")
    if args.gl:
        gl_summary(prof)
    else:
        events = json.loads(Path(args.out).read_text())["traceEvents"]
        mark = [e for e in events if e.get("name") == "click" and "blink.user_timing" in e.get("cat", "")]
        start = mark[0]["ts"] if mark else min(e["ts"] for e in events if e.get("ts"))
        summarise(events, start, args.min_ms)
    print(f"map_redrawn_s={drawn:.2f}")


if __name__ == "__main__":
    main()
