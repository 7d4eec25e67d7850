"""Every page renders under AppTest without an exception, in both languages, and the URL state round-trips."""

import ast
import re
import string
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ipaid.display import SCRIPT
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


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_each_language_shows_no_ui_string_of_the_other(page, lang):
    """No text on an English page is or holds (4+ characters) a Chinese UI string; no text on a Chinese page is an
    English UI string; no page shows a bare translation key. UI strings: every (English, 中文) table in the code."""
    pairs, keys = ui_strings()
    other = {zh if lang == "en" else en for en, zh in pairs if en != zh}
    at = run(page, lang=lang)
    for kind, text in shown_texts(at):
        assert text.strip() not in other, (kind, text)
        assert lang == "zh" or not [s for s in other if len(s) >= 4 and s in text], (kind, text)
        assert text.strip() not in keys, (kind, text)
        assert lang == "en" or not re.search(r"[\u4e00-\u9fff）]\**: ", text), ("ASCII colon on a Chinese page", text)


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


# --- tests helper: every translation lookup in the code resolves, in both languages ---
CJK = re.compile(r"[\u3400-\u9fff]")
ROOT = Path(__file__).resolve().parent.parent


def code_files() -> list[Path]:
    return [ROOT / "app.py", *sorted((ROOT / "ipaid").glob("*.py")), *sorted((ROOT / "pages").glob("*.py"))]


def translation_tables(tree: ast.AST) -> dict[str, dict[str, tuple[str, str]]]:
    """Module-level dicts of key: (English, 中文) literals in a parsed file, by variable name."""
    out = {}
    for node in tree.body:
        target, value = (
            (node.targets[0], node.value)
            if isinstance(node, ast.Assign)
            else (node.target, node.value)
            if isinstance(node, ast.AnnAssign)
            else (None, None)
        )
        if not (isinstance(target, ast.Name) and isinstance(value, ast.Dict) and value.values):
            continue
        try:
            table = ast.literal_eval(value)
        except ValueError:
            continue
        if all(
            isinstance(v, tuple) and len(v) == 2 and all(isinstance(x, str) for x in v) for v in table.values()
        ) and any(CJK.search(zh) for _, zh in table.values()):
            out[target.id] = table
    return out


def ui_strings() -> tuple[set[tuple[str, str]], set[str]]:
    """Every (English, 中文) pair in the code, and the keys that are not themselves a shown text."""
    pairs, keys = set(), set()
    for path in code_files():
        for table in translation_tables(ast.parse(path.read_text(encoding="utf-8"))).values():
            pairs |= set(table.values())
            keys |= {k for k in table if isinstance(k, str) and k not in {x for p in table.values() for x in p}}
    return pairs, keys


def shown_texts(at: AppTest):
    """(element type, text) of every text an AppTest run shows: bodies, labels, placeholders, help, options."""
    from streamlit.testing.v1.element_tree import Widget

    def walk(node):
        yield node
        for child in getattr(node, "children", {}).values():
            yield from walk(child)

    for node in walk(at._tree):
        if node.type == "html" and SCRIPT in str(getattr(node, "value", "")):
            continue  # the script that swaps Streamlit's own words (`framework_words`): code, not shown text
        # a widget's value is what was picked (a key, not a text); its options are shown formatted
        for attr in ("label", "placeholder", "help", "options") + (() if isinstance(node, Widget) else ("value",)):
            try:
                value = getattr(node, attr)
            except Exception:  # noqa: BLE001 - element types lack some attributes
                continue
            for text in value if isinstance(value, (list, tuple)) else [value]:
                if isinstance(text, str) and text:
                    yield node.type, text


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_translation_lookup_exists_in_both_languages():
    """`t("key", ...)` (and a page's own `s("key", ...)` over its `S` table) names a key that exists, whose English
    and Chinese texts are not empty and take the same placeholders, and is given exactly those placeholders."""
    problems, checked = [], 0
    for path in code_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        tables = translation_tables(tree)
        for name, table in tables.items():
            for key, (en, zh) in table.items():
                if not (en.strip() and zh.strip()) or placeholders(en) != placeholders(zh):
                    problems.append(f"{path.name}: {name}[{key!r}] = {(en, zh)}")
        imports_t = any(
            isinstance(n, ast.ImportFrom) and n.module == "ipaid.i18n" and any(a.name == "t" for a in n.names)
            for n in ast.walk(tree)
        )
        lookups = {"t": STRINGS} if imports_t else {}
        if "S" in tables:
            lookups["s"] = tables["S"]
        for call in ast.walk(tree):
            if not (
                isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in lookups and call.args
            ):
                continue
            table, arg, where = lookups[call.func.id], call.args[0], f"{path.name}:{call.lineno}"
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                checked += 1
                if arg.value not in table:
                    problems.append(f"{where}: no key {arg.value!r}")
                elif all(kw.arg is not None for kw in call.keywords):  # no **fmt: the placeholders are all given
                    given = {kw.arg for kw in call.keywords} - {"lang"}
                    wanted = placeholders(table[arg.value][0])
                    if given != wanted:
                        problems.append(f"{where}: {arg.value!r} takes {wanted}, given {given}")
            elif isinstance(arg, ast.JoinedStr) and isinstance(arg.values[0], ast.Constant):
                prefix = arg.values[0].value
                if not any(k.startswith(prefix) for k in table):
                    problems.append(f"{where}: no key starts with {prefix!r}")
    assert not problems, problems
    assert checked > 100  # the scan sees the code's lookups


