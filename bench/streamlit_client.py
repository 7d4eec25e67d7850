"""A minimal Streamlit client that speaks the browser's websocket protocol, for load tests (no browser).

It opens `/_stcore/stream` with the subprotocol a browser sends (`streamlit`, then an empty XSRF token:
no auth cookie is used), sends `BackMsg.rerun_script` with the page name, the query string, the URL
(`st.context.url`) and the widget states set so far, and reads `ForwardMsg`s until `script_finished`.
Like the browser it keeps the query string the app writes (`page_info_changed`), the page's script hash
(`navigation`) and the hashes of cacheable messages it has received (the server then sends a short
reference instead of a message the client already holds).

Widget changes are real widget states: `Session.set("province", ["湖南省"])` finds the widget whose id ends
with the key (Streamlit's ids are `$$ID-<hash>-<key>`) in the deltas of the runs so far and reruns with
that state (the option labels the widget shows), as a click in the browser does.

Blocking and thread-free (websocket-client), so it runs in plain threads, under Locust's gevent, or in a test.
"""

from __future__ import annotations

import io
import time
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pyarrow as pa
import websocket
from google.protobuf.message import Message
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

EARLY = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
COMPILE_ERROR = ForwardMsg.ScriptFinishedStatus.FINISHED_WITH_COMPILE_ERROR


class ProtocolError(RuntimeError):
    """The server closed the stream or did not finish the script in time."""


@dataclass
class Widget:
    """A widget seen in a delta: its element type (`multiselect`, `button_group`, …), id, label and options."""

    kind: str
    id: str
    label: str
    options: list[str]


@dataclass
class Run:
    """One script run as the client saw it: seconds from the request to `script_finished`, bytes and
    messages received (websocket payloads), the run's elements and the text of any exception shown."""

    seconds: float
    bytes: int
    messages: int
    elements: int
    exceptions: list[str] = field(default_factory=list)
    page_not_found: bool = False
    texts: list[str] = field(default_factory=list)  # every string the run sent (`Session(texts=True)` only)

    @property
    def ok(self) -> bool:
        return not self.exceptions and not self.page_not_found


def message_texts(msg: Message, out: list[str]) -> list[str]:
    """Every string in a protobuf message, with the cells of Arrow tables (st.dataframe) decoded."""
    for fld, value in msg.ListFields():
        for item in value if fld.is_repeated else [value]:
            if isinstance(item, Message):
                message_texts(item, out)
            elif isinstance(item, str):
                out.append(item)
            elif isinstance(item, bytes) and fld.name == "data" and msg.DESCRIPTOR.name == "ArrowData":
                table = pa.ipc.open_stream(io.BytesIO(item)).read_all()
                out.extend(str(v) for col in table.columns for v in col.to_pylist())
    return out


def _option_labels(element) -> list[str]:
    """The option labels of a selection widget (button groups hold them in `options[i].content`)."""
    return [o if isinstance(o, str) else o.content for o in element.options]


