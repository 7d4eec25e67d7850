"""Province → prefecture → county, from the boundary index (`admin_index.county_index`), for the map's drill-down.

Every county-level unit belongs to exactly one prefecture-level unit and one province. The index leaves a
unit's prefecture empty where the unit answers to no prefecture; those cases are named here explicitly:

- `municipality`: the districts of 北京, 天津, 上海, 重庆, and the units of 香港, 澳门, 台湾 — the province is
  also their prefecture (the drill-down goes from the province straight to its counties);
- `direct`: county-level units under the province itself (省直辖县级行政区, codes xx90xx: 济源, 仙桃, 潜江,
  天门, 神农架, Hainan's 15, Xinjiang's corps cities), grouped as one pseudo-prefecture per province;
- `city`: prefecture-level cities without districts (东莞, 中山, 儋州, 嘉峪关): the city is its own prefecture;
- `prefecture`: every other unit, under the prefecture the index names.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from ipaid.admin_index import county_index
from ipaid.names import place_en

DIRECT = "省直辖县级行政区"
DIRECT_EN = "County-level units under the province"
MUNICIPAL_CODES = ("11", "12", "31", "50", "71", "81", "82")  # Beijing, Tianjin, Shanghai, Chongqing, TW, HK, MO


@lru_cache(maxsize=1)
def units() -> pd.DataFrame:
    """Each county-level unit: adcode, name, prefecture, prefecture_code, province, kind (see the module)."""
    idx = county_index()[["adcode", "name", "prefecture", "province"]].copy()
    municipal = idx["adcode"].str[:2].isin(MUNICIPAL_CODES)
    direct = ~municipal & (idx["adcode"].str[2:4] == "90")
    city = ~municipal & ~direct & (idx["prefecture"] == "")
    idx["kind"] = "prefecture"
    idx.loc[city, "kind"] = "city"
    idx.loc[direct, "kind"] = "direct"
    idx.loc[municipal, "kind"] = "municipality"
    idx.loc[municipal, "prefecture"] = idx.loc[municipal, "province"]
    idx.loc[direct, "prefecture"] = DIRECT
    idx.loc[city, "prefecture"] = idx.loc[city, "name"]
    code = idx["adcode"].str[:4] + "00"
    code = code.where(~municipal, idx["adcode"].str[:2] + "0000")
    idx["prefecture_code"] = code.where(~city, idx["adcode"])
    return idx[["adcode", "name", "prefecture", "prefecture_code", "province", "kind"]]


def prefectures(province: str) -> list[str]:
    """The prefecture-level units of a province, in code order ([] for an unknown province)."""
    return list(_prefectures(province))


@lru_cache(maxsize=64)  # the drill panel asks on every map run
def _prefectures(province: str) -> tuple[str, ...]:
    rows = units()[units()["province"] == province]
    return tuple(rows.sort_values("prefecture_code")["prefecture"].drop_duplicates())


def has_prefectures(province: str) -> bool:
    """False for a municipality (its districts come straight after the province)."""
    return prefectures(province) not in ([], [province])


def prefecture_en(name: str) -> str:
    return DIRECT_EN if name == DIRECT else place_en(name)


def place_of(adcode: str) -> tuple[str, str]:
    """(province, prefecture) of a county adcode; ("", "") if unknown."""
    row = units()[units()["adcode"] == adcode]
    return ("", "") if row.empty else (row["province"].iloc[0], row["prefecture"].iloc[0])


def counties_in(province: str = "", prefecture: str = "") -> list[str]:
    """Adcodes of the counties of a place: all China, a province, or a prefecture of that province."""
    u = units()
    mask = pd.Series(True, index=u.index)
    if province:
        mask &= u["province"] == province
    if prefecture:
        mask &= u["prefecture"] == prefecture
    return list(u.loc[mask, "adcode"])


def check_level(province: str, prefecture: str) -> str | None:
    """Why (province, prefecture) from a link names no level: 'province', 'prefecture', or None if it does.

    A prefecture needs its province, and must belong to it; a municipality's own name is accepted as its prefecture.
    """
    if province and province not in set(units()["province"]):
        return "province"
    if prefecture and (not province or prefecture not in prefectures(province)):
        return "prefecture"
    return None


def click_target(adcode: str, province: str, prefecture: str) -> dict:
    """What a click on county `adcode` opens at the level (province, prefecture): the next level down.

    Returns {"province": p} at the national level (or on a county outside the shown province),
    {"province": p, "prefecture": q} at a province's level, {"county": adcode} at a prefecture's level (or in
    a municipality, which has no prefecture level), {} for an unknown county.
    """
    p, q = place_of(adcode)
    if not p:
        return {}
    if province != p:
        return {"province": p}
    if prefecture == q or not has_prefectures(p):
        return {"county": adcode}
    return {"province": p, "prefecture": q}
