"""Make the folder nginx serves static files from (deploy/serve.sh, nginx beside the replicas):
`python deploy/static_root.py DIR`.

DIR/static is a copy of Streamlit's frontend (its `/static/` URLs) with a gzip twin beside each script and
style sheet, made once here instead of for every browser; DIR/app/static links to the project's `static/`
folder (`/app/static/` URLs: web-font slices, boundary and label files), which the replicas keep up to date.
"""

from __future__ import annotations

import gzip
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMPRESSED = {".js", ".mjs", ".css", ".json", ".map", ".svg", ".html", ".txt"}


def frontend() -> Path:
    """Streamlit's built frontend: the folder whose `static/` subfolder its `/static/` URLs name."""
    import streamlit

    return Path(streamlit.__file__).parent / "static"


def make(www: Path, served: Path = ROOT / "static", source: Path | None = None) -> Path:
    """Fill `www` (created if missing; a previous copy is replaced) from Streamlit's frontend (`source`, default
    `frontend()`) and the project's `served` folder; return it."""
    target = www / "static"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree((source or frontend()) / "static", target)
    for path in target.rglob("*"):
        if path.suffix in COMPRESSED and path.stat().st_size >= 1024:
            twin = path.with_name(path.name + ".gz")
            twin.write_bytes(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))
            shutil.copystat(path, twin)  # the same date as its file (nginx dates the answer by the twin)
    for path in served.rglob("*"):  # written private (0600) before ipaid.atomic made them readable by all
        if path.is_file() and not path.stat().st_mode & 0o004:
            path.chmod(0o644)
    (www / "app").mkdir(parents=True, exist_ok=True)
    link = www / "app" / "static"
    link.unlink(missing_ok=True)
    link.symlink_to(served.resolve(), target_is_directory=True)
    return www


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python deploy/static_root.py DIR")
    print(make(Path(sys.argv[1])))
