"""The county, area and figure tables against the official totals and the boundary package."""

from ipaid import data, figures
from ipaid.admin_index import county_index

OFFICIAL_AREA_COUNTS = {
    "liupan": 61,
    "qinba": 75,
    "wuling": 64,
    "wumeng": 38,
    "dianguiqian": 80,
    "dianxi": 56,
    "daxinganling": 19,
    "yanshan_taihang": 33,
    "lvliang": 20,
    "dabie": 36,
    "luoxiao": 23,
    "tibet": 74,
    "four_province_tibetan": 77,
    "south_xinjiang": 24,
}


def test_832_poverty_counties_with_unique_listed_codes():
    counties = data.load_counties()
    assert len(counties) == 832
    assert counties["adcode_listed"].is_unique


def test_exit_years_match_the_official_yearly_lists():
    counts = data.load_counties()["exit_year"].value_counts().sort_index()
    assert counts.to_dict() == {2016: 28, 2017: 125, 2018: 283, 2019: 344, 2020: 52}
    figures = data.load_figures()
    for year, n in counts.items():
        assert int(figures.at[f"exited_{year}", "value"]) == n


def test_counts_per_province_match_the_official_list():
    expected = {
        "云南省": 88,
        "西藏自治区": 74,
        "四川省": 66,
        "贵州省": 66,
        "甘肃省": 58,
        "陕西省": 56,
        "河北省": 45,
        "青海省": 42,
        "湖南省": 40,
        "河南省": 38,
        "山西省": 36,
        "广西壮族自治区": 33,
        "新疆维吾尔自治区": 32,
        "内蒙古自治区": 31,
        "湖北省": 28,
        "江西省": 24,
        "黑龙江省": 20,
        "安徽省": 20,
        "重庆市": 14,
        "吉林省": 8,
        "宁夏回族自治区": 8,
        "海南省": 5,
    }
    assert data.load_counties()["province"].value_counts().to_dict() == expected


def test_every_poverty_county_joins_to_a_boundary_in_its_province():
    counties = data.load_counties()
    idx = county_index().set_index("adcode")
    assert counties["boundary_adcode"].isin(idx.index).all()
    assert (idx.loc[counties["boundary_adcode"], "province"].values == counties["province"].values).all()
    # 冷湖 and 茫崖 merged into one city: 831 distinct boundaries.
    assert counties["boundary_adcode"].nunique() == 831


def test_area_members_are_poverty_counties_and_never_exceed_official_counts():
    members = data.load_area_members()
    counties = data.load_counties().set_index("adcode_listed")
    areas = data.load_areas().set_index("area_id")
    assert members["adcode_listed"].isin(counties.index).all()
    assert members["adcode_listed"].is_unique
    assert areas["county_count"].to_dict() == OFFICIAL_AREA_COUNTS
    assert sum(OFFICIAL_AREA_COUNTS.values()) == int(data.figure("contiguous_area_counties")["value"]) == 680
    per_area = members.groupby("area_id").size()
    for area, n in per_area.items():
        assert n <= OFFICIAL_AREA_COUNTS[area], area
        provinces = set(areas.at[area, "provinces_zh"].split(";"))
        assert set(counties.loc[members.loc[members.area_id == area, "adcode_listed"], "province"]) <= provinces


def test_whole_prefecture_areas_are_complete():
    """Tibet, southern Xinjiang and the four-province Tibetan areas follow whole prefectures."""
    members = data.load_area_members().groupby("area_id").size()
    for area in ("tibet", "four_province_tibetan", "south_xinjiang"):
        assert members[area] == OFFICIAL_AREA_COUNTS[area]
    counties = data.load_counties()
    assert set(counties.loc[counties.area_id == "tibet", "adcode_listed"]) == set(
        counties.loc[counties.province == "西藏自治区", "adcode_listed"]
    )


def test_area_coverage_reports_loaded_against_official():
    table = data.coverage_by_area("en")
    assert table["official"].sum() == 680 and "Wuling Mountain Area" in set(table["name"])
    assert table["loaded"].sum() == len(data.load_area_members())


def test_gi_coverage_counts_protection_products_up_to_the_date_of_the_official_total():
    gis = data.load_gis()
    products = gis[gis["gi_type"] == "gi_protection_product"]
    cov = data.coverage().set_index("table").loc["gis"]
    assert cov["official_total"] == 2385 and cov["rows"] == len(gis)
    assert cov["later"] == (products["year_approved"] > 2020).sum() > 0
    assert cov["covered"] + cov["later"] == len(products)


