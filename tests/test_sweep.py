"""Defects found by using the dashboard as a reader does (helper "sweep"): labels that name what is counted."""

import pytest
from streamlit.testing.v1 import AppTest

from ipaid import data
from ipaid.i18n import GI_TYPE, label, t
from ipaid.tables import ALL


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_overview_completeness_names_what_the_official_total_counts(lang):
    """A bar measured against an official total of one GI type names that type, not "GIs" (3,624 are listed)."""
    at = AppTest.from_file("../app.py", default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    texts = [p.proto.text for p in at.get("progress")]
    cov = data.coverage().set_index("table")
    for name, spec in ALL.items():
        if spec.counted and spec.counted[0] == "gi_type" and spec.total_figure:
            total = f"{int(cov.at[name, 'official_total']):,}"
            kind = label(GI_TYPE, spec.counted[1], lang)
            bar = [text for text in texts if f"/ {total}" in text]
            assert bar, texts
            assert all(text.startswith(kind) for text in bar), (bar, kind)  # "GI protection product(s): …"


def _run(page: str, lang: str) -> AppTest:
    at = AppTest.from_file("../app.py", default_timeout=120)
    at.query_params["lang"] = lang
    at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception
    return at


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_counts_in_the_thousands_are_grouped_as_on_the_overview(lang):
    """ "3,624" as the overview and the sidebar write it, never "3624" beside "2,385" (GI page, map figures)."""
    n = len(data.load_gis())
    assert n >= 1000
    at = _run("gi", lang)
    texts = [e.value for kind in ("caption", "info", "header") for e in getattr(at, kind)]
    grouped = [text for text in texts if f"{n:,}" in text]
    assert len(grouped) >= 3, texts  # the coverage line, "… GIs shown" and the table's heading
    assert not [text for text in texts if str(n) in text], texts
    metrics = [m.value for m in _run("map", lang).metric]
    assert metrics and all(value == f"{int(value.replace(',', '')):,}" for value in metrics), metrics
    assert any("," in value for value in metrics), metrics  # all China: 2,875 counties


@pytest.mark.parametrize("params", [{"county": "430822"}, {"area": "wuling"}])
def test_chinese_profiles_label_the_code_in_chinese(params):
    """The county and area profiles in Chinese call the code 行政区划代码 (as the brief does), not "adcode"."""
    at = AppTest.from_file("../app.py", default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page("pages/profiles.py")
    at.run()
    assert not at.exception
    shown = [m.value for m in at.markdown] + [str(c) for d in at.dataframe for c in d.value.columns]
    assert any("430822" in text or "行政区划代码" in text for text in shown), shown  # the page drew its place
    assert not [text for text in shown if "adcode" in text.lower()], shown


NATIONAL = ["overview", "projects", "designated", "patents"]  # pages whose figures the sidebar filters leave alone


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_national_pages_say_the_filters_do_not_apply(lang):
    """With a province chosen, a page whose figures stay national says so; without a filter it says nothing."""
    note = t("filters_not_here", lang)
    for page in NATIONAL:
        at = AppTest.from_file("../app.py", default_timeout=120)
        at.query_params["lang"] = lang
        at.query_params["province"] = "湖南省"
        if page != "overview":
            at.switch_page(f"pages/{page}.py")
        at.run()
        assert not at.exception and at.session_state["province"] == ["湖南省"]
        assert note in [c.value for c in at.caption], page
    assert note not in [c.value for c in _run("projects", lang).caption]


@pytest.mark.parametrize("page", ["projects", "designated"])
def test_press_kit_of_a_national_page_says_no_filter(monkeypatch, page):
    """The press kit of a national page, made with a province chosen, does not claim its charts are filtered
    (its SOURCES.txt carries the filters line of the Filters it is given)."""
    from ipaid import ui

    given = []
    monkeypatch.setattr(ui, "press_kit_button", lambda items, sources, f, key: given.append(f))
    at = AppTest.from_file("../app.py", default_timeout=120)
    at.query_params["province"] = "湖南省"
    at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception and at.session_state["province"] == ["湖南省"]
    assert len(given) == 1 and given[0].is_empty, given


@pytest.mark.parametrize(("lang", "lead"), [("zh", "来源："), ("en", "Source: ")])
def test_source_lines_use_the_pages_punctuation(lang, lead):
    """A GI's source line reads "来源：…" on Chinese pages (a full-width colon, as exports write it), "Source: …"."""
    captions = [c.value for c in _run("gi", lang).caption]
    sources = [c for c in captions if c.startswith(("来源", "Source"))]
    assert sources and all(c.startswith(lead) for c in sources), sources


@pytest.mark.parametrize("page", ["designated", "profiles"])
def test_chinese_pages_head_a_county_in_chinese_only(page):
    """The Chinese pages headed Sangzhi "桑植县 · Sangzhi County" (designated counties, county profile) and wrote
    "桑植白茶 · Sangzhi white tea"; English pages keep the original Chinese name beside the English one, as the
    map's tooltip does."""
    import re

    def run(lang):
        at = AppTest.from_file("../app.py", default_timeout=120)
        at.query_params["lang"] = lang
        at.query_params["county"] = "430822"
        at.switch_page(f"pages/{page}.py")
        at.run()
        assert not at.exception
        return at

    zh = run("zh")
    shown = [h.value for h in zh.header] + [m.value for m in zh.markdown]
    assert [s for s in shown if "桑植" in s], shown
    assert not [s for s in shown if "桑植" in s and re.search(r"[A-Za-z]{3,}", s)], shown
    assert "Sangzhi County · 桑植县" in [h.value for h in run("en").header]
