"""Profiles of a contiguous area and of a poverty county, as plain dictionaries."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd
import shapely

from ipaid import data, geometry
from ipaid.filters import covers
from ipaid.names import SUFFIXES, county_name, pinyin

MAX_QUERY = 60  # characters of a ?county= value that are read


def cut_value(value: str, width: int = 40) -> str:
    """A value from a link as a message shows it: cut to `width` characters."""
    return value if len(value) <= width else value[:width] + "…"


def county_from_link(counties: pd.DataFrame, values: list[str]) -> tuple[str | None, list[str], tuple | None]:
    """What a link's `?county=` values name: the listed code of the first that names one poverty county (None when
    none does), the values that name none, and (value, matches) for the first that names several. Empty values
    (`?county=`) name nothing and are not reported."""
    values = [value for value in values if value.strip()]
    found = [match_counties(counties, value) for value in values]
    pick = next((f["adcode_listed"].iloc[0] for f in found if len(f) == 1), None)
    missing = [value for value, f in zip(values, found) if f.empty]
    return pick, missing, next(((value, f) for value, f in zip(values, found) if len(f) > 1), None)


def match_counties(counties: pd.DataFrame, query: str | None) -> pd.DataFrame:
    """Poverty counties meant by `query`: a listed or today's code, a name (listed or today's, with or without
    县/区/市…), a part of a name, or pinyin ('sangzhi', 'Sang Zhi'). Exact matches win over partial ones;
    an empty frame when nothing matches, several rows when the query is ambiguous."""
    q = (query or "").strip()[:MAX_QUERY]
    if not q:
        return counties.iloc[0:0]
    for col in ("adcode_listed", "boundary_adcode", "name_listed", "boundary_name"):
        hit = counties[counties[col] == q]
        if len(hit):
            return hit
    # Du'an and Lüchun as the map writes them, duan and lvchun as typed
    key = "".join(q.lower().split()).replace("'", "").replace("ü", "v")
    names = counties[["name_listed", "boundary_name"]]
    stems = names.map(lambda n: n[: -len(_suffix(n))] if _suffix(n) else n)
    spelled = stems.map(lambda n: pinyin(n).lower())
    for frame in (stems, spelled):
        exact = (frame == q) | (frame == key)
        if exact.any(axis=None):
            return counties[exact.any(axis=1)]
    partial = names.map(lambda n: q in n).any(axis=1) | spelled.map(lambda n: key in n).any(axis=1)
    return counties[partial]


def find_county(counties: pd.DataFrame, query: str | None) -> str | None:
    """The listed code of the one poverty county `query` means (see `match_counties`), else None."""
    hit = match_counties(counties, query)
    return str(hit["adcode_listed"].iloc[0]) if len(hit) == 1 else None


def _suffix(name: str) -> str:
    """The unit suffix of a county name (县, 自治县, 区, 市, 旗 …), or ''."""
    return next((zh for zh, _ in SUFFIXES if name.endswith(zh) and len(name) > len(zh) + 1), "")


def neighbours(code: str, candidates: pd.DataFrame) -> pd.DataFrame:
    """Candidates (with boundary_adcode) whose boundary touches the county `code`."""
    shapes = geometry.load_layer("counties", "national").set_index("adcode")["geometry"]
    if code not in shapes.index:
        return candidates.iloc[0:0]
    me = shapes[code]
    others = candidates[candidates["boundary_adcode"].isin(shapes.index) & (candidates["boundary_adcode"] != code)]
    touching = shapely.intersects(shapes.loc[others["boundary_adcode"]].values, me)
    return others[touching]


def county_profile(counties: pd.DataFrame, code: str) -> dict:
    row = counties.set_index("adcode_listed").loc[code]
    gis = data.load_gis()
    own = gis[covers(gis, [row["boundary_adcode"]])]
    same_area = counties[(counties["area_id"] == row["area_id"])] if row["area_id"] else counties.iloc[0:0]
    return {
        **row.to_dict(),
        "adcode_listed": code,
        "name_zh": row["boundary_name"],
        "exit_year": int(row["exit_year"]),
        "gis": own,
        "neighbours": neighbours(row["boundary_adcode"], same_area),
    }


def area_profile(counties: pd.DataFrame, areas: pd.DataFrame, area_id: str) -> dict:
    row = areas.set_index("area_id").loc[area_id]
    members = counties[counties["area_id"] == area_id]
    codes = set(members["boundary_adcode"])
    gis = data.load_gis()
    return {
        **row.to_dict(),
        "area_id": area_id,
        "official": int(row["county_count"]),
        "members": members,
        "provinces": row["provinces_zh"].split(";"),
        "gis": gis[covers(gis, codes)],
    }


def county_labels(lang: str) -> tuple[dict[str, str], dict[str, str]]:
    """(names, picker labels) of the poverty counties by listed code, in `lang`; built once per data version
    and language (832 names formatted on every run of the profiles page before). Do not mutate."""
    return _county_labels(_signature(), lang)


def cached_county_profile(code: str) -> dict:
    """`county_profile` of `data.load_counties()`, once per data version and county. Do not mutate."""
    return _county_profile(_signature(), code)


def _signature() -> str:
    from ipaid.static_files import data_signature

    return data_signature()


@lru_cache(maxsize=4)
def _county_labels(signature: str, lang: str) -> tuple[dict[str, str], dict[str, str]]:
    counties = data.load_counties()
    codes = counties["adcode_listed"]
    names = dict(
        zip(codes, [county_name(a, b, lang) for a, b in zip(counties["name_listed"], counties["boundary_name"])])
    )
    provinces = counties["province_en" if lang == "en" else "province"]
    return names, {code: f"{names[code]} · {p} ({code})" for code, p in zip(codes, provinces)}


@lru_cache(maxsize=256)
def _county_profile(signature: str, code: str) -> dict:
    return county_profile(data.load_counties(), code)
