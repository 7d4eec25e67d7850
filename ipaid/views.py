"""Tables as people read them: columns named and values written in the chosen language."""

from __future__ import annotations

import re

import pandas as pd

from ipaid import data
from ipaid.data import figure_number
from ipaid.gi_names import spell_all
from ipaid.i18n import CATEGORY, GI_TYPE, GI_TYPE_SHORT, gi_source, label, t
from ipaid.names import gloss_places, pinyin, place_en, places_en

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


def utc_time(stamp: str | None) -> str:
    """A stored time (ISO 8601 in UTC, '2026-12-01T23:02:35+00:00') as people read it: '2026-12-01 23:02:35'.
    The column or sentence it is shown in says UTC; blank stays blank."""
    if not stamp:
        return ""
    return str(stamp).replace("T", " ", 1).removesuffix("+00:00").removesuffix("Z")


def years(values: pd.Series) -> pd.Series:
    """'2014', or blank where unknown (never 'None')."""
    return values.map(lambda y: "" if pd.isna(y) else str(int(y)))


GI_COLUMNS = ("id", "name", "other_name", "type", "category", "province", "year", "registered", "source")


def compact(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns whose values repeat (distinct values at most a quarter of the rows) as categoricals, which
    Arrow sends as a dictionary, each value once: the GI table (3,624 rows) went to the browser as 1.5 MB, of
    which 977 kB were its 236 distinct sources. Values and order unchanged."""
    repeated = [
        c for c in frame.columns if pd.api.types.is_string_dtype(frame[c]) and frame[c].nunique() * 4 <= len(frame)
    ]
    return frame.astype(dict.fromkeys(repeated, "category")) if repeated else frame


def gi_table(gis: pd.DataFrame, lang: str, columns: tuple[str, ...] = GI_COLUMNS) -> pd.DataFrame:
    """GIs (rows of `data.load_gis()`) for display, in the row order given, with the chosen `columns`.

    The name is the English name (`name_en`) in English and the Chinese one in Chinese; `other_name` is the other.
    A blank cell (year or register reference unknown) shows "—", as in the GI detail.
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
        "source": (t("source", lang), lambda: gis["source"].map(lambda s: gi_source(s, lang))),
    }
    frame = pd.DataFrame({make[c][0]: make[c][1]().to_numpy() for c in columns})
    return compact(frame.replace("", "—"))  # a blank in a categorical column is drawn "None" by Streamlit's grid


