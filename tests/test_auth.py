"""Writes need a signed-in steward: passwords, throttling, refusals at the write functions, the Data page's controls."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ipaid import auth, data, db, import_gi, shared_throttle, store, upload
from ipaid.shared_throttle import SharedThrottle
from ipaid.views import literal
from test_import_gi import as_csv, picked, register
from test_store import ROOT, STEWARD, csv, edited_gis, isolated_store, shipped  # noqa: F401  (autouse fixture)
from test_upload import ACCOUNTS, PASSWORD, data_page, sign_in


class Clock:
    """A clock the test moves by hand: throttling is tested without sleeping."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture(autouse=True)
def fresh_throttle(monkeypatch):
    """The server's throttles with a hand-moved clock and no failures from other tests (each test has its own
    store, where the shared throttle counts)."""
    clock = Clock()
    monkeypatch.setattr(auth.THROTTLE, "clock", clock)
    monkeypatch.setattr(auth.THROTTLE, "failures", {})
    monkeypatch.setattr(shared_throttle, "wall_clock", clock)  # the Data page's throttle, shared by replicas
    return clock


def test_password_check():
    assert auth.verify(ACCOUNTS, "alice", PASSWORD)
    assert not auth.verify(ACCOUNTS, "alice", PASSWORD + " ")
    assert not auth.verify(ACCOUNTS, "bob", PASSWORD)  # unknown account
    assert not auth.verify({"bob": "not a hash"}, "bob", "x")  # a broken hash in secrets refuses, never raises


def test_wrong_passwords_slow_down_per_account_and_per_session(fresh_throttle):
    clock = fresh_throttle
    for i in range(auth.FREE_FAILURES):
        attempt = auth.sign_in(ACCOUNTS, "alice", "guess", session=f"s{i}")  # a new session each time
        assert attempt.steward is None
    assert attempt.wait == auth.BASE_DELAY  # the account waits, whichever session tries next
    refused = auth.sign_in(ACCOUNTS, "alice", PASSWORD, session="fresh")
    assert refused.steward is None and refused.wait == auth.BASE_DELAY  # not checked while waiting
    clock.now += auth.BASE_DELAY
    assert auth.sign_in(ACCOUNTS, "alice", "guess", "fresh").wait == 2 * auth.BASE_DELAY  # doubles
    clock.now += 2 * auth.BASE_DELAY
    assert auth.sign_in(ACCOUNTS, "alice", PASSWORD, "fresh").steward == auth.Steward("alice", "local")
    assert auth.THROTTLE.wait("account:alice") == 0  # success clears the account
    # One session trying many names waits too.
    for name in ("a", "b", "c", "d"):
        auth.sign_in(ACCOUNTS, name, "x", session="scanner")
    assert auth.sign_in(ACCOUNTS, "alice", PASSWORD, session="scanner").steward is None


def test_delay_is_capped(fresh_throttle):
    for _ in range(40):
        auth.THROTTLE.failed("account:x")
    assert auth.THROTTLE.wait("account:x") == auth.MAX_DELAY


