"""The drill-down's side panel: figures of a place (China, a province, a prefecture) and its units one level down."""

from __future__ import annotations

import pandas as pd

from ipaid import hierarchy, maps
from ipaid.filters import Filters, covers
from ipaid.i18n import t
from ipaid.names import place_en
from ipaid.views import years

YEARS = range(2016, 2021)


def place_counties(counties: pd.DataFrame, province: str = "", prefecture: str = "") -> pd.DataFrame:
    """The rows of `counties` (a table with `adcode`, e.g. `data.all_counties()`) in the place."""
    return counties[counties["adcode"].isin(hierarchy.counties_in(province, prefecture))]


def takes_click(adcode: str, f: Filters) -> bool:
    """Whether a click on county `adcode` opens a level: not when the filters leave it white (with a place
    filter the map recolours the national county layer, which stays pickable everywhere)."""
    return f.is_empty or adcode in set(maps.selected_counties(f)["adcode"])


def summary(counties: pd.DataFrame, gis: pd.DataFrame, listed: pd.DataFrame) -> dict:
    """Figures of the `counties` (county-level units of today's boundaries) of a place: how many, how many
    poverty counties, exits per year 2016–2020, GIs covering at least one of them, contiguous areas with a
    county there (ids, in order). Poverty counties and exits count the entries of the poverty list (`listed`,
    data.load_counties) lying there, as the official totals do: two listed counties may now be one unit
    (冷湖 and 茫崖, one 茫崖市 since 2018), so 832 listed counties lie in 831 units."""
    poor = listed[listed["boundary_adcode"].isin(counties["adcode"])]
    years = poor["exit_year"].dropna().astype(int)
    return {
        "counties": len(counties),
        "poverty": len(poor),
        "exits": {y: int((years == y).sum()) for y in YEARS},
        "gis": int(covers(gis, counties["adcode"]).sum()) if len(gis) else 0,
        "areas": sorted(a for a in poor["area_id"].unique() if a),
    }


def breakdown(
    counties: pd.DataFrame, gis: pd.DataFrame, listed: pd.DataFrame, province: str, prefecture: str, lang: str
) -> pd.DataFrame:
    """The place's units one level down (provinces, prefectures, or counties), each with its figures; the index
    holds what a click opens (province or prefecture name, county adcode)."""
    en = lang == "en"
    place = place_counties(counties, province, prefecture)
    if prefecture or (province and not hierarchy.has_prefectures(province)):
        return pd.DataFrame(
            {
                t("county", lang): place["name_en" if en else "name"].to_list(),
                t("poverty_county", lang): [t("yes" if p else "dr_no", lang) for p in place["poverty"]],
                t("exit_year", lang): years(place["exit_year"]).to_list(),  # blank, not "None", if not poor
                t("area", lang): place["area_en" if en else "area_zh"].to_list(),
                t("gis_listed", lang): place["gi_count"].to_list(),
            },
            index=pd.Index(place["adcode"].to_list(), name="key"),
        )
    units = hierarchy.units().set_index("adcode")
    key = "prefecture" if province else "province"
    groups = place["adcode"].map(units[key])
    rows, keys = [], []
    for name in dict.fromkeys(groups.sort_index()):
        keys.append(name)
        part = summary(place[groups == name], gis, listed)
        label = (maps.prefecture_label(name, lang) if key == "prefecture" else place_en(name)) if en else name
        rows.append(
            {
                t(key, lang): label,
                t("dr_counties", lang): part["counties"],
                t("dr_poverty", lang): part["poverty"],
                t("gis_listed", lang): part["gis"],
            }
        )
    return pd.DataFrame(rows, index=pd.Index(keys, name="key"))