def test_no_string_table_repeats_a_key():
    """A repeated key in a dict literal silently replaces the first (the Data page's 'data_error' once hid the
    pages' error message): every (English, 中文) table in ipaid/ has each key once."""
    for path in (ROOT / "ipaid").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict):
                keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
                assert len(keys) == len(set(keys)), (path.name, sorted({k for k in keys if keys.count(k) > 1}))


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


def test_back_to_an_older_url_restores_that_view(history_run):
    """The browser's Back reruns with the older URL: the view follows it instead of writing the new one over it."""
    at = run("map", lang="en")
    at.sidebar.multiselect(key="province").set_value(["湖南省"]).run()
    at.sidebar.multiselect(key="category").set_value(["tea"]).run()
    assert at.session_state["category"] == ["tea"]
    history_run(at, {"lang": "en", "province": "湖南省"})  # one step back
    assert at.session_state["category"] == [] and at.session_state["province"] == ["湖南省"]
    assert "category" not in at.query_params
    history_run(at, {"lang": "en"})  # two steps back
    assert at.session_state["province"] == [] and at.session_state["lang"] == "en"


def test_a_quick_second_change_is_kept_although_the_browser_url_lags():
    """A change made before the browser got the URL of the run before (its rerun carries that older URL, and it is
    not Back): both changes stay, and the URL gets both. Before, the older URL was taken for Back: the language
    switch was undone and the province dropped from the page while the URL kept it."""
    at = run("map")
    at.sidebar.multiselect(key="province").set_value(["湖南省"]).run()
    assert at.query_params.get("province") == "湖南省"
    at.query_params.clear()  # the browser had not applied `?province=` yet
    at.sidebar.segmented_control(key="lang").set_value("en").run()
    assert at.session_state["lang"] == "en" and at.session_state["province"] == ["湖南省"]
    assert at.title[0].value == "Map" and at.query_params.get("lang") == "en"
    assert at.query_params.get("province") == "湖南省"


def test_a_long_parameter_is_not_echoed_in_full():
    at = run("map", lang="en", province="湖" * 5000)
    warning = " ".join(w.value for w in at.warning)
    assert "5,000 characters" in warning and len(warning) < 300
    at = run("map", province=[f"x{i}" for i in range(40)])
    warning = " ".join(w.value for w in at.warning)
    assert "另有35个" in warning and "x39" not in warning


@pytest.fixture
def downloads_made(monkeypatch) -> dict:
    """Each download button's data (or callback) by key, as the page handed it to Streamlit."""
    import streamlit as st

    made = {}
    real = st.download_button

    def spy(label, data=None, **kwargs):
        made[kwargs.get("key")] = data
        return real(label, data=data, **kwargs)

    monkeypatch.setattr(st, "download_button", spy)
    return made


def test_english_press_kit_speaks_english(downloads_made):
    """The zip is made off the session (a download callback): its filter line must still be English."""
    import io
    import zipfile

    made = downloads_made
    at = run("gi", lang="en", province="湖南省", category="tea")  # a page the filters filter (not projects)
    assert at.title[0].value == "Geographical indications"
    raw = made["kit_gi"]()  # called here, outside the script run, as Streamlit does
    text = zipfile.ZipFile(io.BytesIO(raw)).read("SOURCES.txt").decode("utf-8")
    assert "Hunan" in text and "Tea" in text
    head = text.split("\n- ")[0]  # the kit's own words; the GI sources listed after them are the data's
    assert "Sources" in head and not re.findall(r"[\u3400-\u9fff]", head), text


def test_designated_press_kit_names_every_source_its_charts_name(downloads_made):
    """The timelines' source line reads "…press conference, 2020-11-26; data/gi_products.csv" (their GI events), but
    the kit's SOURCES.txt listed only the press conference (sweep 13)."""
    import io
    import zipfile

    run("designated", lang="en")
    text = zipfile.ZipFile(io.BytesIO(downloads_made["kit_designated"]())).read("SOURCES.txt").decode("utf-8")
    assert "data/gi_products.csv" in text and "press conference" in text, text
