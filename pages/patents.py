"""The information path: TISCs and patent information docking, with what is (not yet) loaded said plainly."""
import pandas as pd
import streamlit as st

from ipaid import data
from ipaid.i18n import t
from ipaid.names import place_en
from ipaid.ui import downloads, facts_list, figure_card, lang

L = lang()
en = L == "en"
st.title(t("page_patents", L))
c1, c2 = st.columns([1, 2])
row = figure_card(c1.container(border=True), "tisc_centres")
tisc = data.load_tisc()
total = int(row["value"])
with c2:
    st.progress(min(len(tisc) / total, 1.0), text=t("pt_listed", L, n=len(tisc), total=total))
    st.caption(t("pt_missing", L, total=total))
if len(tisc):
    view = pd.DataFrame({
        t("pt_institution", L): tisc["institution_en"].where(tisc["institution_en"] != "", tisc["institution_zh"])
        if en else tisc["institution_zh"],
        t("province", L): tisc["province_zh"].map(place_en) if en else tisc["province_zh"],
        t("pt_batch", L): tisc["batch"],
        t("year", L): tisc["year"], t("source", L): tisc["source"]})
    st.dataframe(view, hide_index=True, width="stretch")
    downloads("tisc-centres", tisc, key="tisc")
facts_list(data.load_press_facts(), "information")
