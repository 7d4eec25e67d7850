"""What a printed brief says about a county, a contiguous area or a province: plain data, no layout."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ipaid import data
from ipaid.admin_index import county_index
from ipaid.figures import gi_coverage_line
from ipaid.filters import covers
from ipaid.i18n import GI_TYPE, exit_counts, label, listing, source_text, t
from ipaid.names import county_name, place_en
from ipaid.static_map import SOURCE as MAP_SOURCE


class BriefError(LookupError):
    """An unknown county, area or province; the message is in the reader's language."""


@dataclass
class Brief:
    kind: str  # county, area or province
    code: str
    title: str
    subtitle: str
    facts: list[tuple[str, str]]
    place: set[str]  # boundary adcodes drawn as the place
    provinces: list[str]
    place_label: str  # the map legend's name for the place
    gis: pd.DataFrame
    press: list[tuple[str, str]] = field(default_factory=list)  # (statement, source)
    counties: list[str] = field(default_factory=list)  # the poverty counties of an area or a province, named
    notes: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


def _names(lang: str, zh: str, en: str) -> tuple[str, str]:
    """(name in the reader's language, name in the other one)."""
    return (en, zh) if lang == "en" else (zh, en)


def _province(name: str, lang: str) -> str:
    return place_en(name) if lang == "en" else name


def _named(counties: pd.DataFrame, lang: str) -> list[str]:
    return [county_name(a, b, lang) for a, b in zip(counties["name_listed"], counties["boundary_name"])]


def _exit_years(members: pd.DataFrame, lang: str) -> str:
    counts = members["exit_year"].dropna().astype(int).value_counts().sort_index()
    return exit_counts(counts.items(), lang) or "—"


def _gis_of(codes) -> pd.DataFrame:
    gis = data.load_gis()
    own = gis[covers(gis, codes)]
    return own.sort_values(["year_approved", "name_zh"], na_position="last", kind="stable")


def gi_types(gis: pd.DataFrame, lang: str) -> str:
    counts = gis["gi_type"].value_counts()
    return listing((f"{label(GI_TYPE, k, lang)} {n}" for k, n in counts.items()), lang)


def _statement(row, lang: str) -> str:
    """A press fact in the reader's language; quoted from the other language when it has only that."""
    text = row.text_en if lang == "en" else row.text_zh
    if text:
        return text
    other = t("ui_other_language", lang)
    return t("quoted_in", lang, other=other) + (row.text_zh if lang == "en" else row.text_en)


def _designated_lines(codes, lang: str) -> list[tuple[str, str]]:
    """CNIPA's summary for each designated county among `codes` (listed adcodes)."""
    designated = data.load_designated()
    rows = designated[designated["adcode_listed"].isin(set(codes))]
    en = lang == "en"
    return [
        (
            t("brief_named", lang, name=r.name_en if en else r.name_zh, text=r.highlight_en if en else r.highlight_zh),
            source_text(r.source, lang),
        )
        for r in rows.itertuples()
    ]


def _common_notes(lang: str) -> list[str]:
    members = len(data.load_area_members())
    total = int(data.figure("contiguous_area_counties")["value"])
    return [t("coverage_areas", lang, n=members, total=total), gi_coverage_line(lang), t("brief_gis_placed", lang)]


def _common_sources(lang: str, *extra: str) -> list[str]:
    return [*extra, t("brief_src_gis", lang), MAP_SOURCE[lang]]


def county_content(code: str, lang: str) -> Brief:
    """A poverty county by its listed (2012) or today's adcode."""
    counties = data.load_counties()
    hit = counties[(counties["adcode_listed"] == code) | (counties["boundary_adcode"] == code)]
    if hit.empty:
        raise BriefError(t("brief_unknown_county", lang, code=code))
    row = hit.iloc[0]
    listed = row["adcode_listed"]
    other_lang = "zh" if lang == "en" else "en"
    name = county_name(row["name_listed"], row["boundary_name"], lang)
    area = (row["area_en"] if lang == "en" else row["area_zh"]) or t("area_unknown", lang)
    codes = (
        listed
        if row["boundary_adcode"] == listed
        else t("brief_code_today", lang, listed=listed, today=row["boundary_adcode"])
    )
    facts = [
        (t("brief_code", lang), codes),
        (t("province", lang), _province(row["province"], lang)),
        (t("prefecture", lang), (place_en(row["prefecture"]) if lang == "en" else row["prefecture"]) or "—"),
        (t("area", lang), area),
        (t("brief_status", lang), t("poverty_in_area" if row["area_id"] else "poverty_outside", lang)),
        (t("exit_year", lang), str(int(row["exit_year"]))),
    ]
    designated = data.load_designated().set_index("adcode_listed")
    press = []
    if listed in designated.index:
        d = designated.loc[listed]
        facts.append((t("designated_since", lang), str(int(d["designated_since"]))))
        press = _designated_lines([listed], lang)
        about = data.facts_naming(data.load_press_facts(), d["name_zh"], d["name_en"])
        press += [(_statement(r, lang), r.source) for r in about.itertuples()]
    members = data.load_area_members()
    member = members[members["adcode_listed"] == listed]
    notes = [t("brief_county_area", lang, area=area), *_common_notes(lang)]
    extra = [t("brief_src_counties", lang, s=source_text(row["source"], lang))]
    if len(member):
        extra.append(t("brief_src_members", lang, s=member["source"].iloc[0]))
    return Brief(
        kind="county",
        code=listed,
        title=name,
        subtitle=county_name(row["name_listed"], row["boundary_name"], other_lang),
        facts=facts,
        place={row["boundary_adcode"]},
        provinces=[row["province"]],
        place_label=t("brief_this_county", lang),
        gis=_gis_of([row["boundary_adcode"]]),
        press=press,
        notes=notes,
        sources=_common_sources(lang, *extra),
    )


