"""Render deploy/nginx.conf.template: `python deploy/nginx_conf.py --listen 8501 --run DIR --server HOST:PORT ...`.

Used by deploy/serve.sh (replicas on this machine) and compose.yaml (the `app` service name, which resolves to
every replica); prints the configuration.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

TEMPLATE = Path(__file__).with_name("nginx.conf.template")


def render(listen: str, run: str, servers: list[str]) -> str:
    """The nginx configuration: listen on `listen`, pid/logs/temp files in `run`, one upstream line per server."""
    if not servers:
        raise ValueError("at least one --server")
    upstreams = "\n".join(f"        server {s};" for s in servers)
    conf = TEMPLATE.read_text().replace("@LISTEN@", listen).replace("@RUN@", run).replace("@SERVERS@", upstreams)
    assert not re.search(r"@[A-Z]+@", conf), "a template field was left unfilled"
    return conf


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen", default="8501", help="port (or address:port) nginx listens on")
    parser.add_argument("--run", required=True, help="folder for nginx's pid, error log and temporary files")
    parser.add_argument("--server", action="append", default=[], help="a replica, HOST:PORT (repeat)")
    args = parser.parse_args(argv)
    sys.stdout.write(render(args.listen, args.run, args.server))
    return 0


if __name__ == "__main__":
    sys.exit(main())
