"""GIs at national scale: the imported registers, each row sourced and placed only where its source says."""

from __future__ import annotations

import pandas as pd
import pytest

from ipaid import data
from ipaid.admin_index import county_index
from ipaid.gi_place import place_holder
from ipaid.paths import ROOT

FOUND = ROOT.parent / "shared" / "data" / "found"
MOA = "农业农村部农产品地理标志登记公告"


@pytest.fixture(scope="module")
def gis():
    return data.load_gis()


def test_table_holds_the_registers_with_their_sources(gis):
    assert len(gis) >= 3500
    agri = gis[gis["gi_type"] == "agri_product_gi"]
    assert agri["source"].str.contains(MOA).sum() == 3268  # every register row, merged or new, cites the register
    assert (gis["source"].str.strip() != "").all()
    assert not gis.duplicated(["name_zh", "gi_type"]).any()  # same name and type: merged into one row
    if FOUND.exists():
        register = pd.read_csv(FOUND / "agri_product_gis_2008_2020.csv", dtype=str)
        assert set(register["name_zh"].str.strip()) <= set(agri["name_zh"])


def test_every_placed_code_is_a_county_of_the_stated_province(gis):
    idx = county_index().set_index("adcode")["province"]
    for province, codes, level in zip(gis["province"], gis["counties"], gis["place_level"]):
        assert all(idx[c] == province for c in codes), (province, codes)
        assert bool(codes) == (level == "county")


@pytest.mark.parametrize("name,county", [("黎城核桃", "黎城县"), ("交城骏枣", "交城县"), ("彰武黑豆", "彰武县")])
def test_named_gis_land_where_their_holder_says(gis, name, county):
    row = gis[(gis["name_zh"] == name) & (gis["gi_type"] == "agri_product_gi")].iloc[0]
    idx = county_index().set_index("adcode")
    assert [idx.at[c, "name"] for c in row["counties"]] == [county]
    assert county in row["place_note"] and row["holder"].startswith(county)


def test_a_prefecture_holder_places_on_the_prefecture_not_a_county(gis):
    row = gis[(gis["name_zh"] == "乌海葡萄")].iloc[0]
    assert row["place_level"] == "prefecture" and row["counties"] == [] and "乌海市" in row["place_note"]


def test_most_agricultural_gis_are_placed_and_the_rest_say_why(gis):
    agri = gis[gis["gi_type"] == "agri_product_gi"]
    assert (agri["place_level"] == "county").mean() >= 0.84
    unplaced = agri[agri["place_level"] == ""]
    assert (unplaced["place_note"].str.startswith("not placed: ")).all()


@pytest.mark.parametrize(
    "holder,province,expected",
    [
        ("黎城县核桃产业办公室", "山西省", ("county", "140426")),
        ("山西省黎城县核桃产业办公室", "山西省", ("county", "140426")),
        ("巴音郭楞蒙古自治州农业技术推广中心", "新疆维吾尔自治区", ("prefecture", None)),
        ("张家口市崇礼县农牧局", "河北省", ("county", "130709")),  # 崇礼县 is 崇礼区 today
        ("泾阳茯砖茶发展服务中心", "陕西省", ("county", "610423")),  # the stem alone
        ("江苏省洪泽湖渔业协会", "江苏省", ("", None)),  # a lake named after the county, not the county
        ("上饶县绿源果业专业合作社", "江西省", ("county", "361104")),  # listed among the 832 as 上饶县, 广信区 today
        ("长治县农业局", "山西省", ("", None)),  # 长治县 (上党区 today) is not the prefecture 长治市
        ("新疆生产建设兵团第八师一三四团", "新疆维吾尔自治区", ("", None)),
        ("", "山西省", ("", None)),
    ],
)
def test_place_holder(holder, province, expected):
    found = place_holder(holder, province)
    level, code = expected
    assert found.level == level
    if code:
        assert found.adcodes == (code,)
    if level == "prefecture":
        idx = county_index()
        assert set(found.adcodes) == set(idx.loc[idx["prefecture"] == found.name, "adcode"])
    if not level:
        assert found.how and not found.adcodes


def test_gi_coverage_counts_each_type_against_its_official_total(gis):
    cov = data.gi_coverage().set_index("gi_type")
    figures = data.load_figures()
    for gi_type, (figure, until) in data.GI_TOTALS.items():
        part = gis[gis["gi_type"] == gi_type]
        if part.empty:
            continue
        row = cov.loc[gi_type]
        assert row["rows"] == len(part)
        assert row["placed_county"] == int((part["place_level"] == "county").sum())
        assert row[["placed_county", "placed_prefecture", "placed_province", "placed_unplaced"]].sum() == len(part)
        assert row["official_total"] == figures.at[figure, "value"]
        assert row["covered"] == int(sum(pd.isna(y) or y <= until for y in part["year_approved"]))
    assert cov.loc["agri_product_gi", "official_total"] == 3510


def test_tisc_zones_and_projects_count_only_what_can_be_among_the_official_totals():
    cov = data.coverage().set_index("table")
    tisc, zones, projects = data.load_tisc(), data.load_demo_zones(), data.load_projects()
    assert cov.at["tisc", "covered"] == int((tisc["certainty"] == "confirmed").sum()) < len(tisc)
    assert cov.at["tisc", "official_total"] == 51
    assert cov.at["demo_zones", "covered"] == int((zones["among_24"] == "likely").sum())
    assert cov.at["demo_zones", "official_total"] == 24
    assert cov.at["projects", "covered"] == int((projects["level"] == "project").sum())
    assert cov.at["projects", "official_total"] == 21
    programmes = projects[projects["level"] == "programme"].set_index("year")
    assert programmes.at[2019, "projects_stated"] + programmes.at[2020, "projects_stated"] == 21
    assert "兴安盟大米" in set(projects["gi_name"])


def test_projects_and_zones_read_in_english():
    from ipaid.i18n import t
    from ipaid.views import demo_zones_view, projects_view, tisc_view

    for view, column in (
        (projects_view(data.load_projects(), "en"), "proj_what"),
        (demo_zones_view(data.load_demo_zones(), "en"), "zone_name"),
        (tisc_view(data.load_tisc(), "en"), "tisc_institution"),
    ):
        for cell in view[t(column, "en")]:  # Chinese names are paired with pinyin or an English name
            assert any(c.isascii() and c.isalpha() for c in cell), cell


def test_place_names_in_zones_and_applicants_read_as_places():
    """A zone or applicant that is a county read as one pinyin word: 'Jingyuanxian', 'Suichuanxian',
    'Datongshi (yunzhouqu)'."""
    from ipaid.i18n import t
    from ipaid.views import demo_zones_view, projects_view

    zones = set(demo_zones_view(data.load_demo_zones(), "en")[t("zone_name", "en")])
    assert "靖远县 (Jingyuan County) national GI product protection demonstration zone" in zones
    applicants = set(projects_view(data.load_projects(), "en")[t("proj_applicant", "en")])
    assert {"遂川县 (Suichuan County)", "大同市 (云州区) (Datong City (Yunzhou District))"} <= applicants
