"""Searching the GI table in Chinese, English or pinyin, and the per-GI detail record."""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from ipaid.names import pinyin

# Product words: a GI whose Chinese name contains the word is also found by its English term. Only terms
# whose meaning is unambiguous inside a product name are listed (not 茶 alone: 油茶 is camellia oil; not 桃:
# 核桃 is walnut; not 梨: 凤梨 is pineapple; not 酒: liquor, wine and rice wine differ).
PRODUCT_TERMS = {
    "白茶": "white tea",
    "绿茶": "green tea",
    "红茶": "black tea",
    "黑茶": "dark tea",
    "毛尖": "maojian tea",
    "蜂蜜": "honey",
    "大米": "rice",
    "贡米": "rice",
    "苹果": "apple",
    "核桃": "walnut",
    "大枣": "jujube",
    "红枣": "jujube",
    "蚕豆": "broad bean",
    "魔芋": "konjac",
    "萝卜": "radish",
    "大鲵": "giant salamander",
    "黑木耳": "black fungus",
    "香菇": "shiitake",
    "花椒": "sichuan pepper",
    "马铃薯": "potato",
    "土豆": "potato",
    "葡萄": "grape",
    "脐橙": "navel orange",
    "板栗": "chestnut",
    "牛肉": "beef",
    "羊肉": "mutton",
    "黄花": "daylily",
    "枸杞": "goji",
    "醋": "vinegar",
}
MAX_QUERY = 100  # characters of a search that are used (and kept in the URL)


@lru_cache(maxsize=50_000)  # the same few thousand names on every search (load test: per-run cost)
def _norm(text: str) -> str:
    """Lower case without spaces or hyphens: 'Sangzhi-Bai Cha' → 'sangzhibaicha'."""
    return re.sub(r"[\s\-]", "", text.lower())


@lru_cache(maxsize=50_000)
def product_terms(name_zh: str) -> str:
    """The English product terms of a Chinese name (桑植白茶 → 'white tea'), '|'-joined."""
    return "|".join(en for zh, en in PRODUCT_TERMS.items() if zh in name_zh)


def blank(query: str | None) -> bool:
    """A query with nothing to look for (empty, or only spaces and hyphens): a search of it finds every GI."""
    return not _norm((query or "")[:MAX_QUERY])


def search(gis: pd.DataFrame, query: str | None) -> pd.DataFrame:
    """GIs whose Chinese name, English name, pinyin, product terms, province or register reference contains `query`.

    Case, spaces and hyphens are ignored, so 'sangzhi bai cha', 'Sangzhi-Baicha', 'white tea' and '桑植' all
    find 桑植白茶. Only the first MAX_QUERY characters of the query are used.
    """
    if blank(query):
        return gis
    q = _norm(query[:MAX_QUERY])
    columns = [gis[c].tolist() for c in ("name_zh", "name_en", "province", "province_en", "register_ref")]
    return gis[[q in _haystack(*row) for row in zip(*columns)]]


@lru_cache(maxsize=50_000)  # built once per GI, not on every search (a search of 3,624 GIs: 17 → 3 ms)
def _haystack(name_zh: str, name_en: str, province: str, province_en: str, register_ref: str) -> str:
    """What a search looks in, normalised: names, pinyin, product terms, province, register reference."""
    parts = [name_zh, name_en, pinyin(name_zh), product_terms(name_zh), province, province_en, register_ref]
    return _norm("|".join(parts))


def filter_offer(gis: pd.DataFrame, query: str | None, chosen, most: int) -> tuple[list[str], int]:
    """The sidebar GI filter's options: the chosen GI ids first, then the first `most` matches of `query`
    (none without a query: 3,624 options cost every session a third of its first run), and how many match."""
    matches = [] if blank(query) else search(gis, query)["gi_id"].tolist()
    kept = list(dict.fromkeys(chosen))
    return kept + [g for g in matches if g not in kept][:most], len(matches)


def english_name(gis: pd.DataFrame, name_zh: str, fallback: str) -> str:
    """The English name the GI table gives the GI named `name_zh` (its first row of that name), else `fallback`."""
    found = gis.loc[gis["name_zh"] == name_zh, "name_en"]
    return found.iloc[0] if len(found) else fallback


def detail_counties(gi: pd.Series, counties: pd.DataFrame) -> pd.DataFrame:
    """The counties a GI covers, with their poverty status, area and exit year (non-poverty counties too)."""
    codes = pd.DataFrame({"adcode": gi["counties"]})
    return codes.merge(counties, on="adcode", how="left")


def url_state(params: dict[str, list[str]], gi_ids, provinces) -> tuple[dict, dict[str, list[str]]]:
    """The GI page's state from its link: search text `q`, chosen GI `detail`, province bar picks `bar`.

    Returns (state, unknown values by parameter); unknown GI codes and provinces are dropped, the search is
    cut to MAX_QUERY characters.
    """
    state: dict = {}
    bad: dict[str, list[str]] = {}
    q = (params.get("q") or [""])[0]
    if q:
        state["q"] = q[:MAX_QUERY]
    detail = (params.get("detail") or [""])[0]
    if detail:
        if detail in set(gi_ids):
            state["detail"] = detail
        else:
            bad["detail"] = [detail]
    known = set(provinces)
    bars = [p for p in dict.fromkeys(params.get("bar") or []) if p]
    if bars:
        state["bar"] = [p for p in bars if p in known]
        if len(state["bar"]) < len(bars):
            bad["bar"] = [p for p in bars if p not in known]
        if not state["bar"]:
            del state["bar"]
    return state, bad


def follow_pick(chart_now: list[str], chart_before: list[str] | None, kept: list[str]) -> list[str]:
    """The province bar pick to apply: the chart's selection when it changed since the last run (a click or
    a clear), else the pick `kept` from before (e.g. read from the link, which the chart cannot show)."""
    return list(chart_now) if chart_before is not None and list(chart_now) != list(chart_before) else list(kept)
