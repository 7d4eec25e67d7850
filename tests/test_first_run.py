"""The first visitor's page while the boundaries build: the progress bar speaks the page's language."""

import re

import pytest
from streamlit.testing.v1 import AppTest

from ipaid import geometry


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_first_run_progress_is_in_the_pages_language(lang, monkeypatch):
    def build(progress):
        progress(0.5, "Simplifying the national level")  # geometry's own (English) stage message
        raise RuntimeError("stop while the bar shows")

    monkeypatch.setattr(geometry, "is_built", lambda: False)
    monkeypatch.setattr(geometry, "ensure_built", build)
    at = AppTest.from_file("../app.py", default_timeout=120)
    if lang == "en":
        at.query_params["lang"] = "en"
    at.run()
    (bar,) = at.get("progress")
    text = bar.proto.text
    assert "40%" in text and "Simplifying" not in text  # half the boundaries: 40 % (the served files are the rest)
    latin = re.findall(r"[A-Za-z]", text)
    assert (len(latin) > 10) if lang == "en" else (not latin and re.search(r"[\u4e00-\u9fff]", text))


def test_starting_the_server_asks_nothing_of_the_internet(monkeypatch, capsys):
    """A headless start prints where to open the dashboard without asking checkip.amazonaws.com for an
    "External URL" (offline networks block it): with the project's configuration, no external address is looked up."""
    from pathlib import Path

    from streamlit import config, net_util
    from streamlit.web import bootstrap

    def looked_up():
        raise AssertionError("the external address was looked up")

    monkeypatch.chdir(Path(__file__).resolve().parent.parent)  # the project's .streamlit/config.toml
    config.get_config_options(force_reparse=True)
    monkeypatch.setattr(net_util, "get_external_ip", looked_up)
    try:
        bootstrap._print_url(False)
    finally:
        config.get_config_options(force_reparse=True)
    assert "http://localhost:8501" in capsys.readouterr().out
