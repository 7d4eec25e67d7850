"""Headline figures as text: value with its unit and 'more than' qualifier, in either language."""

from __future__ import annotations

import pandas as pd

from ipaid.i18n import GI_TYPE, label, listing, source_text, t

UNITS_ZH = {
    "counties": "个县",
    "products": "个",
    "trademarks": "件",
    "enterprises": "家",
    "zones": "个",
    "centres": "家",
    "projects": "个",
    "provinces": "个省份",
    "geographical indications": "个",
    "yuan": "元",
    "people": "人",
}
LABELS = {  # figure: (English, 中文)
    "national_poverty_counties": (
        "National poverty counties, all out of poverty by Nov 2020",
        "国家级贫困县，2020年11月全部摘帽",
    ),
    "key_counties_for_poverty_alleviation": ("Key counties for poverty alleviation", "国家扶贫开发工作重点县"),
    "contiguous_area_counties": ("Counties in the 14 contiguous areas", "14个连片特困地区县"),
    "gi_protection_products": ("GI protection products approved", "累计批准地理标志保护产品"),
    "gi_trademarks": ("GI trademarks registered", "累计注册地理标志商标"),
    "agri_product_gis_2008_2022": ("Agricultural-product GIs registered 2008–2022", "2008—2022年登记农产品地理标志"),
    "gi_mark_enterprises": ("Enterprises approved to use the special GI mark", "核准使用地理标志专用标志企业"),
    "gi_demonstration_zones": ("GI product protection demonstration zones", "地理标志产品保护示范区"),
    "tisc_centres": ("Technology and Innovation Support Centers (TISC)", "技术与创新支持中心（TISC）"),
    "gi_promotion_projects": ("GI promotion projects in poverty areas", "贫困地区地理标志运用促进工程项目"),
    "gi_project_counties": ("National poverty counties covered", "覆盖国家级贫困县"),
    "gi_project_provinces": ("Central and western provinces", "中西部省份"),
    "gi_project_gis": ("GIs promoted", "涉及地理标志"),
    "gi_guiding_funds": ("Central guiding funds", "中央引导资金"),
    "local_government_investment": ("Local investment", "地方投入资金"),
    "gi_industry_output": ("GI industry output", "地理标志产业产值"),
    "related_industry_output": ("Related processing, logistics and tourism output", "带动相关加工、物流、旅游等产值"),
    "people_driven_out_of_poverty": ("People helped out of poverty", "带动脱贫人口"),
}


def compact(value: int, lang: str) -> str:
    """12,000,000,000 → '12 billion' / '120亿'."""
    if lang == "zh":
        for size, word in ((10**8, "亿"), (10**4, "万")):
            if value >= size and value % (size // 100) == 0:
                return f"{value / size:g}{word}"
        return f"{value:,}"
    for size, word in ((10**9, "billion"), (10**6, "million")):
        if value >= size:
            return f"{value / size:g} {word}"
    return f"{value:,}"


def figure_text(row: pd.Series, lang: str, short: bool = False) -> str:
    """'more than 21 billion yuan' / '超过210亿元'; exact figures plainly.

    English cards (`short`): '> 21 billion yuan'."""
    value, unit = int(row["value"]), row["unit"]
    more = row.get("qualifier") == "more_than"
    if short and more and lang == "en":
        return "> " + figure_text(row.drop("qualifier"), lang)
    if lang == "zh":
        return ("超过" if more else "") + compact(value, "zh") + UNITS_ZH.get(unit, "")
    unit_en = (
        ""
        if unit
        in (
            "products",
            "trademarks",
            "enterprises",
            "zones",
            "centres",
            "projects",
            "counties",
            "provinces",
            "geographical indications",
            "people",
        )
        else f" {unit}"
    )
    return ("more than " if more else "") + compact(value, "en") + unit_en


def figure_label(name: str, lang: str) -> str:
    en, zh = LABELS.get(name, (name, name))
    return en if lang == "en" else zh


def figure_help(row: pd.Series, lang: str) -> str:
    source = source_text(row["source"], lang)
    return f"Source: {source} · as of {row['as_of']}" if lang == "en" else f"来源：{source} · 截至 {row['as_of']}"


def gi_types_line(lang: str) -> str:
    """Each GI type with an official total: rows it counts against that total (GI page)."""
    from ipaid import data

    cov = data.gi_coverage().dropna(subset=["official_total"])
    items = [
        t("coverage_gi_type", lang, name=label(GI_TYPE, r.gi_type, lang), n=int(r.covered), total=int(r.official_total))
        for r in cov.itertuples()
    ]
    return t("coverage_gi_types", lang, types=listing(items, lang)) if items else ""


def gi_coverage_line(lang: str) -> str:
    """How many of the official GI protection products the GI table lists (pages and briefs)."""
    from ipaid import data

    cov = data.coverage().set_index("table").loc["gis"]
    if pd.isna(cov["official_total"]):
        data.load_figures()  # the figures table is broken: raise its problem (the page names it)
        return ""
    total = int(cov["official_total"])
    return t(
        "coverage_gi",
        lang,
        n=int(cov["covered"]),
        total=total,
        pct=cov["covered"] / total,
        later=int(cov["later"]),
        undated=int(cov["undated"]),
        rows=int(cov["rows"]),
    )
