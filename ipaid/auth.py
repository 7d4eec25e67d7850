"""Who may write: stewards signed in through OpenID Connect or with a local account (Argon2 hash in secrets).

Plain functions, no Streamlit (the glue is `ipaid.data_ui`). Every write function takes a `Steward` and
calls `require` first, so a request that reaches it without a signed-in steward changes nothing.
Repeated wrong passwords are slowed down per account and per session by `Throttle` (no sleeping: a
refused attempt says how long to wait); `ipaid.shared_throttle` keeps the count in the version store's
database, so replicas behind a load balancer count together.

    python -m ipaid.auth hash      # reads a password from stdin, prints its Argon2 hash for secrets.toml
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

HASHER = PasswordHasher()
# Compared against when the account does not exist, so an unknown name costs as long as a wrong password.
_DUMMY = HASHER.hash("not a steward password")
FREE_FAILURES = 3  # wrong passwords before any delay
BASE_DELAY = 2.0  # seconds after the first delayed failure, doubling with each further one
MAX_DELAY = 15 * 60.0


class NotAuthorised(PermissionError):
    """A write was attempted without a signed-in steward."""


@dataclass(frozen=True)
class Steward:
    """A signed-in steward: `name` (account, or the provider's e-mail) and how they signed in."""

    name: str
    method: str  # "oidc", "local" or "cli"

    @property
    def label(self) -> str:
        return f"{self.name} ({self.method})"


def require(steward: object) -> Steward:
    """The steward, or NotAuthorised when there is none (checked by every write function)."""
    if not isinstance(steward, Steward) or not steward.name.strip():
        raise NotAuthorised("writing needs a signed-in steward")
    return steward


def hash_password(password: str) -> str:
    return HASHER.hash(password)


def verify(accounts: Mapping[str, str], name: str, password: str) -> bool:
    """True when `name` is an account of `accounts` (name → Argon2 hash) and `password` matches it."""
    stored = accounts.get(name)
    try:
        return HASHER.verify(stored if isinstance(stored, str) else _DUMMY, password) and isinstance(stored, str)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def waiting(now: float, failures: list[tuple[int, float]]) -> float:
    """Seconds from `now` before a key with these (failure count, time of the last failure) may try again."""
    waits = [0.0]
    for count, last in failures:
        if count >= FREE_FAILURES:
            waits.append(last + min(BASE_DELAY * 2 ** (count - FREE_FAILURES), MAX_DELAY) - now)
    return max(waits)


@dataclass
class Throttle:
    """Failed sign-ins per key ("account:alice", "session:…"): after FREE_FAILURES, each try must wait
    BASE_DELAY · 2^(n − FREE_FAILURES) seconds (at most MAX_DELAY) after the last failure."""

    clock: Callable[[], float] = time.monotonic
    failures: dict[str, tuple[int, float]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def wait(self, *keys: str) -> float:
        """Seconds before the next attempt on any of `keys` may be checked (0: now)."""
        now = self.clock()
        with self.lock:
            return waiting(now, [self.failures[k] for k in keys if k in self.failures])

    def failed(self, *keys: str) -> None:
        now = self.clock()
        with self.lock:
            for key in keys:
                self.failures[key] = (self.failures.get(key, (0, now))[0] + 1, now)

    def succeeded(self, *keys: str) -> None:
        with self.lock:
            for key in keys:
                self.failures.pop(key, None)


THROTTLE = Throttle()  # shared by every session of this server process


@dataclass(frozen=True)
class Attempt:
    """The outcome of a sign-in: the steward, or why not and how long to wait before trying again."""

    steward: Steward | None
    wait: float = 0.0


def sign_in(accounts: Mapping[str, str], name: str, password: str, session: str, throttle=THROTTLE) -> Attempt:
    """Check a local account's password, unless this account or session must still wait after failures
    (`throttle`: an `auth.Throttle` or anything with its `wait`, `failed` and `succeeded`)."""
    name = name.strip()
    keys = (f"account:{name}", f"session:{session}")
    pending = throttle.wait(*keys)
    if pending > 0:
        return Attempt(None, pending)  # not even checked: no guessing while throttled
    # Counted before the check, so guesses sent in parallel see each other's failures while the hash is checked.
    throttle.failed(*keys)
    if name and verify(accounts, name, password):
        throttle.succeeded(*keys)
        return Attempt(Steward(name, "local"))
    return Attempt(None, throttle.wait(*keys))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args != ["hash"]:
        print("usage: python -m ipaid.auth hash   (reads the password from stdin)", file=sys.stderr)
        return 2
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        print("no password on stdin", file=sys.stderr)
        return 2
    print(hash_password(password))
    return 0


if __name__ == "__main__":
    sys.exit(main())