class Session:
    """One browser-like session on a Streamlit server at `base_url` (http://host:port[/base]); `cookie`, a
    browser's cookies so far (e.g. a load balancer's sticky cookie); `texts`: keep each run's strings."""

    def __init__(self, base_url: str, timeout: float = 120.0, cookie: str = "", texts: bool = False):
        parts = urlsplit(base_url.rstrip("/"))
        self.base = base_url.rstrip("/")
        self.ws_url = f"{'wss' if parts.scheme == 'https' else 'ws'}://{parts.netloc}{parts.path}/_stcore/stream"
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.timeout = timeout
        self.ws: websocket.WebSocket | None = None
        self.cookie = cookie
        self.keep_texts = texts
        self.page = ""
        self.page_hash = ""
        self.query = ""
        self.widgets: dict[str, Widget] = {}
        self.states: dict[str, WidgetState] = {}
        self.cached: set[str] = set()
        self.total_bytes = 0

    # ---- connection ---------------------------------------------------------------------------

    def open(self) -> Session:
        """Load the page's HTML as a browser does first, keeping the cookies it sets (a load balancer's sticky
        cookie, so the websocket reaches the same replica), then connect the websocket (a new server session)."""
        self.cookie = "; ".join(filter(None, [self.cookie, *self._page_cookies()]))
        self.ws = websocket.create_connection(
            self.ws_url,
            timeout=self.timeout,
            subprotocols=["streamlit"],
            origin=self.origin,
            cookie=self.cookie or None,
            enable_multithread=False,
        )
        return self

    @property
    def replica(self) -> str | None:
        """The replica that took the websocket, by the id the load balancer gives it (`X-IPAid-Replica`)."""
        return (self.ws.getheaders() or {}).get("x-ipaid-replica") if self.ws else None

    def _page_cookies(self) -> list[str]:
        request = urllib.request.Request(f"{self.base}/", headers={"Cookie": self.cookie} if self.cookie else {})
        with urllib.request.urlopen(request, timeout=self.timeout) as resp:
            resp.read()
            return [c.split(";", 1)[0].strip() for c in resp.headers.get_all("Set-Cookie") or []]

    def close(self) -> None:
        if self.ws is not None:
            try:
                self.ws.close()
            finally:
                self.ws = None

    def __enter__(self) -> Session:
        return self.open()

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- runs ---------------------------------------------------------------------------------

    def run(self, page: str | None = None, query: str | None = None) -> Run:
        """Run a page ("" = the default page, "map", …) with a query string (no "?"), as when the browser
        opens that URL. Without arguments: rerun the current page with the widget states set so far."""
        if page is not None and page != self.page:
            self.page, self.page_hash = page, ""
            self.widgets = {}
            self.states = {}
        if query is not None:
            self.query = query
        return self._rerun()

    def set(self, key: str, value) -> Run:
        """Change the widget with user key `key` to `value` (option labels as shown: a list for a
        multiselect, one label for a button group) and rerun, as a click in the browser does."""
        widget = self.widget(key)
        labels = value if isinstance(value, list) else [value]
        unknown = [v for v in labels if v not in widget.options]
        if unknown:
            raise KeyError(f"{unknown} not among the options of {widget.label!r} (pass the labels it shows)")
        state = WidgetState(id=widget.id)
        state.string_array_value.data.extend(labels)
        self.states[widget.id] = state
        return self._rerun()

    def widget(self, key: str) -> Widget:
        for wid, w in self.widgets.items():
            if wid.endswith(f"-{key}"):
                return w
        raise KeyError(f"no widget with key {key!r} in this session's page (seen: {sorted(self.widgets)})")

    def _request(self) -> BackMsg:
        msg = BackMsg()
        rs = msg.rerun_script
        rs.query_string = self.query
        rs.page_name = self.page
        rs.page_script_hash = self.page_hash
        rs.context_info.url = f"{self.base}/{self.page}" + (f"?{self.query}" if self.query else "")
        rs.context_info.timezone = "Asia/Shanghai"
        rs.context_info.locale = "zh-CN"
        rs.widget_states.widgets.extend(self.states.values())
        rs.cached_message_hashes.extend(sorted(self.cached))
        return msg

    def _rerun(self) -> Run:
        if self.ws is None:
            self.open()
        started = time.perf_counter()
        try:
            self.ws.send_binary(self._request().SerializeToString())
        except (websocket.WebSocketException, OSError) as exc:
            raise ProtocolError(f"cannot send: {exc}") from exc
        nbytes = count = elements = 0
        exceptions: list[str] = []
        texts: list[str] = []
        not_found = False
        deadline = started + self.timeout
        while True:
            if time.perf_counter() > deadline:
                raise ProtocolError(f"script not finished after {self.timeout:.0f} s")
            try:
                opcode, payload = self.ws.recv_data()
            except websocket.WebSocketTimeoutException as exc:
                raise ProtocolError(f"no message for {self.timeout:.0f} s") from exc
            except websocket.WebSocketConnectionClosedException as exc:
                raise ProtocolError("the server closed the stream") from exc
            if opcode != websocket.ABNF.OPCODE_BINARY:
                if opcode == websocket.ABNF.OPCODE_CLOSE:
                    raise ProtocolError("the server closed the stream")
                continue
            nbytes += len(payload)
            count += 1
            msg = ForwardMsg()
            msg.ParseFromString(payload)
            kind = msg.WhichOneof("type")
            if msg.metadata.cacheable and msg.hash:
                self.cached.add(msg.hash)
            if kind == "navigation":  # with st.navigation the page run is named here, not in new_session
                self.page_hash = msg.navigation.page_script_hash
            elif kind == "page_info_changed":
                self.query = msg.page_info_changed.query_string
            elif kind == "page_not_found":
                not_found = True
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                elements += 1
                self._seen(msg.delta.new_element, exceptions)
            if kind == "delta" and self.keep_texts:
                message_texts(msg.delta, texts)
            elif kind == "script_finished":
                if msg.script_finished == COMPILE_ERROR:
                    exceptions.append("compile error")
                if msg.script_finished != EARLY:
                    break
        self.total_bytes += nbytes
        return Run(time.perf_counter() - started, nbytes, count, elements, exceptions, not_found, texts)

    def _seen(self, element, exceptions: list[str]) -> None:
        kind = element.WhichOneof("type")
        if kind == "exception":
            exceptions.append(f"{element.exception.type}: {element.exception.message}"[:300])
        elif kind in ("multiselect", "button_group", "selectbox", "radio"):
            inner = getattr(element, kind)
            self.widgets[inner.id] = Widget(kind, inner.id, inner.label, _option_labels(inner))
