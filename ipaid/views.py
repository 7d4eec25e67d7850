"""Tables as people read them: columns named and values written in the chosen language."""
from __future__ import annotations

import pandas as pd

from ipaid.i18n import t
from ipaid.names import pinyin, place_en


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


def tisc_view(tisc: pd.DataFrame, lang: str) -> pd.DataFrame:
    """TISC host institutions for display, with how sure it is that each is among the 51 of Nov 2020."""
    en = lang == "en"
    paired = tisc["institution_zh"] + " (" + tisc["institution_zh"].map(pinyin) + ")"
    name = tisc["institution_en"].where(tisc["institution_en"] != "", paired) if en else tisc["institution_zh"]
    return pd.DataFrame({
        t("tisc_institution", lang): name,
        t("province", lang): tisc["province_zh"].map(place_en) if en else tisc["province_zh"],
        t("tisc_batch", lang): tisc["batch"], t("year", lang): tisc["year"].map(lambda y: "" if pd.isna(y) else str(y)),
        t("tisc_certainty", lang): tisc["certainty"].map(lambda c: t(f"tisc_{c}", lang) if c else ""),
        t("source", lang): tisc["source"]})


def projects_view(projects: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The GI promotion programmes of 2019 and 2020 and the projects named in sources, for display."""
    en = lang == "en"

    def what(row) -> str:
        if row.level == "programme":
            return t("proj_programme", lang, projects=row.projects_stated,
                     gis=t("proj_gis", lang, n=row.gis_stated) if pd.notna(row.gis_stated) else "")
        return f"{row.gi_name} ({pinyin(row.gi_name)})" if en else row.gi_name

    return pd.DataFrame({
        t("year", lang): projects["year"].astype(str),
        t("proj_what", lang): [what(r) for r in projects.itertuples()],
        t("province", lang): projects["province"].map(place_en) if en else projects["province"],
        t("proj_applicant", lang): projects["applicant"].map(lambda a: f"{a} ({pinyin(a)})" if en and a else a),
        t("proj_instrument", lang): projects["programme"], t("source", lang): projects["source"]})


ZONE = "国家地理标志产品保护示范区"


def zone_en(name: str) -> str:
    """乳山牡蛎国家地理标志产品保护示范区 → '乳山牡蛎 (Rushanmuli) national GI product protection demonstration zone'."""
    place = name.replace(ZONE, "").strip("()（） ")
    return f"{place} ({pinyin(place)}) national GI product protection demonstration zone" if place else name


def demo_zones_view(zones: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Demonstration zone candidates for display, with whether each can be among the 24 of Oct 2020."""
    en = lang == "en"
    return pd.DataFrame({
        t("zone_name", lang): zones["name_zh"].map(zone_en) if en else zones["name_zh"],
        t("province", lang): zones["province"].map(place_en) if en else zones["province"],
        t("zone_year", lang): zones["year_stated"],
        t("zone_among", lang): zones["among_24"].map(lambda v: t(f"zone_{v}", lang)),
        t("source", lang): zones["source"]})

