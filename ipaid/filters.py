"""The shared filters: their URL parameters, checking values from a link, and applying them to tables."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from ipaid.i18n import LANGS, listing
from ipaid.palette import MEASURES, PLAYBACK

# URL parameter of each shared filter (also the widget key).
PARAMS = {"provinces": "province", "areas": "area", "categories": "category", "gis": "gi"}
SINGLE = {"measure": (*MEASURES, PLAYBACK), "lang": LANGS}


@dataclass(frozen=True)
class Filters:
    provinces: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    gis: tuple[str, ...] = ()
    lang: str = "zh"
    measure: str = "area"
    prefecture: str = ""  # the map's drill-down level under the one chosen province (`ipaid.hierarchy`)

    @property
    def is_empty(self) -> bool:
        return not (self.provinces or self.areas or self.categories or self.gis or self.prefecture)


def unknown_values(params: Mapping[str, list[str]], known: Mapping[str, set[str]]) -> dict[str, list[str]]:
    """Values in a link's query parameters that name no known province, area, category, GI, measure or language.

    `params` maps a parameter to its values (repeated parameters give several); `known` maps the same
    parameter names to their valid values. Parameters not in `known` are left alone.
    """
    bad = {}
    for name, values in params.items():
        if name in known:
            wrong = [v for v in values if v != "" and v not in known[name]]
            if wrong:
                bad[name] = wrong
    return bad


def filter_counties(counties: pd.DataFrame, f: Filters, province_col: str = "province") -> pd.DataFrame:
    """Counties in the selected provinces and areas (both when both are chosen)."""
    mask = pd.Series(True, index=counties.index)
    if f.provinces:
        mask &= counties[province_col].isin(f.provinces)
    if f.areas:
        mask &= counties["area_id"].isin(f.areas)
    if f.prefecture:
        from ipaid.hierarchy import counties_in

        mask &= counties["adcode"].isin(counties_in(f.provinces[0] if f.provinces else "", f.prefecture))
    return counties[mask]


def filter_gis(gis: pd.DataFrame, f: Filters, area_counties: set[str] | None = None) -> pd.DataFrame:
    """GIs matching the province, category and GI filters; with areas chosen, GIs in those areas' counties."""
    mask = pd.Series(True, index=gis.index)
    if f.provinces:
        mask &= gis["province"].isin(f.provinces)
    if f.categories:
        mask &= gis["category"].isin(f.categories)
    if f.gis:
        mask &= gis["gi_id"].isin(f.gis)
    if f.areas and area_counties is not None:
        mask &= covers(gis, area_counties)
    return gis[mask]


def covers(gis: pd.DataFrame, adcodes) -> pd.Series:
    """Which GIs cover at least one of the counties `adcodes` (a mask over `gis`)."""
    codes = set(adcodes)
    return gis["counties"].map(lambda covered: not codes.isdisjoint(covered))


def describe(
    f: Filters,
    lang: str,
    area_names: Mapping[str, str],
    gi_names: Mapping[str, str],
    category_names: Mapping[str, str],
    province_names: Mapping[str, str],
) -> str:
    """The active filters in words, for exports and captions; the map's drill-down level after its province
    ("Hunan › Zhangjiajie City"): an export of that level said only "Hunan"."""
    parts = []
    for values, names in (
        (f.provinces, province_names),
        (f.areas, area_names),
        (f.categories, category_names),
        (f.gis, gi_names),
    ):
        if values:
            parts.append(listing((names.get(v, v) for v in values), lang))
    if f.prefecture:
        from ipaid.hierarchy import prefecture_en

        level = prefecture_en(f.prefecture) if lang == "en" else f.prefecture
        parts[0:1] = [f"{parts[0]} › {level}"] if f.provinces else [level, *parts[:1]]
    return ("；" if lang == "zh" else "; ").join(parts)