def designated_timeline(since: int, exit_year: int, own_gis: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Events of a designated county, one row per year (year, text): designation, exit and each dated GI.

    Texts of the same year are joined with " / " in the order designation, exit, GIs. A GI name listed under two
    types (崇礼蚕豆: a register GI in 2011, a certification trademark in 2020) says which each is.
    """
    gi_word = t("timeline_gi", lang)
    name = "name_en" if lang == "en" else "name_zh"
    dated = own_gis.dropna(subset=["year_approved"])
    twice = dated[name].duplicated(keep=False)
    names = [
        t("timeline_gi_kind", lang, name=n, kind=label(GI_TYPE_SHORT, k, lang)) if two else n
        for n, k, two in zip(dated[name], dated["gi_type"], twice)
    ]
    events = [(int(since), t("timeline_designated", lang)), (int(exit_year), t("timeline_exit", lang))]
    events += [(int(y), gi_word + n) for y, n in zip(dated["year_approved"], names)]
    by_year: dict[int, list[str]] = {}
    for year, text in events:
        by_year.setdefault(year, []).append(text)
    return pd.DataFrame({"year": list(by_year), "text": [" / ".join(v) for v in by_year.values()]}).sort_values(
        "year", ignore_index=True
    )


def gi_facts(gi: pd.Series, lang: str) -> list[tuple[str, str]]:
    """(label, value) lines of one GI's detail (a row of `data.load_gis()` by id): type, category, province, year
    approved and register reference, "—" where unknown."""
    year = "—" if pd.isna(gi["year_approved"]) else str(int(gi["year_approved"]))
    return [
        (t("type", lang), label(GI_TYPE, gi["gi_type"], lang)),
        (t("category", lang), label(CATEGORY, gi["category"], lang)),
        (t("province", lang), gi["province_en"] if lang == "en" else gi["province"]),
        (t("year", lang), year),
        (t("registered", lang), gi["register_ref"] or "—"),
    ]


def gi_county_table(where: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The counties of one GI (`gi_search.detail_counties`): name, province, poverty county or not, area, exit year."""
    en = lang == "en"
    return pd.DataFrame(
        {
            t("county", lang): where["name_en" if en else "name"],
            t("province", lang): where["province_en" if en else "province"],
            t("poverty_county", lang): where["poverty"].map({True: t("yes", lang), False: "—"}),
            t("area", lang): where["area_en" if en else "area_zh"],
            t("exit_year", lang): years(where["exit_year"]),
        }
    )


def county_table(counties: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Counties (rows of `data.all_counties()`) for display: names, places, area, exit year, GIs."""
    en = lang == "en"
    return pd.DataFrame(
        {
            "adcode": counties["adcode"],
            t("county", lang): counties["name_en" if en else "name"],
            ("Chinese" if en else "拼音"): counties["name" if en else "name_en"],
            t("prefecture", lang): counties["prefecture"].map(place_en) if en else counties["prefecture"],
            t("province", lang): counties["province_en" if en else "province"],
            t("area", lang): counties["area_en" if en else "area_zh"],
            t("exit_year", lang): years(counties["exit_year"]),
            t("gis", lang): counties["gi_count"],
        }
    ).pipe(compact)


def area_members_table(members: pd.DataFrame, names: dict[str, str], lang: str) -> pd.DataFrame:
    """An area's loaded member counties (rows of `data.load_counties()`) for its profile: code, name (`names`, by
    listed code, as `profiles.county_labels` gives them), province, exit year; in the order given."""
    return pd.DataFrame(
        {
            t("brief_code", lang): members["adcode_listed"],
            t("county", lang): members["adcode_listed"].map(names),
            t("province", lang): members["province_en" if lang == "en" else "province"],
            t("exit_year", lang): members["exit_year"],
        }
    )


def county_note(county: dict, lang: str) -> str:
    """A county's note (`county_profile`) in `lang`: the Chinese note on Chinese pages where the table has one;
    English notes give each place's English name before its Chinese one."""
    return (county.get("note_zh") or county["note"]) if lang == "zh" else gloss_places(county["note"])


def datasets_view(coverage: pd.DataFrame, lang: str) -> pd.DataFrame:
    """`data.coverage()` for the Data page: each table, its rows, official total, how much of it the rows count
    (counted / official, with the share) and its current version; a Problem column only when a table is broken.
    Number pairs keep to one line (no break inside them) so that the static table wraps only words. st.table reads
    its cells as Markdown: text from uploads is made literal."""

    def counted(row) -> str:
        total = row.official_total
        if pd.isna(total):
            return ""
        return f"{row.covered:,}\u00a0/\u00a0{int(total):,}\u00a0({row.covered / int(total):.0%})"

    table = pd.DataFrame(
        {
            t("data_table", lang): coverage["label_en" if lang == "en" else "label_zh"],
            t("data_rows", lang): coverage["rows"].map("{:,}".format),
            t("data_official_total", lang): [
                official_total_text(row, None if pd.isna(row.official_total) else int(row.official_total), lang)
                for row in coverage.itertuples()
            ],
            t("data_coverage", lang): [counted(row) for row in coverage.itertuples()],
            t("data_origin", lang): coverage["origin"].map(lambda o: origin_text(o, lang)),
        }
    )
    if (coverage["error"] != "").any():  # a problem may quote the upload (its columns, values)
        table[t("data_error_col", lang)] = coverage["error"].map(lambda e: literal(e.splitlines()[0]) if e else "")
    return table


_ORIGIN = re.compile(re.escape(data.ORIGIN).replace(r"\{v\}", r"(\d+)").replace(r"\{file\}", "(.*)"), re.S)


def origin_text(origin: str, lang: str) -> str:
    """Where a table's current version comes from (`data.table_source`) in `lang`: 'data/gis.csv', or a stored
    version as '版本3（name.csv）' / 'version 3 (name.csv)'; made literal (the upload's file name is user text)."""
    stored = _ORIGIN.fullmatch(origin)
    return literal(t("data_origin_version", lang, v=stored[1], file=stored[2]) if stored else origin)


def completeness_bars(coverage: pd.DataFrame, lang: str) -> list[tuple[float, str]]:
    """(share, text) of each table of `data.coverage()` with an official total, for the Overview's progress bars:
    "<what is counted>: 344 / 680 (official total)"; the share is at most 1."""
    bars = []
    for row in coverage.itertuples():
        if pd.notna(row.official_total):
            total = int(row.official_total)
            counted = row.counted_en if lang == "en" else row.counted_zh
            text = counted + t("colon", lang) + f"{row.covered:,} / {total:,}" + t("ov_official_total", lang)
            bars.append((min(row.covered / total, 1.0), text))
    return bars


def gi_coverage_view(coverage: pd.DataFrame, lang: str) -> pd.DataFrame:
    """`data.gi_coverage()` for display: per GI type, rows, where they are placed, and the official total."""
    from ipaid.i18n import GI_TYPE, label

    def n(value) -> str:
        return "" if pd.isna(value) else f"{int(value):,}"

    return pd.DataFrame(
        {
            t("type", lang): coverage["gi_type"].map(lambda v: label(GI_TYPE, v, lang)),
            t("cov_rows", lang): coverage["rows"].map(n),
            t("cov_county", lang): coverage["placed_county"].map(n),
            t("cov_prefecture", lang): coverage["placed_prefecture"].map(n),
            t("cov_province", lang): coverage["placed_province"].map(n),
            t("cov_unplaced", lang): coverage["placed_unplaced"].map(n),
            t("cov_official", lang): [
                f"{n(c)}\u00a0/\u00a0{n(o)}" if pd.notna(o) else ""  # one line: no break inside the pair
                for c, o in zip(coverage["covered"], coverage["official_total"])
            ],
            t("cov_sources", lang): coverage["sources"].map(n),
        }
    )


def tisc_view(tisc: pd.DataFrame, lang: str) -> pd.DataFrame:
    """TISC host institutions for display, with how sure it is that each is among the 51 of Nov 2020."""
    en = lang == "en"
    paired = tisc["institution_zh"] + " (" + tisc["institution_zh"].map(pinyin) + ")"
    name = tisc["institution_en"].where(tisc["institution_en"] != "", paired) if en else tisc["institution_zh"]
    return pd.DataFrame(
        {
            t("tisc_institution", lang): name,
            t("province", lang): tisc["province_zh"].map(place_en) if en else tisc["province_zh"],
            t("tisc_batch", lang): tisc["batch"],
            t("year", lang): tisc["year"].map(lambda y: "" if pd.isna(y) else str(y)),
            t("tisc_certainty", lang, n=figure_number("tisc_centres")): tisc["certainty"].map(
                lambda c: t(f"tisc_{c}", lang) if c else ""
            ),
            t("source", lang): tisc["source"],
        }
    )


def projects_view(projects: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The GI promotion programmes of 2019 and 2020 and the projects named in sources, for display."""
    en = lang == "en"
    gis = data.load_gis()
    english = dict(zip(gis["name_zh"], gis["name_en"]))

    def what(row) -> str:
        if row.level == "programme":
            return t(
                "proj_programme",
                lang,
                projects=row.projects_stated,
                gis=t("proj_gis", lang, n=row.gis_stated) if pd.notna(row.gis_stated) else "",
            )
        return f"{row.gi_name} ({english.get(row.gi_name) or spell_all([row.gi_name])[0]})" if en else row.gi_name

    return pd.DataFrame(
        {
            t("year", lang): projects["year"].astype(str),
            t("proj_what", lang): [what(r) for r in projects.itertuples()],
            t("province", lang): projects["province"].map(place_en) if en else projects["province"],
            t("proj_applicant", lang): projects["applicant"].map(lambda a: f"{a} ({places_en(a)})" if en and a else a),
            t("proj_instrument", lang): projects["programme"],
            t("source", lang): projects["source"],
        }
    )


ZONE = "国家地理标志产品保护示范区"


def zone_en(name: str) -> str:
    """乳山牡蛎国家地理标志产品保护示范区 → '乳山牡蛎 (Rushanmuli) national GI product protection
    demonstration zone'."""
    place = name.replace(ZONE, "").strip("()（） ")
    return f"{place} ({places_en(place)}) national GI product protection demonstration zone" if place else name


def demo_zones_view(zones: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Demonstration zone candidates for display, with whether each can be among the 24 of Oct 2020; the year as
    stated in the reader's language (the English note where no Chinese one is given)."""
    en = lang == "en"
    blank = zones["year_stated_zh"].fillna("").str.strip() == ""
    chinese = zones["year_stated_zh"].mask(blank, zones["year_stated"])
    return pd.DataFrame(
        {
            t("zone_name", lang): zones["name_zh"].map(zone_en) if en else zones["name_zh"],
            t("province", lang): zones["province"].map(place_en) if en else zones["province"],
            t("zone_year", lang): zones["year_stated"] if en else chinese,
            t("zone_among", lang, n=figure_number("gi_demonstration_zones")): zones["among_24"].map(
                lambda v: t(f"zone_{v}", lang)
            ),
            t("source", lang): zones["source"],
        }
    )


def official_total_text(row, total: int | None, lang: str) -> str:
    """A dataset's official total as the Data page lists it (`row`: of `data.coverage()`), naming what it counts when
    that is narrower than the table: the GI table's 2,385 counts only its protection products, not its 3,622 rows."""
    if total is None:
        return ""
    counted, whole = (row.counted_en, row.label_en) if lang == "en" else (row.counted_zh, row.label_zh)
    if counted == whole:
        return f"{total:,}"
    return f"{total:,} ({counted})" if lang == "en" else f"{total:,}（{counted}）"
