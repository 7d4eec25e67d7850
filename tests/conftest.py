"""Test setup: the version store lives in a temporary folder, never in data/store."""

import os
import sys
import tempfile
from pathlib import Path

os.environ["IPAID_STORE_DIR"] = tempfile.mkdtemp(prefix="ipaid-store-")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: real-browser tests in headless Chromium")
