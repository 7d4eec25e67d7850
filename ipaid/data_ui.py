"""Streamlit glue for the Data page: parse an upload once; steward sign-in (which methods
`.streamlit/secrets.toml` configures, who is signed in).

OpenID Connect (`[auth]`, `st.login`) or local accounts (`[ipaid.stewards]` name = Argon2 hash, checked by
`ipaid.auth`). The identity is kept in session state under a key no widget has, so a browser cannot set it.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from ipaid import auth, store
from ipaid.i18n import t
from ipaid.schema import DataError
from ipaid.shared_throttle import SharedThrottle
from ipaid.tablefile import MAX_BYTES, xlsx_sheets
from ipaid.ui import lang

T = TypeVar("T")

KEY = "_steward"


def _secret(section: str) -> dict:
    try:
        value = st.secrets.get(section)
    except (FileNotFoundError, KeyError):  # no secrets.toml at all
        return {}
    return value.to_dict() if hasattr(value, "to_dict") else dict(value or {})


def local_accounts() -> dict[str, str]:
    """Local steward accounts: name → Argon2 hash, from `[ipaid.stewards]`."""
    return {str(k): str(v) for k, v in (_secret("ipaid").get("stewards") or {}).items()}


def oidc_configured() -> bool:
    return bool(_secret("auth"))


def current() -> auth.Steward | None:
    """The signed-in steward of this session, or None (read-only)."""
    if oidc_configured() and st.user.get("is_logged_in"):
        name = next((str(st.user.get(k)) for k in ("email", "preferred_username", "name", "sub") if st.user.get(k)), "")
        allowed = _secret("ipaid").get("oidc_stewards")  # optional: only these identities may write
        return auth.Steward(name, "oidc") if name and (allowed is None or name in allowed) else None
    steward = st.session_state.get(KEY)
    if isinstance(steward, auth.Steward) and steward.name in local_accounts():
        return steward
    return None


def _session() -> str:
    return st.session_state.setdefault("_steward_session", uuid.uuid4().hex)


def _check_password() -> None:
    name, password = st.session_state.get("steward_name", ""), st.session_state.get("steward_password", "")
    st.session_state["steward_password"] = ""
    attempt = auth.sign_in(local_accounts(), name, password, _session(), SharedThrottle())
    if attempt.steward:
        st.session_state[KEY] = attempt.steward
    else:
        st.session_state["steward_refused"] = attempt.wait


def _sign_out() -> None:
    st.session_state.pop(KEY, None)


def panel() -> auth.Steward | None:
    """Sign-in status and controls; returns the signed-in steward (None: the page stays read-only)."""
    L = lang()
    steward = current()
    oidc, accounts = oidc_configured(), local_accounts()
    if steward:
        left, right = st.columns([3, 1], vertical_alignment="center")
        left.caption(t("steward_signed_in", L, name=steward.label))
        if steward.method == "oidc":
            right.button(t("steward_sign_out", L), key="steward_logout", on_click=st.logout, icon=":material/logout:")
        else:
            right.button(t("steward_sign_out", L), key="steward_logout", on_click=_sign_out, icon=":material/logout:")
        return steward
    if not (oidc or accounts):
        st.info(t("steward_read_only", L), icon=":material/lock:")
        return None
    wait = st.session_state.pop("steward_refused", None)
    with st.expander(t("steward_sign_in", L), icon=":material/lock_open:", expanded=wait is not None):
        st.caption(t("steward_why", L))
        if oidc:
            st.button(t("steward_oidc", L), key="steward_login", on_click=st.login, icon=":material/login:")
        if accounts:
            with st.form("steward_form", enter_to_submit=True, border=False):
                st.text_input(t("steward_name", L), key="steward_name", max_chars=100)
                st.text_input(t("steward_password", L), key="steward_password", type="password", max_chars=200)
                st.form_submit_button(t("steward_submit", L), on_click=_check_password)
        if wait is not None:
            st.error(t("steward_refused", L), icon=":material/block:")
            if wait > 0:
                st.caption(t("steward_wait", L, seconds=f"{wait:.0f}"))
    return None


def parse_once(slot: str, raw: bytes, extra: tuple, make: Callable[[], T]) -> T:
    """`make()` for this file's content (and `extra`), computed once per upload: reruns reuse the result
    (or re-raise its DataError) until another file or option is chosen."""
    key = (hashlib.sha256(raw).hexdigest(), extra)
    memo = st.session_state.get(f"_parsed_{slot}")
    if not memo or memo[0] != key:
        try:
            memo = (key, make(), None)
        except DataError as exc:
            memo = (key, None, exc)
        st.session_state[f"_parsed_{slot}"] = memo
    if memo[2] is not None:
        raise memo[2]
    return memo[1]


def preview_base(slot: str, upload_id: str, current: int) -> int:
    """The table version this upload (`upload_id`: the uploaded file's id) was first previewed against, kept
    across reruns (a note typed, a sheet chosen): confirming after someone else stored a version is then
    refused as a conflict, never stored over a change the steward did not see. See `guarded`."""
    kept = st.session_state.get(f"_base_{slot}")
    if not kept or kept[0] != upload_id:
        kept = st.session_state[f"_base_{slot}"] = (upload_id, current)
    return kept[1]


def guarded(slot: str, upload_id: str, write: Callable[[auth.Steward], int]) -> Callable[[auth.Steward], int]:
    """`write`, which when refused as a conflict moves the upload's base to the version now current: the page
    has said who changed the table and shows the diff against it, so the next confirm may store. Once stored, the
    base is forgotten: the same text pasted again is a new preview, not a conflict with this steward's write."""

    def run(steward: auth.Steward) -> int:
        try:
            version = write(steward)
        except store.Conflict as exc:
            st.session_state[f"_base_{slot}"] = (upload_id, exc.current)
            raise
        st.session_state.pop(f"_base_{slot}", None)
        return version

    return run


def sheet_choice(raw: bytes, key: str) -> str | None:
    """For a workbook of several sheets, a choice of sheet (default the first) and which one was read."""
    sheets = parse_once(f"sheets_{key}", raw, (), lambda: xlsx_sheets(raw))
    if len(sheets) < 2:
        return None
    L = lang()
    if st.session_state.get(key) not in sheets:
        st.session_state[key] = sheets[0]
    sheet = st.selectbox(t("data_sheet", L), sheets, key=key)
    st.caption(t("data_sheet_read", L, sheet=sheet, i=sheets.index(sheet) + 1, n=len(sheets)))
    return sheet


def localise_uploaders() -> None:
    """Streamlit has no setting for its file uploader's own words ("Upload", "20MB per file • CSV, XLSX",
    "Drag and drop a file here", "File must be 20.0MB or smaller."): on the Chinese page, CSS draws Chinese
    ones instead (the DOM text, read by screen readers, stays English). The browser's
    refusal (too large, wrong type) becomes one Chinese sentence that names both limits."""
    L = lang()
    if L == "en":
        return
    mb = MAX_BYTES // 2**20
    words = {
        k: json.dumps(t(f"data_uploader_{k}", L, mb=mb), ensure_ascii=False)
        for k in ("button", "limit", "refused", "drop")
    }
    drop = (
        '[data-testid="stFileUploaderDropzone"] > div:not([data-testid]) > span'  # shown while a file is dragged over
    )
    button = (
        '[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] '
        '[data-testid="stMarkdownContainer"] p'
    )
    st.html(f"""<style>
{button}, [data-testid="stFileUploaderDropzoneInstructions"] span, [data-testid="stTooltipErrorContent"],
{drop} {{font-size: 0 !important}}
{button}::after {{content: {words["button"]}; font-size: 1rem}}
[data-testid="stFileUploaderDropzoneInstructions"] span::after {{content: {words["limit"]}; font-size: 0.875rem}}
[data-testid="stTooltipErrorContent"]::after {{content: {words["refused"]}; font-size: 0.875rem}}
{drop}::after {{content: {words["drop"]}; font-size: 1rem}}
</style>""")
