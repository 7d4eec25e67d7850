"""View builders (GI table, designated timeline), literal text, county names and ?county= lookups."""

import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ipaid import data
from ipaid.filters import covers
from ipaid.i18n import GI_TYPE, GI_TYPE_SHORT, label
from ipaid.names import county_name, gloss_places
from ipaid.profiles import find_county, match_counties
from ipaid.views import GI_COLUMNS, WORD_JOINER, county_note, designated_timeline, gi_table, literal


@pytest.fixture(scope="module")
def gis():
    return data.load_gis()


@pytest.fixture(scope="module")
def counties():
    return data.load_counties()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_gi_table_has_one_row_per_gi_in_order_with_the_language_names(gis, lang):
    part = gis.sample(40, random_state=1)
    table = gi_table(part, lang)
    assert len(table) == len(part) and len(table.columns) == len(GI_COLUMNS)
    assert table["ID"].tolist() == part["gi_id"].tolist()
    name = table.columns[1]
    assert table[name].tolist() == part["name_en" if lang == "en" else "name_zh"].tolist()
    assert table[table.columns[2]].tolist() == part["name_zh" if lang == "en" else "name_en"].tolist()
    expected_years = ["—" if pd.isna(y) else str(int(y)) for y in part["year_approved"]]
    assert table[table.columns[6]].tolist() == expected_years
    assert not table.isna().any().any()


def test_gi_table_column_subsets_and_labels(gis):
    table = gi_table(gis.head(3), "en", ("name", "year", "source"))
    assert list(table.columns) == ["Name", "Year", "Source"]
    types = gi_table(gis.head(3), "zh", ("name", "type"))["类型"].tolist()
    assert types == [label(GI_TYPE, v, "zh") for v in gis.head(3)["gi_type"]] and all(types)


@pytest.mark.parametrize(("lang", "words"), [("en", "English name: http"), ("zh", "英文名称：http")])
def test_gi_sources_name_the_english_names_source_in_words(gis, lang, words):
    """Sangzhi white tea's source (the GI page's first detail) read "… | name_en: http://english.scio.gov.cn…":
    the data file's tag for the English name's source, shown as it is written."""
    tagged = gis[gis["source"].str.contains("name_en: ")]
    assert len(tagged) >= 4
    shown = gi_table(tagged, lang, ("source",)).iloc[:, 0].astype(str)
    assert not shown.str.contains("name_en").any() and shown.str.contains(words).all()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_designated_timeline_matches_an_independent_groupby(gis, counties, lang):
    for row in data.load_designated().itertuples():
        county = counties.set_index("adcode_listed").loc[row.adcode_listed]
        own = gis[covers(gis, [county["boundary_adcode"]])]
        events = designated_timeline(row.designated_since, county["exit_year"], own, lang)
        raw = pd.DataFrame(
            {
                "year": [int(row.designated_since), int(county["exit_year"])]
                + own["year_approved"].dropna().astype(int).tolist()
            }
        )
        expected = raw.groupby("year").size()
        assert events["year"].tolist() == sorted(expected.index)
        assert [t.count(" / ") + 1 for t in events["text"]] == expected.tolist()
        assert events["year"].is_monotonic_increasing and events["year"].is_unique


def test_designated_timeline_joins_texts_of_one_year():
    own = pd.DataFrame({"year_approved": [2019, None, 2015], "name_zh": ["甲", "乙", "丙"], "name_en": ["A", "B", "C"]})
    events = designated_timeline(2015, 2019, own.assign(gi_type="agri_product_gi"), "en")
    assert events.to_dict("list") == {
        "year": [2015, 2019],
        "text": ["Designated by CNIPA / GI: C", "Out of poverty / GI: A"],
    }


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_gi_named_twice_on_a_timeline_says_which_type_each_is(gis, counties, lang):
    """Chongli's timeline read "GI: Chongli broad bean" in 2011 and again in 2020: a register GI, then a trademark."""
    county = counties.set_index("adcode_listed").loc["130709"]
    events = designated_timeline(2007, county["exit_year"], gis[covers(gis, [county["boundary_adcode"]])], lang)
    texts = dict(zip(events["year"], events["text"]))
    assert label(GI_TYPE_SHORT, "agri_product_gi", lang) in texts[2011]
    assert label(GI_TYPE_SHORT, "gi_certification_trademark", lang) in texts[2020]
    assert len(set(texts.values())) == len(texts)


