"""The dashboard's pages for st.navigation: file, title in the session's language, icon, URL path."""

from __future__ import annotations

import copy
from functools import lru_cache

import streamlit as st

from ipaid.i18n import t
from ipaid.ui import lang

PAGES = [
    ("overview", "page_overview", ":material/home:"),
    ("map", "page_map", ":material/map:"),
    ("gi", "page_gi", ":material/verified:"),
    ("evidence", "page_evidence", ":material/query_stats:"),
    ("projects", "page_projects", ":material/payments:"),
    ("designated", "page_designated", ":material/location_on:"),
    ("patents", "page_patents", ":material/find_in_page:"),
    ("profiles", "page_profiles", ":material/search:"),
    ("data", "page_data", ":material/database:"),
]


def pages() -> list:
    """Every page at its own URL. The overview is the default page ("/") and answers at /overview too.

    Copies of pages built once per language (building them checked each file: ~10 % of a run's own time);
    copies, because st.navigation marks the page it returns as runnable and sessions run at once."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    folder = get_script_run_ctx().pages_manager.main_script_parent  # st.Page resolves files against it
    return [copy.copy(page) for page in _pages(lang(), folder)]


@lru_cache(maxsize=8)
def _pages(lang: str, folder) -> tuple:
    listed = [
        st.Page(
            f"pages/{name}.py",
            title=t(key, lang),
            icon=icon,
            default=name == "overview",
            url_path="home" if name == "overview" else name,
        )
        for name, key, icon in PAGES
    ]
    hidden = st.Page("pages/overview.py", title=t("page_overview", lang), url_path="overview", visibility="hidden")
    return (*listed, hidden)
