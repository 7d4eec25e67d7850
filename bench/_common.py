"""Shared by the browser tests and the benchmarks: start the app, launch headless Chromium, read the page.

The app runs as `streamlit run app.py` on a free loopback port (8700–8799) with its own version store;
Chromium is the Debian build at /usr/bin/chromium (Playwright's browser download is never used).
"""

from __future__ import annotations

import argparse
import atexit
import io
import math
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PAGES = [
    "",
    "map",
    "gi",
    "evidence",
    "projects",
    "designated",
    "patents",
    "profiles",
    "data",
]  # url paths; "" is the overview
DECK = '[data-testid="stDeckGlJsonChart"] canvas'
VEGA = '[data-testid="stVegaLiteChart"] :is(svg.marks, canvas)'
PORTS = range(8700, 8800)


def private_store() -> str:
    """A temporary version store for this benchmark process, removed when it exits."""
    path = tempfile.mkdtemp(prefix="ipaid-store-")
    atexit.register(shutil.rmtree, path, True)
    return path


def parse_no_options(doc: str) -> None:
    """`--help` prints the benchmark's docstring (and nothing runs) for a benchmark that takes no options."""
    argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter).parse_args()


def own_ports() -> range:
    """This process's share of 8700–8799: under pytest-xdist each worker has its own block of consecutive ports,
    so two workers never race for a port, nor for a run of them (the replica test takes three in a row)."""
    count = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0) % count
    size = len(PORTS) // count
    return range(PORTS.start + worker * size, PORTS.start + (worker + 1) * size)


def port_free(port: int) -> bool:
    """Whether nothing listens on this loopback port (it can be bound)."""
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


def free_ports(n: int = 1) -> int:
    """The first of `n` consecutive free loopback ports in this process's share (tried in random order)."""
    own = own_ports()
    for first in random.sample(range(own.start, own.stop - n + 1), len(own) - n + 1):
        if all(port_free(p) for p in range(first, first + n)):
            return first
    raise RuntimeError(f"no {n} free ports in {own.start}-{own.stop - 1}")


def free_port() -> int:
    """A free loopback port in this process's share of 8700–8799."""
    return free_ports(1)


def http_get(url: str, timeout: float = 10.0, headers: dict | None = None) -> tuple[int, bytes, dict]:
    """Status, raw body (not decompressed) and headers (lower-case names) of a GET."""
    req = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        return resp.status, resp.read(), {k.lower(): v for k, v in resp.headers.items()}


class Server:
    """`python -m streamlit run app.py` on a free loopback port, with a temporary version store.

    Use as a context manager; `env` adds or overrides environment variables; `script` is the app to run.
    """

    def __init__(self, env: dict | None = None, script: str = "app.py"):
        self.script = script
        self.workdir = Path(tempfile.mkdtemp(prefix="ipaid-server-"))
        self.env = {**os.environ, "IPAID_STORE_DIR": str(self.workdir / "store"), **(env or {})}
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None
        self.started = 0.0

    def start(self) -> Server:
        self.log = open(self.workdir / "server.log", "wb")
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                self.script,
                "--server.headless",
                "true",
                "--server.port",
                str(self.port),
                "--server.address",
                "127.0.0.1",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        return self

    def wait_healthy(self, timeout: float = 180.0) -> float:
        """Seconds from start until `/_stcore/health` says ok (the first start may build the geometry cache)."""
        deadline = self.started + timeout
        while time.perf_counter() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                if http_get(f"{self.url}/_stcore/health", timeout=2)[1] == b"ok":
                    return time.perf_counter() - self.started
            except OSError:
                pass
            time.sleep(0.1)
        raise TimeoutError(f"streamlit not healthy after {timeout:.0f} s:\n{self.log_tail()}")

    def log_tail(self, n: int = 3000) -> str:
        self.log.flush()
        return (self.workdir / "server.log").read_bytes()[-n:].decode(errors="replace")

    def rss_mb(self) -> float:
        """Resident memory of the streamlit process (MB, from /proc)."""
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def cpu_seconds(self) -> float:
        """User + system CPU time the streamlit process has used so far."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        if getattr(self, "log", None):
            self.log.close()
        shutil.rmtree(self.workdir, ignore_errors=True)  # its version store and log

    def __enter__(self) -> Server:
        self.start()
        try:
            self.wait_healthy()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def chromium_available() -> bool:
    return os.access(CHROMIUM, os.X_OK)


def launch_chromium(playwright, env: dict | None = None):
    """Headless Debian Chromium through Playwright; `env` replaces its environment (e.g. a FONTCONFIG_FILE)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, env=env)


