"""English renderings of Chinese place and product names (pinyin, with unit suffixes translated)."""

from __future__ import annotations

import re
from functools import lru_cache

from pypinyin import lazy_pinyin, load_phrases_dict, load_single_dict

# Place and product names read 长 cháng, 都 dū and 什 shí (长阳 Changyang, 于都 Yudu); pypinyin's everyday
# default is zhǎng, dōu and shén. Its phrases keep their own readings (长子 Zhangzi). In GI names 参 is shēn
# (ginseng, sea cucumber: 川明参), 芎 xiōng (川芎), 蛤 gé (a clam: 文蛤), 茄 qié (aubergine), 藏 zàng (Tibetan: 藏羊)
# and 勒 lè (库尔勒, 策勒). Set once, for every name this module reads.
load_single_dict(
    {
        ord("长"): "cháng,zhǎng",
        ord("都"): "dū,dōu",
        ord("什"): "shí,shén",
        ord("参"): "shēn,cān",
        ord("芎"): "xiōng",
        ord("蛤"): "gé,há",
        ord("茄"): "qié,jiā",
        ord("藏"): "zàng,cáng",
        ord("勒"): "lè,lēi",
    }
)
# Places whose standard reading differs from pypinyin's (its 朝阳 is zhāoyáng "morning sun", 卡子 qiǎzi): the
# names' own readings, as the counties and cities write them (Chaoyang, Jiashi, Tanchang since 2014, Korla's Ku'erle).
PLACE_READINGS = {
    "朝阳": "cháo yáng",
    "伽师": "jiā shī",
    "繁峙": "fán shì",
    "佛坪": "fó píng",
    "浪卡子": "làng kǎ zǐ",
    "崆峒": "kōng tóng",
    "宕昌": "tàn chāng",
    "洪洞": "hóng tóng",
    "筠连": "jún lián",
    "单县": "shàn xiàn",
    "浚县": "xùn xiàn",
    "涡阳": "guō yáng",
    "泊头": "bó tóu",
    "刺参": "cì shēn",  # a sea cucumber, like 海参 (pypinyin's phrase reads cì cān)
}
load_phrases_dict({zh: [[s] for s in py.split()] for zh, py in PLACE_READINGS.items()})
STEM_READINGS = {"蔚": "Yu"}  # 蔚县 (Hebei) is Yùxiàn
WHOLE_NAMES = {"芒市": "Mangshi"}  # a city whose name holds its unit word: 芒市 is Mangshi, not "Mang City"
HAN = re.compile(r"[\u4e00-\u9fff]+")  # a run of Chinese characters

SUFFIXES = (  # longest first
    ("自治县", "Autonomous County"),
    ("自治旗", "Autonomous Banner"),
    ("自治州", "Autonomous Prefecture"),
    ("自治区", "Autonomous Region"),
    ("行委", "Administrative Committee"),
    ("林区", "Forestry District"),
    ("特区", "Special District"),
    ("地区", "Prefecture"),  # before 区: 喀什地区 is Kashi Prefecture, not "Kashidi District"
    ("县", "County"),
    ("市", "City"),
    ("区", "District"),
    ("旗", "Banner"),
    ("省", "Province"),
    ("州", "Prefecture"),
    ("盟", "League"),
)
ETHNIC_EN = {
    "藏": "Tibetan",
    "羌": "Qiang",
    "彝": "Yi",
    "黎": "Li",
    "苗": "Miao",
    "土家": "Tujia",
    "侗": "Dong",
    "布依": "Bouyei",
    "水": "Shui",
    "瑶": "Yao",
    "壮": "Zhuang",
    "回": "Hui",
    "蒙古": "Mongol",
    "哈萨克": "Kazak",
    "维吾尔": "Uygur",
    "柯尔克孜": "Kirgiz",
    "塔吉克": "Tajik",
    "锡伯": "Xibe",
    "满": "Manchu",
    "朝鲜": "Korean",
    "达斡尔": "Daur",
    "鄂温克": "Ewenki",
    "鄂伦春": "Oroqen",
    "土": "Tu",
    "撒拉": "Salar",
    "保安": "Bonan",
    "东乡": "Dongxiang",
    "裕固": "Yugur",
    "纳西": "Naxi",
    "傈僳": "Lisu",
    "白": "Bai",
    "哈尼": "Hani",
    "傣": "Dai",
    "拉祜": "Lahu",
    "佤": "Va",
    "景颇": "Jingpo",
    "布朗": "Blang",
    "怒": "Nu",
    "独龙": "Derung",
    "普米": "Pumi",
    "阿昌": "Achang",
    "德昂": "De'ang",
    "仡佬": "Gelao",
    "毛南": "Maonan",
    "仫佬": "Mulao",
    "京": "Gin",
    "畲": "She",
    "各": "Multi-ethnic",
}
ETHNIC_ORDER = sorted(ETHNIC_EN, key=len, reverse=True)


def _split_ethnic(stem: str) -> tuple[str, list[str]]:
    """Strip trailing ethnic names ('黎族苗族', '鄂伦春') from a stem: returns the place part and the groups."""
    groups: list[str] = []
    while True:
        for zh in ETHNIC_ORDER:
            # a one-character group without 族 only as the whole stem: 彭水 is a place, not 彭 + Shui
            for form in (zh + "族", zh) if len(zh) > 1 else (zh + "族",):
                if stem.endswith(form) and len(stem) > len(form) or (form == stem and not groups and zh != "各"):
                    groups.insert(0, ETHNIC_EN[zh])
                    stem = stem[: -len(form)]
                    break
            else:
                continue
            break
        else:
            return stem, groups
        if not stem:
            return stem, groups


