"""Server-side time of a filter change: one script rerun of the map page (and build_deck alone), and of the
GI page (~3,600 GIs) for category filters and searches.

AppTest runs app.py switched to pages/map.py; the province multiselect is changed 30 times, cycling
through a few provinces (the first visit of each is a cold selection file), and each `.run()` is timed.
Then pages/gi.py: the category filter and the search box are changed 30 times each, cycling.
Run: python bench/filter_latency.py
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import ROOT, parse_no_options, private_store, quantiles  # noqa: E402

os.environ.setdefault("IPAID_STORE_DIR", private_store())

PROVINCES = ["湖南省", "贵州省", "云南省", "甘肃省", "四川省", "河北省"]
CATEGORIES = [["tea"], ["fruit"], [], ["vegetable", "tea"], ["aquatic"], ["herbal_medicine"]]
SEARCHES = ["桑植", "white tea", "hetao", "核桃", "sangzhi", ""]
CHANGES = 30


def report(name: str, ms: list[float]) -> float:
    median, p95 = quantiles(ms)
    print(f"{name:<38} median {median:7.1f} ms  p95 {p95:7.1f} ms  max {max(ms):7.1f} ms  (n={len(ms)})")
    return median


def main() -> None:
    parse_no_options(__doc__)
    from streamlit.testing.v1 import AppTest

    from ipaid.filters import Filters
    from ipaid.maps import build_deck

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    started = time.perf_counter()
    at.run()
    at.switch_page("pages/map.py").run()
    print(f"first map page run (cold caches): {time.perf_counter() - started:.2f} s")
    assert not at.exception, at.exception

    reruns, decks = [], []
    for i in range(CHANGES):
        provinces = [PROVINCES[i % len(PROVINCES)]]
        at.multiselect(key="province").set_value(provinces)
        started = time.perf_counter()
        at.run()
        reruns.append((time.perf_counter() - started) * 1000)
        assert not at.exception, at.exception
        started = time.perf_counter()
        build_deck(Filters(provinces=tuple(provinces))).to_json()
        decks.append((time.perf_counter() - started) * 1000)

    first = len(PROVINCES)
    report("rerun after a province change (all)", reruns)
    report("  first visit of each province", reruns[:first])
    report("  repeat visits", reruns[first:])
    report("build_deck + to_json alone (all)", decks)
    gi_median = gi_page(at)
    median, _ = quantiles(reruns)
    print(f"gi_rerun_median_ms={gi_median:.1f}")
    print(f"filter_rerun_median_ms={median:.1f}")


def gi_page(at) -> float:
    """Reruns of the GI page after a category change and after a search; returns the median of both."""
    at.multiselect(key="province").set_value([]).run()
    started = time.perf_counter()
    at.switch_page("pages/gi.py").run()
    print(f"first GI page run: {time.perf_counter() - started:.2f} s ({len(at.dataframe)} tables)")
    assert not at.exception, at.exception
    timed = {"category": [], "search": []}
    for i in range(CHANGES):
        for kind, change in (
            ("category", lambda i=i: at.multiselect(key="category").set_value(CATEGORIES[i % 6])),
            ("search", lambda i=i: at.text_input(key="q").set_value(SEARCHES[i % 6])),
        ):
            change()
            started = time.perf_counter()
            at.run()
            timed[kind].append((time.perf_counter() - started) * 1000)
            assert not at.exception, at.exception
    report("GI page: category change", timed["category"])
    report("  first visit of each", timed["category"][:6])
    report("GI page: search", timed["search"])
    return quantiles(timed["category"] + timed["search"])[0]


if __name__ == "__main__":
    main()
