"""Two replicas behind nginx (deploy/serve.sh 2): each browser stays on one replica, an upload made through one
replica is what the other shows on its next run, and SIGTERM stops everything.

Sessions are opened over Streamlit's websocket with the load test's protocol client (`bench/streamlit_client.py`,
no browser): nginx names the replica that answered (by its cookie id) in the `X-IPAid-Replica` header, the
websocket handshake included.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
import urllib.request
from pathlib import Path

import pytest

from bench._common import chromium_available, open_page
from bench.replicas import Replicas
from bench.streamlit_client import Session
from ipaid import auth, data, store
from ipaid.views import origin_text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "deploy"))
import nginx_conf  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
pytestmark = pytest.mark.skipif(not NGINX, reason="nginx not installed (.ci/run installs it: apt-get install nginx)")


def font_path() -> str:
    """A served web-font slice (built by the replicas' start, so looked up after it)."""
    return "/app/static/fonts/" + next((ROOT / "static" / "fonts").glob("*.woff2"), Path("missing")).name


PASSWORD = "correct horse battery staple"
BROWSERS = 16  # new browsers, taken in turn by the 2 replicas


@pytest.fixture(scope="module")
def replicas():
    """deploy/serve.sh 2 with its own version store and steward alice (for the upload); stops by SIGTERM."""
    secrets = Path(tempfile.mkstemp(prefix="ipaid-replicas-", suffix="-secrets.toml")[1])
    secrets.write_text(f'[ipaid.stewards]\nalice = "{auth.hash_password(PASSWORD)}"\n')
    try:
        with Replicas(2, ("--secrets.files", str(secrets))) as running:
            yield running
    finally:
        secrets.unlink(missing_ok=True)
    assert "stopped" in running.output and running.returncode == 143, running.output
    assert running.ports_answering() == [], "nginx or a replica still answers after SIGTERM"


def get(url: str, cookie: str = "") -> dict:
    """Headers (lower-case names) of a GET."""
    req = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(req, timeout=30) as resp:
        resp.read()
        return {k.lower(): v for k, v in resp.headers.items()}


def new_browser(url: str) -> tuple[str, str]:
    """A first visit without cookies: (the replica cookie nginx sets, the id of the replica that answered)."""
    headers = get(url + "/")
    cookie, replica = headers["set-cookie"].split(";")[0], headers["x-ipaid-replica"]
    assert cookie == f"ipaid_replica={replica}"
    return cookie, replica


def test_each_browser_stays_on_one_replica(replicas):
    """Every request of a browser (page, health, websocket) reaches the replica its cookie names, static files
    come from nginx itself, and new browsers split evenly over both replicas (one NAT address for all: the
    cookie, not the address, decides); a cookie naming no replica gets a new one."""
    url, ids = replicas.url, [nginx_conf.replica_id(a) for a in replicas.addresses]
    seen = []
    for _ in range(BROWSERS):
        cookie, replica = new_browser(url)
        assert replica in ids  # an opaque id: clients are not told the replicas' addresses
        for path in ("/", "/_stcore/health"):
            headers = get(url + path, cookie)
            assert headers["x-ipaid-replica"] == replica, path
            assert "ipaid_replica" not in headers.get("set-cookie", ""), "a browser with a cookie keeps it"
        headers = get(url + font_path(), cookie)  # a web-font slice, from disk (deploy/static_root.py)
        assert headers["content-type"] == "font/woff2" and "x-ipaid-replica" not in headers
        with Session(url, cookie=cookie) as session:
            assert session.replica == replica
        seen.append(replica)
    assert sorted(seen.count(i) for i in ids) == [BROWSERS // 2] * 2
    headers = get(url + "/", "ipaid_replica=0123456789abcdef")
    assert headers["x-ipaid-replica"] in ids
    assert headers["set-cookie"].startswith(f"ipaid_replica={headers['x-ipaid-replica']};")


@pytest.mark.browser
@pytest.mark.skipif(not chromium_available(), reason="Chromium not found at /usr/bin/chromium")
def test_an_upload_through_one_replica_is_seen_through_the_other(replicas, browser):
    """A steward signs in and uploads a GI table in Chromium on replica A (the Data page's own form); a session
    on replica B, opened before the upload, shows the shipped table and, on its next run, the new version."""
    url, store_file = replicas.url, replicas.store
    browsers = {}
    while len(browsers) < 2:
        cookie, replica = new_browser(url)
        browsers.setdefault(replica, cookie)
    (a, cookie_a), (b, cookie_b) = browsers.items()
    watcher = Session(url, cookie=cookie_b, texts=True).open()
    try:
        assert watcher.replica == b
        shown = watcher.run("data", "lang=en").texts
        assert origin_text("data/gi_products.csv", "en") in shown and not any(t.startswith("version ") for t in shown)
        gis = data.load_table("gis").copy()
        gis.loc[0, "name_en"] = "Sangzhi White Tea"
        answered = set()
        context = browser.new_context(viewport={"width": 1024, "height": 900})
        try:
            context.add_cookies([{"name": "ipaid_replica", "value": cookie_a.split("=", 1)[1], "url": url}])
            page = context.new_page()
            page.on("response", lambda r: answered.add(r.headers.get("x-ipaid-replica")))
            open_page(page, url + "/data?lang=en")
            page.get_by_text("Steward sign-in").click()
            page.get_by_label("Steward name", exact=True).fill("alice")
            page.get_by_label("Password", exact=True).fill(PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            page.locator('input[type="file"]').first.set_input_files(
                files=[{"name": "replicas.csv", "mimeType": "text/csv", "buffer": data.to_csv_bytes(gis)}]
            )
            page.get_by_role("button", name="Confirm and make it current").click(timeout=120_000)
            success = page.get_by_test_id("stAlertContentSuccess")
            stored = success.get_by_text(re.compile(r"Stored as version \d+")).inner_text(timeout=120_000)
        finally:
            context.close()
        version = int(re.search(r"version (\d+)", stored).group(1))
        assert answered - {None} == {a}, "every request of the steward's browser went to replica A"
        assert [v.note for v in store.versions("gis", store_file)] == [""] and version == store.current_id(
            "gis", store_file
        )
        shown = origin_text(data.ORIGIN.format(v=version, file="replicas.csv"), "en")  # as the datasets table shows it
        assert shown in watcher.run().texts, "replica B shows the new version"
    finally:
        watcher.close()
