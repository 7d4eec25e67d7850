"""GI search (Chinese, pinyin, English names and product words) and the GI page's state in its link."""

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ipaid import data
from ipaid.gi_search import (
    MAX_QUERY,
    PRODUCT_TERMS,
    english_name,
    filter_offer,
    follow_pick,
    product_terms,
    search,
    url_state,
)


@pytest.fixture(scope="module")
def gis():
    return data.load_gis()


@pytest.mark.parametrize(
    "query", ["white tea", "White-Tea", "Sangzhi", "sangzhi baicha", "桑植", "桑植白茶", "Sangzhi white tea"]
)
def test_sangzhi_white_tea_is_found(gis, query):
    assert "桑植白茶" in set(search(gis, query)["name_zh"])


def test_product_words_find_only_names_with_the_word(gis):
    found = search(gis, "white tea")
    assert len(found) and found["name_zh"].str.contains("白茶").all()
    others = gis[~gis["name_zh"].str.contains("白茶") & ~gis["name_en"].str.lower().str.contains("white tea")]
    assert search(others, "white tea").empty
    assert set(search(gis, "honey")["gi_id"]) >= set(gis.loc[gis["name_zh"].str.contains("蜂蜜"), "gi_id"])
    assert product_terms("油茶") == ""  # tea alone is not a product word (油茶 is camellia oil)
    assert product_terms("核桃") == "walnut"  # 桃 is not listed, so walnuts are not peaches


def test_product_terms_are_lower_case_and_chinese_keys():
    assert all(en == en.lower() and all("\u4e00" <= c <= "\u9fff" for c in zh) for zh, en in PRODUCT_TERMS.items())


def test_search_matches_english_names_case_and_spacing_free(gis):
    row = gis.iloc[len(gis) // 2]
    for query in (row["name_en"].upper(), row["name_en"].replace(" ", ""), row["gi_id"] and row["name_zh"]):
        assert row["gi_id"] in set(search(gis, query)["gi_id"])
    assert search(gis, "zzzz").empty
    assert len(search(gis, "")) == len(gis) == len(search(gis, None))


def test_a_long_query_uses_only_its_start(gis):
    assert search(gis, "桑植白茶" + "z" * (MAX_QUERY + 10)).empty
    assert "桑植白茶" in set(search(gis, "桑植白茶" + " " * (MAX_QUERY + 10))["name_zh"])


def test_url_state_keeps_known_values_and_names_unknown_ones(gis):
    state, bad = url_state(
        {"q": ["桑植"], "detail": ["GI0005"], "bar": ["湖南省", "火星省"]}, gis["gi_id"], gis["province"]
    )
    assert state == {"q": "桑植", "detail": "GI0005", "bar": ["湖南省"]}
    assert bad == {"bar": ["火星省"]}
    state, bad = url_state({"q": ["x" * 5000], "detail": ["GI9999"]}, gis["gi_id"], gis["province"])
    assert state == {"q": "x" * MAX_QUERY} and bad == {"detail": ["GI9999"]}
    assert url_state({}, gis["gi_id"], gis["province"]) == ({}, {})


def test_follow_pick_takes_chart_changes_and_keeps_link_picks():
    assert follow_pick([], None, ["湖南省"]) == ["湖南省"]  # first run: the chart shows nothing, the link's pick stays
    assert follow_pick([], [], ["湖南省"]) == ["湖南省"]
    assert follow_pick(["河北省"], [], ["湖南省"]) == ["河北省"]  # a click replaces it
    assert follow_pick([], ["河北省"], ["河北省"]) == []  # clearing the chart clears it


def run_gi(**params) -> AppTest:
    at = AppTest.from_file("../app.py", default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page("pages/gi.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def param(at: AppTest, key: str) -> list[str]:
    value = at.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


def test_gi_page_detail_follows_search_and_link():
    at = run_gi(lang="en", q="white tea")
    assert at.selectbox(key="detail").value == "GI0001"
    assert param(at, "q") == ["white tea"]
    at.text_input(key="q").set_value("zzzz").run()
    assert at.selectbox(key="detail").value is None
    at.text_input(key="q").set_value("桑植").run()
    detail = at.selectbox(key="detail").value
    assert detail in set(data.load_gis().query("name_zh.str.startswith('桑植')")["gi_id"])
    at.selectbox(key="detail").set_value("GI0005").run()
    assert param(at, "detail") == ["GI0005"] and any("Sangzhi honey" in m.value for m in at.markdown)
    again = run_gi(q="桑植", detail="GI0005")
    assert again.text_input(key="q").value == "桑植" and again.selectbox(key="detail").value == "GI0005"


def test_gi_page_link_with_unknown_gi_warns_in_the_page_language():
    at = run_gi(lang="en", detail="GI9999")
    assert any("GI9999" in w.value and "GI for the detail" in w.value for w in at.warning)
    at = run_gi(detail="GI9999")
    assert any("GI9999" in w.value and "详情地理标志" in w.value for w in at.warning)


def test_the_sidebar_filter_offers_the_chosen_gis_then_the_first_matches(gis):
    sangzhi = gis.loc[gis["name_zh"] == "桑植白茶", "gi_id"].iloc[0]
    other = gis.loc[~gis["name_zh"].str.contains("茶"), "gi_id"].iloc[0]
    assert filter_offer(gis, "", [], 50) == ([], 0)  # nothing to list before a search
    assert filter_offer(gis, "  ", [other], 50) == ([other], 0)
    tea = search(gis, "茶")["gi_id"].tolist()
    offered, matches = filter_offer(gis, "茶", [other, sangzhi], 50)
    assert matches == len(tea) > 50
    assert offered[:2] == [other, sangzhi] and offered[2:] == [g for g in tea if g != sangzhi][:50]


def test_english_name_is_the_gi_tables_own_else_the_fallback(gis):
    row = gis.iloc[100]
    assert english_name(gis, row["name_zh"], "fallback") == row["name_en"] != "fallback"
    two = pd.DataFrame({"name_zh": ["崇礼蚕豆", "崇礼蚕豆"], "name_en": ["Chongli broad bean", "Chongli Candou"]})
    assert english_name(two, "崇礼蚕豆", "") == "Chongli broad bean"  # the first row of that name
    assert english_name(gis, "不存在的地理标志", "Fallback name") == "Fallback name"
