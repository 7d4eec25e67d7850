"""Data: every dataset with downloads; upload a new GI or county table; import a GI register list; versions.

Layout only: checks, diffs and storage are `ipaid.upload` and `ipaid.import_gi`. User-supplied text is
shown only in tables and code blocks (never as Markdown or HTML).
"""
from pathlib import Path

import pandas as pd
import streamlit as st

from ipaid import data, export, import_gi, upload
from ipaid.i18n import problem_text, t
from ipaid.schema import DataError
from ipaid.tables import ALL, UPLOADABLE
from ipaid.ui import gi_coverage_text, lang

S = {  # key: (English, 中文)
    "datasets": ("Datasets", "数据集"),
    "datasets_help": ("Every table the dashboard reads, where the current version comes from, and how much of the "
                      "official total it covers. Downloads are the current version.",
                      "本看板读取的全部数据表、当前版本的来源及其对官方总数的覆盖情况。下载内容为当前版本。"),
    "table": ("Table", "数据表"), "file_name": ("File", "文件"), "rows": ("Rows", "行数"), "official_total": ("Official total", "官方总数"),
    "coverage": ("Coverage", "覆盖"), "origin": ("Current version", "当前版本"), "error": ("Problem", "问题"),
    "upload": ("Upload a new version", "上传新版本"),
    "upload_help": ("Upload the whole table as CSV (UTF-8 or GB18030) or XLSX with the same columns as the download. "
                    "Nothing changes until you confirm; every version is kept and can be restored.",
                    "请上传完整数据表（CSV，UTF-8或GB18030编码；或XLSX），列与下载文件一致。确认前不会修改数据；每个版本都会保留，可随时恢复。"),
    "which_table": ("Table to replace", "要替换的数据表"),
    "file": ("CSV or XLSX file", "CSV或XLSX文件"),
    "rejected": ("The file was not accepted. Fix these problems and upload it again (line 1 is the header):",
                 "文件未被接受。请修正以下问题后重新上传（第1行为表头）："),
    "line": ("Line", "行"), "column": ("Column", "列"), "problem": ("Problem", "问题"),
    "added": ("Rows added", "新增行"), "removed": ("Rows removed", "删除行"), "changed": ("Rows changed", "修改行"),
    "changed_cells": ("Changed cells", "修改的单元格"),
    "no_change": ("The file is valid and identical to the current version.", "文件有效，与当前版本相同。"),
    "note": ("Note for this version (who, why)", "版本说明（上传人、原因）"),
    "confirm": ("Confirm and make it current", "确认并设为当前版本"),
    "stored": ("Stored as version {v}; every page now uses it.", "已保存为版本{v}，所有页面现已使用该版本。"),
    "import": ("Import a GI register list", "导入地理标志登记名录"),
    "import_help": ("A list in the register's layout: 产品名称, 省份 (required), 批准公告号, 批准时间, 保护范围, "
                    "optionally 类型, 类别, 英文名称, 来源. New GIs are appended to the current GI table.",
                    "登记名录格式：产品名称、省份（必填）、批准公告号、批准时间、保护范围，可选类型、类别、英文名称、来源。新的地理标志将追加到当前地理标志表。"),
    "import_new": ("New GIs to add", "将新增的地理标志"), "import_skipped": ("Already listed (skipped)", "已收录（跳过）"),
    "nothing_new": ("Every GI in this file is already listed.", "文件中的地理标志均已收录。"),
    "versions": ("Versions", "版本"),
    "versions_help": ("Version 0 is the table shipped in data/. Rolling back keeps every version.",
                      "版本0为data/中随附的数据表。回退不会删除任何版本。"),
    "created": ("Stored at (UTC)", "保存时间（UTC）"), "version": ("Version", "版本"), "current": ("Current", "当前"),
    "rollback_to": ("Make this version current", "设为当前版本的版本"),
    "rollback": ("Restore", "恢复"), "restored": ("Version {v} of {table} is current again.", "{table}已恢复为版本{v}。"),
    "failed": ("Not stored:", "未保存："),
}


