"""Table schemas and validation that names the file, line and column of every problem."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

CODE6 = re.compile(r"^\d{6}$")
MAX_CELL = 4_000  # characters in one cell: ten times the longest shipped (a source list); a name of a
# million characters would be drawn in every tooltip, chart label and brief

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# UTF-8 read as Latin-1/cp1252: a lead byte (À–ï) then a continuation byte; or the replacement char.
MOJIBAKE = re.compile("[\u00c0-\u00ef][\u0080-\u00bf\u0152-\u2122]|\ufffd")

GI_TYPES = ("gi_protection_product", "gi_certification_trademark", "gi_collective_trademark", "agri_product_gi")
GI_CATEGORIES = (
    "tea",
    "fruit",
    "vegetable",
    "grain_oil",
    "livestock_poultry",
    "aquatic",
    "herbal_medicine",
    "edible_fungi",
    "alcoholic_drink",
    "handicraft",
    "other",
)


@dataclass(frozen=True)
class Column:
    """One column: its kind (text, int, code6, codes), whether it is required, and its bounds."""

    name: str
    kind: str = "text"
    required: bool = True
    choices: tuple[str, ...] = ()
    low: int | None = None
    high: int | None = None
    ref: str | None = None  # "county" or "province": must exist in the boundary index
    province_in: str | None = None  # a code column: its first two digits must be the province named in this column
    absent_ok: bool = False  # a column added later: files written before it (without the column) still read


@dataclass(frozen=True)
class TableSpec:
    """A table the dashboard reads: its file, columns, key and the official total it covers."""

    name: str
    file: str
    columns: tuple[Column, ...]
    key: str | None = None
    total_figure: str | None = None
    label: dict = field(default_factory=dict)
    counted: tuple[str, str] | None = None  # (column, value): the rows the official total counts
    rows: int | None = None  # a closed list (the 832 counties): exactly this many rows
    counted_until: tuple[str, int] | None = None  # (year column, year): later rows postdate the official total
    counted_label: dict = field(default_factory=dict)  # what the counted rows are, when not the whole table

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def empty(self) -> pd.DataFrame:
        """The table with no rows: its columns, as text."""
        return pd.DataFrame({c: pd.Series(dtype="object") for c in self.names})


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


class DataError(ValueError):
    """A table that cannot be used; `problems` lists every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "\n".join(str(p) for p in problems[:20])
        more = f"\n… and {len(problems) - 20} more problems" if len(problems) > 20 else ""
        super().__init__(shown + more)


def _check_cell(value: str, col: Column, refs: dict[str, set[str]]) -> str | None:
    """Return what is wrong with one non-empty cell, or None."""
    if len(value) > MAX_CELL:
        return f"is {len(value):,} characters long; the limit is {MAX_CELL:,}"
    if CONTROL.search(value):
        return "contains control characters"
    if MOJIBAKE.search(value):
        return f"'{value[:30]}' looks like mis-encoded text (save the file as UTF-8)"
    if col.kind in ("int",):
        if not re.fullmatch(r"-?\d+", value):
            return f"'{value}' is not a whole number"
        number = int(value)
        if col.low is not None and number < col.low or col.high is not None and number > col.high:
            return f"{number} is outside {col.low}–{col.high}"
    if col.kind == "code6" and not CODE6.match(value):
        return f"'{value}' is not a 6-digit administrative code"
    codes = [c.strip() for c in value.split(";")] if col.kind == "codes" else [value]
    if col.kind == "codes":
        bad = [c for c in codes if not CODE6.match(c)]
        if bad:
            return f"'{bad[0]}' is not a 6-digit administrative code"
    if col.choices and value not in col.choices:
        return f"'{value}' is not one of: {', '.join(col.choices)}"
    if col.ref and col.ref in refs:
        unknown = [c for c in codes if c not in refs[col.ref]]
        if unknown:
            return f"unknown {col.ref} '{unknown[0]}'"
    return None


def _code_province_problems(df: pd.DataFrame, spec: TableSpec, file: str, refs: dict[str, set[str]]) -> list[Problem]:
    """Codes whose first two digits are not the province named in the same row."""
    prefixes = refs.get("province_prefix")
    out = []
    for col in (c for c in spec.columns if c.province_in and prefixes):
        for i, code, province in zip(df.index, df[col.name], df[col.province_in]):
            if CODE6.match(code) and province and f"{code[:2]}:{province}" not in prefixes:
                out.append(Problem(file, int(i) + 2, col.name, f"'{code}' is not a code of {province}"))
    return out


def unknown_columns(df: pd.DataFrame, spec: TableSpec, file: str) -> list[Problem]:
    """Columns of an upload the table does not have (a misspelt or shifted header would otherwise be dropped
    without a word); an empty column without a header (a trailing separator, a formatted empty cell in a
    workbook) is ignored."""
    names = ", ".join(spec.names)
    return [
        Problem(file, 1, str(c), f"unknown column; the columns are: {names}")
        for i, c in enumerate(df.columns)
        if c not in spec.names
        and not (
            (str(c).strip() == "" or str(c).startswith("Unnamed: "))
            and not df.iloc[:, i].fillna("").astype(str).str.strip().any()
        )
    ]


def validate(df: pd.DataFrame, spec: TableSpec, file: str, refs: dict[str, set[str]] | None = None) -> pd.DataFrame:
    """Check a table of strings against its spec and return it typed; raise DataError otherwise.

    Line numbers count the header as line 1, as a spreadsheet shows them.
    """
    refs = refs or {}
    problems: list[Problem] = []
    df = df.assign(**{c.name: "" for c in spec.columns if c.absent_ok and c.name not in df.columns})
    missing = [c for c in spec.names if c not in df.columns]
    if missing:
        raise DataError([Problem(file, 1, c, "column is missing") for c in missing])
    if df.empty:
        raise DataError([Problem(file, None, None, "the table has no rows")])
    df = df[spec.names].fillna("").astype(str).apply(lambda s: s.str.strip())
    for col in spec.columns:
        for i, value in zip(df.index, df[col.name].tolist()):
            if value == "":
                if col.required:
                    problems.append(Problem(file, int(i) + 2, col.name, "is empty"))
                continue
            message = _check_cell(value, col, refs)
            if message:
                problems.append(Problem(file, int(i) + 2, col.name, message))
    problems += _code_province_problems(df, spec, file, refs)
    if spec.rows is not None and len(df) != spec.rows:
        problems.append(
            Problem(
                file,
                None,
                None,
                f"the table must list all {spec.rows} rows; this file has "
                f"{len(df)} (a partial table would drop the others)",
            )
        )
    if spec.key:
        dup = df[spec.key].duplicated(keep="first")
        for i in dup[dup].index:
            problems.append(Problem(file, int(i) + 2, spec.key, f"duplicate key '{df.at[i, spec.key]}'"))
    if problems:
        raise DataError(problems)
    for col in spec.columns:
        if col.kind == "int":
            df[col.name] = pd.to_numeric(df[col.name].replace("", None)).astype("Int64")
    return df.reset_index(drop=True)
