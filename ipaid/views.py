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


def gi_coverage_view(coverage: pd.DataFrame, lang: str) -> pd.DataFrame:
    """`data.gi_coverage()` for display: per GI type, rows, where they are placed, and the official total."""
    from ipaid.i18n import GI_TYPE, label

    def n(value) -> str:
        return "" if pd.isna(value) else f"{int(value):,}"

    return pd.DataFrame({
        t("type", lang): coverage["gi_type"].map(lambda v: label(GI_TYPE, v, lang)),
        t("cov_rows", lang): coverage["rows"].map(n),
        t("cov_county", lang): coverage["placed_county"].map(n),
        t("cov_prefecture", lang): coverage["placed_prefecture"].map(n),
        t("cov_province", lang): coverage["placed_province"].map(n),
        t("cov_unplaced", lang): coverage["placed_unplaced"].map(n),
        t("cov_official", lang): [f"{n(c)} / {n(o)}" if pd.notna(o) else "" for c, o in
                                  zip(coverage["covered"], coverage["official_total"])],
        t("cov_sources", lang): coverage["sources"].map(n),
    })