def s(key: str, **fmt) -> str:
    en, zh = S[key]
    text = en if lang() == "en" else zh
    return text.format(**fmt) if fmt else text


def label(name: str) -> str:
    return ALL[name].label.get(lang(), name)


def show_problems(exc: DataError) -> None:
    """Every problem by line and column, as a table (cell values stay plain text)."""
    st.error(s("rejected"), icon=":material/block:")
    problems = sorted(exc.problems, key=lambda p: (p.line or 0, p.column or ""))
    st.dataframe(pd.DataFrame({s("line"): ["" if p.line is None else str(p.line) for p in problems],
                               s("column"): [p.column or "" for p in problems],
                               s("problem"): [problem_text(p.message, lang()) for p in problems]}),
                 hide_index=True, width="stretch")


def bump(key: str) -> None:
    """Give an uploader a fresh key, which clears it."""
    st.session_state[key] = st.session_state.get(key, 0) + 1


def do_accept(name: str, raw: bytes, filename: str, note_key: str, gen_key: str) -> None:
    try:
        version = upload.accept(name, raw, filename, st.session_state.get(note_key, ""))
        st.session_state["data_msg"] = ("success", s("stored", v=version))
        bump(gen_key)
    except DataError as exc:
        st.session_state["data_msg"] = ("error", f"{s('failed')}\n{exc}")


def do_import(raw: bytes, filename: str, note_key: str, gen_key: str) -> None:
    try:
        version = import_gi.write(import_gi.prepare(raw, filename), filename, st.session_state.get(note_key, ""))
        st.session_state["data_msg"] = ("success", s("stored", v=version))
        bump(gen_key)
    except DataError as exc:
        st.session_state["data_msg"] = ("error", f"{s('failed')}\n{exc}")


def do_rollback(name: str, key: str) -> None:
    version = st.session_state[key]
    upload.rollback(name, version)
    st.session_state["data_msg"] = ("success", s("restored", v=version, table=label(name)))


def show_message() -> None:
    kind, text = st.session_state.pop("data_msg", (None, None))
    if kind == "success":
        st.success(text, icon=":material/check_circle:")
        st.toast(text, icon=":material/check_circle:")
    elif kind == "error":
        st.error(s("failed"), icon=":material/block:")
        st.code(text, language=None, wrap_lines=True)


