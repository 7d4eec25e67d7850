"""`python -m ipaid.build`: build the font slices, the export fonts, the boundary cache and the served map files;
time and size."""

from __future__ import annotations

import sys
import time


def main() -> int:
    from ipaid import export, geometry, static_files, webfont

    started = time.perf_counter()
    fonts = webfont.ensure_webfont()
    print(
        f"web font: {len(fonts)} slices, {sum(p.stat().st_size for p in fonts) / 1e6:.1f} MB, "
        f"built in {time.perf_counter() - started:.2f} s"
    )
    stats = geometry.build(lambda f, msg: print(f"  {f:4.0%} {msg}", flush=True))
    print(f"geometry cache: {stats['path']}")
    print(
        f"  {stats['counties']} counties, vertices raw={stats['vertices_raw']:,} "
        f"national={stats['vertices_national']:,} detailed={stats['vertices_detailed']:,}"
    )
    print(f"  built in {stats['seconds']} s, {stats['bytes'] / 1e6:.1f} MB on disk")
    started_export = time.perf_counter()
    export_fonts = sorted(export.export_font_dir().glob("*.otf"))
    print(
        f"export fonts (vl-convert, regular and bold): {sum(p.stat().st_size for p in export_fonts) / 1e6:.1f} MB, "
        f"{time.perf_counter() - started_export:.2f} s"
    )
    served = [p for p in static_files.ensure_static() if p not in fonts]
    for path in served:
        print(f"  served file {path.name}: {path.stat().st_size / 1e6:.2f} MB")
    print(f"build_seconds={time.perf_counter() - started:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
