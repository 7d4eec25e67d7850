"""Every page renders under AppTest without an exception, in both languages, and the URL state round-trips."""
from pathlib import Path

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


def test_legacy_pages_mode_is_left_through_app_py():
    """Streamlit starts a server with a `pages/` folder in its legacy mode (AppTest: every run); the map URL must
    still run through app.py (sidebar, language). Fails when an upgrade removes the mode: then drop
    `ui._leave_pages_directory_mode`."""
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = None
    PagesManager(str(Path(__file__).parent.parent / "app.py"))
    assert PagesManager.uses_pages_directory is True, "Streamlit no longer has the legacy pages mode"
    at = AppTest.from_file("../app.py", default_timeout=120)
    at.query_params["lang"] = "en"
    at.switch_page("pages/map.py").run()
    assert not at.exception
    assert at.title[0].value == "Map"
    assert [m.label for m in at.sidebar.multiselect][:1] == ["Provinces"]  # app.py's sidebar ran


def test_share_link_shows_what_the_page_wrote():
    at = run("map", lang="en")
    at.segmented_control(key="measure").set_value("exit").run()
    link = at.sidebar.code[-1].value
    assert "measure=exit" in link and "lang=en" in link
    at.sidebar.multiselect(key="province").set_value(["湖南省"]).run()
    assert "province=" in at.sidebar.code[-1].value and "measure=exit" in at.sidebar.code[-1].value


def test_back_to_an_older_url_restores_that_view():
    """The browser's Back reruns with the older URL: the view follows it instead of writing the new one over it."""
    at = run("map", lang="en")
    at.sidebar.multiselect(key="province").set_value(["湖南省"]).run()
    at.sidebar.multiselect(key="category").set_value(["tea"]).run()
    assert at.session_state["category"] == ["tea"]
    at.query_params.clear()
    at.query_params.update({"lang": "en", "province": "湖南省"})  # one step back
    at.run()
    assert at.session_state["category"] == [] and at.session_state["province"] == ["湖南省"]
    assert "category" not in at.query_params
    at.query_params.clear()
    at.query_params.update({"lang": "en"})  # two steps back
    at.run()
    assert at.session_state["province"] == [] and at.session_state["lang"] == "en"


def test_a_long_parameter_is_not_echoed_in_full():
    at = run("map", lang="en", province="湖" * 5000)
    warning = " ".join(w.value for w in at.warning)
    assert "5,000 characters" in warning and len(warning) < 300
    at = run("map", province=[f"x{i}" for i in range(40)])
    warning = " ".join(w.value for w in at.warning)
    assert "另有35个" in warning and "x39" not in warning


def test_english_press_kit_speaks_english(monkeypatch):
    """The zip is made off the session (a download callback): its filter line must still be English."""
    import io
    import re
    import zipfile

    import streamlit as st

    made = {}
    real = st.download_button

    def spy(label, data=None, **kwargs):
        made[kwargs.get("key")] = data
        return real(label, data=data, **kwargs)

    monkeypatch.setattr(st, "download_button", spy)
    at = run("projects", lang="en", province="湖南省", category="tea")
    assert at.title[0].value == "Projects and funding"
    raw = made["kit_projects"]()  # called here, outside the script run, as Streamlit does
    text = zipfile.ZipFile(io.BytesIO(raw)).read("SOURCES.txt").decode("utf-8")
    assert "Hunan" in text and "Tea" in text
    assert not re.findall(r"[\u3400-\u9fff]", text), text
