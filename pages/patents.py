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
    st.progress(min(len(tisc) / total, 1.0), text=(f"{len(tisc)} of {total} centres listed with a source" if en
                                                  else f"已列出有来源的中心{len(tisc)}家，共{total}家"))
    st.caption("The full list of the 51 host institutions has not been found in a published form we could verify; "
               "only centres named in a source are listed, none is invented." if en else
               "51家依托机构的完整名单尚未找到可核实的公开版本；仅列出来源中点名的中心，绝不臆造。")
if len(tisc):
    view = pd.DataFrame({
        ("Institution" if en else "依托机构"): tisc["institution_en"].where(tisc["institution_en"] != "", tisc["institution_zh"])
        if en else tisc["institution_zh"],
        t("province", L): tisc["province_zh"].map(place_en) if en else tisc["province_zh"],
        ("Batch" if en else "批次"): tisc["batch"],
        t("year", L): tisc["year"], t("source", L): tisc["source"]})
    st.dataframe(view, hide_index=True, width="stretch")
    downloads("tisc-centres", tisc, key="tisc")
facts_list(data.load_press_facts(), "information")
