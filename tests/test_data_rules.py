"""Rules every row of the shipped tables keeps (the data audit of December 2026, data/SOURCES.md): a GI lies in
its province, is listed once, has the year of its announcement; members and designated counties are the county
list's own rows; every source gives an address or a document SOURCES.md lists; the quoted figures are the
official totals. Each rule returns the rows that break it, and is also run on a copy with one row broken."""

from __future__ import annotations

import datetime
import re

import pandas as pd
import pytest

from ipaid import data
from ipaid.admin_index import county_index
from ipaid.gi_place import place_holder
from ipaid.import_gi import REGISTER_CATEGORY
from ipaid.paths import DATA_DIR

# The official totals (CPAD county lists; CNIPA at the press conference of 26 Nov 2020), as figures.csv names them.
OFFICIAL = {
    "national_poverty_counties": 832,
    "key_counties_for_poverty_alleviation": 592,
    "contiguous_area_counties": 680,
    "key_and_contiguous_overlap": 440,
    "exited_2016": 28,
    "exited_2017": 125,
    "exited_2018": 283,
    "exited_2019": 344,
    "exited_2020": 52,
    "gi_protection_products": 2385,
    "gi_trademarks": 5935,
    "gi_mark_enterprises": 9224,
    "gi_demonstration_zones": 24,
    "tisc_centres": 51,
    "gi_promotion_projects": 21,
    "gi_project_counties": 43,
    "gi_project_provinces": 17,
    "gi_project_gis": 32,
    "gi_guiding_funds": 10_000_000,
    "local_government_investment": 120_000_000,
    "gi_industry_output": 21_000_000_000,
    "related_industry_output": 4_000_000_000,
    "people_driven_out_of_poverty": 600_000,
}
MORE_THAN = {"gi_guiding_funds", "local_government_investment", "gi_industry_output", "people_driven_out_of_poverty"}
# Press facts that restate a figure of the same conference.
PRESS_FIGURES = {
    "PF002": "tisc_centres",
    "PF004": "gi_protection_products",
    "PF005": "gi_trademarks",
    "PF006": "gi_mark_enterprises",
    "PF007": "gi_demonstration_zones",
    "PF014": "gi_promotion_projects",
    "PF015": "gi_guiding_funds",
    "PF016": "gi_project_counties",
    "PF017": "gi_project_provinces",
    "PF018": "gi_project_gis",
    "PF019": "local_government_investment",
    "PF020": "gi_industry_output",
    "PF021": "related_industry_output",
    "PF022": "people_driven_out_of_poverty",
}
UNIT_WORD = r"(县|市|区|旗|行委|林区|特区)$"
# Press facts that state a designated county's exit year.
EXIT_FACTS = {"PF027": "430822", "PF045": "130709"}
SOURCED = ("counties", "areas", "area_members", "figures", "designated", "gis", "tisc", "press_facts")
SOURCED += ("projects", "demo_zones")


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return {name: data.load_table(name).copy() for name in SOURCED}


def listed_documents() -> list[str]:
    """The documents SOURCES.md lists under "Sources without a web address" (each up to its first " (")."""
    text = (DATA_DIR / "SOURCES.md").read_text(encoding="utf-8")
    section = text.split("## Sources without a web address", 1)[1].split("\n## ", 1)[0]
    return [line[2:].split(" (")[0].strip() for line in section.splitlines() if line.startswith("- ")]


def _codes(cell) -> list[str]:
    return [c for c in str(cell).split(";") if c and c != "nan"] if pd.notna(cell) else []


def gi_counties_outside_province(t) -> list[str]:
    idx = county_index().set_index("adcode")["province"]
    return [
        f"{r.gi_id} {r.name_zh}: {code}"
        for r in t["gis"].itertuples()
        for code in _codes(r.county_adcodes)
        if idx.get(code) != r.province
    ]