PROVINCE_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")  # longest first


def province_short(name: str) -> str:
    """湖南省 → 湖南, 广西壮族自治区 → 广西, 北京市 → 北京: a province without its unit suffix."""
    for suffix in PROVINCE_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


PROVINCE_EN = {
    "内蒙古自治区": "Inner Mongolia",
    "广西壮族自治区": "Guangxi",
    "西藏自治区": "Tibet",
    "宁夏回族自治区": "Ningxia",
    "新疆维吾尔自治区": "Xinjiang",
    "陕西省": "Shaanxi",
    "香港特别行政区": "Hong Kong",
    "澳门特别行政区": "Macao",
}


@lru_cache(maxsize=20000)
def pinyin(text: str) -> str:
    """Plain pinyin as typed, syllables of one word joined and capitalised, ü as v: 桑植白茶 → 'Sangzhibaicha',
    绿茶 → 'Lvcha' (what searches compare with)."""
    return "".join(lazy_pinyin(text)).capitalize() if text else ""


def syllables(text: str) -> list[str]:
    """Pinyin syllables as names are written, ü kept (绿 lü); a run of other characters is one item."""
    return lazy_pinyin(text, v_to_u=True)


def join_syllables(parts: list[str]) -> str:
    """Syllables as one word, with an apostrophe before a syllable starting with a, o or e after another one
    (西安 → 'xi'an', 莲藕 → 'lian'ou')."""
    out = ""
    for syllable in parts:
        joined = out[-1:].isalpha() and syllable[:1] in "aoe" and syllable.isalpha()
        out += ("'" if joined else "") + syllable
    return out


@lru_cache(maxsize=20000)
def place_pinyin(name: str) -> str:
    """Pinyin of a place name as maps write it: an apostrophe before a syllable starting with a, o or e
    (西安 → "Xi'an", 吉安 → "Ji'an"; plain `pinyin` runs them together: "Xian", "Jian"), and ü (绿春 → "Lüchun")."""
    return join_syllables(syllables(name)).capitalize()


@lru_cache(maxsize=20000)
def place_en(name: str) -> str:
    """English name of an administrative unit: 桑植县 → 'Sangzhi County',
    保亭黎族苗族自治县 → 'Baoting Li Miao Autonomous County'."""
    if not name:
        return ""
    if name in PROVINCE_EN:
        return PROVINCE_EN[name]
    if name in WHOLE_NAMES:
        return WHOLE_NAMES[name]
    unit = unit_word(name)
    if not unit:
        return place_pinyin(name)
    zh, en = unit
    stem = name[: -len(zh)]
    if name.endswith(("省", "市")) and len(name) <= 4 and name[:-1] in ("北京", "天津", "上海", "重庆"):
        return place_pinyin(stem)
    groups: list[str] = []
    if zh.startswith("自治"):
        stem, groups = _split_ethnic(stem)
    if zh in ("省", "自治区") and not groups:
        return place_pinyin(stem)
    return " ".join(p for p in (STEM_READINGS.get(stem) or place_pinyin(stem), *groups, en) if p)


def unit_word(name: str) -> tuple[str, str] | None:
    """(Chinese, English) of the unit word a unit's name ends with (县, County), after at least one character of its
    own; None for a name without one (湄潭, 国函)."""
    return next(((zh, en) for zh, en in SUFFIXES if name.endswith(zh) and len(name) > len(zh)), None)


def places_en(text: str) -> str:
    """Each run of Chinese in `text` read as a place name (`place_en`): 大同市 (云州区) → 'Datong City (Yunzhou
    District)'; a run that is not a unit's name stays plain pinyin."""
    return HAN.sub(lambda m: place_en(m.group()), text)


def gloss_places(text: str) -> str:
    """English text naming places in Chinese, with each unit's English name before its Chinese one: "listed as
    元坝区" → "listed as Yuanba District (元坝区)". A run that is not a unit's name (湄潭, 国函) stays as written."""

    def gloss(match: re.Match) -> str:
        name = match.group()
        return f"{place_en(name)} ({name})" if unit_word(name) else name

    return HAN.sub(gloss, text)


# --- listed and today's county names ---
def county_name(listed: str, today: str, lang: str) -> str:
    """A county as listed in 2012, with today's name where it has changed: 崇礼县（今崇礼区）/ Chongli County
    (today Chongli District); just the name where both are the same."""
    from ipaid.i18n import t

    en = lang == "en"
    show = place_en if en else str
    if not today or today == listed:
        return show(listed)
    return t("today_name", lang, listed=show(listed), today=show(today))


def county_heading(listed: str, today: str, lang: str) -> str:
    """A county's heading: its name in the page's language; English pages add the original Chinese name
    ("Sangzhi County · 桑植县", as the map's tooltip does). Chinese pages had "桑植县 · Sangzhi County"."""
    name = county_name(listed, today, lang)
    return f"{name} · {county_name(listed, today, 'zh')}" if lang == "en" else name


def place_stem(name: str) -> str:
    """A unit's name without its unit word and ethnic names: 峨边彝族自治县 → 峨边, 文山壮族苗族自治州 → 文山."""
    for zh in sorted((zh for zh, _ in SUFFIXES), key=len, reverse=True):
        if name.endswith(zh) and len(name) > len(zh):
            stem = name[: -len(zh)]
            return _split_ethnic(stem)[0] or stem if zh.startswith("自治") else stem
    return name