def datasets() -> None:
    st.subheader(s("datasets"))
    st.caption(s("datasets_help"))
    cov = data.coverage()
    rows = []
    for row in cov.itertuples():
        total = None if pd.isna(row.official_total) else int(row.official_total)
        rows.append({s("table"): row.label_en if lang() == "en" else row.label_zh, s("file_name"): row.file, s("rows"): row.rows,
                     s("official_total"): "" if total is None else f"{total:,}",
                     s("coverage"): f"{row.covered:,}/{total:,}" if total else "",
                     s("origin"): row.origin, s("error"): row.error.splitlines()[0] if row.error else ""})
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    gis = cov.set_index("table").loc["gis"]
    if not gis["error"] and pd.notna(gis["official_total"]):
        st.caption(gi_coverage_text())
    for row in cov.itertuples():
        if row.error:
            continue
        cols = st.columns([3, 1, 1], vertical_alignment="center")
        cols[0].write(f"{row.label_en if lang() == 'en' else row.label_zh} · `{row.file}`")
        cols[1].download_button(t("download_csv", lang()), lambda n=row.table: export.csv_bytes(data.load_table(n)),
                                file_name=Path(row.file).with_suffix(".csv").name, mime="text/csv", key=f"csv_{row.table}",
                                on_click="ignore", icon=":material/download:")
        cols[2].download_button(t("download_xlsx", lang()), lambda n=row.table: export.xlsx_bytes(data.load_table(n), n),
                                file_name=Path(row.file).with_suffix(".xlsx").name, key=f"xlsx_{row.table}", on_click="ignore", icon=":material/download:",
                                mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def upload_section() -> None:
    st.subheader(s("upload"))
    st.caption(s("upload_help"))
    name = st.segmented_control(s("which_table"), list(UPLOADABLE), format_func=label, default=UPLOADABLE[0],
                                required=True, key="upload_table")
    gen = f"upload_gen_{name}"
    file = st.file_uploader(s("file"), type=["csv", "xlsx"], key=f"upload_{name}_{st.session_state.get(gen, 0)}")
    if file is None:
        return
    raw = file.getvalue()
    try:
        table = upload.check(name, raw, file.name)
    except DataError as exc:
        show_problems(exc)
        return
    change = upload.diff(name, table)
    a, r, c = st.columns(3, border=True)
    a.metric(s("added"), len(change.added))
    r.metric(s("removed"), len(change.removed))
    c.metric(s("changed"), change.changed_rows)
    if change.is_empty:
        st.info(s("no_change"), icon=":material/info:")
    for key, frame in (("added", change.added), ("removed", change.removed), ("changed_cells", change.changed)):
        if len(frame):
            with st.expander(f"{s(key)} ({len(frame):,})"):
                st.dataframe(frame, hide_index=True, width="stretch")
    note = f"upload_note_{name}"
    st.text_input(s("note"), key=note, max_chars=300)
    st.button(s("confirm"), type="primary", key=f"upload_confirm_{name}", disabled=change.is_empty,
              on_click=do_accept, args=(name, raw, file.name, note, gen))


def import_section() -> None:
    st.subheader(s("import"))
    st.caption(s("import_help"))
    gen = "import_gen"
    file = st.file_uploader(s("file"), type=["csv", "xlsx"], key=f"import_{st.session_state.get(gen, 0)}")
    if file is None:
        return
    raw = file.getvalue()
    try:
        result = import_gi.prepare(raw, file.name)
    except DataError as exc:
        show_problems(exc)
        return
    if len(result.new):
        st.write(f"**{s('import_new')}**: {len(result.new):,}")
        st.dataframe(result.new.assign(**{s("line"): result.lines}), hide_index=True, width="stretch")
    else:
        st.info(s("nothing_new"), icon=":material/info:")
    if result.skipped:
        st.write(f"**{s('import_skipped')}**: {len(result.skipped):,}")
        st.dataframe(pd.DataFrame(result.skipped, columns=[s("line"), "name_zh", s("problem")]),
                     hide_index=True, width="stretch")
    st.text_input(s("note"), key="import_note", max_chars=300)
    st.button(s("confirm"), type="primary", key="import_confirm", disabled=not len(result.new),
              on_click=do_import, args=(raw, file.name, "import_note", gen))


def versions_section() -> None:
    st.subheader(s("versions"))
    st.caption(s("versions_help"))
    for tab, name in zip(st.tabs([label(n) for n in UPLOADABLE]), UPLOADABLE):
        with tab:
            hist = upload.history(name)
            st.dataframe(hist.rename(columns={"version": s("version"), "created_at": s("created"), "rows": s("rows"),
                                              "note": s("note"), "file": s("file_name"),
                                              "current": s("current")}),
                         hide_index=True, width="stretch")
            others = hist.loc[~hist["current"], "version"].tolist()
            if not others:
                continue
            key = f"rollback_{name}"
            left, right = st.columns([3, 1], vertical_alignment="bottom")
            left.selectbox(s("rollback_to"), others, key=key, format_func=lambda v: f"{s('version')} {v}")
            right.button(s("rollback"), key=f"rollback_go_{name}", on_click=do_rollback, args=(name, key))


st.title(t("page_data", lang()))
show_message()
datasets()
upload_section()
import_section()
versions_section()