def gis_listed_twice(t) -> list[str]:
    """The same GI twice: equal names once an alias in brackets is dropped, within a type and province; or a
    name garbled in a copy (a "?" or replacement character where a character could not be read)."""
    gis = t["gis"]
    stem = gis["name_zh"].str.replace(r"[（(].*?[)）]", "", regex=True).str.strip()
    twice = gis[pd.DataFrame({"s": stem, "t": gis["gi_type"], "p": gis["province"]}).duplicated(keep=False)]
    garbled = gis[gis["name_zh"].str.contains(r"[?？\ufffd]", regex=True)]
    return [f"{r.gi_id} {r.name_zh}" for r in pd.concat([twice, garbled]).itertuples()]


# CNIPA's wording since its 2024 Measures (地理标志产品保护办法): it "认定" a GI product; AQSIQ and CNIPA before
# "批准…实施地理标志产品保护". A source in this wording dates the product after the 2,385 of Oct 2020.
CNIPA_RECOGNISED = re.compile(r"国家知识产权局[^|]*认定")


def gi_years_off(t) -> list[str]:
    """Years in 1980..this year; a register GI in the register's 2008–2020; a protection product in the year of
    its announcement number (…2017年第117号…); an AGI certificate number in its year (AGI2012-02-869); a protection
    product its source says CNIPA 认定 (recognised) after 2020, with that year (without one it counts towards the
    2,385 of Oct 2020)."""
    out = []
    last = datetime.date.today().year
    for r in t["gis"].itertuples():
        recognised = r.gi_type == "gi_protection_product" and CNIPA_RECOGNISED.search(str(r.source))
        if recognised and (pd.isna(r.year_approved) or int(r.year_approved) <= 2020):
            out.append(f"{r.gi_id} {r.name_zh}: {r.year_approved}, recognised by CNIPA after 2020")
            continue
        if pd.isna(r.year_approved):
            continue
        year = int(r.year_approved)
        ref = str(r.register_ref) if pd.notna(r.register_ref) else ""
        stated = re.search(r"(\d{4})年[(（]?第", ref) or re.search(r"AGI(\d{4})-", ref)
        if not 1980 <= year <= last:
            out.append(f"{r.gi_id} {r.name_zh}: {year}")
        elif r.gi_type == "agri_product_gi" and "xinru-han/paper" in str(r.source) and not 2008 <= year <= 2020:
            out.append(f"{r.gi_id} {r.name_zh}: {year} outside the register's 2008-2020")
        elif stated and int(stated.group(1)) != year:
            out.append(f"{r.gi_id} {r.name_zh}: {year}, announcement {stated.group(0)}")
    return out


def gi_categories_off(t) -> list[str]:
    """A register GI has the category its register category maps to (食用菌 → other, 蔬菜 → vegetable …); the same
    product under another type (same name and province) has that category too."""
    gis = t["gis"]
    stem = gis["name_zh"].str.replace(r"[（(].*?[)）]", "", regex=True).str.strip() + "|" + gis["province"]
    register = gis[(gis["gi_type"] == "agri_product_gi") & gis["category_source"].notna()]
    mapped = register["category_source"].map(REGISTER_CATEGORY)
    out = [
        f"{gis.at[i, 'gi_id']} {gis.at[i, 'name_zh']}: {gis.at[i, 'category']}"
        for i in mapped.index[mapped != register["category"]]
    ]
    by_product = dict(zip(stem[register.index], mapped))
    return out + [
        f"{r.gi_id} {r.name_zh} ({r.gi_type}): {r.category}, register {by_product[s]}"
        for r, s in zip(gis.itertuples(), stem)
        if r.gi_type != "agri_product_gi" and s in by_product and r.category != by_product[s]
    ]


def gi_placements_stale(t) -> list[str]:
    """A register GI placed by its certificate holder (or left unplaced for it) is where the holder places it today:
    a county listed under its 2012 name (林芝县, today 巴宜区) places the holders that still use that name."""
    out = []
    for r in t["gis"].itertuples():
        note = str(r.place_note)
        if r.gi_type != "agri_product_gi" or not note.startswith(("certificate holder", "not placed: the holder")):
            continue
        found = place_holder(r.holder, r.province)
        codes = ";".join(found.adcodes) if found.level == "county" else ""
        if found.level != (r.place_level if pd.notna(r.place_level) else "") or codes != ";".join(
            _codes(r.county_adcodes)
        ):
            out.append(f"{r.gi_id} {r.name_zh}: holder {r.holder} places it on {found.level} {codes}")
    return out


