"""The deployment files hold together: nginx accepts the generated configuration, compose.yaml and the
Kubernetes manifests parse and refer to each other correctly, the Dockerfile installs as the README says.

(No image can be built here: no internet. These checks catch what a typo would break.)
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
sys.path.insert(0, str(DEPLOY))
import nginx_conf  # noqa: E402

from bench._common import free_port  # noqa: E402

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


def k8s() -> dict[str, dict]:
    """The manifests in deploy/k8s by kind (one object of each)."""
    docs = [d for f in sorted((DEPLOY / "k8s").glob("*.yaml")) for d in yaml.safe_load_all(f.read_text()) if d]
    return {d["kind"]: d for d in docs}


@pytest.mark.skipif(not NGINX, reason="nginx not installed (.ci/run installs it)")
def test_nginx_accepts_the_generated_configuration(tmp_path):
    conf = nginx_conf.render("127.0.0.1:8799", str(tmp_path), ["127.0.0.1:8601", "127.0.0.1:8602"])
    (tmp_path / "nginx.conf").write_text(conf)
    out = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"), "-e", str(tmp_path / "error.log")],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert out.returncode == 0, out.stderr
    assert re.search(r"upstream ipaid \{\s+server 127.0.0.1:8601;\s+server 127.0.0.1:8602;\s+\}", conf)
    code = re.sub(r"#.*", "", conf)
    new_browsers = re.search(r"upstream ipaid \{([^}]*)\}", code)[1]
    assert "ip_hash" not in code and "hash" not in new_browsers  # new browsers in turn, even from one NAT address
    for server in ("127.0.0.1:8601", "127.0.0.1:8602"):  # a cookie pins its replica, by an id that is not the address
        assert f'"{nginx_conf.replica_id(server)}" "{server}";' in conf and server not in nginx_conf.replica_id(server)
    twice = nginx_conf.render("8501", str(tmp_path), ["127.0.0.1:8601", "127.0.0.1:8601"])  # two names, one replica
    assert re.search(r"upstream ipaid \{\s+server 127.0.0.1:8601;\s+\}", twice)
    for bad in ([], ["app:8501"], ["127.0.0.1"]):  # a name must be looked up first: proxy_pass names the address
        with pytest.raises(ValueError):
            nginx_conf.render("8501", str(tmp_path), bad)


def test_serve_sh_refuses_a_bad_replica_count():
    for bad in ("0", "two", "-1"):
        out = subprocess.run(["bash", str(DEPLOY / "serve.sh"), bad], capture_output=True, text=True, timeout=30)
        assert out.returncode == 2 and "usage" in out.stderr, bad


def test_dockerfile_installs_as_the_readme_says():
    readme = (ROOT / "README.md").read_text()
    install = re.search(r"(python -m pip install -r requirements\.txt)", readme).group(1)
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert f"RUN {install}\n" in dockerfile
    assert "USER ipaid" in dockerfile and "deploy/prepare.py" in dockerfile
    assert ".streamlit/secrets.toml" in (ROOT / ".dockerignore").read_text().splitlines()  # never in the image
    cmd = re.search(r"^CMD (\[.*\])$", dockerfile, re.M).group(1)
    assert yaml.safe_load(cmd)[:4] == ["python", "-m", "streamlit", "run"]


def test_compose_puts_replicas_behind_nginx_with_a_shared_store():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    services = compose["services"]
    app, nginx, conf = services["app"], services["nginx"], services["nginx-conf"]
    assert app["deploy"]["replicas"] >= 2
    assert "store:/var/lib/ipaid/store" in app["volumes"] and app["environment"]["IPAID_STORE_DIR"] == (
        "/var/lib/ipaid/store"
    )
    assert "IPAID_DATABASE_URL" in app["environment"] and "postgres" in services["db"]["profiles"]
    command = " ".join(conf["command"])
    assert "deploy/nginx_conf.py" in command and "--server app:8501" in command and "--watch" in command
    out = conf["command"][conf["command"].index("--out") + 1]
    assert nginx["command"][:3] == ["sh", "/deploy/nginx_reload.sh", out]  # nginx reloads what nginx-conf writes
    assert "./deploy/nginx_reload.sh:/deploy/nginx_reload.sh:ro" in nginx["volumes"]
    assert nginx["depends_on"]["nginx-conf"]["condition"] == "service_healthy"
    assert nginx["depends_on"]["app"]["condition"] == "service_healthy"
    assert set(compose["volumes"]) >= {"store", "nginx-conf"}


def test_kubernetes_manifests_fit_together():
    docs = k8s()
    deployment, service, ingress = docs["Deployment"], docs["Service"], docs["Ingress"]
    pod = deployment["spec"]["template"]
    labels = pod["metadata"]["labels"]
    assert deployment["spec"]["selector"]["matchLabels"].items() <= labels.items()
    assert service["spec"]["selector"].items() <= labels.items()
    [container] = pod["spec"]["containers"]
    port_names = {p["name"]: p["containerPort"] for p in container["ports"]}
    assert port_names == {"http": 8501}
    for probe in ("readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"] == {"path": "/_stcore/health", "port": "http"}, probe
    env = {e["name"]: e for e in container["env"]}
    assert env["IPAID_DATABASE_URL"]["valueFrom"]["secretKeyRef"]["name"] == docs["Secret"]["metadata"]["name"]
    assert env["IPAID_DATABASE_URL"]["valueFrom"]["secretKeyRef"]["key"] in docs["Secret"]["stringData"]
    assert service["spec"]["ports"][0]["targetPort"] == "http"
    backend = ingress["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend == {"name": service["metadata"]["name"], "port": {"name": service["spec"]["ports"][0]["name"]}}
    notes = ingress["metadata"]["annotations"]
    assert notes["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert int(notes["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600  # websockets stay open
    kustomization = yaml.safe_load((DEPLOY / "k8s" / "kustomization.yaml").read_text())
    assert set(kustomization["resources"]) == {"deployment.yaml", "service.yaml", "ingress.yaml"}


def test_the_watcher_rewrites_the_configuration_when_replicas_come_and_go(tmp_path, capsys):
    """compose.yaml: `--scale app=3` adds an address to `app`; the configuration follows, and keeps the last
    servers while the name has no address (every replica restarting)."""
    answers = iter([["10.0.0.2:8501"], ["10.0.0.2:8501"], ["10.0.0.2:8501", "10.0.0.3:8501"], []])
    out = tmp_path / "nginx.conf"
    nginx_conf.watch("8080", "/tmp", ["app:8501"], out, every=0, rounds=4, lookup=lambda server: next(answers))
    assert re.search(r"server 10.0.0.2:8501;\s+server 10.0.0.3:8501;", out.read_text())
    assert len(capsys.readouterr().out.splitlines()) == 2  # written when the addresses changed, not every round
    assert "127.0.0.1:8501" in nginx_conf.resolve("localhost:8501")
    assert nginx_conf.resolve("[::1]:8501") == ["[::1]:8501"]  # an IPv6 address as nginx writes it
    assert nginx_conf.resolve("no-such-host.invalid:8501") == []


@pytest.fixture
def backends(tmp_path):
    """Three plain HTTP servers standing in for replicas: GET /who answers "a", "b" or "c"; name → (port, process).
    Each answers before the next port is picked (free_port only sees ports already bound)."""
    running = {}
    try:
        for name in ("a", "b", "c"):
            (tmp_path / name).mkdir()
            (tmp_path / name / "who").write_text(name)
            port = free_port()
            command = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory"]
            running[name] = (port, subprocess.Popen([*command, str(tmp_path / name)], stderr=subprocess.DEVNULL))
            deadline = time.monotonic() + 15
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/who", timeout=2) as r:
                        assert r.read().decode() == name, "another server answers on this port"
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.1)
        yield running
    finally:
        for _, proc in running.values():
            proc.kill()


def default_signals() -> None:
    """QUIT and INT as a container's process gets them: a test run started in the background of a non-interactive
    shell (`cmd &`, nohup) inherits them ignored, and sh cannot trap a signal ignored on entry."""
    signal.signal(signal.SIGQUIT, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@contextmanager
def nginx(conf: Path, every: str = "0.3"):
    """deploy/nginx_reload.sh on `conf` with the system's nginx; stopped (TERM) at the end."""
    proc = subprocess.Popen(
        ["sh", str(DEPLOY / "nginx_reload.sh"), str(conf), every],
        env={**os.environ, "NGINX_BIN": NGINX},
        preexec_fn=default_signals,
    )
    try:
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        finally:
            proc.kill()
            subprocess.run(["pkill", "-f", f"nginx.*{conf}"], check=False)  # a leftover nginx


