"""Build what every replica needs, once, before they start: the web font slices, the county boundary cache,
the served map files and the fonts of exported images (each is skipped when already there). `python deploy/prepare.py`

deploy/serve.sh runs it before starting K replicas (so they do not all wait on the first build), the Dockerfile
at image build time.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    from ipaid import export, geometry, static_files, webfont

    started = time.perf_counter()
    webfont.ensure_webfont()
    built = geometry.ensure_built()
    static_files.ensure_static()
    export.export_font_dir()
    print(f"prepared in {time.perf_counter() - started:.1f} s ({'built' if built else 'found'} the boundary cache)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
