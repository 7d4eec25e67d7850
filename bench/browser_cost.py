"""What one browser opening a page costs the servers, static files included: `deploy/serve.sh 1` with nginx
serving the static files itself (the default) and, back to back, with the replica serving them
(`IPAID_NGINX_STATIC=0`, as before). For a new browser (empty cache) and a returning one: CPU seconds of the
replica and of nginx, requests, and bytes on the wire. `bench/load.py` measures sessions only (no static files).

Run: python bench/browser_cost.py [--page /map] [--tries 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

import psutil
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import launch_chromium, open_page, wait_idle  # noqa: E402
from bench.replicas import Replicas  # noqa: E402

SETTLE_MS = 2500  # after the run: the boundary files and label atlas arrive after the page is drawn


def cpu_by_program(root: int) -> dict[str, float]:
    """CPU seconds so far of each program under process `root` (streamlit runs as python)."""
    out: dict[str, float] = {}
    for proc in psutil.Process(root).children(recursive=True):
        name = "nginx" if proc.name() == "nginx" else "replica" if "streamlit" in " ".join(proc.cmdline()) else ""
        if name:
            out[name] = out.get(name, 0.0) + sum(proc.cpu_times()[:2])
    return out


def one_load(context, url: str, root: int) -> dict[str, float]:
    page, sizes = context.new_page(), []
    page.on("requestfinished", lambda r: sizes.append(r.sizes()["responseBodySize"] if "/_stcore/" not in r.url else 0))
    before = cpu_by_program(root)
    open_page(page, url)
    wait_idle(page)
    page.wait_for_timeout(SETTLE_MS)
    after = cpu_by_program(root)
    page.close()
    used = {name: after[name] - before.get(name, 0.0) for name in after}
    return {**used, "requests": len(sizes), "MB": sum(max(s, 0) for s in sizes) / 1e6}


def measure(static_by_nginx: bool, page: str, tries: int) -> dict[str, dict[str, float]]:
    env = {"IPAID_NGINX_STATIC": "1" if static_by_nginx else "0"}
    with Replicas(1, env=env) as served, sync_playwright() as p:
        browser = launch_chromium(p)
        root = served.proc.pid
        one_load(browser.new_context(), served.url + page, root)  # the server's first run: caches, imports
        results: dict[str, list[dict]] = {"new": [], "returning": []}
        for _ in range(tries):
            context = browser.new_context(viewport={"width": 1024, "height": 900})
            results["new"].append(one_load(context, served.url + page, root))
            results["returning"].append(one_load(context, served.url + page, root))
            context.close()
        browser.close()
    return {
        kind: {k: statistics.median(r.get(k, 0.0) for r in runs) for k in runs[0]} for kind, runs in results.items()
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--page", default="/map")
    ap.add_argument("--tries", type=int, default=3)
    args = ap.parse_args()
    if not 1 <= args.tries <= 10:
        ap.error("tries 1-10")
    print(f"{args.page}: medians of {args.tries} browsers (CPU s of each program; requests; MB on the wire)")
    figures = {}
    for label, by_nginx in (("replica serves static", False), ("nginx serves static", True)):
        for kind, m in measure(by_nginx, args.page, args.tries).items():
            print(
                f"  {label:22} {kind:9} replica {m.get('replica', 0):.3f} s  nginx {m.get('nginx', 0):.3f} s"
                f"  {m['requests']:.0f} requests  {m['MB']:.2f} MB"
            )
            figures[(by_nginx, kind)] = m
    for kind in ("new", "returning"):
        print(f"replica_cpu_{kind}_replica_static={figures[(False, kind)].get('replica', 0):.3f}")
        print(f"replica_cpu_{kind}_nginx_static={figures[(True, kind)].get('replica', 0):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
