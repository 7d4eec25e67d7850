"""Shared filters: unknown link values, county and GI filtering, descriptions, names."""

import pandas as pd
import pytest

from ipaid import data
from ipaid.filters import Filters, covers, describe, filter_counties, filter_gis, unknown_values
from ipaid.gi_search import search
from ipaid.names import place_en


def test_unknown_values_are_reported_per_parameter():
    known = {"province": {"湖南省"}, "lang": {"zh", "en"}}
    params = {"province": ["湖南省", "火星省"], "lang": ["fr"], "other": ["x"]}
    assert unknown_values(params, known) == {"province": ["火星省"], "lang": ["fr"]}


def test_county_filter_combines_province_and_area():
    counties = data.load_counties()
    f = Filters(provinces=("西藏自治区",), areas=("tibet",))
    assert len(filter_counties(counties, f)) == 74
    assert filter_counties(counties, Filters(provinces=("湖南省",), areas=("tibet",))).empty


def test_gi_filter_by_category_province_and_area():
    gis = data.load_gis()
    tea = filter_gis(gis, Filters(categories=("tea",)))
    assert len(tea) == (gis["category"] == "tea").sum() and len(tea) > 0
    counties = data.load_counties()
    tibet_codes = set(counties.loc[counties.area_id == "tibet", "boundary_adcode"])
    in_tibet = filter_gis(gis, Filters(areas=("tibet",)), tibet_codes)
    assert all(set(c) & tibet_codes for c in in_tibet["counties"])


def test_search_in_chinese_english_and_pinyin():
    gis = data.load_gis()
    for query in ("桑植白茶", "sangzhi baicha", "Sangzhi-Baicha", "SANGZHI"):
        assert "桑植白茶" in set(search(gis, query)["name_zh"]), query
    assert search(gis, "zzzz-no-such-gi").empty


def test_describe_and_english_place_names():
    f = Filters(provinces=("湖南省",), areas=("wuling",))
    text = describe(f, "en", {"wuling": "Wuling"}, {}, {}, {"湖南省": "Hunan"})
    assert text == "Hunan; Wuling"
    assert place_en("桑植县") == "Sangzhi County"
    assert place_en("保亭黎族苗族自治县") == "Baoting Li Miao Autonomous County"
    assert place_en("广西壮族自治区") == "Guangxi"


@pytest.mark.parametrize(
    "name, english",
    [
        ("长阳土家族自治县", "Changyang Tujia Autonomous County"),  # was Zhangyang: 长 read as in 长大
        ("长顺县", "Changshun County"),
        ("子长市", "Zichang City"),
        ("长子县", "Zhangzi County"),  # this one is zhǎng
        ("于都县", "Yudu County"),  # was Yudou: 都 read as in 都是
        ("丰都县", "Fengdu County"),
        ("三都水族自治县", "Sandu Shui Autonomous County"),
        ("蔚县", "Yu County"),  # 蔚县 is Yùxiàn (was Wei County)
        ("塔什库尔干塔吉克自治县", "Tashiku'ergan Tajik Autonomous County"),  # 什 shí (was Tashenkuergan)
        ("西安市", "Xi'an City"),  # an apostrophe before a syllable starting with a, o or e (was Xian City)
        ("吉安县", "Ji'an County"),  # was Jian County
        ("都安瑶族自治县", "Du'an Yao Autonomous County"),
        ("乐安县", "Le'an County"),  # was Lean County
        ("绿春县", "Lüchun County"),  # ü as maps write it (was Lvchun, pypinyin's typing form)
        ("吕梁市", "Lüliang City"),
    ],
)
def test_english_place_names_read_place_name_characters_as_places_do(name, english):
    """pypinyin's everyday readings gave poverty counties wrong English names on the map, in tables and exports."""
    assert place_en(name) == english


def test_filters_are_hashable_values():
    """Equal filters hash equal, so they can key a cache (`lru_cache`, `st.cache_data`)."""
    a, b = Filters(provinces=("湖南省",), categories=("tea",)), Filters(provinces=("湖南省",), categories=("tea",))
    assert hash(a) == hash(b) and {a: 1}[b] == 1
    assert len({a, b, Filters(), Filters(lang="en")}) == 3


