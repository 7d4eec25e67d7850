"""The framework's floor for load tests: an almost empty Streamlit page (a title, one line, a 50-row table).

Served the same way as the dashboard (`streamlit run bench/floor_app.py`), so the ratio of the two under the
same load holds across machines. The table is the first 50 counties of the project's own county table.
"""

import streamlit as st

from ipaid import data

st.title("IP Aid")
st.write("The empty-page floor of the load test.")
st.dataframe(data.load_counties().head(50)[["adcode_listed", "name_listed", "province"]], hide_index=True)
