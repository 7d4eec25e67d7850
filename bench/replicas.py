"""`deploy/serve.sh K` as a context manager: K Streamlit replicas behind nginx on free loopback ports, with their
own version store; used by the replica test and by `bench/load.py --replicas K`."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
from pathlib import Path

import psutil

from bench._common import free_ports

ROOT = Path(__file__).resolve().parent.parent


class Replicas:
    """K replicas and nginx (`deploy/serve.sh K`): `url` (nginx), `addresses` (the replicas' host:port),
    `pids` (the replicas' processes), `store` (their shared SQLite store). On exit: SIGTERM, then `returncode`
    and `output` (what serve.sh printed after "ready:") tell how it stopped. `args` go to every replica."""

    def __init__(self, k: int = 2, args: tuple[str, ...] = (), env: dict | None = None):
        self.k, self.args = k, list(args)
        self.port = free_ports(k + 1)
        self.url = f"http://127.0.0.1:{self.port}"
        self.addresses = {f"127.0.0.1:{self.port + i}" for i in range(1, k + 1)}
        self.store_dir = Path(tempfile.mkdtemp(prefix="ipaid-replicas-store-"))
        self.store = self.store_dir / "versions.sqlite"
        self.env = {
            **os.environ,
            "IPAID_PORT": str(self.port),
            "IPAID_BASE_PORT": str(self.port + 1),
            "IPAID_STORE_DIR": str(self.store_dir),
            **(env or {}),
        }
        if "IPAID_DATABASE_URL" not in (env or {}):  # the shared SQLite file unless a database is given
            self.env.pop("IPAID_DATABASE_URL", None)
        self.proc: subprocess.Popen | None = None
        self.returncode: int | None = None
        self.output = ""

    def __enter__(self) -> Replicas:
        self.proc = subprocess.Popen(
            ["bash", str(ROOT / "deploy" / "serve.sh"), str(self.k), *self.args],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            text=True,
        )
        lines = []
        for line in self.proc.stdout:  # serve.sh gives up by itself after 180 s
            lines.append(line)
            if line.startswith("ready:"):
                break
        if not (lines and lines[-1].startswith("ready:")):
            self.__exit__()
            raise RuntimeError("deploy/serve.sh did not get ready:\n" + "".join(lines))
        return self

    @property
    def pids(self) -> list[int]:
        children = psutil.Process(self.proc.pid).children(recursive=True)
        return [p.pid for p in children if "streamlit" in " ".join(p.cmdline())]

    def ports_answering(self) -> list[int]:
        """The ports of nginx and the replicas that still accept connections."""
        answering = []
        for p in range(self.port, self.port + self.k + 1):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", p)) == 0:
                    answering.append(p)
        return answering

    def __exit__(self, *exc) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        if self.proc:
            try:
                self.output = self.proc.communicate(timeout=60)[0] or ""
            except subprocess.TimeoutExpired:  # serve.sh did not stop: kill it, nginx and the replicas
                for child in psutil.Process(self.proc.pid).children(recursive=True):
                    child.kill()
                self.proc.kill()
                self.output = (self.proc.communicate()[0] or "") + "\n(killed after 60 s)"
            self.returncode = self.proc.returncode
        shutil.rmtree(self.store_dir, ignore_errors=True)
