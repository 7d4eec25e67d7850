"""Profiles of a contiguous area and of a poverty county, as plain dictionaries."""
from __future__ import annotations

import pandas as pd
import shapely

from ipaid import data, geometry
from ipaid.filters import covers
from ipaid.names import pinyin


def find_county(counties: pd.DataFrame, query: str | None) -> str | None:
    """The listed code of a poverty county given its listed or today's code, or its exact name (zh or pinyin)."""
    if not query:
        return None
    q = query.strip()
    for col in ("adcode_listed", "boundary_adcode", "name_listed", "boundary_name"):
        hit = counties.loc[counties[col] == q, "adcode_listed"]
        if len(hit):
            return str(hit.iloc[0])
    key = q.lower().replace(" ", "")
    hit = counties.loc[counties["boundary_name"].map(lambda n: pinyin(n[:-1]).lower()) == key, "adcode_listed"]
    return str(hit.iloc[0]) if len(hit) == 1 else None


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
    return {**row.to_dict(), "adcode_listed": code, "name_zh": row["boundary_name"],
            "exit_year": int(row["exit_year"]), "gis": own,
            "neighbours": neighbours(row["boundary_adcode"], same_area)}


def area_profile(counties: pd.DataFrame, areas: pd.DataFrame, area_id: str) -> dict:
    row = areas.set_index("area_id").loc[area_id]
    members = counties[counties["area_id"] == area_id]
    codes = set(members["boundary_adcode"])
    gis = data.load_gis()
    return {**row.to_dict(), "area_id": area_id, "official": int(row["county_count"]), "members": members,
            "provinces": row["provinces_zh"].split(";"),
            "gis": gis[covers(gis, codes)]}
