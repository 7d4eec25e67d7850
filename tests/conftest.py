"""Test setup: the version store lives in a temporary folder, never in data/store; one Playwright and one
headless Chromium per session for every test that asks (a second sync Playwright in a process is refused)."""

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

os.environ["IPAID_STORE_DIR"] = tempfile.mkdtemp(prefix="ipaid-store-")
atexit.register(shutil.rmtree, os.environ["IPAID_STORE_DIR"], ignore_errors=True)  # one folder per run, not kept
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._common import chromium_available, launch_chromium  # noqa: E402


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: real-browser tests in headless Chromium")


def pytest_collection_modifyitems(items):
    """For pytest-xdist (`-n 2 --dist loadgroup`, pytest.ini): a test file runs in one worker, and so do all the
    browser tests, one after another, so that two Chromiums drawing the national map never share the cores."""
    for item in items:
        group = "browser" if item.path.parent.name == "browser" else item.path.name
        item.add_marker(pytest.mark.xdist_group(group))


@pytest.fixture(scope="session")
def playwright():
    """One Playwright for the whole run (a second sync Playwright in the same process is refused)."""
    if not chromium_available():
        message = "Chromium not found at /usr/bin/chromium (install Debian's `chromium`)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright):
    chromium = launch_chromium(playwright)
    yield chromium
    chromium.close()


@pytest.fixture
def history_run(monkeypatch):
    """Run an AppTest as the browser's Back or Forward does: its URL shown, and the run marked as history
    navigation (Streamlit's frontend sends that flag with the rerun; AppTest's restart of every run out of the
    legacy pages mode, an `st.rerun`, keeps it here)."""
    from functools import partial

    from streamlit.commands import execution_control
    from streamlit.runtime.scriptrunner import RerunData
    from streamlit.testing.v1 import local_script_runner

    def run(at, params: dict):
        at.query_params.clear()
        at.query_params.update(params)
        with monkeypatch.context() as m:
            for module in (local_script_runner, execution_control):
                m.setattr(module, "RerunData", partial(RerunData, is_history_navigation=True))
            return at.run()

    return run