# Small tables with every combination the filters tell apart.
COUNTIES = pd.DataFrame(
    {
        "province": ["甲省", "甲省", "乙省", "乙省"],
        "area_id": ["wuling", "", "wuling", "tibet"],
        "boundary_adcode": ["100001", "100002", "200001", "200002"],
    }
)
GIS = pd.DataFrame(
    {
        "gi_id": ["G1", "G2", "G3", "G4"],
        "province": ["甲省", "甲省", "乙省", "乙省"],
        "category": ["tea", "fruit", "tea", "tea"],
        "counties": [["100001"], ["100002", "200001"], ["200002"], []],
    }
)


def ids(frame: pd.DataFrame) -> list[str]:
    return frame["gi_id"].tolist()


def test_gi_filters_combine_with_and():
    assert ids(filter_gis(GIS, Filters(provinces=("甲省",)))) == ["G1", "G2"]
    assert ids(filter_gis(GIS, Filters(provinces=("乙省",), categories=("tea",)))) == ["G3", "G4"]
    assert ids(filter_gis(GIS, Filters(provinces=("甲省",), categories=("tea",)))) == ["G1"]
    assert ids(filter_gis(GIS, Filters(provinces=("甲省",), gis=("G2", "G3")))) == ["G2"]
    assert ids(filter_gis(GIS, Filters(categories=("tea",), gis=("G2", "G3")))) == ["G3"]
    assert ids(filter_gis(GIS, Filters())) == ["G1", "G2", "G3", "G4"]


def test_gi_area_filter_needs_areas_and_their_counties():
    wuling = {"100001", "200001"}
    assert ids(filter_gis(GIS, Filters(areas=("wuling",)), wuling)) == ["G1", "G2"]
    assert ids(filter_gis(GIS, Filters(provinces=("乙省",), areas=("wuling",)), wuling)) == []
    assert ids(filter_gis(GIS, Filters(), wuling)) == ids(GIS)  # counties without a chosen area filter nothing
    assert covers(GIS, ["200001", "999999"]).tolist() == [False, True, False, False]


def test_county_filters_combine_with_and():
    both = filter_counties(COUNTIES, Filters(provinces=("乙省",), areas=("wuling",)))
    assert both["boundary_adcode"].tolist() == ["200001"]
    assert filter_counties(COUNTIES, Filters(areas=("wuling",)))["boundary_adcode"].tolist() == ["100001", "200001"]


def test_empty_link_values_are_not_unknown():
    assert unknown_values({"province": ["", "火星省"], "area": [""]}, {"province": {"湖南省"}, "area": set()}) == {
        "province": ["火星省"]
    }


def test_describe_in_chinese_keeps_unnamed_codes():
    f = Filters(provinces=("湖南省", "河北省"), categories=("tea",), gis=("GI9999",))
    assert describe(f, "zh", {}, {}, {"tea": "茶叶"}, {}) == "湖南省、河北省；茶叶；GI9999"
    assert describe(Filters(), "en", {}, {}, {}, {}) == ""


def test_describe_names_the_map_drill_level():
    """A map export at a prefecture said "Filters: Hunan" over the prefecture's counties only."""
    f = Filters(provinces=("湖南省",), areas=("wuling",), prefecture="张家界市")
    assert describe(f, "en", {"wuling": "Wuling"}, {}, {}, {"湖南省": "Hunan"}) == "Hunan › Zhangjiajie City; Wuling"
    assert describe(f, "zh", {"wuling": "武陵山区"}, {}, {}, {}) == "湖南省 › 张家界市；武陵山区"


def test_a_county_is_found_by_its_pinyin_without_the_apostrophe():
    from ipaid.profiles import find_county

    counties = data.load_counties()
    code = counties.loc[counties["name_listed"] == "都安瑶族自治县", "adcode_listed"].iloc[0]
    assert find_county(counties, "duan") == find_county(counties, "Du'an") == code
