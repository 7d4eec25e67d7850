"""Map data the browser receives per view: the deck JSON plus the boundary files it fetches from `static/`.

Views: national, one province (湖南省), one contiguous area (wuling), the tea category, 湖南省 with tea.
The deck JSON is measured as `build_deck(...).to_json()` (what st.pydeck_chart sends) and gzipped; each
`app/static/...` file the deck references (layer data, the label atlas and its icon mapping) is fetched from a
running server with `Accept-Encoding: gzip` and counted as received.
Run: python bench/map_payload.py
"""

from __future__ import annotations

import gzip
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import Server, http_get, parse_no_options, private_store  # noqa: E402

os.environ.setdefault("IPAID_STORE_DIR", private_store())
from ipaid.filters import Filters  # noqa: E402
from ipaid.maps import build_deck  # noqa: E402

VIEWS = {
    "national": Filters(),
    "province 湖南省": Filters(provinces=("湖南省",)),
    "area wuling": Filters(areas=("wuling",)),
    "category tea": Filters(categories=("tea",)),
    "湖南省 + tea": Filters(provinces=("湖南省",), categories=("tea",)),
}


def static_urls(spec: str) -> list[str]:
    """The served files a deck spec points its layers at: data, and the labels' atlas and icon mapping."""
    return [
        value
        for layer in json.loads(spec)["layers"]
        for prop in ("data", "iconAtlas", "iconMapping")
        if isinstance(value := layer.get(prop), str) and value.startswith("app/static/")
    ]


def main() -> None:
    parse_no_options(__doc__)
    decks = {}
    for name, f in VIEWS.items():
        started = time.perf_counter()
        spec = build_deck(f).to_json()
        first = time.perf_counter() - started
        repeats = []
        for _ in range(5):
            started = time.perf_counter()
            build_deck(f).to_json()
            repeats.append(time.perf_counter() - started)
        decks[name] = (spec, first, statistics.median(repeats))

    wire: dict[str, tuple[int, int, str]] = {}  # url -> (bytes received, bytes decoded, encoding)
    with Server() as srv:
        for url in sorted({u for spec, *_ in decks.values() for u in static_urls(spec)}):
            status, body, headers = http_get(f"{srv.url}/{url}", headers={"Accept-Encoding": "gzip"})
            assert status == 200, (url, status)
            encoding = headers.get("content-encoding", "identity")
            wire[url] = (len(body), len(gzip.decompress(body)) if encoding == "gzip" else len(body), encoding)
    if any(enc != "gzip" and not url.endswith(".webp") for url, (*_, enc) in wire.items()):  # WebP: compressed
        print("NOTE: the server did not gzip some files; their raw bytes are counted")

    seen: set[str] = set()
    totals = {}
    for name, (spec, first, warm) in decks.items():
        raw, packed = len(spec.encode()), len(gzip.compress(spec.encode()))
        print(f"\n== {name}: build_deck+to_json first {first * 1000:.0f} ms, warm median {warm * 1000:.0f} ms")
        print(f"  deck JSON             {raw:>10,} B raw  {packed:>9,} B gzip")
        files = static_urls(spec)
        for url in files:
            got, decoded, enc = wire[url]
            print(f"  {url.split('/')[-1]:<22.22}{decoded:>10,} B raw  {got:>9,} B on the wire ({enc})")
        static_bytes = sum(wire[u][0] for u in files)
        new_bytes = sum(wire[u][0] for u in files if u not in seen)
        seen.update(files)
        totals[name] = raw + static_bytes
        print(
            f"  total received (fresh browser): {raw + static_bytes:,} B "
            f"(deck JSON raw + files as sent; {packed + static_bytes:,} B with the deck JSON gzipped)"
        )
        print(f"  new bytes after the views above (files cached): {raw + new_bytes:,} B")
    print(f"\nnational_payload_bytes={totals['national']}")


if __name__ == "__main__":
    main()
