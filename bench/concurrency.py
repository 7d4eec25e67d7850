"""N simultaneous browser sessions loading the map page (N = 1, 10, 25, 50): load time p50/p95 and server memory.

One headless Chromium, one context (= one Streamlit session) per user, all navigating at once. A load
ends when the map canvas exists and the app's script is not running. The streamlit process's RSS is
read from /proc before, at its peak during, and after each round (sessions still connected).
By default the browser answers the boundary-file requests itself with an empty FeatureCollection: on
this GPU-less machine each page's software WebGL drawing of the national map takes ~10 s of CPU and
blocks the page, which would measure Chromium, not the server. `--full` loads the real files.
Run: python bench/concurrency.py [--full] [N ...]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import DECK, Server, launch_chromium, quantiles  # noqa: E402

ROUND_TIMEOUT = 120.0  # seconds per round; sessions not loaded by then count as taking this long
IDLE = "() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState === 'notRunning'"
EMPTY = '{"type":"FeatureCollection","features":[]}'


async def one_session(browser, url: str, stub: bool, deadline: float) -> tuple[object, float | None, float | None]:
    """Open a context, load the map page; return (context, seconds to title, seconds to map canvas + idle).

    A milestone not reached (timeout, error) is None.
    """
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    if stub:
        await context.route(
            "**/app/static/geo/**", lambda route: route.fulfill(status=200, content_type="application/json", body=EMPTY)
        )
    page = await context.new_page()
    started = time.perf_counter()
    title = None
    try:
        timeout = max(1.0, deadline - started) * 1000
        await page.goto(url, wait_until="commit", timeout=timeout)
        await page.locator("h1").first.wait_for(timeout=timeout)
        title = time.perf_counter() - started
        await page.locator(DECK).first.wait_for(state="attached", timeout=timeout)
        await page.wait_for_function(IDLE, timeout=timeout, polling=100)
        return context, title, time.perf_counter() - started
    except Exception as exc:  # noqa: BLE001 - a failed session is reported, not fatal
        print(f"    session failed: {type(exc).__name__}: {str(exc).splitlines()[0][:100]}", file=sys.stderr)
        return context, title, None


async def round_of(browser, srv: Server, n: int, stub: bool) -> dict:
    before, cpu, wall = srv.rss_mb(), srv.cpu_seconds(), time.perf_counter()
    peak = before
    deadline = time.perf_counter() + ROUND_TIMEOUT
    tasks = [asyncio.create_task(one_session(browser, f"{srv.url}/map", stub, deadline)) for _ in range(n)]
    while not all(t.done() for t in tasks) and time.perf_counter() < deadline + 15:
        peak = max(peak, srv.rss_mb())
        await asyncio.sleep(0.2)
    for t in tasks:
        t.cancel() if not t.done() else None
    results = [t.result() for t in tasks if t.done() and not t.cancelled()]
    server_cpu, wall = srv.cpu_seconds() - cpu, time.perf_counter() - wall
    await asyncio.sleep(1.0)
    connected = srv.rss_mb()
    times = [s for *_, s in results if s is not None]
    censored = times + [ROUND_TIMEOUT] * (n - len(times))  # sessions that failed or timed out count as the timeout
    titles = [t for _, t, _ in results if t is not None]
    title_p50, title_p95 = quantiles(titles + [ROUND_TIMEOUT] * (n - len(titles)))
    for context, *_ in results:
        await context.close()
    await asyncio.sleep(3.0)
    p50, p95 = quantiles(censored)
    return {
        "n": n,
        "ok": len(times),
        "title_p50": title_p50,
        "title_p95": title_p95,
        "cpu": server_cpu,
        "wall": wall,
        "p50": p50,
        "p95": p95,
        "max": max(censored),
        "rss_before": before,
        "rss_peak": peak,
        "rss_connected": connected,
        "rss_after": srv.rss_mb(),
    }


async def main(sizes: list[int], stub: bool) -> None:
    from playwright.async_api import async_playwright

    rows = []
    with Server() as srv:
        async with async_playwright() as pw:
            browser = await launch_chromium(pw)
            await round_of(browser, srv, 1, stub)  # warm-up: server caches, first-session rerun
            for n in sizes:
                rows.append(await round_of(browser, srv, n, stub))
                r = rows[-1]
                print(f"  N={n}: {r['ok']}/{n} loaded, p95 {r['p95']:.2f} s", file=sys.stderr, flush=True)
            await browser.close()

    print(
        f"map page, simultaneous sessions ({'boundary files stubbed in the browser' if stub else 'real boundary files'}):"  # noqa: E501
    )
    print("times: navigation → title (h1) shown, and → map canvas exists with the script idle (the load)")
    print(
        f"{'N':>4}{'ok':>5}{'title p50':>10}{'p95':>6}{'load p50 s':>11}{'p95 s':>8}{'max s':>8}{'RSS before':>12}{'peak':>8}{'connected':>11}"  # noqa: E501
        f"{'after':>8} (MB)  server CPU s / round s"
    )
    for r in rows:
        print(
            f"{r['n']:>4}{r['ok']:>5}{r['title_p50']:>10.2f}{r['title_p95']:>6.1f}{r['p50']:>11.2f}{r['p95']:>8.2f}{r['max']:>8.2f}{r['rss_before']:>12.0f}"
            f"{r['rss_peak']:>8.0f}{r['rss_connected']:>11.0f}{r['rss_after']:>8.0f}       {r['cpu']:6.1f} / {r['wall']:5.1f}"  # noqa: E501
        )
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        per = (last["rss_connected"] - first["rss_connected"]) / max(1, last["n"] - first["n"])
        print(f"memory growth per extra connected session: {per:.1f} MB (N={first['n']}→{last['n']})")
        print(f"memory_per_session_mb={per:.1f}")
    by_n = {r["n"]: r for r in rows}
    if 50 in by_n:
        print(f"p95_50_sessions_s={by_n[50]['p95']:.2f}")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "sizes", type=int, nargs="*", default=[1, 10, 25, 50], help="sessions per round (default 1 10 25 50)"
    )
    ap.add_argument("--full", action="store_true", help="load the real boundary files (software WebGL draws them)")
    args = ap.parse_args()
    asyncio.run(main(args.sizes, not args.full))
