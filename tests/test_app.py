"""Every page renders under AppTest without an exception, in both languages, and the URL state round-trips."""
import pytest
from streamlit.testing.v1 import AppTest

from ipaid.i18n import STRINGS

PAGES = ["overview", "map", "gi", "projects", "designated", "patents", "profiles", "data"]


def run(page: str | None = None, **params) -> AppTest:
    at = AppTest.from_file("../app.py", default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    if page:
        at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception, ["".join(e.stack_trace or [e.value]) for e in at.exception]
    return at


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders(page, lang):
    at = run(page, lang=lang)
    assert at.title, page
    assert not at.error, [e.value for e in at.error]


def test_url_with_every_parameter_restores_the_view():
    at = run(lang="en", province=["湖南省", "河北省"], area=["wuling"], category=["tea"], gi=["GI0001"], measure="exit")
    ss = at.session_state
    assert ss["lang"] == "en"
    assert ss["province"] == ["湖南省", "河北省"] and ss["area"] == ["wuling"]
    assert ss["category"] == ["tea"] and ss["gi"] == ["GI0001"]
    at.switch_page("pages/map.py").run()
    assert at.session_state["measure"] == "exit"
    assert at.query_params["province"] == ["湖南省", "河北省"]
    assert at.title[0].value == "Map"


def test_unknown_values_in_the_link_are_named_and_ignored():
    at = run("map", province=["湖南省", "火星省"], area="atlantis", measure="rainbow")
    warnings = " ".join(w.value for w in at.warning)
    assert "火星省" in warnings and "atlantis" in warnings and "rainbow" in warnings
    assert at.session_state["province"] == ["湖南省"]
    assert at.get("deck_gl_json_chart")


def test_english_mode_shows_no_chinese_ui_strings():
    at = run("map", lang="en")
    chinese = {zh for _, zh in STRINGS.values()}
    shown = [e.value for e in at.title] + [e.value for e in at.caption] + [e.label for e in at.multiselect]
    assert not [s for s in shown if s in chinese]


def test_sangzhi_profile_shows_wuling_and_2019():
    at = run("profiles", county="430822", lang="en")
    values = {m.label: m.value for m in at.metric}
    assert values["Exit year"] == "2019"
    assert "**Contiguous area**: Wuling Mountain Area" in [m.value for m in at.markdown]


def test_chongli_profile_shows_2018():
    at = run("profiles", county="130709")
    values = {m.label: m.value for m in at.metric}
    assert values["摘帽年份"] == "2018"


def test_unknown_county_gives_a_message_and_a_search_box():
    at = run("profiles", county="999999")
    assert any("999999" in w.value for w in at.warning)
    assert at.selectbox


def test_area_profile_by_url():
    at = run("profiles", area="tibet", lang="en")
    values = {m.label: m.value for m in at.metric}
    assert values["Official county count"] == "74"
    assert values["Members loaded"] == "74"


def test_a_malformed_table_gives_a_clear_message_not_a_traceback(tmp_path, monkeypatch):
    import shutil

    from ipaid import data

    for f in (data.DATA_DIR).glob("*.csv"):
        shutil.copy(f, tmp_path / f.name)
    text = (tmp_path / "counties.csv").read_text(encoding="utf-8").splitlines()
    cells = text[5].split(",")
    cells[7] = "20x6"  # exit_year
    text[5] = ",".join(cells)
    (tmp_path / "counties.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    for cached in (data._load, data.load_counties, data.load_gis, data.all_counties):
        cached.cache_clear()
    try:
        at = AppTest.from_file("../app.py", default_timeout=120)
        at.run()
        assert not at.exception
        shown = " ".join(e.value for e in at.error) + " ".join(c.value for c in at.code)
        assert "counties.csv, line 6, column 'exit_year': '20x6' is not a whole number" in shown
    finally:
        monkeypatch.undo()
        for cached in (data._load, data.load_counties, data.load_gis, data.all_counties):
            cached.cache_clear()
