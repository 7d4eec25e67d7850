"""Searching the GI table in Chinese, English or pinyin, and the per-GI detail record."""
from __future__ import annotations

import pandas as pd

from ipaid.names import pinyin


def search(gis: pd.DataFrame, query: str) -> pd.DataFrame:
    """GIs whose Chinese name, English name, pinyin, province or register reference contains `query`.

    Case, spaces and hyphens are ignored, so 'sangzhi bai cha', 'Sangzhi-Baicha' and '桑植' all match.
    """
    q = "".join(query.lower().split()).replace("-", "")
    if not q:
        return gis
    haystack = (gis["name_zh"] + "|" + gis["name_en"] + "|" + gis["name_zh"].map(pinyin) + "|" + gis["province"]
                + "|" + gis["province_en"] + "|" + gis["register_ref"]).str.lower().str.replace(r"[\s\-]", "", regex=True)
    return gis[haystack.str.contains(q, regex=False)]


def detail_counties(gi: pd.Series, counties: pd.DataFrame) -> pd.DataFrame:
    """The counties a GI covers, with their poverty status, area and exit year (non-poverty counties too)."""
    codes = pd.DataFrame({"adcode": gi["counties"]})
    return codes.merge(counties, on="adcode", how="left")