@pytest.mark.parametrize(
    "text",
    [
        "![x](http://203.0.113.9/x.png)",
        "[点此](http://203.0.113.9/)",
        "<b>bold</b>",
        "**bold** _it_ `code` # h",
        ":red[x] :material/home: $x^2$",
        "1. a\n- b",
        "a\\b",
    ],
)
def test_literal_escapes_every_markup_character(text):
    out = literal(text).replace(WORD_JOINER, "")
    # every markup character is preceded by a backslash, and removing the escapes gives the text back
    special = set("\\`*_{}[]()<>#+-.!|~$:&=\"'^%@/")
    i = 0
    plain = []
    while i < len(out):
        if out[i] == "\\":
            assert out[i + 1] in special
            plain.append(out[i + 1])
            i += 2
        else:
            assert out[i] not in special
            plain.append(out[i])
            i += 1
    assert "".join(plain) == " ".join(text.split())


def test_literal_breaks_bare_addresses_with_an_invisible_joiner():
    for text in ("http://203.0.113.9/x", "see www.example.org", "a@b.cn", "HTTPS://X"):
        out = literal(text)
        assert WORD_JOINER in out and not any(a in out for a in ("://", "www.", "@b", "\\://"))
    assert WORD_JOINER not in literal("桑植白茶 Sangzhi white tea (2019)")


def test_literal_of_missing_values_is_empty():
    assert literal(None) == "" and literal(float("nan")) == "" and literal(2020) == "2020"


def test_county_name_shows_todays_name_where_it_changed():
    assert county_name("崇礼县", "崇礼区", "zh") == "崇礼县（今崇礼区）"
    assert county_name("崇礼县", "崇礼区", "en") == "Chongli County (today Chongli District)"
    assert county_name("桑植县", "桑植县", "zh") == "桑植县"
    assert county_name("桑植县", "桑植县", "en") == "Sangzhi County"


@pytest.mark.parametrize("query", ["桑植", "桑植县", "sangzhi", "Sang Zhi", "SANGZHI", "430822", " 430822 "])
def test_find_county_by_name_part_pinyin_or_code(counties, query):
    assert find_county(counties, query) == "430822"


@pytest.mark.parametrize("query", ["Lüchun", "lvchun", "绿春"])
def test_find_county_by_the_name_the_map_writes_with_u_umlaut_or_as_typed(counties, query):
    """The map and tables write 绿春县 'Lüchun County'; a name copied from them finds the county, as 'lvchun' does."""
    assert find_county(counties, query) == "532531"


def test_find_county_prefers_an_exact_pinyin_name_over_partial_ones(counties):
    assert len(match_counties(counties, "新化")) == 1  # a whole name wins over names that contain it
    anhua = counties.loc[counties["boundary_name"] == "安化县", "adcode_listed"].iloc[0]
    assert find_county(counties, "anhua") == anhua  # 'anhua' is also inside the pinyin of four other counties
    assert len(match_counties(counties, "anhu")) > 1  # a part of several: ambiguous


def test_find_county_renamed_and_ambiguous_and_unknown(counties):
    assert (
        find_county(counties, "崇礼区") == find_county(counties, "崇礼县") == find_county(counties, "崇礼") == "130709"
    )
    several = match_counties(counties, "县")
    assert len(several) == counties["name_listed"].str.contains("县").sum() or len(several) > 100
    assert find_county(counties, "县") is None
    assert match_counties(counties, "火星").empty and match_counties(counties, "x" * 5000).empty
    assert match_counties(counties, "").empty and match_counties(counties, None).empty


