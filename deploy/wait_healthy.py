"""Wait until every URL's `/_stcore/health` answers ok: `python deploy/wait_healthy.py SECONDS URL ...`.

Exit 0 when all are ready, 1 on timeout (naming the ones that are not). Used by deploy/serve.sh.
"""

from __future__ import annotations

import sys
import time
import urllib.request


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url.rstrip('/')}/_stcore/health", timeout=2) as resp:
            return resp.status == 200 and resp.read().strip() == b"ok"
    except OSError:
        return False


def main(argv: list[str]) -> int:
    deadline, waiting = time.monotonic() + float(argv[0]), list(argv[1:])
    while waiting and time.monotonic() < deadline:
        waiting = [url for url in waiting if not healthy(url)]
        if waiting:
            time.sleep(0.2)
    if waiting:
        print(f"not ready after {argv[0]} s: {' '.join(waiting)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