def flagship_names_off(t) -> list[str]:
    """A designated county's flagship GI has, in the GI table, the English name the designated table gives it (the
    page shows the GI table's: 崇礼蚕豆 read 'Chongli Candou' beside highlights about 'Chongli broad bean')."""
    gis = t["gis"]
    return [
        f"{r.gi_id} {r.name_zh}: {r.name_en}"
        for d in t["designated"].itertuples()
        for r in gis[gis["name_zh"] == d.flagship_gi_zh].itertuples()
        if str(r.name_en).lower() != d.flagship_gi_en.lower()
    ]


def placements_left_open(t) -> list[str]:
    """A GI's placement note states where it is placed or why not, never a question: 户县葡萄 and 户县黄酒 stayed
    unplaced as "area code 610125 (…renamed since?)" although 户县 is 鄠邑区 610118 with the same area."""
    return [f"{r.gi_id} {r.name_zh}: {r.place_note}" for r in t["gis"].itertuples() if str(r.place_note).endswith("?)")]


def designated_years_unsourced(t) -> list[str]:
    """A designated county's 'designated since' is a press fact's year for that county (PF026: Sangzhi, 1994), or
    its row says that no source read states it (Chongli's 2007), rather than being shown as if sourced."""
    facts = t["press_facts"][t["press_facts"]["unit"] == "year designated"]
    out = []
    for r in t["designated"].itertuples():
        stem = r.name_zh[:2]
        stated = any(
            int(float(f.value)) == int(r.designated_since) and stem in str(f.text_zh) for f in facts.itertuples()
        )
        if not stated and "not stated" not in r.source:
            out.append(f"{r.name_zh}: {r.designated_since}")
    return out


def designated_gi_names_unsourced(t) -> list[str]:
    """Every GI placed on a designated county (the GIs its page lists beside the press facts' English) has an English
    name its source list tags "name_en:", not a pinyin reading: 桑植魔芋 read 'Sangzhi Moyu' and 桑植萝卜 'Sangzhi
    Luobo' under facts about Sangzhi konjac and radish."""
    gis = t["gis"]
    codes = set(t["designated"]["adcode_listed"])
    return [
        f"{r.gi_id} {r.name_zh}: {r.name_en}"
        for r in gis.itertuples()
        if codes & set(_codes(r.county_adcodes)) and "name_en:" not in str(r.source)
    ]


def rows_unlike_the_county_list(t) -> list[str]:
    """Area members and designated counties carry the county list's name, province (and exit year) for their code;
    the press facts on Sangzhi's and Chongli's exit give the county list's year."""
    counties = t["counties"].set_index("adcode_listed")
    out = []
    for table, name_col, cols in (
        ("area_members", "name_listed", ("province",)),
        ("designated", "name_zh", ("province", "exit_year")),
    ):
        for r in t[table].to_dict("records"):
            code = r["adcode_listed"]
            if code not in counties.index:
                out.append(f"{table} {code}: not in the county list")
                continue
            row = counties.loc[code]
            if r[name_col] != row["name_listed"] or any(r[c] != row[c] for c in cols):
                out.append(f"{table} {code} {r[name_col]}")
    facts = t["press_facts"].set_index("fact_id")["value"]
    out += [
        f"{fact}: {facts[fact]}"
        for fact, code in EXIT_FACTS.items()
        if int(facts[fact]) != counties.at[code, "exit_year"]
    ]
    return out


def counties_off(t) -> list[str]:
    """Exit years 2016–2020; a name with its unit word (县, 市, 区, 旗 …); one region per province (the official
    statistics group whole provinces)."""
    c = t["counties"]
    out = [
        f"{r.adcode_listed} {r.name_listed}: {r.exit_year}" for r in c.itertuples() if not 2016 <= r.exit_year <= 2020
    ]
    out += [f"{r.adcode_listed} {r.name_listed}" for r in c.itertuples() if not re.search(UNIT_WORD, r.name_listed)]
    regions = c.groupby("province")["region"].nunique()
    return out + [f"{p}: several regions" for p in regions[regions > 1].index]


