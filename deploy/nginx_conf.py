"""Render deploy/nginx.conf.template: `python deploy/nginx_conf.py --listen 8501 --run DIR --server HOST:PORT ...`.

Used by deploy/serve.sh (replicas on this machine: prints the configuration) and compose.yaml, where
`--out FILE --watch S` keeps FILE up to date: every S seconds it looks up the addresses of each --server's
host (Compose's DNS gives one per replica of a service) and rewrites FILE when they changed, so replicas
added with `docker compose up --scale app=K` get sessions; deploy/nginx_reload.sh reloads nginx then.
"""

from __future__ import annotations

import argparse
import hashlib
import ipaddress
import os
import re
import socket
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

TEMPLATE = Path(__file__).with_name("nginx.conf.template")


def replica_id(server: str) -> str:
    """A replica's id in the `ipaid_replica` cookie: opaque, and the same for its address in every configuration."""
    return hashlib.sha256(server.encode()).hexdigest()[:16]


def render(listen: str, run: str, servers: list[str], www: str | None = None) -> str:
    """The nginx configuration: listen on `listen`, pid/logs/temp files in `run`, the replicas at `servers`
    (ADDRESS:PORT, as `resolve` gives them: a request pinned to a replica names it in `proxy_pass`); with `www`
    (a folder made by `static_root.py`, on the replicas' machine) nginx serves the static files itself."""
    servers = list(dict.fromkeys(servers))  # two names of one replica: one upstream line (nginx refuses two)
    if not servers:
        raise ValueError("at least one --server")
    for server in servers:
        host, _, port = server.rpartition(":")
        ipaddress.ip_address(host.strip("[]"))  # ValueError for a name: look it up first (`resolve`)
        if not port.isdigit():
            raise ValueError(f"{server}: no port")
    fields = {
        "@LISTEN@": listen,
        "@RUN@": run,
        "@SERVERS@": "\n".join(f"        server {s};" for s in servers),
        "@PINS@": "\n".join(f'        "{replica_id(s)}" "{s}";' for s in servers),
        # the last address: after a replica that did not answer, $upstream_addr lists it first ("a, b" or "a : b")
        "@IDS@": "\n".join(f"        ~(^|\\s){re.escape(s)}$ {replica_id(s)};" for s in servers),
    }
    conf = TEMPLATE.read_text()
    if www is None:
        conf = re.sub(r"# @STATIC_BEGIN@.*?# @STATIC_END@\n", "", conf, flags=re.S)
    else:
        fields["@WWW@"] = str(Path(www).resolve())
    for field, value in fields.items():
        conf = conf.replace(field, value)
    assert not re.search(r"@[A-Z]+@", conf), "a template field was left unfilled"
    return conf


def resolve(server: str) -> list[str]:
    """HOST:PORT as `ADDRESS:PORT`, one per address HOST has now, sorted ([] when it has none)."""
    host, _, port = server.rpartition(":")
    try:
        infos = socket.getaddrinfo(host.strip("[]"), int(port), type=socket.SOCK_STREAM)
    except socket.gaierror:
        return []
    return sorted({f"[{i[4][0]}]:{port}" if i[0] == socket.AF_INET6 else f"{i[4][0]}:{port}" for i in infos})


def write_if_changed(path: Path, text: str) -> bool:
    """Replace `path` by `text` in one step (nginx never reads half a file); False when it already holds it."""
    if path.exists() and path.read_text() == text:
        return False
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "w") as fh:
        fh.write(text)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)
    return True


def watch(
    listen: str,
    run: str,
    servers: list[str],
    out: Path,
    every: float,
    rounds: int | None = None,
    lookup: Callable[[str], list[str]] = resolve,
) -> None:
    """Keep `out` the configuration for the servers' current addresses, looking every `every` seconds (`rounds`
    times, or for ever). With no address at all (every replica restarting) the last configuration stays."""
    done = 0
    while rounds is None or done < rounds:
        addresses = [a for s in servers for a in lookup(s)]
        if addresses and write_if_changed(out, render(listen, run, addresses)):
            print(f"{out}: {', '.join(addresses)}", flush=True)
        done += 1
        if rounds is None or done < rounds:
            time.sleep(every)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen", default="8501", help="port (or address:port) nginx listens on")
    parser.add_argument("--run", required=True, help="folder for nginx's pid, error log and temporary files")
    parser.add_argument("--server", action="append", default=[], help="a replica, HOST:PORT (repeat)")
    parser.add_argument("--out", type=Path, help="write the configuration to this file instead of printing it")
    parser.add_argument("--watch", type=float, help="with --out: look up the servers' addresses every S seconds")
    parser.add_argument("--www", help="serve static files from this folder (deploy/static_root.py; same machine)")
    args = parser.parse_args(argv)
    if not args.server:
        parser.error("at least one --server")
    servers = [a for s in args.server for a in resolve(s)]
    if args.watch is None and not servers:
        parser.error("no --server has an address")
    if args.watch is not None:
        if not args.out or args.watch <= 0:
            parser.error("--watch needs --out and a positive number of seconds")
        watch(args.listen, args.run, args.server, args.out, args.watch)
    elif args.out:
        write_if_changed(args.out, render(args.listen, args.run, servers, args.www))
    else:
        sys.stdout.write(render(args.listen, args.run, servers, args.www))
    return 0


if __name__ == "__main__":
    sys.exit(main())
