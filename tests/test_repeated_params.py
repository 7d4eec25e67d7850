"""A one-value link parameter given twice takes its first good value and names the values it ignored, on every
page, as the filters and `?year=` do (a browser or a hand-edited link can repeat a parameter)."""

from streamlit.testing.v1 import AppTest

from ipaid import data
from ipaid.profiles import county_from_link


def run(page: str, **params) -> AppTest:
    at = AppTest.from_file("../app.py", default_timeout=180)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, ["".join(e.stack_trace or [e.value]) for e in at.exception]
    return at


def test_county_from_link_takes_the_first_value_that_names_one_county():
    counties = data.load_counties()
    assert county_from_link(counties, ["430822", "130709"])[0] == "430822"
    assert county_from_link(counties, ["999999", "130709"])[:2] == ("130709", ["999999"])
    pick, missing, (query, found) = county_from_link(counties, ["999999", "县"])
    assert pick is None and missing == ["999999"] and query == "县" and len(found) > 1


def test_a_repeated_county_opens_the_first_and_names_the_unknown_one():
    at = run("profiles", county=["999999", "430822", "130709"], lang="en")
    assert at.session_state["county_pick"] == "430822"
    assert [w.value for w in at.warning if "999999" in w.value]
    assert not [w.value for w in at.warning if "130709" in w.value]
    assert at.query_params["county"] in ("430822", ["430822"])


def test_a_repeated_prefecture_takes_the_first_of_the_province():
    at = run("map", province="湖南省", prefecture=["Atlantis", "张家界市", "长沙市"], lang="en")
    assert at.session_state["prefecture"] == "张家界市"
    warned = [w.value for w in at.warning]
    assert [w for w in warned if "Atlantis" in w] and not [w for w in warned if "长沙市" in w], warned


def test_a_repeated_evidence_choice_takes_the_first_good_one():
    at = run("evidence", ev_def=["sometime", "2016", "exit"], lang="en")
    assert at.radio(key="ev_def").value == "2016"
    assert [w.value for w in at.warning if "sometime" in w.value]
