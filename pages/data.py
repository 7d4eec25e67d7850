"""Data: every dataset with downloads; GIs by type; upload a new GI, county or area-membership table; import a GI
register list; load the official contiguous-area list; versions.

Layout only: checks, diffs and storage are `ipaid.upload`, `ipaid.import_gi` and `ipaid.area_list`; the tables
shown are built by `ipaid.views` (datasets, GIs by type) and `ipaid.data_views` (problems, previews, versions).
User-supplied text is shown in grids, code blocks and static tables, whose Markdown cells are made literal
(`views.literal`): never as Markdown or HTML.
"""

from pathlib import Path

import pandas as pd
import streamlit as st

from ipaid import area_list, auth, data, data_ui, data_views, display, export, import_gi, store, upload
from ipaid.i18n import t
from ipaid.schema import DataError
from ipaid.tables import ALL, UPLOADABLE
from ipaid.ui import NARROWEST_MAIN, column_width, gi_coverage_text, lang, wrapped_row_height
from ipaid.views import datasets_view, gi_coverage_view, utc_time


def s(key: str, **fmt) -> str:
    """A Data page string (`data_<key>` in ipaid.i18n) in the page's language."""
    return data_views.s(key, lang(), **fmt)


def label(name: str) -> str:
    return ALL[name].label.get(lang(), name)


def show_problems(exc: DataError) -> None:
    """Every problem by line and column, as a table (cell values stay plain text)."""
    st.error(s("rejected"), icon=":material/block:")
    table = data_views.problems_view(exc.problems, lang())
    line, column, problem = table.columns
    widths = {name: column_width([name, *table[name]]) for name in (line, column)}
    widths[problem] = NARROWEST_MAIN - sum(widths.values())  # the rest of the narrowest main column
    # A long problem (an unknown column and the columns the table has) wraps in its row instead of being cut.
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={name: st.column_config.TextColumn(width=w) for name, w in widths.items()},
        row_height=wrapped_row_height(table[problem], widths[problem]),
    )


def bump(key: str) -> None:
    """Give an uploader a fresh key, which clears it."""
    st.session_state[key] = st.session_state.get(key, 0) + 1


def do_write(write, gen_key: str | None = None, conflict: str = "conflict", restored: dict | None = None) -> None:
    """Run `write(steward)` (an accept, import or rollback) as this session's steward; report after the rerun.

    The write function itself refuses without a steward, so a request that bypasses the hidden controls
    changes nothing; a conflict says who changed the table meanwhile.
    """
    try:
        version = write(data_ui.current())
    except auth.NotAuthorised:
        st.session_state["data_msg"] = ("error", s("not_signed_in"))
    except store.Conflict as exc:
        st.session_state["data_msg"] = (
            "warning",
            s(conflict, v=exc.current, who=exc.author or "—", when=utc_time(exc.at) or "—"),
        )
    except DataError as exc:
        st.session_state["data_msg"] = ("error", f"{s('failed')}\n{exc}")
    else:
        st.session_state["data_msg"] = ("success", s("restored", **restored) if restored else s("stored", v=version))
        if gen_key:
            bump(gen_key)


def show_message() -> None:
    kind, text = st.session_state.pop("data_msg", (None, None))
    if kind == "success":
        st.success(text, icon=":material/check_circle:")
        st.toast(text, icon=":material/check_circle:")
    elif kind == "warning":
        st.warning(text, icon=":material/sync_problem:")
    elif kind == "error":
        st.error(s("failed"), icon=":material/block:")
        st.code(text, language=None, wrap_lines=True)


def datasets() -> None:
    st.header(s("datasets"))
    st.caption(s("datasets_help"))
    cov = data.coverage()
    # A static table: its headings and names wrap to fit 1024 px (a grid hid the coverage and version columns).
    st.container(key=display.DATASETS).table(datasets_view(cov, lang()), hide_index=True)
    for row in cov[cov["error"] != ""].itertuples():  # a broken table, named where it cannot be missed
        st.error(
            t("table_broken", lang(), table=row.label_en if lang() == "en" else row.label_zh), icon=":material/block:"
        )
        st.code(row.error, language=None, wrap_lines=True)
    gis = cov.set_index("table").loc["gis"]
    if not gis["error"] and pd.notna(gis["official_total"]):
        st.caption(gi_coverage_text())
    for row in cov.itertuples():
        if row.error:
            continue
        cols = st.columns([3, 1, 1], vertical_alignment="center")
        cols[0].write(f"{row.label_en if lang() == 'en' else row.label_zh} · `{row.file}`")
        cols[1].download_button(
            t("download_csv", lang()),
            lambda n=row.table: export.csv_bytes(data.load_table(n)),
            file_name=Path(row.file).with_suffix(".csv").name,
            mime="text/csv",
            key=f"csv_{row.table}",
            on_click="ignore",
            icon=":material/download:",
        )
        cols[2].download_button(
            t("download_xlsx", lang()),
            lambda n=row.table: export.xlsx_bytes(data.load_table(n), n),
            file_name=Path(row.file).with_suffix(".xlsx").name,
            key=f"xlsx_{row.table}",
            on_click="ignore",
            icon=":material/download:",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )


