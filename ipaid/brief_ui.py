"""Streamlit glue of the printed briefs: download buttons that build the PDF on click, and the area zip."""

from __future__ import annotations

import streamlit as st

from ipaid import brief
from ipaid.i18n import t

MAKERS = {"county": brief.county_brief, "area": brief.area_brief, "province": brief.province_brief}


def brief_button(kind: str, code: str, lang: str, label: str | None = None) -> None:
    """A download button for the brief of a county, area or province; the PDF is built when it is clicked.

    The callback runs without the session's context, so the language and code are bound here."""
    make = MAKERS[kind]
    st.download_button(
        label or t("brief_download", lang),
        data=lambda: make(code, lang),
        file_name=brief.file_name(kind, code, lang),
        mime="application/pdf",
        key=f"brief_{kind}_{code}",
        on_click="ignore",
        icon=":material/picture_as_pdf:",
    )


def area_zip_control(area_id: str, members: int, lang: str) -> None:
    """A button that builds the briefs of every member county with a progress bar, then offers the zip."""
    stored = st.session_state.get("_brief_zip")
    st.button(
        t("brief_zip_build", lang, n=members),
        key=f"brief_zip_{area_id}",
        icon=":material/folder_zip:",
        on_click=st.session_state.__setitem__,
        args=("_brief_zip_wanted", area_id),  # kept until built, should the app rerun the script first
    )
    if st.session_state.pop("_brief_zip_wanted", None) == area_id:
        bar = st.progress(0.0, text=t("brief_zip_build", lang, n=members))

        def progress(i: int, n: int, name: str) -> None:
            if i < n:
                bar.progress(i / n, text=t("brief_zip_progress", lang, i=i + 1, n=n, name=name))

        stored = (area_id, lang, brief.area_zip(area_id, lang, progress))
        st.session_state["_brief_zip"] = stored
        bar.empty()
    if stored and stored[:2] == (area_id, lang):
        st.download_button(
            t("brief_zip_download", lang),
            data=stored[2],
            file_name=brief.file_name("area", area_id, lang, "zip"),
            mime="application/zip",
            key=f"brief_zip_dl_{area_id}",
            on_click="ignore",
            type="primary",
            icon=":material/download:",
        )
