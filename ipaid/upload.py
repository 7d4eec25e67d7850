"""Uploads of a replacement table (`tables.UPLOADABLE`: GIs, counties, area members): check, preview, accept, roll back.

Pure functions, no Streamlit. `check` reads a file (`tablefile`), undoes the download's formula prefix, refuses
unknown columns and validates (`schema`, `consistency`); the rest is the diff against the current table and
the store calls.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ipaid import consistency, data, store
from ipaid.admin_index import known_refs
from ipaid.auth import Steward, require
from ipaid.export import FORMULA, restore
from ipaid.paths import DATA_DIR
from ipaid.schema import DataError, unknown_columns, validate
from ipaid.tablefile import read_table_bytes, refuse
from ipaid.tables import ALL, UPLOADABLE

EXTENSIONS = (".csv", ".xlsx")
# Leading bytes of common files that are not tables.
MAGIC = {
    b"\x89PNG": "a PNG image",
    b"%PDF": "a PDF document",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"\xd0\xcf\x11\xe0": "an Excel 97-2003 (.xls) or other old Office file; save it as .xlsx",
    b"\x1f\x8b": "a gzip archive",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"\x7fELF": "a program",
    b"MZ": "a program",
}


@dataclass(frozen=True)
class Diff:
    """What an upload changes, by the table's key: rows added, removed, and changed cells."""

    added: pd.DataFrame
    removed: pd.DataFrame
    changed: pd.DataFrame  # key, column, old, new: one row per changed cell

    @property
    def changed_rows(self) -> int:
        return self.changed.iloc[:, 0].nunique() if len(self.changed) else 0

    @property
    def is_empty(self) -> bool:
        return not (len(self.added) or len(self.removed) or len(self.changed))


def sniff(raw: bytes, filename: str) -> None:
    """Refuse files that are neither CSV nor XLSX, by name and by their first bytes."""
    if not filename.lower().endswith(EXTENSIONS):
        raise refuse(filename, "only CSV (.csv) or Excel (.xlsx) tables can be uploaded")
    if not raw.removeprefix(b"\xef\xbb\xbf").strip():
        raise refuse(filename, "the file is empty")
    for magic, kind in MAGIC.items():
        if raw.startswith(magic):
            raise refuse(filename, f"this is {kind}, not a CSV or XLSX table")


def check(name: str, raw: bytes, filename: str, sheet: str | None = None) -> pd.DataFrame:
    """The validated table of an upload (`sheet`: an XLSX worksheet, default the first); raises DataError
    listing every problem (line 1 = header)."""
    if name not in UPLOADABLE:
        raise ValueError(f"table '{name}' cannot be uploaded")
    sniff(raw, filename)
    frame = restore(read_table_bytes(raw, filename, sheet))  # a file downloaded here comes back as it was
    extra = unknown_columns(frame, ALL[name], filename)
    try:
        table = validate(frame, ALL[name], filename, known_refs())
    except DataError as error:
        raise DataError(extra + error.problems) from None
    if extra:
        raise DataError(extra)
    consistency.against_current(name, table, filename)  # with the other current tables
    return table


def formula_cells(table: pd.DataFrame) -> pd.DataFrame:
    """Text cells a spreadsheet would run as a formula (=, +, -, @ first): line (header = 1), column, value.

    They are stored as text; exports prefix them with ' (`export.FORMULA`).
    """
    cells = [
        (int(i) + 2, col, v)
        for col in table.columns
        if pd.api.types.is_string_dtype(table[col]) or pd.api.types.is_object_dtype(table[col])
        for i, v in table[col].items()
        if isinstance(v, str) and FORMULA.match(v)
    ]
    return pd.DataFrame(sorted(cells), columns=["line", "column", "value"])


def current_or_empty(name: str) -> pd.DataFrame:
    """The current table, or an empty one when it cannot be read (so an upload can repair it)."""
    try:
        return data.load_table(name)
    except DataError:
        return ALL[name].empty()


def _text(df: pd.DataFrame, key: str) -> pd.DataFrame:
    out = df.astype(object).where(df.notna(), "").astype(str)
    return out.set_index(key, drop=False)


def diff(name: str, new: pd.DataFrame, old: pd.DataFrame | None = None) -> Diff:
    """Rows added, removed and changed (by key) from `old` (default: the current table) to `new`."""
    key = ALL[name].key
    old_t, new_t = _text(current_or_empty(name) if old is None else old, key), _text(new, key)
    added = new_t.loc[~new_t.index.isin(old_t.index)].reset_index(drop=True)
    removed = old_t.loc[~old_t.index.isin(new_t.index)].reset_index(drop=True)
    common = new_t.index[new_t.index.isin(old_t.index)]
    cells = []
    for col in [c for c in new_t.columns if c in old_t.columns and c != key]:
        before, after = old_t.loc[common, col], new_t.loc[common, col]
        for k in common[(before != after).to_numpy()]:
            cells.append({key: k, "column": col, "old": before[k], "new": after[k]})
    changed = pd.DataFrame(cells, columns=[key, "column", "old", "new"])
    return Diff(added, removed, changed)


def preview(name: str, new: pd.DataFrame) -> tuple[Diff, int]:
    """The change from the current table to `new`, and the id of the version it was diffed against."""
    while True:
        base = store.current_id(name)
        change = diff(name, new)
        if store.current_id(name) == base:  # nobody wrote in between
            return change, base


def accept(
    name: str,
    raw: bytes,
    filename: str,
    note: str,
    path: Path | None = None,
    *,
    steward: Steward,
    expected: int | None = None,
    sheet: str | None = None,
) -> int:
    """Store a validated upload as the new current version (normalised UTF-8 CSV); returns its id.

    Needs a signed-in steward (else NotAuthorised). With `expected` (the version the preview was diffed
    against) it raises store.Conflict if someone changed the table since. Validation runs again here,
    so a file that fails it is never stored.
    """
    author = require(steward).label
    table = check(name, raw, filename, sheet)
    return store.add(
        name, data.to_csv_bytes(table), len(table), note.strip(), filename, path, author=author, expected=expected
    )


def rollback(
    name: str, version_id: int, path: Path | None = None, *, steward: Steward, expected: int | None = None
) -> None:
    """Make an earlier stored version current; 0 returns to the shipped table in data/."""
    store.set_current(name, version_id, path, author=require(steward).label, expected=expected)


def _shipped_rows(name: str) -> int | None:
    try:
        return len(read_table_bytes((DATA_DIR / ALL[name].file).read_bytes(), ALL[name].file))
    except (OSError, DataError):
        return None


def history(name: str, path: Path | None = None) -> pd.DataFrame:
    """Every version of a table, newest first, ending with version 0 (the shipped file)."""
    current = store.current_id(name, path)
    rows = [
        {
            "version": v.id,
            "created_at": v.created_at,
            "author": v.author,
            "rows": v.rows,
            "note": v.note,
            "file": v.filename,
            "current": v.id == current,
        }
        for v in store.versions(name, path)
    ]
    rows.append(
        {
            "version": 0,
            "created_at": "",
            "author": "",
            "rows": _shipped_rows(name),
            "note": "shipped",
            "file": f"data/{ALL[name].file}",
            "current": current == 0,
        }
    )
    return pd.DataFrame(rows)