def who(port: int, cookie: str = "", timeout: float = 15, want: str = "") -> tuple[str, dict]:
    """GET /who through nginx (retried until it answers, and answers `want` if given): (body, headers)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            req = urllib.request.Request(f"http://127.0.0.1:{port}/who", headers={"Cookie": cookie} if cookie else {})
            with urllib.request.urlopen(req, timeout=2) as r:
                body, headers = r.read().decode(), {k.lower(): v for k, v in r.headers.items()}
            if not want or body == want or time.monotonic() > deadline:
                return body, headers
        except OSError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.2)


@pytest.mark.skipif(not NGINX, reason="nginx not installed (.ci/run installs it)")
def test_nginx_reloads_when_the_configuration_changes(tmp_path, backends):
    """deploy/nginx_reload.sh: a new configuration (another replica) is used without a restart; one nginx refuses
    leaves the last one running; TERM stops nginx and the script."""
    listen, conf = free_port(), tmp_path / "nginx.conf"

    def write(*names: str) -> None:
        servers = [f"127.0.0.1:{backends[n][0]}" for n in names]
        nginx_conf.write_if_changed(conf, nginx_conf.render(f"127.0.0.1:{listen}", str(tmp_path), servers))

    write("a")
    with nginx(conf) as proc:
        assert who(listen)[0] == "a"
        write("b")
        assert who(listen, want="b")[0] == "b"
        conf.write_text(conf.read_text().replace("upstream ipaid {", "upstream ipaid { nonsense;"))
        time.sleep(1)
        assert who(listen)[0] == "b"  # still serving with the last good configuration
        proc.send_signal(signal.SIGQUIT)  # how nginx's image stops its containers
        assert proc.wait(timeout=15) is not None
        with pytest.raises(OSError):  # nginx stopped with the script, not left running on its own
            urllib.request.urlopen(f"http://127.0.0.1:{listen}/who", timeout=2)


@pytest.mark.skipif(not NGINX, reason="nginx not installed (.ci/run installs it)")
def test_a_cookie_keeps_its_replica_and_moves_when_that_replica_is_gone(tmp_path, backends):
    """New browsers alternate; a browser stays on its replica; when that replica stops answering, its requests go
    to another one, which it is then pinned to (new cookie)."""  # 2 replicas here; 3 in the test below
    listen, conf = free_port(), tmp_path / "nginx.conf"
    servers = {n: f"127.0.0.1:{port}" for n, (port, _) in backends.items() if n != "c"}
    nginx_conf.write_if_changed(conf, nginx_conf.render(f"127.0.0.1:{listen}", str(tmp_path), list(servers.values())))
    with nginx(conf):
        who(listen)  # nginx is up
        firsts = [who(listen) for _ in range(4)]
        assert sorted(body for body, _ in firsts) == ["a", "a", "b", "b"]
        for body, headers in firsts:
            assert headers["set-cookie"].startswith(f"ipaid_replica={nginx_conf.replica_id(servers[body])};")
        pinned_a = f"ipaid_replica={nginx_conf.replica_id(servers['a'])}"
        for _ in range(4):
            body, headers = who(listen, pinned_a)
            assert body == "a" and "set-cookie" not in headers
        backends["a"][1].kill()
        backends["a"][1].wait()
        body, headers = who(listen, pinned_a)
        assert body == "b" and headers["set-cookie"].startswith(f"ipaid_replica={nginx_conf.replica_id(servers['b'])};")


@pytest.mark.skipif(not NGINX, reason="nginx not installed (.ci/run installs it)")
def test_the_requests_of_a_browser_whose_replica_is_gone_all_reach_one_replacement(tmp_path, backends):
    """A reconnecting browser sends several requests at once with its stale cookie: with 3 replicas, all of them
    reach the same replacement (chosen by the cookie), not one replica each, which would split the session."""
    listen, conf = free_port(), tmp_path / "nginx.conf"
    servers = {n: f"127.0.0.1:{port}" for n, (port, _) in backends.items()}
    nginx_conf.write_if_changed(conf, nginx_conf.render(f"127.0.0.1:{listen}", str(tmp_path), list(servers.values())))
    with nginx(conf):
        who(listen)
        backends["a"][1].kill()
        backends["a"][1].wait()
        stale = f"ipaid_replica={nginx_conf.replica_id(servers['a'])}"
        answers = [who(listen, stale) for _ in range(6)]
        assert len({body for body, _ in answers}) == 1 and answers[0][0] != "a"
        assert len({headers["set-cookie"] for _, headers in answers}) == 1


@pytest.mark.skipif(not NGINX, reason="nginx not installed (.ci/run installs it)")
def test_nginx_serves_static_files_itself_and_asks_the_replica_for_the_rest(tmp_path, backends, request):
    """deploy/serve.sh: Streamlit's scripts (gzip twin, cached a year), the project's fonts and boundary files
    come from disk, not from a replica; a file not on disk, pages and the rest still reach the browser's replica."""
    import gzip

    import static_root

    assert (static_root.frontend() / "static" / "js").is_dir()  # where Streamlit keeps the files of its /static/
    base = Path(tempfile.mkdtemp(prefix="ipaid-www-"))  # not tmp_path (0700): nginx's workers may be another user
    base.chmod(0o755)
    request.addfinalizer(lambda: shutil.rmtree(base, ignore_errors=True))
    front, served = base / "front", base / "served"
    script = b"console.log('IP Aid');\n" * 100
    (front / "static" / "js").mkdir(parents=True)
    (front / "static" / "js" / "main.abc123.js").write_bytes(script)
    (served / "fonts").mkdir(parents=True)
    (served / "fonts" / "slice-000.woff2").write_bytes(b"wOF2" + bytes(2000))
    (served / "fonts" / "slice-000.woff2").chmod(0o600)  # as older versions wrote them: readable after make
    www = static_root.make(base / "www", served=served, source=front)
    assert gzip.decompress((www / "static" / "js" / "main.abc123.js.gz").read_bytes()) == script
    listen, conf = free_port(), tmp_path / "nginx.conf"
    server = f"127.0.0.1:{backends['a'][0]}"
    nginx_conf.write_if_changed(conf, nginx_conf.render(f"127.0.0.1:{listen}", str(tmp_path), [server], str(www)))

    def fetch(path: str) -> tuple[int, bytes, dict]:
        req = urllib.request.Request(f"http://127.0.0.1:{listen}{path}", headers={"Accept-Encoding": "gzip"})
        try:
            with urllib.request.urlopen(req, timeout=5) as r:
                return r.status, r.read(), {k.lower(): v for k, v in r.headers.items()}
        except urllib.error.HTTPError as err:
            return err.code, err.read(), {k.lower(): v for k, v in err.headers.items()}

    with nginx(conf):
        who(listen)  # nginx is up
        status, body, headers = fetch("/static/js/main.abc123.js")
        assert status == 200 and "x-ipaid-replica" not in headers
        assert headers["content-encoding"] == "gzip" and gzip.decompress(body) == script
        assert headers["cache-control"] == "public, immutable, max-age=31536000"
        assert headers["content-type"] == "application/javascript"
        status, body, headers = fetch("/app/static/fonts/slice-000.woff2")
        assert (status, headers["content-type"], len(body)) == (200, "font/woff2", 2004)
        assert headers["x-content-type-options"] == "nosniff" and "x-ipaid-replica" not in headers
        for path in ("/app/static/fonts/not-built-yet.woff2", "/static/js/other.js", "/who"):  # to the replica
            status, body, headers = fetch(path)
            assert headers["x-ipaid-replica"] == nginx_conf.replica_id(server), path
        assert (status, body) == (200, b"a")
    plain = nginx_conf.render("8501", str(tmp_path), [server])  # compose, Kubernetes: nginx has no files here
    assert "/app/static/" not in plain and "@WWW@" not in plain and "root " not in plain
