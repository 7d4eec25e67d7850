"""Tables as people read them: columns named and values written in the chosen language."""
from __future__ import annotations

import pandas as pd

from ipaid.i18n import t
from ipaid.names import place_en


def years(values: pd.Series) -> pd.Series:
    """'2014', or blank where unknown (never 'None')."""
    return values.map(lambda y: "" if pd.isna(y) else str(int(y)))


def county_table(counties: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Counties (rows of `data.all_counties()`) for display: names, places, area, exit year, GIs."""
    en = lang == "en"
    return pd.DataFrame({
        "adcode": counties["adcode"],
        t("county", lang): counties["name_en" if en else "name"],
        ("Chinese" if en else "拼音"): counties["name" if en else "name_en"],
        t("prefecture", lang): counties["prefecture"].map(place_en) if en else counties["prefecture"],
        t("province", lang): counties["province_en" if en else "province"],
        t("area", lang): counties["area_en" if en else "area_zh"],
        t("exit_year", lang): years(counties["exit_year"]),
        t("gis", lang): counties["gi_count"],
    })
