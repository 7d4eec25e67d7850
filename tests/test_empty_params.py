"""An empty link parameter (`?year=`, `?county=`: a link cut or hand-edited) is no value: it is dropped without a
message, on every page and in both languages, as the sidebar filters always did (sweep 13: the map said
"Ignored an unknown year in the link: '' (?year=)", the profiles page "No poverty county has the code or name .")."""

import pytest
from streamlit.testing.v1 import AppTest

from ipaid import data
from ipaid.profiles import county_from_link

PARAMS = (
    "province",
    "area",
    "category",
    "gi",
    "county",
    "prefecture",
    "year",
    "measure",
    "ev_def",
    "ev_scope",
    "detail",
    "bar",
    "q",
    "text",
    "contrast",
)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", ["map", "profiles", "evidence", "gi"])
def test_empty_parameters_raise_no_message(page, lang):
    at = AppTest.from_file("../app.py", default_timeout=180)
    for key in PARAMS:
        at.query_params[key] = ""
    at.query_params["lang"] = lang
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, ["".join(e.stack_trace or [e.value]) for e in at.exception]
    shown = [w.value.replace("\\", "") for w in at.warning]  # Markdown escapes removed
    about_empty = [w for w in shown if "''" in w or "“”" in w or " name ." in w]
    assert not about_empty, about_empty
    if page == "profiles":
        assert at.session_state["county_pick"] is None and "county" not in at.query_params


def test_county_from_link_skips_empty_values():
    assert county_from_link(data.load_counties(), ["", " ", "430822"]) == ("430822", [], None)