def run(page: str, **params) -> AppTest:
    at = AppTest.from_file("../app.py", default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def page_text(at: AppTest) -> str:
    """What a page says, without its quoted press facts (markdown list items, in the source's wording)."""
    parts = [
        e.value
        for kind in ("markdown", "caption", "subheader", "header", "title", "info", "warning")
        for e in getattr(at, kind)
        if not (kind == "markdown" and e.value.startswith("- "))
    ]
    parts += [str(df.value.to_dict()) for df in at.dataframe]
    return "\n".join(str(p) for p in parts).replace("\\", "")


def test_sangzhi_white_tea_has_one_english_name_on_every_page(gis):
    name = gis.loc[gis["name_zh"] == "桑植白茶", "name_en"].iloc[0]
    others = {"Sangzhi Baicha", "Sangzhibaicha", "Sangzhi White Tea"} - {name}
    for at in (
        run("gi", lang="en", q="桑植白茶"),
        run("designated", lang="en"),
        run("profiles", lang="en", county="430822"),
    ):
        named = {n for df in at.dataframe if "Name" in df.value.columns for n in df.value["Name"]}
        assert name in named and not named & others  # the page's GI tables name it so, and no other way
        text = page_text(at)
        assert name in text and not any(o in text for o in others)


def test_designated_and_profile_pages_show_listed_and_todays_name():
    for page, params in (("designated", {}), ("profiles", {"county": "130709"})):
        zh = page_text(run(page, **params))
        assert "崇礼县（今崇礼区）" in zh
        en = page_text(run(page, lang="en", **params))
        assert "Chongli County (today Chongli District)" in en


def test_a_county_note_reads_in_the_pages_language(counties):
    """Chinese profile pages showed the county table's notes in English ("listed as 林芝县; renamed 巴宜区…")."""
    noted = counties[counties["note"] != ""]
    assert len(noted) >= 10 and (noted["note_zh"] != "").all()  # every note has its Chinese
    row = noted[noted["adcode_listed"] == "540402"].iloc[0]
    captions = lambda at: [c.value for c in at.caption]  # noqa: E731
    zh, en = captions(run("profiles", county="540402")), captions(run("profiles", lang="en", county="540402"))
    assert literal(row["note_zh"]) in zh and literal(row["note"]) not in zh
    assert literal(gloss_places(row["note"])) in en and literal(row["note_zh"]) not in en
    assert literal("Linzhi County (林芝县)") in "".join(en) and literal("Bayi District (巴宜区)") in "".join(en)


def test_english_notes_name_each_place_in_english_before_its_chinese(counties):
    """English notes named places in Chinese characters only ("listed as 元坝区; renamed 昭化区 in 2013")."""
    notes = {r["adcode_listed"]: county_note(r, "en") for r in counties[counties["note"] != ""].to_dict("records")}
    assert notes["510811"] == "listed as Yuanba District (元坝区); renamed Zhaohua District (昭化区) in 2013"
    for adcode, note in notes.items():  # every Chinese run is a gloss in brackets, or not a place's name
        for run_ in re.findall(r"[\u4e00-\u9fff]+", note):
            assert f"({run_})" in note or not run_.endswith(("县", "区", "市", "州", "旗")), (adcode, note)
    assert gloss_places("国函〔2014〕143号; 湄潭 and 湄潭县") == "国函〔2014〕143号; 湄潭 and Meitan County (湄潭县)"
    sources = lambda at: "".join(c.value for c in at.caption if "chinanews" in c.value)  # noqa: E731
    assert "所列名称依据" in sources(run("profiles", county="540402"))  # the renaming's source, labelled in Chinese
    assert "name as listed" in sources(run("profiles", lang="en", county="540402"))


@pytest.mark.parametrize("asked", ["桑植", "sangzhi", "430822", "桑植县"])
def test_county_parameter_opens_the_profile(asked):
    at = run("profiles", county=asked)
    assert at.selectbox(key="county_pick").value == "430822"
    assert "桑植县" in at.header[0].value


def test_county_parameter_ambiguous_lists_choices_and_unknown_warns():
    at = run("profiles", county="张")
    assert at.info and len(at.button) >= 2
    at.button[0].click().run()
    assert at.selectbox(key="county_pick").value is not None
    long = "火" * 5000
    at = run("profiles", lang="en", county=long)
    assert at.warning and all(len(w.value) < 300 for w in at.warning)
    assert at.selectbox(key="county_pick").value is None


def test_gi_county_table_marks_poverty_counties_and_blank_years():
    from ipaid.gi_search import detail_counties
    from ipaid.views import gi_county_table

    all_counties = data.all_counties()
    poor = all_counties[all_counties["poverty"]].iloc[0]
    rich = all_counties[~all_counties["poverty"]].iloc[0]
    where = detail_counties(pd.Series({"counties": [poor["adcode"], rich["adcode"]]}), all_counties)
    table = gi_county_table(where, "en")
    assert table["County"].tolist() == [poor["name_en"], rich["name_en"]]
    assert table["National poverty county"].tolist() == ["yes", "—"]
    assert table["Exit year"].tolist() == [str(int(poor["exit_year"])), ""]


def test_display_tables_send_repeated_text_once(gis, monkeypatch):
    """The GI table went to the browser as 1.5 MB, two thirds of it the same few sources again and again."""
    from streamlit.dataframe_util import convert_pandas_df_to_arrow_bytes as arrow

    from ipaid import views
    from ipaid.i18n import t

    shown = gi_table(gis, "zh")
    with monkeypatch.context() as m:
        m.setattr(views, "compact", lambda frame: frame)
        plain = gi_table(gis, "zh")  # the same table without `compact`
    source = t("source", "zh")
    assert isinstance(shown[source].dtype, pd.CategoricalDtype) and not isinstance(
        plain[source].dtype, pd.CategoricalDtype
    )
    assert not isinstance(shown["ID"].dtype, pd.CategoricalDtype)  # unique values stay plain text
    assert shown.astype(str).equals(plain.astype(str))  # same values, same order
    assert len(arrow(shown)) * 3 < len(arrow(plain))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_gi_rows_are_the_gi_table_of_those_rows(gis, lang):
    """The GI page cuts its rows from the whole table built once per version: same values, order and columns as
    building them, and no value of other rows sent along."""
    from ipaid.gi_charts import gi_rows

    some = gis[gis["province"].isin(["湖南省", "西藏自治区"])].iloc[::-1]
    for rows in (gis, some, gis.head(0)):
        shown, built = gi_rows(rows, lang), gi_table(rows, lang)
        assert list(shown.columns) == list(built.columns)
        assert shown.astype(str).equals(built.astype(str))
    province = gi_table(some, lang).columns[5]
    assert set(gi_rows(some, lang)[province].cat.categories) == set(gi_table(some, lang)[province])


def test_demonstration_zone_years_read_in_the_pages_language():
    """The year as stated is a note in English; the Chinese page shows its Chinese wording."""
    import re

    from ipaid.views import demo_zones_view

    zones = data.load_demo_zones()
    chinese = demo_zones_view(zones, "zh").iloc[:, 2]
    assert chinese.str.len().gt(0).all()
    assert not [v for v in chinese if re.search("[A-Za-z]{3,}", v)], list(chinese)  # no English words left
    assert demo_zones_view(zones, "en").iloc[:, 2].tolist() == zones["year_stated"].tolist()
    no_chinese = zones.assign(year_stated_zh="")  # an upload without the Chinese note shows the English one
    assert demo_zones_view(no_chinese, "zh").iloc[:, 2].tolist() == zones["year_stated"].tolist()


def test_gi_rows_of_another_version_are_built_not_taken_from_other_rows(gis):
    """A row whose gi_id the current table lacks (rows of another version) is shown as it is, never as
    whichever row a missing index would pick."""
    from ipaid.gi_charts import gi_rows

    rows = gis.head(2).assign(gi_id=["GI9998", "GI9999"])
    assert gi_rows(rows, "en")["ID"].tolist() == ["GI9998", "GI9999"]
    assert gi_rows(rows, "en").astype(str).equals(gi_table(rows, "en").astype(str))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_blank_category_is_sent_to_the_grid(gis, lang):
    """Streamlit's grid draws an empty string of a categorical column as a grey "None" (an English word on a
    Chinese page, in most rows of the register column): unknown cells are sent as "—"."""
    table = gi_table(gis, lang)
    coded = [c for c in table.columns if isinstance(table[c].dtype, pd.CategoricalDtype)]
    assert coded and all("" not in table[c].cat.categories for c in coded)
    assert (table[table.columns[7]] == "—").sum() == (gis["register_ref"] == "").sum() > 0


def test_back_to_the_profiles_page_before_a_county_was_chosen_shows_no_county(history_run):
    """Back from ?county=430822 to the page without it: the page wrote the county over the older URL (Back did
    nothing and Forward was lost)."""
    at = run("profiles", lang="en")
    at.selectbox(key="county_pick").set_value("430822").run()
    assert at.query_params["county"] == "430822" and "Sangzhi" in at.header[0].value
    history_run(at, {"lang": "en"})  # Back
    assert at.selectbox(key="county_pick").value is None and "county" not in at.query_params
    history_run(at, {"lang": "en", "county": "430822"})  # Forward
    assert at.selectbox(key="county_pick").value == "430822"


def test_back_to_a_county_profile_from_another_page_shows_the_county(history_run):
    """Profile of Sangzhi, then the map, then Back (or Forward to the profile after a map click): the profile's
    link names the county it wrote before, but the page's choice was dropped when the map ran; the county was lost
    from the page and its link."""
    at = run("profiles", lang="en", county="430822")
    assert at.selectbox(key="county_pick").value == "430822"
    at.switch_page("pages/map.py").run()
    assert not at.exception
    at.switch_page("pages/profiles.py")
    history_run(at, {"lang": "en", "county": "430822"})  # Back to the profile
    assert at.selectbox(key="county_pick").value == "430822" and at.query_params["county"] == "430822"
    assert "Sangzhi" in at.header[0].value
    at.selectbox(key="county_pick").set_value("532531").run()  # then another county, chosen on the page
    assert at.selectbox(key="county_pick").value == "532531" and at.query_params["county"] == "532531"


def test_the_data_page_says_what_an_official_total_counts():
    """The GI table's row: 3,622 rows beside 2,385 read as over 100 %; the total counts protection products only."""
    from streamlit.testing.v1 import AppTest

    from ipaid import data

    gis = data.coverage().set_index("table").loc["gis"]
    for lang, counted in (("en", gis["counted_en"]), ("zh", gis["counted_zh"])):
        at = AppTest.from_file("../app.py", default_timeout=120)
        at.query_params["lang"] = lang
        at.switch_page("pages/data.py").run()
        table = at.table[0].value
        row = table[table.iloc[:, 0] == gis[f"label_{lang}"]].iloc[0]
        total = f"{int(gis['official_total']):,}"
        assert total in row.iloc[2] and counted in row.iloc[2], row.tolist()
        share = f"{gis['covered'] / int(gis['official_total']):.0%}"
        assert row.iloc[3].split("\u00a0") == [f"{gis['covered']:,}", "/", total, f"({share})"], row.tolist()
        counties = table[table.iloc[:, 0] == data.ALL["counties"].label[lang]].iloc[0]
        assert counties.iloc[2] == "832", "a total that counts the whole table needs no words"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_area_members_table_names_each_member_in_the_pages_language(lang):
    from ipaid.i18n import t
    from ipaid.profiles import county_labels
    from ipaid.views import area_members_table

    counties = data.load_counties()
    members = counties[counties["area_id"] == "wuling"].reset_index(drop=True)
    names = county_labels(lang)[0]
    table = area_members_table(members, names, lang)
    heads = [t(k, lang) for k in ("brief_code", "county", "province", "exit_year")]
    assert list(table.columns) == heads and len(table) == len(members) > 0
    first = members.iloc[0]
    assert table.iloc[0].tolist() == [
        first["adcode_listed"],
        names[first["adcode_listed"]],
        first["province_en" if lang == "en" else "province"],
        first["exit_year"],
    ]
    assert table[heads[1]].notna().all()


def test_gi_facts_say_type_category_province_year_and_register_with_dashes_for_unknowns(gis):
    from ipaid.i18n import CATEGORY, t
    from ipaid.views import gi_facts

    gi = gis.set_index("gi_id").loc["GI0001"]
    for lang in ("zh", "en"):
        got = gi_facts(gi, lang)
        assert [k for k, _ in got] == [t(k, lang) for k in ("type", "category", "province", "year", "registered")]
        assert got[0][1] == label(GI_TYPE, gi["gi_type"], lang) and got[1][1] == label(CATEGORY, gi["category"], lang)
    assert gi_facts(gi, "en")[2][1] == gi["province_en"] and gi_facts(gi, "zh")[2][1] == gi["province"]
    unknown = gi.copy()
    unknown["year_approved"], unknown["register_ref"] = float("nan"), ""
    assert [v for _, v in gi_facts(unknown, "en")[3:]] == ["—", "—"]
    dated = gi.copy()
    dated["year_approved"] = 2012.0
    assert gi_facts(dated, "en")[3][1] == "2012"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_completeness_bars_count_each_table_against_its_official_total(lang):
    from ipaid.i18n import t
    from ipaid.views import completeness_bars

    cov = data.coverage()
    with_total = cov[cov["official_total"].notna()]
    bars = completeness_bars(cov, lang)
    assert len(bars) == len(with_total) > 0
    for (share, text), row in zip(bars, with_total.itertuples()):
        total = int(row.official_total)
        assert share == min(row.covered / total, 1.0) <= 1.0
        counted = row.counted_en if lang == "en" else row.counted_zh
        assert text == f"{counted}{t('colon', lang)}{row.covered:,} / {total:,}{t('ov_official_total', lang)}"
    members = dict(zip(with_total["table"], bars))["area_members"]
    loaded, official = len(data.load_area_members()), int(data.figure_number("contiguous_area_counties"))
    assert f"{loaded:,} / {official:,}" in members[1]


def test_a_stored_versions_origin_reads_in_the_pages_language():
    """The datasets table's 'Current version' read 'version 3 (name.csv)' on the Chinese page too."""
    from ipaid.views import origin_text

    stored = data.ORIGIN.format(v=3, file="gi_[1]*.csv")
    assert origin_text(stored, "zh") == literal("版本3（gi_[1]*.csv）")  # the upload's name stays literal
    assert origin_text(stored, "en") == literal("version 3 (gi_[1]*.csv)")
    assert origin_text("data/gi_products.csv", "zh") == literal("data/gi_products.csv")
