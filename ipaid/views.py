"""Tables as people read them: columns named and values written in the chosen language."""
from __future__ import annotations

import re

import pandas as pd

from ipaid.i18n import CATEGORY, GI_TYPE, label, t
from ipaid.names import place_en

# Every ASCII character with a meaning in Markdown, Streamlit's directives (:icon:, :red[..], $math$) or HTML.
_MARKUP = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:&=\"'^%@/])")
# Bare addresses that GitHub-flavoured Markdown links even when escaped (http://…, www.…, a@b.c): an invisible
# word joiner (U+2060) is put inside them, so they stay text.
_AUTOLINK = re.compile(r"(?i)(?<=[a-z]:)(?=//)|(?<=www)(?=\.)|(?<=@)")
WORD_JOINER = "\u2060"


def literal(text) -> str:
    """Any text (a GI name, a note, a source) made literal for st.markdown / st.write / st.caption / labels.

    Each Markdown, HTML or Streamlit directive character is backslash-escaped, so `![x](http://…)` or
    `<b>x</b>` is shown as typed: no image is loaded, no link or tag is made. Line breaks become spaces, and a
    word joiner (invisible) breaks bare addresses, which Markdown would link despite the escapes.
    """
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return ""
    return _MARKUP.sub(r"\\\1", _AUTOLINK.sub(WORD_JOINER, " ".join(str(text).split())))


def years(values: pd.Series) -> pd.Series:
    """'2014', or blank where unknown (never 'None')."""
    return values.map(lambda y: "" if pd.isna(y) else str(int(y)))


GI_COLUMNS = ("id", "name", "other_name", "type", "category", "province", "year", "registered", "source")


def gi_table(gis: pd.DataFrame, lang: str, columns: tuple[str, ...] = GI_COLUMNS) -> pd.DataFrame:
    """GIs (rows of `data.load_gis()`) for display, in the row order given, with the chosen `columns`.

    The name is the English name (`name_en`) in English and the Chinese one in Chinese; `other_name` is the other.
    """
    en = lang == "en"
    make = {
        "id": ("ID", lambda: gis["gi_id"]),
        "name": (t("gi_col_name", lang), lambda: gis["name_en" if en else "name_zh"]),
        "other_name": (t("gi_col_other_name", lang), lambda: gis["name_zh" if en else "name_en"]),
        "type": (t("type", lang), lambda: gis["gi_type"].map(lambda v: label(GI_TYPE, v, lang))),
        "category": (t("category", lang), lambda: gis["category"].map(lambda v: label(CATEGORY, v, lang))),
        "province": (t("province", lang), lambda: gis["province_en" if en else "province"]),
        "year": (t("year", lang), lambda: years(gis["year_approved"])),
        "registered": (t("registered", lang), lambda: gis["register_ref"]),
        "source": (t("source", lang), lambda: gis["source"]),
    }
    return pd.DataFrame({make[c][0]: make[c][1]().to_numpy() for c in columns})


def designated_timeline(since: int, exit_year: int, own_gis: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Events of a designated county, one row per year (year, text): designation, exit and each dated GI.

    Texts of the same year are joined with " / " in the order designation, exit, GIs.
    """
    gi_word = t("timeline_gi", lang)
    name = "name_en" if lang == "en" else "name_zh"
    dated = own_gis.dropna(subset=["year_approved"])
    events = [(int(since), t("timeline_designated", lang)), (int(exit_year), t("timeline_exit", lang))]
    events += [(int(y), gi_word + n) for y, n in zip(dated["year_approved"], dated[name])]
    by_year: dict[int, list[str]] = {}
    for year, text in events:
        by_year.setdefault(year, []).append(text)
    return pd.DataFrame({"year": list(by_year), "text": [" / ".join(v) for v in by_year.values()]}
                        ).sort_values("year", ignore_index=True)


def gi_county_table(where: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The counties of one GI (`gi_search.detail_counties`): name, province, poverty county or not, area, exit year."""
    en = lang == "en"
    return pd.DataFrame({
        t("county", lang): where["name_en" if en else "name"],
        t("province", lang): where["province_en" if en else "province"],
        t("poverty_county", lang): where["poverty"].map({True: t("yes", lang), False: "—"}),
        t("area", lang): where["area_en" if en else "area_zh"],
        t("exit_year", lang): years(where["exit_year"]),
    })


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