def show_change(change: upload.Diff) -> None:
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


def show_formulas(table: pd.DataFrame) -> None:
    cells = upload.formula_cells(table)
    if len(cells):
        st.warning(s("formulas", n=len(cells)), icon=":material/function:")
        st.dataframe(data_views.formulas_view(cells, lang()), hide_index=True, width="stretch")


def upload_section() -> None:
    st.header(s("upload"))
    st.caption(s("upload_help"))
    name = st.segmented_control(
        s("which_table"), list(UPLOADABLE), format_func=label, default=UPLOADABLE[0], required=True, key="upload_table"
    )
    gen = f"upload_gen_{name}"
    file = st.file_uploader(s("file"), type=["csv", "xlsx"], key=f"upload_{name}_{st.session_state.get(gen, 0)}")
    if file is None:
        return
    raw = file.getvalue()
    sheet = data_ui.sheet_choice(raw, f"upload_sheet_{name}")
    try:
        table = data_ui.parse_once(
            "upload", raw, (name, file.name, sheet), lambda: upload.check(name, raw, file.name, sheet)
        )
    except DataError as exc:
        show_problems(exc)
        return
    change, current = upload.preview(name, table)
    base = data_ui.preview_base(f"upload_{name}", file.file_id, current)
    show_change(change)
    show_formulas(table)
    note = f"upload_note_{name}"
    st.text_input(s("note"), key=note, max_chars=300)

    def write(steward):
        return upload.accept(
            name, raw, file.name, st.session_state.get(note, ""), steward=steward, expected=base, sheet=sheet
        )

    st.button(
        s("confirm"),
        type="primary",
        key=f"upload_confirm_{name}",
        disabled=change.is_empty,
        on_click=do_write,
        args=(data_ui.guarded(f"upload_{name}", file.file_id, write), gen),
    )


def import_section() -> None:
    st.header(s("import"))
    st.caption(s("import_help"))
    gen = "import_gen"
    file = st.file_uploader(s("file"), type=["csv", "xlsx"], key=f"import_{st.session_state.get(gen, 0)}")
    if file is None:
        return
    raw = file.getvalue()
    sheet = data_ui.sheet_choice(raw, "import_sheet")
    current = store.current_id("gis")  # the GI table the import is merged into
    base = data_ui.preview_base("import", file.file_id, current)
    try:
        result = data_ui.parse_once(
            "import", raw, (file.name, sheet, current), lambda: import_gi.prepare(raw, file.name, sheet)
        )
    except DataError as exc:
        show_problems(exc)
        return
    if len(result.new):
        st.write(f"**{s('import_new')}**: {len(result.new):,}")
        st.dataframe(data_views.import_new_view(result.new, result.lines, lang()), hide_index=True, width="stretch")
        show_formulas(result.new.set_axis([n - 2 for n in result.lines]))  # formula_cells says line = index + 2
    else:
        st.info(s("nothing_new"), icon=":material/info:")
    if result.skipped:
        st.write(f"**{s('import_skipped')}**: {len(result.skipped):,}")
        st.dataframe(data_views.skipped_view(result.skipped, lang()), hide_index=True, width="stretch")
    st.text_input(s("note"), key="import_note", max_chars=300)

    def write(steward):
        return import_gi.write(
            result, file.name, st.session_state.get("import_note", ""), steward=steward, expected=base
        )

    st.button(
        s("confirm"),
        type="primary",
        key="import_confirm",
        disabled=not len(result.new),
        on_click=do_write,
        args=(data_ui.guarded("import", file.file_id, write), gen),
    )


