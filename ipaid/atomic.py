"""Files written by several processes at once (first visitors of several servers): one writer, no torn files.

`locked(path)` holds an inter-process lock beside `path`; `write_atomic` writes through a uniquely named
temporary file and renames it into place, so a reader sees the old file or the whole new one.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock


@contextmanager
def locked(path: Path, timeout: float = 600.0):
    """Hold the lock of `path` (a `<name>.lock` file beside it) for the block; other processes wait."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(path) + ".lock", timeout=timeout):
        yield


def write_atomic(path: Path, content: bytes) -> Path:
    """Write `content` to `path` via a unique temporary file in the same folder, then rename it into place.
    The file is readable by all (as a plain write makes it; a temporary file is private): these are files served
    to browsers, also by an nginx worker running as another user (deploy/serve.sh)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(content)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