def find_area(area: str, lang: str) -> pd.Series:
    """An area by its id (`wuling`) or its Chinese or English name."""
    areas = data.load_areas()
    hit = areas[
        (areas["area_id"] == area) | (areas["name_zh"] == area) | (areas["name_en"].str.lower() == area.lower())
    ]
    if hit.empty:
        raise BriefError(t("brief_unknown_area", lang, code=area))
    return hit.iloc[0]


def area_content(area: str, lang: str) -> Brief:
    row = find_area(area, lang)
    counties = data.load_counties()
    members = counties[counties["area_id"] == row["area_id"]]
    title, subtitle = _names(lang, row["name_zh"], row["name_en"])
    provinces = row["provinces_zh"].split(";")
    official = int(row["county_count"])
    gis = _gis_of(members["boundary_adcode"])
    facts = [
        (t("brief_area_codes", lang), row["area_id"]),
        (t("provinces", lang), listing((_province(p, lang) for p in provinces), lang)),
        (t("official_count", lang), str(official)),
        (t("members_loaded", lang), str(len(members))),
        (t("brief_exit_years", lang), _exit_years(members, lang)),
        (t("brief_gis_poor", lang), str(len(gis))),  # not all GIs of the place (the GI page's count)
    ]
    notes = [t("membership_partial", lang, n=len(members), total=official)] if len(members) < official else []
    return Brief(
        kind="area",
        code=row["area_id"],
        title=title,
        subtitle=subtitle,
        facts=facts,
        place=set(members["boundary_adcode"]),
        provinces=provinces,
        place_label=t("brief_this_area", lang),
        gis=gis,
        press=_designated_lines(members["adcode_listed"], lang),
        counties=_named(members, lang),
        notes=notes + _common_notes(lang),
        sources=_common_sources(
            lang,
            t("brief_src_areas", lang, s=source_text(row["source"], lang)),
            t("brief_src_members", lang, s="data/area_members.csv"),
        ),
    )


def find_province(name: str, lang: str) -> str:
    """A province by its Chinese or English name (`湖南省`, `湖南`, `Hunan`)."""
    provinces = sorted(county_index()["province"].unique())
    key = name.strip().lower()
    for p in provinces:
        if key in (p, p.lower(), place_en(p).lower()) or (len(key) >= 2 and p.startswith(name.strip())):
            return p
    raise BriefError(t("brief_unknown_province", lang, code=name))


def province_content(name: str, lang: str) -> Brief:
    province = find_province(name, lang)
    counties = data.load_counties()
    poor = counties[counties["province"] == province]
    title, subtitle = _names(lang, province, place_en(province))
    gis = _gis_of(poor["boundary_adcode"])
    areas = poor[poor["area_id"] != ""].groupby("area_en" if lang == "en" else "area_zh").size()
    code = county_index().loc[lambda x: x["province"] == province, "adcode"].iloc[0][:2] + "0000"
    facts = [
        (t("brief_code", lang), code),
        (t("brief_poverty_counties", lang), str(len(poor))),
        (t("brief_in_areas", lang), listing((f"{a} {n}" for a, n in areas.items()), lang) or "—"),
        (t("brief_exit_years", lang), _exit_years(poor, lang)),
        (t("brief_gis_poor", lang), str(len(gis))),  # not all GIs of the place (the GI page's count)
    ]
    return Brief(
        kind="province",
        code=code,
        title=title,
        subtitle=subtitle,
        facts=facts,
        place=set(poor["boundary_adcode"]),
        provinces=[province],
        place_label=t("brief_this_province", lang),
        gis=gis,
        press=_designated_lines(poor["adcode_listed"], lang),
        counties=_named(poor, lang),
        notes=_common_notes(lang),
        sources=_common_sources(
            lang, t("brief_src_counties", lang, s=source_text(poor["source"].iloc[0], lang) if len(poor) else "—")
        ),
    )
