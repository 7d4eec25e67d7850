"""The dashboard's datasets: one spec each (file, columns, key, the official total it covers)."""

from __future__ import annotations

from ipaid.schema import GI_CATEGORIES, GI_TYPES, Column, TableSpec

PLACE_LEVELS = ("county", "prefecture", "province")  # where a GI's county_adcodes come from; empty: not placed

AREA_IDS = (
    "liupan",
    "qinba",
    "wuling",
    "wumeng",
    "dianguiqian",
    "dianxi",
    "daxinganling",
    "yanshan_taihang",
    "lvliang",
    "dabie",
    "luoxiao",
    "tibet",
    "four_province_tibetan",
    "south_xinjiang",
)

COUNTIES = TableSpec(
    "counties",
    "counties.csv",
    (
        Column("adcode_listed", "code6", province_in="province"),
        Column("name_listed"),
        Column("boundary_adcode", "code6", ref="county", province_in="province"),
        Column("boundary_name"),
        Column("province", ref="province"),
        Column("prefecture", required=False),
        Column("region", choices=("east", "central", "west")),
        Column("exit_year", "int", low=2016, high=2020),
        Column("note", required=False),
        Column("note_zh", required=False),  # the note in Chinese, for Chinese pages
        Column("source"),
    ),
    key="adcode_listed",
    total_figure="national_poverty_counties",
    rows=832,
    label={"en": "National poverty counties", "zh": "国家级贫困县"},
)

AREAS = TableSpec(
    "areas",
    "areas.csv",
    (
        Column("area_id", choices=AREA_IDS),
        Column("name_zh"),
        Column("name_en"),
        Column("provinces_zh"),
        Column("county_count", "int", low=1, high=200),
        Column("source"),
    ),
    key="area_id",
    label={"en": "Contiguous poverty-stricken areas", "zh": "集中连片特困地区"},
)

AREA_MEMBERS = TableSpec(
    "area_members",
    "area_members.csv",
    (
        Column("adcode_listed", "code6", province_in="province"),
        Column("name_listed"),
        Column("province", ref="province"),
        Column("area_id", choices=AREA_IDS),
        Column("source"),
    ),
    key="adcode_listed",
    total_figure="contiguous_area_counties",
    label={"en": "Counties of the contiguous areas", "zh": "连片特困地区县"},
)

FIGURES = TableSpec(
    "figures",
    "figures.csv",
    (
        Column("figure"),
        Column("value", "int", low=0),
        Column("unit"),
        Column("qualifier", choices=("exact", "more_than")),
        Column("as_of"),
        Column("source"),
    ),
    key="figure",
    label={"en": "Headline figures", "zh": "主要数据"},
)

DESIGNATED = TableSpec(
    "designated",
    "designated_counties.csv",
    (
        Column("adcode_listed", "code6", province_in="province"),
        Column("name_zh"),
        Column("name_en"),
        Column("province", ref="province"),
        Column("designated_since", "int", low=1980, high=2030),
        Column("exit_year", "int", low=2016, high=2020),
        Column("flagship_gi_zh"),
        Column("flagship_gi_en"),
        Column("highlight_en"),
        Column("highlight_zh"),
        Column("source"),
    ),
    key="adcode_listed",
    label={"en": "CNIPA's designated counties", "zh": "国家知识产权局定点扶贫县"},
)

GIS = TableSpec(
    "gis",
    "gi_products.csv",
    (
        Column("gi_id"),
        Column("name_zh"),
        Column("name_en", required=False),
        Column("gi_type", required=False, choices=GI_TYPES),
        Column("category", required=False, choices=GI_CATEGORIES),
        Column("province", ref="province"),
        Column("county_adcodes", "codes", required=False, ref="county"),
        Column("year_approved", "int", required=False, low=1985, high=2030),
        Column("register_ref", required=False),
        Column("source"),
        Column("holder", required=False, absent_ok=True),
        Column("category_source", required=False, absent_ok=True),
        Column("place_level", required=False, absent_ok=True, choices=PLACE_LEVELS),
        Column("place_note", required=False, absent_ok=True),
    ),
    key="gi_id",
    total_figure="gi_protection_products",
    counted=("gi_type", "gi_protection_product"),
    counted_until=("year_approved", 2020),
    label={"en": "Geographical indications", "zh": "地理标志"},
    counted_label={"en": "GI protection products", "zh": "地理标志保护产品"},
)

TISC = TableSpec(
    "tisc",
    "tisc_centres.csv",
    (
        Column("tisc_id"),
        Column("institution_zh"),
        Column("institution_en", required=False),
        Column("city_zh", required=False),
        Column("province_zh", required=False, ref="province"),
        Column("batch", required=False),
        Column("year", "int", required=False, low=2017, high=2030),
        Column("source"),
        Column("certainty", required=False, absent_ok=True, choices=("confirmed", "probable")),
    ),
    key="tisc_id",
    total_figure="tisc_centres",
    counted=("certainty", "confirmed"),
    label={"en": "Technology and Innovation Support Centers", "zh": "技术与创新支持中心"},
)

PRESS_FACTS = TableSpec(
    "press_facts",
    "press_facts.csv",
    (
        Column("fact_id"),
        Column("topic", choices=("information", "system", "industry", "projects")),
        Column("text_zh", required=False),
        Column("text_en"),
        Column("value", required=False),
        Column("unit", required=False),
        Column("date", required=False),
        Column("source"),
    ),
    key="fact_id",
    label={"en": "Press conference facts", "zh": "发布会要点"},
)

DEMO_ZONES = TableSpec(
    "demo_zones",
    "gi_demo_zones.csv",
    (
        Column("zone_id"),
        Column("name_zh"),
        Column("province", ref="province"),
        Column("place", required=False),
        Column("year_stated", required=False),
        Column("year_stated_zh", required=False),  # the same note in Chinese (the project's wording)
        Column("among_24", choices=("likely", "unknown", "no")),
        Column("status_stated", required=False),
        Column("source"),
    ),
    key="zone_id",
    total_figure="gi_demonstration_zones",
    counted=("among_24", "likely"),
    label={"en": "GI product protection demonstration zones", "zh": "地理标志产品保护示范区"},
)

PROJECTS = TableSpec(
    "projects",
    "gi_projects.csv",
    (
        Column("project_id"),
        Column("year", "int", low=2019, high=2020),
        Column("level", choices=("programme", "project")),
        Column("gi_name", required=False),
        Column("province", required=False, ref="province"),
        Column("applicant", required=False),
        Column("programme"),
        Column("projects_stated", "int", required=False, low=1),
        Column("gis_stated", "int", required=False, low=1),
        Column("note", required=False),
        Column("source"),
    ),
    key="project_id",
    total_figure="gi_promotion_projects",
    counted=("level", "project"),
    label={"en": "GI promotion projects (named)", "zh": "地理标志运用促进工程项目（已点名）"},
)

ALL = {
    spec.name: spec
    for spec in (COUNTIES, AREAS, AREA_MEMBERS, FIGURES, DESIGNATED, GIS, TISC, PRESS_FACTS, DEMO_ZONES, PROJECTS)
}
# Tables an official may replace with an uploaded version (Data page).
UPLOADABLE = ("gis", "counties", "area_members")
