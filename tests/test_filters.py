"""Shared filters: unknown link values, county and GI filtering, descriptions, names."""
from ipaid import data
from ipaid.filters import Filters, describe, filter_counties, filter_gis, unknown_values
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


def test_filters_are_hashable_values():
    """Equal filters hash equal, so they can key a cache (`lru_cache`, `st.cache_data`)."""
    a, b = Filters(provinces=("湖南省",), categories=("tea",)), Filters(provinces=("湖南省",), categories=("tea",))
    assert hash(a) == hash(b) and {a: 1}[b] == 1
    assert len({a, b, Filters(), Filters(lang="en")}) == 3