def unlisted_sources(t) -> list[str]:
    docs = listed_documents()
    out = []
    for name, table in t.items():
        for i, source in table["source"].items():
            s = "" if pd.isna(source) else str(source)
            if not re.search(r"https?://|github:", s) and not any(d in s for d in docs):
                out.append(f"{name} line {i + 2}: {s[:60]!r}")
    return out


def figures_off(t) -> list[str]:
    f = t["figures"].set_index("figure")
    out = [name for name, value in OFFICIAL.items() if name not in f.index or int(f.at[name, "value"]) != value]
    out += [
        name for name in OFFICIAL if name in f.index and (f.at[name, "qualifier"] == "more_than") != (name in MORE_THAN)
    ]
    facts = t["press_facts"].set_index("fact_id")
    for fact, name in PRESS_FIGURES.items():
        text = str(facts.at[fact, "text_en"]).lower()
        if float(facts.at[fact, "value"]) != OFFICIAL[name] or ("more than" in text) != (name in MORE_THAN):
            out.append(f"{fact} restates {name}")
    return out


def projects_and_zones_off(t) -> list[str]:
    """Programme counts add up to the official 21; a named project's GI is in its province where the GI table
    lists it; a zone stated as of 2021 or later is not among the 24 of Oct 2020; TISCs among the 51 are of ≤ 2020."""
    p, gis = t["projects"], t["gis"]
    out = []
    if p.loc[p.level == "programme", "projects_stated"].sum() != OFFICIAL["gi_promotion_projects"]:
        out.append("projects_stated does not add up to 21")
    provinces = gis.groupby("name_zh")["province"].agg(set)
    for r in p[p.level == "project"].itertuples():
        if r.gi_name in provinces.index and r.province not in provinces[r.gi_name]:
            out.append(f"{r.project_id} {r.gi_name}: {r.province}")
    z = t["demo_zones"]
    late = z[z["year_stated"].str.match(r"20(2[1-9]|[3-9]\d)") & (z["among_24"] != "no")]
    out += [f"{r.zone_id} {r.name_zh}" for r in late.itertuples()]
    if (z["among_24"] != "no").sum() > OFFICIAL["gi_demonstration_zones"]:
        out.append("more zones among the 24 than 24")
    tisc = t["tisc"]
    out += [f"{r.tisc_id}: {r.year}" for r in tisc.itertuples() if pd.notna(r.year) and r.year > 2020]
    return out


RULES = {
    f.__name__: f
    for f in (
        gi_counties_outside_province,
        gis_listed_twice,
        gi_years_off,
        gi_categories_off,
        gi_placements_stale,
        flagship_names_off,
        placements_left_open,
        designated_years_unsourced,
        designated_gi_names_unsourced,
        rows_unlike_the_county_list,
        counties_off,
        unlisted_sources,
        figures_off,
        projects_and_zones_off,
    )
}


@pytest.mark.parametrize("rule", RULES)
def test_the_shipped_tables_keep_the_rule(tables, rule):
    assert RULES[rule](tables) == []


def _set(t, table, where, col, value):
    frame = t[table]
    frame.loc[frame.index[where(frame)][0], col] = value


# One broken row per rule (what a careless edit or import would do), each must be reported.
BREAKS = {
    "gi_counties_outside_province": lambda t: _set(t, "gis", lambda g: g.name_zh == "桑植白茶", "province", "湖北省"),
    "gis_listed_twice": lambda t: _set(t, "gis", lambda g: g.gi_id == "GI0015", "name_zh", "龙?绿豆粉丝"),
    "gi_years_off": lambda t: _set(t, "gis", lambda g: g.gi_id == "GI0024", "year_approved", 2018),
    "gi_categories_off": lambda t: _set(t, "gis", lambda g: g.gi_id == "GI0041", "category", "grain_oil"),
    "gi_placements_stale": lambda t: _set(t, "gis", lambda g: g.gi_id == "GI2108", "county_adcodes", pd.NA),
    "flagship_names_off": lambda t: _set(t, "gis", lambda g: g.gi_id == "GI0041", "name_en", "Chongli Candou"),
    "placements_left_open": lambda t: _set(t, "gis", lambda g: g.gi_id == "GI3588", "place_note", "renamed since?)"),
    "designated_years_unsourced": lambda t: _set(
        t, "designated", lambda d: d.name_zh == "桑植县", "designated_since", 1995
    ),
    "designated_gi_names_unsourced": lambda t: _set(t, "gis", lambda g: g.gi_id == "GI0005", "source", "a news item"),
    "rows_unlike_the_county_list": lambda t: _set(t, "designated", lambda d: d.name_zh == "桑植县", "exit_year", 2020),
    "counties_off": lambda t: _set(t, "counties", lambda c: c.name_listed == "兰考县", "region", "west"),
    "unlisted_sources": lambda t: _set(t, "area_members", lambda m: m.index >= 0, "source", "a news item"),
    "figures_off": lambda t: _set(t, "press_facts", lambda p: p.fact_id == "PF016", "value", "42"),
    "projects_and_zones_off": lambda t: _set(t, "demo_zones", lambda z: z.zone_id == "GZ05", "among_24", "likely"),
}


