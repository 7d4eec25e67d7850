"""The map's drill-down: the hierarchy from the boundary index, each level's URL round trip, the panel's figures."""

import json

import pytest
from streamlit.testing.v1 import AppTest

from ipaid import data, drill, drill_ui, geometry, hierarchy
from ipaid.admin_index import county_index
from ipaid.filters import Filters
from ipaid.i18n import t


def test_every_county_is_in_exactly_one_prefecture_and_one_province():
    units, idx = hierarchy.units(), county_index()
    assert len(units) == len(idx) == units["adcode"].nunique()
    assert (units["prefecture"] != "").all() and (units["province"] != "").all()
    assert (units["province"] == idx.set_index("adcode").loc[units["adcode"], "province"].to_numpy()).all()
    # a prefecture name or code names one unit of one province
    by_code = units.groupby("prefecture_code")[["province", "prefecture"]].nunique()
    assert (by_code == 1).all().all()
    assert units.groupby(["province", "prefecture"])["prefecture_code"].nunique().max() == 1


def test_directly_administered_units_are_handled_explicitly():
    units = hierarchy.units().set_index("adcode")
    # 省直辖县级行政区: Hubei's four, Henan's Jiyuan, Hainan's fifteen, Xinjiang's corps cities (codes xx90xx)
    direct = units[units["kind"] == "direct"]
    assert set(direct.index.str[2:4]) == {"90"} and (direct["prefecture"] == hierarchy.DIRECT).all()
    assert set(units.loc[["429004", "429005", "429006", "429021"], "prefecture"]) == {hierarchy.DIRECT}
    assert (direct["province"] == "海南省").sum() == 15 and "659001" in direct.index
    # municipalities: the province is the prefecture, and the drill-down has no prefecture level
    assert set(units.loc[units["province"] == "重庆市", "prefecture"]) == {"重庆市"}
    assert not hierarchy.has_prefectures("北京市") and hierarchy.has_prefectures("海南省")
    # prefecture-level cities without districts are their own prefecture
    assert units.loc["441900", "prefecture"] == "东莞市" and units.loc["620200", "prefecture"] == "嘉峪关市"
    assert "儋州市" in hierarchy.prefectures("海南省") and hierarchy.DIRECT in hierarchy.prefectures("海南省")
    # units the index files under no prefecture all got one of the explicit kinds
    empty = county_index().set_index("adcode")["prefecture"] == ""
    assert set(units.loc[empty[empty].index, "kind"]) <= {"direct", "city", "municipality"}


def test_a_click_on_a_county_the_filters_leave_white_opens_nothing():
    tibet = Filters(areas=("tibet",))
    members = set(data.load_counties().query("area_id == 'tibet'")["boundary_adcode"])
    assert drill.takes_click(sorted(members)[0], tibet)
    assert not drill.takes_click("430822", tibet)  # 桑植县, white on a Tibet map
    assert drill.takes_click("430822", Filters()) and drill.takes_click("430822", Filters(provinces=("湖南省",)))


def test_a_click_opens_the_next_level_down():
    assert hierarchy.click_target("430822", "", "") == {"province": "湖南省"}
    assert hierarchy.click_target("430822", "湖南省", "") == {"province": "湖南省", "prefecture": "张家界市"}
    assert hierarchy.click_target("430822", "湖南省", "张家界市") == {"county": "430822"}
    assert hierarchy.click_target("110105", "北京市", "") == {"county": "110105"}  # no prefecture level
    assert hierarchy.click_target("430822", "河北省", "") == {"province": "湖南省"}  # outside the shown province
    assert hierarchy.click_target("999999", "", "") == {}


def test_prefecture_outlines_are_dissolved_from_the_county_coverage():
    counties = geometry.load_layer("counties", "detailed")
    prefectures = geometry.load_layer("prefectures", "detailed").set_index("prefecture_code")
    assert len(prefectures) == hierarchy.units()["prefecture_code"].nunique()
    codes = hierarchy.units().set_index("adcode").loc[counties["adcode"], "prefecture_code"].to_numpy()
    zhangjiajie = counties[codes == "430800"].union_all()
    assert abs(prefectures.at["430800", "geometry"].area - zhangjiajie.area) < 1e-6 * zhangjiajie.area