def test_hash_command_reads_stdin():
    out = subprocess.run(
        [sys.executable, "-m", "ipaid.auth", "hash"],
        input="s3cret pass\n",
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("$argon2id$")
    assert auth.verify({"a": out.stdout.strip()}, "a", "s3cret pass")


@pytest.mark.parametrize("who", [None, "alice", {"name": "alice"}, auth.Steward(" ", "local")])
def test_write_functions_refuse_without_a_steward(who):
    """A forged request (no steward, or something that only looks like one) changes nothing."""
    upload.accept("gis", csv(shipped()), "base.csv", "setup", steward=STEWARD)
    before = (store.current_id("gis"), len(store.versions("gis")))
    with pytest.raises(auth.NotAuthorised):
        upload.accept("gis", csv(edited_gis()), "x.csv", "forged", steward=who)
    with pytest.raises(auth.NotAuthorised):
        upload.rollback("gis", 0, steward=who)
    rows = picked(2)
    result = import_gi.prepare(as_csv(register(rows)), "register.csv")
    with pytest.raises(auth.NotAuthorised):
        import_gi.write(result, "register.csv", steward=who)
    assert (store.current_id("gis"), len(store.versions("gis"))) == before


def write_controls(at) -> list:
    """Uploaders and buttons other than signing in and out."""
    return [
        w
        for w in (*at.file_uploader, *at.button)
        if w.key not in ("steward_logout", "steward_login") and not getattr(w.proto, "is_form_submitter", False)
    ]


def gi_versions(at):
    """The Versions table of the GI tab (a static table: its cells are Markdown made literal)."""
    return next(d.value for d in at.table if "操作人" in d.value.columns)


def test_without_stewards_the_page_is_read_only():
    upload.accept(
        "gis", csv(edited_gis()), "v1.csv", "an earlier version", steward=STEWARD
    )  # rollback would be offered
    at = data_page()
    assert not write_controls(at) and not at.main.text_input  # the sidebar has the GI search box
    assert "README" in at.info[0].value and "secrets.toml" in at.info[0].value
    assert [h.value for h in at.main.header] == ["数据集", "地理标志（按类型）：落点与覆盖", "版本"]
    assert gi_versions(at)["操作人"].tolist() == [literal(STEWARD.label), ""]  # the versions table shows who


def test_wrong_password_is_refused_and_slowed_down(fresh_throttle):
    upload.accept("gis", csv(edited_gis()), "v1.csv", "an earlier version", steward=STEWARD)
    at = data_page(ACCOUNTS)
    assert not write_controls(at)
    for _ in range(auth.FREE_FAILURES):
        sign_in(at, password="guess")
        assert at.error and not write_controls(at)
    assert any("秒后" in c.value for c in at.caption)  # the wait is shown
    sign_in(at)  # the right password while waiting: not even checked
    assert not write_controls(at)
    fresh_throttle.now += auth.BASE_DELAY
    sign_in(at)
    assert {"upload_confirm_gis", "import_confirm"}.isdisjoint(w.key for w in write_controls(at))  # no file yet
    assert {u.key for u in at.file_uploader} == {"upload_gis_0", "import_0", "al_file_0"}
    assert at.button(key="rollback_go_gis") is not None


def test_signed_in_steward_writes_are_recorded_with_their_author():
    at = sign_in(data_page(ACCOUNTS))
    at.file_uploader[0].set_value(("gis.csv", csv(edited_gis()), "text/csv")).run()
    at.text_input(key="upload_note_gis").input("typo").run()
    at.button(key="upload_confirm_gis").click().run()
    [version] = store.versions("gis")
    assert (version.author, version.note) == ("alice (local)", "typo")
    assert gi_versions(at)["操作人"].tolist()[0] == literal("alice (local)")
    at.button(key="steward_logout").click().run()
    assert not write_controls(at)


def test_oidc_sign_in(monkeypatch):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "x" * 32,
        "client_id": "ipaid",
        "client_secret": "s",
        "server_metadata_url": "https://sso.example.org/realms/ipaid/.well-known/openid-configuration",
    }
    at.run()
    at.switch_page("pages/data.py").run()
    assert not write_controls(at) and at.button(key="steward_login")
    at.user = {"is_logged_in": True, "email": "bob@example.org"}  # what st.user holds after the provider's redirect
    at.run()
    assert not at.exception and len(at.file_uploader) == 3
    assert any("bob@example.org (oidc)" in c.value for c in at.caption)
    at.secrets["ipaid"] = {"oidc_stewards": ["carol@example.org"]}  # an allow-list without bob
    at.run()
    assert not at.exception and not write_controls(at)


def test_overlapping_accepts_second_is_refused_and_store_unchanged():
    base = store.current_id("gis")
    first = upload.accept("gis", csv(edited_gis()), "a.csv", "first", steward=STEWARD, expected=base)
    snapshot = (store.current_id("gis"), [v.id for v in store.versions("gis")], data.load_table("gis").copy())
    with pytest.raises(store.Conflict) as info:
        upload.accept(
            "gis", csv(shipped().iloc[:40]), "b.csv", "second", steward=auth.Steward("bob", "local"), expected=base
        )
    assert (info.value.current, info.value.author) == (first, STEWARD.label)
    assert (store.current_id("gis"), [v.id for v in store.versions("gis")]) == snapshot[:2]
    assert data.load_table("gis").equals(snapshot[2])
    with pytest.raises(store.Conflict):
        upload.rollback("gis", 0, steward=STEWARD, expected=base)  # a rollback from a stale page too
    assert store.current_id("gis") == first