@pytest.mark.parametrize("rule", RULES)
def test_a_broken_row_is_reported(tables, rule):
    broken = {name: frame.copy() for name, frame in tables.items()}
    BREAKS[rule](broken)
    assert len(RULES[rule](broken)) == 1


def test_the_audit_fixes_hold(tables):
    """The rows the audit corrected (data/SOURCES.md, "Data audit") stay corrected."""
    gis = tables["gis"].set_index("gi_id")
    assert "GI3558" not in gis.index and "GI3569" not in gis.index
    assert (gis.at["GI0307", "name_zh"], gis.at["GI0307", "county_adcodes"]) == ("凤县大红袍花椒", "610330")
    assert "610703" in _codes(gis.at["GI0188", "county_adcodes"])  # 南郑县 of the 汉中仙毫 announcement


def test_a_gi_recognised_by_cnipa_is_not_dated_before_2021(tables):
    """永德诃子 and three more were recognised by CNIPA's announcement 637 (2025): without their year they were
    counted among the 2,385 protection products of Oct 2020."""
    gis = tables["gis"].set_index("gi_id")
    assert (gis.at["GI0244", "name_zh"], gis.at["GI0244", "year_approved"]) == ("永德诃子", 2025)
    broken = {name: frame.copy() for name, frame in tables.items()}
    _set(broken, "gis", lambda g: g.gi_id == "GI0245", "year_approved", pd.NA)
    assert gi_years_off(broken) == ["GI0245 巧家小碗红糖: <NA>, recognised by CNIPA after 2020"]


def test_counties_renamed_since_2012_carry_the_listed_name():
    """The 2012 list predates these renamings (data/SOURCES.md): the county list keeps the listed name, as for
    崇礼县 → 崇礼区, and the area list follows it."""
    counties = data.load_table("counties").set_index("adcode_listed")
    renamed = {"540402": ("林芝县", "巴宜区"), "540302": ("昌都县", "卡若区"), "540202": ("日喀则市", "桑珠孜区")}
    renamed["510811"] = ("元坝区", "昭化区")
    for code, (listed, today) in renamed.items():
        assert (counties.at[code, "name_listed"], counties.at[code, "boundary_name"]) == (listed, today)


def test_edible_fungi_are_one_category_across_gi_types(tables):
    """The register files 黑木耳, 香菇 and 竹荪 as 食用菌: the dashboard's edible fungi, whatever the GI type (they were
    "other" beside honey and tobacco, and five protection products "vegetable"); medicinal fungi filed as herbal
    medicine (灵芝, 茯苓) are left so."""
    gis = tables["gis"]
    fungi = gis[gis["name_zh"].str.contains("木耳|银耳|香菇|竹荪|牛肝菌|猴头菇")]
    assert len(fungi) > 50 and set(fungi["gi_type"]) > {"agri_product_gi"}
    assert set(fungi["category"]) - {"edible_fungi"} <= {"vegetable"}  # only where the register says 蔬菜
    assert (fungi.loc[fungi["category"] == "vegetable", "category_source"] == "蔬菜").all()
    assert (gis.loc[gis["category_source"] == "食用菌", "category"] == "edible_fungi").all()
