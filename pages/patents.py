"""The information path: TISCs and patent information docking, with what is (not yet) loaded said plainly."""

import streamlit as st

from ipaid import data
from ipaid.i18n import t
from ipaid.ui import downloads, facts_list, figure_card, lang, national_page
from ipaid.views import tisc_view

L = lang()
en = L == "en"
st.title(t("page_patents", L))
national_page()
c1, c2 = st.columns([1, 2])
row = figure_card(c1.container(border=True), "tisc_centres")
tisc = data.load_tisc()
total = int(row["value"])
with c2:
    confirmed = int((tisc["certainty"] == "confirmed").sum())
    st.progress(
        min(confirmed / total, 1.0),
        text=t("tisc_progress", L, confirmed=confirmed, probable=len(tisc) - confirmed, total=total),
    )
    st.caption(t("tisc_note", L, total=total))
if len(tisc):
    st.dataframe(tisc_view(tisc, L), hide_index=True, width="stretch")
    downloads("tisc-centres", tisc, key="tisc")
facts_list(data.load_press_facts(), "information")