def run(**params) -> AppTest:
    at = AppTest.from_file("../app.py", default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page("pages/map.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def path_text(at: AppTest) -> str:
    return " ".join(m.value for m in at.markdown if m.value.startswith("**") or m.value == "›")


@pytest.mark.parametrize(
    "params, province, prefecture",
    [
        ({}, [], ""),
        ({"province": "湖南省"}, ["湖南省"], ""),
        ({"province": "湖南省", "prefecture": "张家界市"}, ["湖南省"], "张家界市"),
        ({"province": "海南省", "prefecture": hierarchy.DIRECT}, ["海南省"], hierarchy.DIRECT),
    ],
)
def test_each_level_round_trips_through_the_url(params, province, prefecture):
    at = run(**params)
    assert at.session_state["province"] == province and at.session_state["prefecture"] == prefecture
    assert {k: at.query_params[k] for k in ("province", "prefecture") if k in at.query_params} == params
    assert not at.warning
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    ids = [layer["id"] for layer in spec["layers"]]
    assert ("prefectures" in ids) == bool(province)
    if prefecture:
        assert [b.label for b in at.button if (b.key or "").startswith("drill_up")] == ["全国", province[0]]
    assert f"**{prefecture or (province[0] if province else '全国')}**" in path_text(at)


@pytest.mark.parametrize(
    "params, shown",
    [
        ({"province": "湖南省", "prefecture": "石家庄市"}, "湖南省"),  # a prefecture of another province
        ({"prefecture": "张家界市"}, "全国"),  # a prefecture without its province
        ({"province": "湖南省", "prefecture": "x" * 500}, "湖南省"),
    ],
)
def test_a_bad_prefecture_in_the_link_is_named_and_ignored(params, shown):
    at = run(**params)
    assert at.session_state["prefecture"] == "" and "prefecture" not in at.query_params
    assert len(at.warning) == 1 and "地市" in at.warning[0].value
    assert f"**{shown}**" in path_text(at)


def test_breadcrumb_goes_back_up():
    at = run(province="湖南省", prefecture="张家界市")
    at.button(key="drill_up_1").click().run()
    assert at.session_state["province"] == ["湖南省"] and at.session_state["prefecture"] == ""
    assert "prefecture" not in at.query_params
    at.button(key="drill_up_0").click().run()
    assert at.session_state["province"] == [] and "province" not in at.query_params


def independent_figures(province: str, prefecture: str) -> dict:
    """The panel's figures computed another way: from the index, the poverty list and the GIs' county lists."""
    idx = county_index()
    units = idx[idx["province"] == province] if province else idx
    if prefecture:
        units = units[units["prefecture"].replace("", None).fillna(units["name"]) == prefecture]
    poor = data.load_counties()  # every entry of the poverty list, also two now in one unit
    poor = poor[poor["boundary_adcode"].isin(units["adcode"])]
    per_gi = data.load_gis()[["gi_id", "counties"]].explode("counties")
    return {
        "counties": len(units),
        "poverty": len(poor),
        "exits": poor["exit_year"].value_counts().reindex(range(2016, 2021), fill_value=0).to_dict(),
        "gis": per_gi.loc[per_gi["counties"].isin(units["adcode"]), "gi_id"].nunique(),
        "areas": sorted(set(poor["area_id"].dropna()) - {""}),
    }


@pytest.mark.parametrize(
    "province, prefecture", [("", ""), ("湖南省", ""), ("湖南省", "张家界市"), ("广东省", "东莞市")]
)
def test_panel_figures_match_pandas(province, prefecture):
    counties = data.all_counties()
    got = drill.summary(drill.place_counties(counties, province, prefecture), data.load_gis(), data.load_counties())
    assert got == independent_figures(province, prefecture)


def test_the_national_level_counts_the_official_poverty_list():
    """832 listed counties (the official total), although 冷湖 and 茫崖 are one unit today: 831 units."""
    listed = data.load_counties()
    got = drill.summary(drill.place_counties(data.all_counties(), "", ""), data.load_gis(), listed)
    assert got["poverty"] == len(listed) == 832
    assert got["exits"] == listed["exit_year"].value_counts().reindex(range(2016, 2021), fill_value=0).to_dict()
    assert listed["boundary_adcode"].nunique() == 831


def test_panel_lists_the_units_one_level_down():
    counties, gis, listed = data.all_counties(), data.load_gis(), data.load_counties()
    hunan = drill.breakdown(counties, gis, listed, "湖南省", "", "zh")
    assert list(hunan.index) == hierarchy.prefectures("湖南省")
    assert hunan.iloc[:, 1].sum() == (county_index()["province"] == "湖南省").sum()
    zhangjiajie = drill.breakdown(counties, gis, listed, "湖南省", "张家界市", "en")
    assert "Sangzhi County" in set(zhangjiajie.iloc[:, 0]) and "430822" in zhangjiajie.index
    national = drill.breakdown(counties, gis, listed, "", "", "zh")
    assert len(national) == county_index()["province"].nunique()
    assert national.iloc[:, 2].sum() == len(listed)


def test_county_level_exit_year_is_blank_for_counties_not_poor():
    """Streamlit's grid drew a missing exit year as "None" (English on the Chinese page)."""
    counties, gis, listed = data.all_counties(), data.load_gis(), data.load_counties()
    table = drill.breakdown(counties, gis, listed, "湖南省", "张家界市", "zh")
    year = table[t("exit_year", "zh")]
    poor = counties.set_index("adcode").loc[table.index, "poverty"].to_numpy()
    assert year.notna().all() and (year[~poor] == "").all() and (~poor).any()
    expected = counties.set_index("adcode").loc[table.index[poor], "exit_year"].astype(int).astype(str)
    assert year[poor].tolist() == expected.tolist()


def test_a_county_click_opens_its_profile_in_the_same_view():
    """A click on a poverty county at the lowest level opens its profile. The link kept only the language (the
    map's filters, level and display options were lost, and Back showed the map without them), and a language
    given with the other parameters was lost on the way (the interrupted map run recorded the new URL)."""
    at = run(lang="en", province="湖南省", prefecture="张家界市", measure="exit", contrast="high")
    at.session_state[drill_ui.CLICKED] = "430822"
    at.run()
    assert not at.exception
    assert at.title[0].value == "Areas and counties" and "Sangzhi County" in at.header[0].value
    assert at.session_state["lang"] == "en" and at.session_state["province"] == ["湖南省"]
    assert {k: at.query_params[k] for k in ("lang", "province", "prefecture", "measure", "contrast", "county")} == {
        "lang": "en",
        "province": "湖南省",
        "prefecture": "张家界市",
        "measure": "exit",
        "contrast": "high",
        "county": "430822",
    }


@pytest.mark.parametrize(
    "lang, heading, gis",
    [("en", "**Provinces**", "GIs in its counties"), ("zh", "**各省份**", "涉及其县的地理标志")],
)
def test_the_national_panel_heads_its_table_in_plain_words(lang, heading, gis):
    """The national table of provinces was headed "In All China" ("全国下辖"), and its GI figure "GIs on its
    counties"; a province's table stays "In Hunan"."""
    at = run(lang=lang)
    markdown = [m.value for m in at.markdown]
    assert heading in markdown and not any("In All China" in m or "全国下辖" in m for m in markdown)
    assert gis in [m.label for m in at.metric]
    hunan = [m.value for m in run(lang=lang, province="湖南省").markdown]
    assert ("**In Hunan**" if lang == "en" else "**湖南省下辖**") in hunan


@pytest.mark.parametrize("lang, expected", [("zh", "2017年5个 · 2018年15个"), ("en", "2017: 5 · 2018: 15")])
def test_exits_per_year_are_written_in_the_page_s_language(lang, expected):
    """The Chinese panel wrote "各年摘帽县数：2016: 0 · 2017: 5", English-style colons in a Chinese sentence."""
    at = run(province="湖南省", lang=lang)
    text = " ".join(m.value for m in at.main.markdown)
    assert expected in text, text[:300]
