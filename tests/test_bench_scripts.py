"""The benchmarks as a reader runs them: `--help` explains and starts nothing; temporary stores are removed."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

import bench._common
from bench._common import Server, free_ports, own_ports

ROOT = Path(__file__).resolve().parent.parent
HELPERS = ("floor_app", "replicas", "streamlit_client")  # used by benchmarks, not run by readers
BENCHMARKS = [
    p
    for p in sorted((ROOT / "bench").glob("[!_]*.py"))
    if p.stem not in HELPERS and 'if __name__ == "__main__"' in p.read_text()
]


def test_every_benchmark_answers_help_without_running():
    assert len(BENCHMARKS) >= 10, [p.name for p in BENCHMARKS]
    procs = {
        p.name: subprocess.Popen(
            [sys.executable, str(p), "--help"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        for p in BENCHMARKS
    }
    deadline, failed = time.monotonic() + 60, {}
    for name, proc in procs.items():
        try:
            out = proc.communicate(timeout=max(1.0, deadline - time.monotonic()))[0]
        except subprocess.TimeoutExpired:  # it started the benchmark instead
            proc.kill()
            out = proc.communicate()[0] + "\n(still running after 60 s)"
        if proc.returncode or not out.startswith("usage:"):
            failed[name] = out[-400:]
    assert not failed, failed


def test_a_stopped_server_leaves_no_temporary_folder():
    srv = Server()
    assert srv.workdir.is_dir()
    srv.stop()
    assert not srv.workdir.exists()


def test_a_benchmarks_private_store_is_removed_at_exit():
    code = "from bench._common import private_store; import os; p = private_store(); print(p, os.path.isdir(p))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    path, existed = out.split()
    assert existed == "True" and not Path(path).exists()


@pytest.mark.parametrize("count", [1, 2, 3])
def test_test_workers_take_runs_of_ports_from_disjoint_shares(monkeypatch, count):
    """Under pytest-xdist, a run of consecutive ports (nginx and two replicas) stays inside the worker's own share,
    so a port one worker frees is never one another worker takes (CI: a replica test saw its freed port answer)."""
    monkeypatch.setenv("PYTEST_XDIST_WORKER_COUNT", str(count))
    shares = []
    for worker in range(count):
        monkeypatch.setenv("PYTEST_XDIST_WORKER", f"gw{worker}")
        shares.append(set(own_ports()))
        for _ in range(20):
            first = free_ports(3)
            assert set(range(first, first + 3)) <= shares[-1]
    assert sum(map(len, shares)) == len(set().union(*shares)) >= 99


def test_a_run_of_ports_skips_a_port_in_use(monkeypatch):
    pair = free_ports(2)  # two free ports of this worker's real share (its own servers may hold others there)
    monkeypatch.setattr(bench._common, "PORTS", range(pair, pair + 2))
    monkeypatch.setenv("PYTEST_XDIST_WORKER_COUNT", "1")  # so the share is that pair
    assert own_ports() == range(pair, pair + 2)
    assert free_ports(2) == own_ports().start
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", own_ports().start + 1))
        busy.listen()
        with pytest.raises(RuntimeError, match="no 2 free ports"):
            free_ports(2)
        assert free_ports(1) == own_ports().start
