"""Nothing can take the dashboard down: with a broken table every page runs, the Data page lists the problem
and rolls back, and the other pages name the problem instead of showing a traceback (AppTest)."""

from __future__ import annotations

import shutil

import pytest
from streamlit.testing.v1 import AppTest

from ipaid import data, paths, store
from ipaid.views import literal
from test_store import ROOT, csv, isolated_store, shipped  # noqa: F401  (autouse fixture)

PAGES = ("overview", "map", "gi", "projects", "designated", "patents", "profiles", "data")


def recoded_counties() -> bytes:
    counties = shipped("counties")
    counties.loc[counties["adcode_listed"] == "340422", "adcode_listed"] = "340499"
    return csv(counties)


BROKEN = {  # stored directly, as a damaged store or an older version without today's checks would hold them
    "bytes": ("counties", b"\xff\xfe\x00\x01garbage\x00", "this is not a text file"),
    "column": ("gis", b"gi_id,name_zh\nGI1,x\n", "column is missing"),
    "cross": ("counties", None, "'340422' is not one of the 832 poverty counties"),
}


def app() -> AppTest:
    """A session whose secrets hold a local steward account (rollback needs a signed-in steward)."""
    from test_upload import ACCOUNTS

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.secrets["ipaid"] = {"stewards": ACCOUNTS}
    at.run()
    assert not at.exception
    return at


def every_page_runs(at: AppTest) -> dict[str, str]:
    """Run each page; returns the text of its error messages and code blocks."""
    shown = {}
    for page in PAGES:
        at.switch_page(f"pages/{page}.py").run()
        assert not at.exception, (page, at.exception)
        shown[page] = "\n".join([e.value for e in at.error] + [c.value for c in at.code])
    return shown


def dataset_problems(at: AppTest) -> dict[str, str]:
    table = at.table[0].value
    return dict(zip(table["数据表"], table["问题"], strict=True))


@pytest.mark.parametrize("kind", list(BROKEN))
def test_a_broken_store_version_leaves_navigation_and_rollback_working(kind):
    name, raw, problem = BROKEN[kind]
    version = store.add(name, raw if raw is not None else recoded_counties(), 1, "broken", "bad.csv", author="test")
    at = app()
    shown = every_page_runs(at)
    assert problem in shown["map"] and "数据表无法读取" in shown["map"]
    assert "数据表无法读取" not in shown["data"] and problem in shown["data"]  # the Data page runs and names it
    broken = data.ALL["area_members" if kind == "cross" else name].label["zh"]
    assert literal(problem) in dataset_problems(at)[broken]  # the static table's cells are Markdown: made literal
    from test_upload import sign_in

    sign_in(at)
    at.selectbox(key=f"rollback_{name}").set_value(0)
    at.button(key=f"rollback_go_{name}").click().run()
    assert not at.exception and store.current_id(name) == 0 and store.versions(name)[0].id == version
    at.switch_page("pages/map.py").run()
    assert not at.exception and not at.error and at.get("deck_gl_json_chart")


@pytest.mark.parametrize(
    "file, column, page", [("areas.csv", "county_count", "map"), ("figures.csv", "value", "overview")]
)
def test_a_broken_file_on_disk_leaves_every_page_running(tmp_path, monkeypatch, file, column, page):
    copy = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, copy, ignore=shutil.ignore_patterns("store"))
    text = (copy / file).read_text(encoding="utf-8")
    (copy / file).write_text(text.replace(column, "renamed", 1), encoding="utf-8")
    monkeypatch.setattr(data, "DATA_DIR", copy)
    at = app()
    if file == "areas.csv":  # the area filter is empty and says why
        assert "暂不可用" in "\n".join(c.value for c in at.sidebar.caption)
    shown = every_page_runs(at)
    assert f"column '{column}': column is missing" in shown[page]
    label = next(spec.label["zh"] for spec in data.ALL.values() if spec.file == file)
    assert "column is missing" in dataset_problems(at)[label]
    assert sum("版本" in table.value.columns for table in at.table) == 3  # the version tables are still there


def test_a_broken_county_version_leaves_the_english_data_page_and_its_rollback():
    """Review 13: with a broken county version, every English page (the Data page too, where the steward restores
    a good version) showed only 'A data table could not be read': the sidebar's preload of the charts' Chinese
    characters read the county table. It now leaves the names out; the Data page names the problem."""
    from test_upload import sign_in

    name = "counties"
    store.add(name, b"\xff\xfe\x00\x01garbage\x00", 1, "broken", "bad.csv", author="test")
    at = app()
    at.query_params["lang"] = "en"
    at.session_state["lang"] = "en"
    at.switch_page("pages/data.py").run()
    assert not at.exception
    assert "Versions" in [h.value for h in at.main.header]
    assert "this is not a text file" in "\n".join(c.value for c in at.code)
    sign_in(at)
    at.selectbox(key=f"rollback_{name}").set_value(0)
    at.button(key=f"rollback_go_{name}").click().run()
    assert not at.exception and store.current_id(name) == 0