def test_gi_coverage_says_how_many_counted_products_have_no_year():
    """Undated protection products count as approved by Oct 2020: the statement says how many rest on that."""
    products = data.load_gis().query("gi_type == 'gi_protection_product'")
    undated = int(products["year_approved"].isna().sum())
    assert data.coverage().set_index("table").at["gis", "undated"] == undated > 0
    assert f"{undated} of them with no year recorded" in figures.gi_coverage_line("en")
    assert f"其中{undated}个未录批准年份" in figures.gi_coverage_line("zh")


def test_designated_counties():
    designated = data.load_designated().set_index("adcode_listed")
    counties = data.load_counties().set_index("adcode_listed")
    assert int(designated.at["430822", "designated_since"]) == 1994
    assert int(counties.at["430822", "exit_year"]) == int(designated.at["430822", "exit_year"]) == 2019
    chongli = designated[designated.name_zh == "崇礼县"].index[0]
    assert int(counties.at[chongli, "exit_year"]) == 2018


def test_headline_figures_of_the_press_conference():
    f = data.load_figures()["value"].astype(int).to_dict()
    assert (
        f["gi_protection_products"],
        f["gi_trademarks"],
        f["gi_mark_enterprises"],
        f["gi_demonstration_zones"],
        f["tisc_centres"],
    ) == (2385, 5935, 9224, 24, 51)
    assert (
        f["key_counties_for_poverty_alleviation"] + f["contiguous_area_counties"] - f["key_and_contiguous_overlap"]
        == f["national_poverty_counties"]
    )


def test_every_row_of_every_table_names_a_source():
    for name in ("counties", "areas", "area_members", "figures", "designated", "gis", "tisc", "press_facts"):
        table = data.load_table(name)
        assert (table["source"].str.len() > 5).all(), name


def test_gis_join_to_known_counties_and_the_named_ones_are_present():
    gis = data.load_gis()
    names = set(gis["name_zh"])
    assert {"桑植白茶", "崇礼蚕豆", "大同黄花"} <= names
    sangzhi = gis[gis.name_zh == "桑植白茶"].iloc[0]
    assert "430822" in sangzhi["counties"]
    known = set(county_index()["adcode"])
    assert all(set(c) <= known for c in gis["counties"])


def test_all_counties_marks_poverty_and_counts_gis():
    everything = data.all_counties()
    assert len(everything) == len(county_index())
    assert everything["poverty"].sum() == 831
    links = data.gi_county_links()
    assert everything["gi_count"].sum() == links.drop_duplicates(["gi_id", "adcode"]).shape[0]


def test_zone_statement_claims_no_more_than_its_rows_say():
    """The two zones counted were approved for construction (筹建) before 2021; 钧瓷's was accepted only in 2021."""
    from ipaid.i18n import t

    zones = data.load_table("demo_zones").set_index("zone_id")
    assert "2021" in zones.at["GZ02", "year_stated"] and zones.at["GZ02", "among_24"] == "likely"
    text = t("zones_help", "en", likely=2, total=24, unknown=2)
    assert "(approved for construction before 2021)" in text and "（2021年前获批筹建）" in t(
        "zones_help", "zh", likely=2, total=24, unknown=2
    )


def test_press_facts_name_a_county_by_its_chinese_stem_or_english_first_word():
    facts = data.load_press_facts()
    for zh, en in (("桑植县", "Sangzhi County"), ("崇礼县", "Chongli County")):
        got = data.facts_naming(facts, zh, en)
        stem, word = zh[:2], en.split()[0].lower()
        assert len(got) and all(stem in a or word in b.lower() for a, b in zip(got["text_zh"], got["text_en"]))
        assert set(facts.index) - set(got.index) == {
            i
            for i, a, b in zip(facts.index, facts["text_zh"], facts["text_en"])
            if stem not in a and word not in b.lower()
        }
    toy = facts.head(3).assign(text_zh=["桑植白茶", "", "崇礼"], text_en=["", "SANGZHI tea", ""])
    assert list(data.facts_naming(toy, "桑植县", "Sangzhi County").index) == list(toy.index[:2])