def is_local(url: str) -> bool:
    """True for requests to this machine (and data:/blob: URLs)."""
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob") or parts.hostname in ("127.0.0.1", "localhost")


# ---- reading the page -------------------------------------------------------------------------


def wait_idle(page, timeout: float = 60.0) -> None:
    """Until the app's script is not running (Streamlit's `data-test-script-state`)."""
    page.wait_for_function(
        "() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState === 'notRunning'",
        timeout=timeout * 1000,
    )


def open_page(page, url: str, timeout: float = 90.0) -> None:
    """Navigate and wait for the page title (h1) and the end of the script run; fail on an exception box."""
    page.goto(url, wait_until="domcontentloaded", timeout=timeout * 1000)
    page.locator('h1, [data-testid="stException"]').first.wait_for(timeout=timeout * 1000)
    wait_idle(page, timeout)
    errors = page.locator('[data-testid="stException"]')
    if errors.count():
        raise AssertionError(f"{url} shows an exception: {errors.first.inner_text()[:500]}")


def drawn_fraction(png: bytes) -> float:
    """Share of pixels that differ from the image's most common colour (0 for a blank canvas)."""
    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("RGB")
    colours = img.getcolors(img.width * img.height)
    return 1 - max(colours)[0] / (img.width * img.height)


def image_difference(a: bytes, b: bytes, shift: int = 0) -> float:
    """Share of pixels that differ between two same-size screenshots; with `shift`, the least difference over
    moving `b` up to that many pixels in each direction (two loads of a map can place it a pixel apart)."""
    from PIL import Image, ImageChops

    ia, ib = (Image.open(io.BytesIO(x)).convert("RGB") for x in (a, b))
    if ia.size != ib.size:
        return 1.0
    moves = [(dx, dy) for dx in range(-shift, shift + 1) for dy in range(-shift, shift + 1)]
    diffs = (
        ImageChops.difference(ia, ImageChops.offset(ib, dx, dy)).convert("L").point(lambda v: 255 if v > 8 else 0)
        for dx, dy in moves
    )
    return min(d.histogram()[255] for d in diffs) / (ia.width * ia.height)


def wait_map_drawn(
    page, timeout: float = 90.0, min_fraction: float = 0.1, unlike: bytes | None = None, selector: str = DECK
) -> bytes:
    """Poll the map canvas until it shows at least `min_fraction` drawn pixels (and differs from `unlike`).

    Returns the canvas screenshot (PNG). The county layer is large, so "drawn" means filled polygons,
    not just the first outlines.
    """
    deadline = time.perf_counter() + timeout
    canvas = page.locator(selector).filter(visible=True).first
    canvas.wait_for(timeout=timeout * 1000)
    shot, frac = b"", 0.0
    while time.perf_counter() < deadline:
        shot = canvas.screenshot(timeout=timeout * 1000, animations="disabled")
        frac = drawn_fraction(shot)
        if frac >= min_fraction and (unlike is None or image_difference(shot, unlike) > 0.02):
            return shot
        time.sleep(0.1)
    raise TimeoutError(f"map not drawn after {timeout:.0f} s (drawn fraction {frac:.3f})")


def full_page_screenshot(page, path: Path) -> None:
    """The whole page, although Streamlit scrolls inside its main block (the viewport is grown for the shot)."""
    size = page.viewport_size
    height = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll("
        "'[data-testid=stMain], [data-testid=stMainBlockContainer], [data-testid=stSidebarContent]')]"
        ".map(e => e.scrollHeight))"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": size["width"], "height": min(max(size["height"], height + 120), 8000)})
    try:
        page.wait_for_timeout(2000)  # the resized page repaints (charts, buttons) before it is captured
        page.screenshot(path=str(path), full_page=True, timeout=90_000)
    finally:
        page.set_viewport_size(size)


def quantiles(values: list[float]) -> tuple[float, float]:
    """Median and 95th percentile (nearest rank)."""
    s = sorted(values)
    if not s:
        return float("nan"), float("nan")
    median = s[len(s) // 2] if len(s) % 2 else (s[len(s) // 2 - 1] + s[len(s) // 2]) / 2
    return median, s[math.ceil(0.95 * len(s)) - 1]