def versions_section(steward) -> None:
    """Every version with who made it, when and why; restoring one needs a signed-in steward."""
    st.header(s("versions"))
    st.caption(s("versions_help"))
    legacy = store.legacy_store()
    if legacy:
        st.warning(s("legacy_store"), icon=":material/history:")
        st.code(f"python -m ipaid.store import {legacy}", language="bash")
    tabs = st.container(key=display.VERSIONS).tabs([label(n) for n in UPLOADABLE])
    for tab, name in zip(tabs, UPLOADABLE):
        with tab:
            base = store.current_id(name)
            hist = upload.history(name)
            # A static table: its notes and file names wrap to fit 1024 px (a grid hid them past its edge).
            st.table(data_views.versions_view(hist, lang()), hide_index=True)
            others = hist.loc[~hist["current"], "version"].tolist()
            if not steward or not others:
                continue
            key = f"rollback_{name}"
            left, right = st.columns([3, 1], vertical_alignment="bottom")
            word = s("version")  # read here: AppTest formats a choice outside the run
            left.selectbox(s("rollback_to"), others, key=key, format_func=lambda v, w=word: f"{w} {v}")
            version = st.session_state[key]
            write = lambda steward_, n=name, v=version, b=base: upload.rollback(n, v, steward=steward_, expected=b)  # noqa: E731
            right.button(
                s("rollback"),
                key=f"rollback_go_{name}",
                on_click=do_write,
                args=(write, None, "conflict_rollback", {"v": version, "table": label(name)}),
            )


def area_list_section() -> None:
    """Load the official contiguous-area list (ipaid.area_list): paste or upload, state the source, preview, confirm."""
    st.header(t("al_title", lang()))
    st.caption(t("al_help", lang()))
    gen = st.session_state.get("al_gen", 0)
    text = st.text_area(t("al_paste", lang()), key=f"al_text_{gen}", height=150)
    file = st.file_uploader(t("al_file", lang()), type=["txt", "csv", "xlsx"], key=f"al_file_{gen}")
    raw, filename = (file.getvalue(), file.name) if file is not None else (text.encode("utf-8"), "pasted.txt")
    if not raw.strip():
        return
    upload_id = file.file_id if file is not None else text  # the pasted text is its own id
    base = data_ui.preview_base("area_list", upload_id, store.current_id("area_members"))
    try:
        result = area_list.prepare(raw, filename)
    except DataError as exc:
        show_problems(exc)
        return
    source = st.text_input(t("al_source", lang()), key=f"al_source_{gen}", max_chars=300).strip()
    cols = st.columns(5, border=True)
    for col, key, frame in zip(
        cols,
        ("al_m_rows", "al_m_added", "al_m_conflicts", "al_m_unresolved", "al_m_duplicates"),
        (result.rows, result.added, result.conflicts, result.unresolved, result.duplicates),
    ):
        col.metric(t(key, lang()), len(frame))
    st.write(f"**{t('al_per_area', lang())}**")
    st.dataframe(data_views.area_status_view(result.per_area, lang()), hide_index=True, width="stretch")
    tables = data_views.area_list_views(result, source, lang())
    for key, frame in tables:
        if len(frame):
            with st.expander(f"{t(key, lang())} ({len(frame):,})", expanded=key in ("al_unresolved", "al_conflicts")):
                st.dataframe(frame, hide_index=True, width="stretch")
    if not result.usable:
        st.warning(t("al_blocked", lang()), icon=":material/warning:")
    elif not source:
        st.info(t("al_need_source", lang()), icon=":material/info:")
    st.text_input(s("note"), key="al_note", max_chars=300)

    def write(steward):
        return area_list.write(
            result, source, filename, st.session_state.get("al_note", ""), steward=steward, expected=base
        )

    st.button(
        s("confirm"),
        type="primary",
        key="al_confirm",
        disabled=not (result.usable and source),
        on_click=do_write,
        args=(data_ui.guarded("area_list", upload_id, write), "al_gen"),
    )


def gi_coverage_section() -> None:
    """GIs by type against their official totals; left out while the GI table is broken (named above)."""
    try:
        coverage = data.gi_coverage()
    except DataError:
        return
    st.header(t("cov_title", lang()))
    st.caption(t("cov_help", lang(), n=data.figure_number("agri_product_gis_2008_2022")))
    # A static table: its eight short columns wrap their headings to fit 1024 px (a grid hid the last three).
    st.table(gi_coverage_view(coverage, lang()), hide_index=True)


st.title(t("page_data", lang()))
show_message()
datasets()
gi_coverage_section()
steward = data_ui.panel()
if steward:
    data_ui.localise_uploaders()
    upload_section()
    import_section()
    area_list_section()
versions_section(steward)
