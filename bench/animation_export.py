"""Time of the press animation (GIF, MP4 and the small multiples PNG) for the whole country and for an area,
as the map page builds it on click: first with cold caches (dissolving counties per exit year), then warm.

Prints wall time, the process's CPU time (vl-convert renders on its own threads; on a busy machine wall time
is mostly waiting) and the load average. Run: python bench/animation_export.py
"""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import parse_no_options, private_store  # noqa: E402

os.environ.setdefault("IPAID_STORE_DIR", private_store())


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parse_no_options(__doc__)
    from ipaid import animation, data, geometry
    from ipaid.filters import Filters

    data.all_counties(), geometry.load_layer("counties", "national")  # the app has these loaded already
    national = None
    for name, f in (("national", Filters()), ("national", Filters()), ("wuling", Filters(areas=("wuling",)))):
        wall, used = time.perf_counter(), cpu()
        files = animation.animation(f, "zh", "筛选：无")
        wall, used = time.perf_counter() - wall, cpu() - used
        sizes = ", ".join(f"{k} {len(v) / 1e3:.0f} kB" for k, v in files.items())
        print(f"{name:<9} wall {wall:5.1f} s  cpu {used:5.1f} s  load {os.getloadavg()[0]:.1f}  ({sizes})")
        national = wall if national is None else national
    print(f"national_animation_s={national:.1f}")


if __name__ == "__main__":
    main()
