"""The framework's floor for load tests: an almost empty Streamlit page (a title, one line, a 50-row table).

Served the same way as the dashboard (`streamlit run bench/floor_app.py`), so the ratio of the two under the
same load holds across machines. The table is the first 50 counties of the project's own county table.
`?lines=N` adds N one-line paragraphs: the framework's cost of a page with as many elements as a dashboard page.
"""

import streamlit as st

from ipaid import data

st.title("IP Aid")
st.write("The empty-page floor of the load test.")
st.dataframe(data.load_counties().head(50)[["adcode_listed", "name_listed", "province"]], hide_index=True)
lines = st.query_params.get("lines", "0")
for i in range(min(int(lines), 500) if lines.isdigit() else 0):
    st.markdown(f"Line {i + 1} of the element floor.")
