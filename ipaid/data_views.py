"""The Data page's tables as people read them, columns named in the page's language: a refused file's problems, a
preview's formula cells and skipped register rows, each table's versions, and an area list's preview."""

from __future__ import annotations

import pandas as pd

from ipaid.area_list import AreaList
from ipaid.i18n import problem_text, t
from ipaid.schema import Problem
from ipaid.views import WORD_JOINER as WJ
from ipaid.views import literal, utc_time


def s(key: str, lang: str, **fmt) -> str:
    """A Data page string (`data_<key>` in ipaid.i18n)."""
    return t(f"data_{key}", lang, **fmt)


def problems_view(problems: list[Problem], lang: str) -> pd.DataFrame:
    """Every problem of a refused file by line and column, in that order (line, column, problem: text cells)."""
    problems = sorted(problems, key=lambda p: (p.line or 0, p.column or ""))
    return pd.DataFrame(
        {
            s("line", lang): ["" if p.line is None else str(p.line) for p in problems],
            s("column", lang): [p.column or "" for p in problems],
            s("problem", lang): [problem_text(p.message, lang) for p in problems],
        }
    )


def formulas_view(cells: pd.DataFrame, lang: str) -> pd.DataFrame:
    """`upload.formula_cells` with its line, column and value named."""
    return cells.rename(columns={"line": s("line", lang), "column": s("column", lang), "value": s("value", lang)})


def import_new_view(new: pd.DataFrame, lines: list[int], lang: str) -> pd.DataFrame:
    """A register import's new GI rows, each with its line in the file."""
    return new.assign(**{s("line", lang): lines})


def skipped_view(skipped: list[tuple[int, str, str]], lang: str) -> pd.DataFrame:
    """A register import's skipped rows (`import_gi` result's `skipped`: line, Chinese name, why), each reason in
    the reader's language ('already listed', or 'column: problem; …' for a row that cannot be read)."""

    def why(reason: str) -> str:
        parts = [part.partition(": ") for part in reason.split("; ")]
        return "; ".join(f"{c}: {problem_text(m, lang)}" if m else problem_text(c, lang) for c, _, m in parts)

    return pd.DataFrame(
        {
            s("line", lang): [line for line, _, _ in skipped],
            t("gi_col_name", lang): [name for _, name, _ in skipped],
            s("problem", lang): [why(reason) for _, _, reason in skipped],
        }
    )


def versions_view(history: pd.DataFrame, lang: str) -> pd.DataFrame:
    """`upload.history` for a static table (st.table), all text: version, current ("yes" on its row) beside it,
    stored at (UTC, its date on one line: word joiners beside the hyphens), by, rows (grouped), note (the shipped
    version's: shipped with the dashboard), file. st.table reads cells as Markdown: author, note and file, user
    text, are made literal."""
    shipped = history["note"].where(history["version"] != 0, s("shipped", lang))
    return pd.DataFrame(
        {
            s("version", lang): history["version"].map(str),
            s("current", lang): history["current"].map({True: t("yes", lang), False: ""}),
            s("created", lang): history["created_at"].map(lambda at: literal(utc_time(at).replace("-", f"{WJ}-{WJ}"))),
            s("author", lang): history["author"].map(literal),
            s("rows", lang): history["rows"].map("{:,}".format),
            s("note_column", lang): shipped.map(literal),
            s("file_name", lang): history["file"].map(literal),
        }
    )


def area_status_view(per_area: pd.DataFrame, lang: str) -> pd.DataFrame:
    """An area list's counties per area (`AreaList.per_area`): area, official count, listed, complete or not."""
    status = {
        "complete": lambda n, o: t("al_complete", lang),
        "partial": lambda n, o: t("al_partial", lang, n=n, total=o),
        "over": lambda n, o: t("al_over", lang, n=n, total=o),
    }
    return pd.DataFrame(
        {
            t("al_area", lang): per_area["name_en" if lang == "en" else "name_zh"],
            t("al_official", lang): per_area["official"],
            t("al_listed", lang): per_area["listed"],
            t("al_status", lang): [
                status[k](n, o) for k, n, o in zip(per_area["status"], per_area["listed"], per_area["official"])
            ],
        }
    )


def area_list_views(result: AreaList, source: str, lang: str) -> list[tuple[str, pd.DataFrame]]:
    """An area list's parts as (i18n key of the heading, table), in the order shown: lines not understood,
    conflicts with today's memberships (the list's `source` beside the current one), counties added, duplicates,
    lines skipped, every county read."""
    line, names = s("line", lang), {"adcode_listed": "adcode", "name_listed": "name", "province": "province"}
    area = {"area_id": t("al_area", lang)}
    unresolved = result.unresolved.assign(problem=[problem_text(p, lang) for p in result.unresolved["problem"]])
    conflicts = {
        "area_id": t("al_list_area", lang),
        "area_id_current": t("al_current_area", lang),
        "source_list": t("al_list_source", lang),
        "source_current": t("al_current_source", lang),
    }
    return [
        (
            "al_unresolved",
            unresolved.rename(columns={"line": line, "text": t("al_text", lang), "problem": s("problem", lang)}),
        ),
        (
            "al_conflicts",
            result.conflicts.assign(source_list=source).rename(columns={"line": line, **names, **conflicts}),
        ),
        ("al_added", result.added.rename(columns={"line": line, **names, **area})),
        (
            "al_duplicates",
            result.duplicates.rename(columns={"line": line, **names, **area, "first_line": t("al_first_line", lang)}),
        ),
        ("al_skipped", result.skipped.rename(columns={"line": line, "text": t("al_text", lang)})),
        ("al_rows", result.rows.rename(columns={"line": line, **names, **area})),
    ]
