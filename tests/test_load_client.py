"""The websocket client behind bench/load.py: it must reach `script_finished`, see what the page shows and
change a widget as a browser does, or the load test's figures mean nothing."""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest

from bench._common import Server
from bench.streamlit_client import ProtocolError, Session


@pytest.fixture(scope="module")
def floor():
    with Server(script="bench/floor_app.py") as srv:
        yield srv


@pytest.fixture(scope="module")
def app():
    with Server() as srv:
        yield srv


def test_floor_page_runs_to_the_end(floor):
    with Session(floor.url, timeout=60) as s:
        first = s.run("")
        again = s.run()
    assert first.ok and again.ok
    assert first.bytes > 1000 and first.messages >= 3
    assert first.elements == 3  # title, one line, the table
    assert again.elements == 3
    lines = s.run("", "lines=52")  # the element floor: as many elements as a dashboard page
    assert lines.ok and lines.elements == 3 + 52
    assert s.run("", "lines=x").elements == 3  # a bad value: the plain floor


def test_a_closed_stream_is_an_error_not_a_hang(floor):
    s = Session(floor.url, timeout=10).open()
    s.ws.close()  # the socket object stays: the next run must fail at once
    with pytest.raises(ProtocolError):
        s.run("")


def test_filter_change_reruns_the_map_with_the_filter(app):
    with Session(app.url, timeout=120) as s:
        first = s.run("map")
        assert first.ok, first.exceptions
        assert "湖南省" in s.widget("province").options
        changed = s.set("province", ["湖南省"])
        assert changed.ok, changed.exceptions
        # the app wrote the filter into the URL, as the browser would show it
        assert parse_qs(s.query).get("province") == ["湖南省"]
        measure = s.widget("measure")
        s.set("measure", measure.options[1])
        assert parse_qs(s.query)["province"] == ["湖南省"] and "measure" in parse_qs(s.query)
        with pytest.raises(KeyError):
            s.set("province", ["Atlantis"])


# ---- what a session costs the server: shared map specs ----------------------------------------------


def test_a_map_spec_is_built_once_per_view_and_data_version(monkeypatch):
    from ipaid import data, maps
    from ipaid.filters import Filters

    hunan = Filters(provinces=("湖南省",))
    sangzhi = data.load_gis().query("name_zh == '桑植白茶'")["gi_id"].iloc[0]
    deck = maps.cached_deck(hunan, "exit", "en", steps=1)
    # another session asking for the same view (its Filters also carry language and measure) gets the same deck
    assert maps.cached_deck(Filters(provinces=("湖南省",), lang="en", measure="exit"), "exit", "en", steps=1) is deck
    assert deck.to_json() == maps.build_deck(hunan, "exit", "en", steps=1).to_json()
    for other in (
        maps.cached_deck(hunan, "exit", "zh", steps=1),
        maps.cached_deck(hunan, "area", "en", steps=1),
        maps.cached_deck(hunan, "exit", "en", steps=2),
        maps.cached_deck(Filters(), "exit", "en", steps=1),
        maps.cached_deck(Filters(provinces=("湖南省",), categories=("tea",)), "exit", "en", steps=1),
        maps.cached_deck(Filters(provinces=("湖南省",), gis=(sangzhi,)), "exit", "en", steps=1),
    ):
        assert other is not deck and other.to_json() != deck.to_json()
    monkeypatch.setattr(maps, "data_signature", lambda: "a new data version")
    assert maps.cached_deck(hunan, "exit", "en", steps=1) is not deck


def test_the_shared_legend_is_the_legend_of_the_view():
    from ipaid import maps
    from ipaid.filters import Filters

    for f in (Filters(), Filters(provinces=("湖南省",)), Filters(categories=("tea",))):
        for measure in ("area", "gi"):
            assert maps.legend_items(f, measure, "en") == maps.legend_items(f, measure, "en", maps.selected_counties(f))
    assert maps.legend_items(Filters(), "area", "en") != maps.legend_items(Filters(), "area", "zh")


def test_the_websocket_carries_the_cookies_the_page_set():
    """Behind a load balancer with sticky cookies, the session's websocket must reach the replica that served
    the page: the client loads the page first and sends the cookies it set (here a stub server records them)."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    import websocket

    seen: dict[str, str | None] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server name
            seen[self.path] = self.headers.get("Cookie")
            self.send_response(200 if self.path == "/" else 400)
            if self.path == "/":
                self.send_header("Set-Cookie", "route=replica2; Path=/; HttpOnly")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    stub = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=stub.serve_forever, daemon=True).start()
    try:
        with pytest.raises(websocket.WebSocketException):
            Session(f"http://127.0.0.1:{stub.server_port}", timeout=10).open()
    finally:
        stub.shutdown()
    assert seen["/"] is None and seen["/_stcore/stream"] == "route=replica2"