def test_overlapping_accepts_in_two_sessions():
    """Two stewards preview at once; the second confirm is refused, says who, and shows the new diff."""
    alice, bob = sign_in(data_page(ACCOUNTS)), sign_in(data_page(ACCOUNTS))
    alice.file_uploader[0].set_value(("a.csv", csv(edited_gis()), "text/csv")).run()
    fewer = shipped().iloc[:-2]
    bob.file_uploader[0].set_value(("b.csv", csv(fewer), "text/csv")).run()
    assert [m.value for m in bob.metric] == ["0", "2", "0"]
    alice.button(key="upload_confirm_gis").click().run()
    [version] = store.versions("gis")
    bob.button(key="upload_confirm_gis").click().run()
    assert not bob.exception and [v.id for v in store.versions("gis")] == [version.id]
    assert "alice (local)" in bob.warning[0].value and f"版本{version.id}" in bob.warning[0].value
    assert [m.value for m in bob.metric] == [
        "1",
        "3",
        "1",
    ]  # against alice's version: her dropped row, her new row, her rename
    bob.button(key="upload_confirm_gis").click().run()  # confirmed again, against the new version
    assert store.current_id("gis") > version.id


def test_replicas_count_failed_sign_ins_together():
    """Two replicas (two throttles on one store, each with its own memory): guesses spread over both are
    counted together, the wait holds on the other replica, and a success on one clears both."""
    clock = Clock()
    a, b = (SharedThrottle(clock=clock, fallback=auth.Throttle(clock=clock)) for _ in range(2))
    for i in range(auth.FREE_FAILURES):
        attempt = auth.sign_in(ACCOUNTS, "alice", "guess", f"s{i}", throttle=(a, b)[i % 2])
    assert attempt.wait == auth.BASE_DELAY
    refused = auth.sign_in(ACCOUNTS, "alice", PASSWORD, "fresh", throttle=b)
    assert refused.steward is None and refused.wait == auth.BASE_DELAY
    assert a.fallback.failures == b.fallback.failures == {}, "counted in the store, not in a replica's memory"
    clock.now += auth.BASE_DELAY
    assert auth.sign_in(ACCOUNTS, "alice", PASSWORD, "fresh", throttle=a).steward == auth.Steward("alice", "local")
    assert b.wait("account:alice") == 0


def test_an_unreachable_store_throttles_in_memory(tmp_path):
    """No database: sign-in still answers, and guessing is still slowed on this server."""
    clock = Clock()
    blocked = tmp_path / "file"
    blocked.write_text("")  # a file where the store's folder should be
    throttle = SharedThrottle(path=str(blocked / "versions.sqlite"), clock=clock, fallback=auth.Throttle(clock=clock))
    for i in range(auth.FREE_FAILURES):
        auth.sign_in(ACCOUNTS, "alice", "guess", f"s{i}", throttle=throttle)
    assert throttle.fallback.failures["account:alice"][0] == auth.FREE_FAILURES
    assert auth.sign_in(ACCOUNTS, "alice", PASSWORD, "fresh", throttle=throttle).wait == auth.BASE_DELAY


def test_a_store_that_reads_but_cannot_write_still_throttles(monkeypatch):
    """Writes failing (disk full, read-only replica) while reads work: the failures counted in memory still
    make the next guess wait."""
    from sqlalchemy.exc import OperationalError

    clock = Clock()
    throttle = SharedThrottle(clock=clock, fallback=auth.Throttle(clock=clock))
    throttle.wait("account:alice")  # the store's tables exist and can be read

    def refuse(*args, **kwargs):
        raise OperationalError("INSERT", {}, Exception("disk full"))

    monkeypatch.setattr(shared_throttle.db, "writing", refuse)
    for i in range(auth.FREE_FAILURES):
        auth.sign_in(ACCOUNTS, "alice", "guess", f"s{i}", throttle=throttle)
    assert auth.sign_in(ACCOUNTS, "alice", PASSWORD, "fresh", throttle=throttle).wait == auth.BASE_DELAY


def test_old_failures_are_forgotten():
    clock = Clock()
    throttle = SharedThrottle(clock=clock, fallback=auth.Throttle(clock=clock))
    auth.sign_in(ACCOUNTS, "nobody", "x", "s-old", throttle=throttle)
    clock.now += shared_throttle.FORGET_AFTER + 1
    auth.sign_in(ACCOUNTS, "alice", "guess", "s-new", throttle=throttle)
    with db.reading(store.engine()) as con:
        keys = {row.key for row in con.execute(db.sign_in_failures.select())}
    assert keys == {"account:alice", "session:s-new"}
