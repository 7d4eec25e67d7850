"""GI names with no sourced English name read in words: the place, then the product ('Datong Huanghua')."""

import pytest

from ipaid import data
from ipaid.gi_names import place_words, product_words, spell, spell_all, split_words

PLACES = place_words()


@pytest.mark.parametrize(
    "name, words",
    [
        ("大同黄花", ["大同", "黄花"]),  # a prefecture's stem
        ("甘肃武都", ["甘肃", "武都"]),  # a province, then a district
        ("兴安盟大米", ["兴安盟", "大米"]),  # a prefecture's full name
        ("兴凯湖大米", ["兴凯湖", "大米"]),  # a lake named after a place stays with it
        ("孟津黄河鲤鱼", ["孟津", "黄河", "鲤鱼"]),  # the rest split before a known product
        ("官庄湖西瓜", ["官庄湖", "西瓜"]),  # no place at the start: split before a known product
        ("祝沟小甜瓜", ["祝沟小甜瓜"]),  # 祝沟小 is not a place: left whole rather than split wrongly
        ("尼西鸡", ["尼西鸡"]),
    ],
)
def test_names_split_into_place_and_product_words(name, words):
    assert split_words(name, PLACES, frozenset({"大米", "西瓜", "甜瓜", "鲤鱼"})) == words


def test_product_words_are_what_follows_a_place_at_least_twice():
    names = ["蓝田西瓜", "郸城西瓜", "郸城红薯", "官庄湖西瓜"]
    assert product_words(names, PLACES) == {"西瓜"}


def test_a_product_following_a_place_once_counts_when_it_also_ends_other_names():
    """鲫鱼 follows a place once (蓝田鲫鱼) and ends names after three other characters: a product word, so that
    淇河鲫鱼 reads 'Qihe Jiyu'. 克羊 ends three names but never follows a place: the end of 萨福克羊 (Suffolk)."""
    carp = ["蓝田鲫鱼", "淇河鲫鱼", "扎龙鲫鱼", "龙池鲫鱼"]
    assert product_words(carp, PLACES) == {"鲫鱼"}
    assert product_words(carp[:2], PLACES) == set()  # one other ending is not enough
    assert spell_all(carp)[1] == "Qihe Jiyu"
    sheep = ["玛纳斯萨福克羊", "哈尔腾哈萨克羊", "乌冉克羊"]
    assert "克羊" not in product_words(sheep, PLACES)
    assert spell_all(sheep)[0] == "Manasi Safukeyang"


def test_spelling_keeps_phrase_readings_apostrophes_and_the_official_shaanxi():
    none = frozenset()
    assert spell("大同黄花", PLACES, none) == "Datong Huanghua"
    assert spell("长阳木瓜", PLACES, none).startswith("Changyang ")  # 长 read cháng in a place name
    assert spell("兴安盟大米", PLACES, none) == "Xing'anmeng Dami"
    assert spell("沂水绿茶", PLACES, none) == "Yishui Lücha"
    assert spell("陕西苹果", PLACES, none) == "Shaanxi Pingguo"
    assert spell("一〇三团甜瓜", PLACES, none) == "Yilingsantuantiangua"  # 〇 is not in the Han block: one word


def test_the_gi_list_reads_in_words_where_it_had_one_run_of_pinyin():
    """Before: every one of the 3,239 GIs without a sourced English name read as one run ('Datonghuanghua')."""
    table = data.load_table("gis")
    fallback = table["name_en"] == ""
    shown = data.load_gis().loc[fallback, "name_en"]
    assert len(shown) > 3000
    assert shown.str.contains(" ").mean() > 0.75
    sourced = data.load_gis().loc[~fallback, "name_en"]
    assert sourced.equals(table.loc[~fallback, "name_en"])  # a sourced English name is kept as it is


def test_spell_all_learns_products_from_the_whole_list():
    assert spell_all(["官庄湖西瓜", "蓝田西瓜", "郸城西瓜"])[0] == "Guanzhuanghu Xigua"
    assert spell_all(["官庄湖西瓜"]) == ["Guanzhuanghuxigua"]


def test_the_english_gi_page_says_which_names_are_pinyin_readings():
    """The table's English names mix the data file's and the dashboard's pinyin readings: the page says how many
    are the dashboard's, and such a name's detail says it is one; a name from the data file's does not."""
    from tests.test_gi_search import run_gi

    gis = data.load_gis()
    hunan = gis[gis["province"] == "湖南省"]
    pinyin_id = hunan.loc[hunan["name_en_pinyin"], "gi_id"].iloc[0]
    at = run_gi(lang="en", province="湖南省", detail=pinyin_id)
    note = f"{int(hunan['name_en_pinyin'].sum()):,} of these {len(hunan):,} GIs are this dashboard's pinyin reading"
    assert any(note in c.value for c in at.caption), [c.value for c in at.caption]
    assert any("(pinyin reading by this dashboard)" in m.value for m in at.markdown)
    at = run_gi(lang="en", detail="GI0001")  # Sangzhi white tea: its English name is the data file's (sourced)
    assert not any("pinyin reading" in m.value for m in at.markdown)
    assert not any("pinyin reading" in c.value for c in run_gi(detail="GI0001").caption)  # Chinese page


@pytest.mark.parametrize(
    "name, english",
    [
        ("伽师县", "Jiashi County"),  # one of the last 52 poverty counties; pypinyin read 伽 gā
        ("繁峙县", "Fanshi County"),
        ("策勒县", "Cele County"),
        ("佛坪县", "Foping County"),
        ("浪卡子县", "Langkazi County"),
        ("宕昌县", "Tanchang County"),  # 宕 read tàn in the county's name since 2014
        ("崆峒区", "Kongtong District"),
        ("朝阳县", "Chaoyang County"),  # not zhāoyáng, "morning sun"
        ("彭水苗族土家族自治县", "Pengshui Miao Tujia Autonomous County"),  # 水 is part of the place, not the Shui
        ("三都水族自治县", "Sandu Shui Autonomous County"),  # ... as the Shui are in 三都
        ("喀什地区", "Kashi Prefecture"),  # 地区 before 区: was "Kashidi District"
        ("芒市", "Mangshi"),  # its name holds its unit word: was "Mang City"
    ],
)
def test_places_read_as_they_are_named(name, english):
    from ipaid.names import place_en

    assert place_en(name) == english


def test_gi_names_read_their_places_and_products_as_named():
    """Polyphones in GI names: places (朝阳, 伽师, 库尔勒, 宕昌), products (川芎 xiōng, 参 shēn, 藏羊 zàng, 蛤 gé)."""
    names = ["朝阳小米", "伽师瓜", "库尔勒香梨", "宕昌党参", "彭州川芎", "阆中川明参", "玛多藏羊", "文登面蛤"]
    got = dict(zip(names, spell_all(names)))
    assert got == {
        "朝阳小米": "Chaoyang Xiaomi",
        "伽师瓜": "Jiashi Gua",
        "库尔勒香梨": "Ku'erle Xiangli",
        "宕昌党参": "Tanchang Dangshen",
        "彭州川芎": "Pengzhou Chuanxiong",
        "阆中川明参": "Langzhong Chuanmingshen",
        "玛多藏羊": "Maduo Zangyang",
        "文登面蛤": "Wendeng Miange",
    }
