"""Read an uploaded or shipped table (CSV or XLSX bytes) into strings, refusing hostile files."""

from __future__ import annotations

import io
import zipfile

import pandas as pd

from ipaid.schema import CONTROL, DataError, Problem

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
MAX_XLSX_UNPACKED = 100 * 1024 * 1024
MAX_XLSX_RATIO = 100
ENCODINGS = ("utf-8-sig", "gb18030")


def refuse(file: str, message: str) -> DataError:
    """A DataError with one problem about the whole file."""
    return DataError([Problem(file, None, None, message)])


def decode_text(raw: bytes, file: str) -> str:
    """Decode CSV bytes as UTF-8 (with or without BOM) or GB18030, the encodings official lists use, or as
    UTF-16 with its byte-order mark (Excel's "Unicode text")."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            raise refuse(file, "the UTF-16 text is damaged; save the file as UTF-8 CSV") from None
        header = _header(text)
        if CONTROL.search(header) or not any(sep in header for sep in ",\t;"):  # binary after a BOM-like start
            raise refuse(file, "this is not a text file (CSV expected)")
        return text
    if b"\x00" in raw[:4096]:
        head = raw[:64]
        if len(head) > 8 and (not any(head[1::2]) or not any(head[::2])):
            raise refuse(file, "this is UTF-16 text without a byte-order mark; save the file as UTF-8 CSV")
        raise refuse(file, "this is not a text file (CSV expected)")
    for encoding in ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise refuse(file, "the text encoding is neither UTF-8 nor GB18030; save the file as UTF-8 CSV")


def delimiter(text: str) -> str:
    """The column separator of CSV text: a comma, unless its header line holds more tabs or semicolons (a
    "CSV" saved by a spreadsheet set to another locale, or Excel's tab-separated "Unicode text")."""
    return max((",", "\t", ";"), key=_header(text).count)


def _header(text: str) -> str:
    """The first line of CSV text, without a byte-order mark."""
    return text.lstrip("\ufeff").split("\n", 1)[0]


def _check_xlsx(raw: bytes, file: str) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile:
        raise refuse(file, "this is not a valid XLSX workbook") from None
    infos = archive.infolist()
    unpacked = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if unpacked > MAX_XLSX_UNPACKED or unpacked / packed > MAX_XLSX_RATIO:
        raise refuse(
            file,
            f"the workbook unpacks to {unpacked:,} bytes ({unpacked / packed:.0f}× its size): "
            "refused as a possible zip bomb",
        )
    if "xl/workbook.xml" not in {i.filename for i in infos}:
        raise refuse(file, "this zip file is not an XLSX workbook")


def xlsx_sheets(raw: bytes) -> list[str]:
    """The worksheet names of an XLSX workbook, in order ([] for anything else)."""
    import openpyxl

    if raw[:2] != b"PK":
        return []
    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True)
    except Exception:  # noqa: BLE001 - a broken workbook is reported by read_table_bytes
        return []
    names = list(book.sheetnames)
    book.close()
    return names


def _read_xlsx(raw: bytes, file: str, sheet: str | None = None) -> pd.DataFrame:
    """A sheet (default: the first) as strings; formulas stay text (never evaluated).

    Rows are counted while streaming, so a workbook without a `<dimension>` element (or with a false one)
    is refused at the row limit, not after reading it whole.
    """
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise refuse(file, f"the workbook has no sheet '{sheet}'")
        ws = book[sheet] if sheet is not None else book.worksheets[0]
        if (ws.max_row or 0) > MAX_ROWS + 1:
            raise refuse(file, f"the sheet has {ws.max_row - 1:,} rows; the limit is {MAX_ROWS:,}")
        rows = []
        for row in ws.iter_rows(values_only=True):
            if len(rows) > MAX_ROWS:
                raise refuse(file, f"the sheet has more than {MAX_ROWS:,} rows; the limit is {MAX_ROWS:,}")
            rows.append(["" if v is None else str(v) for v in row])
    finally:
        book.close()
    if not rows:
        raise refuse(file, f"the sheet '{ws.title}' is empty")
    header, body = rows[0], rows[1:]
    return pd.DataFrame([r + [""] * (len(header) - len(r)) for r in body], columns=header).astype(str)


def read_table_bytes(raw: bytes, file: str, sheet: str | None = None) -> pd.DataFrame:
    """Parse CSV or XLSX bytes (`sheet`: which worksheet, default the first) into strings; never evaluated."""
    if not raw.strip():
        raise refuse(file, "the file is empty")
    if len(raw) > MAX_BYTES:
        raise refuse(file, f"the file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}")
    try:
        if raw[:2] == b"PK":
            _check_xlsx(raw, file)
            df = _read_xlsx(raw, file, sheet)
        elif file.lower().endswith((".xlsx", ".xls")):
            raise refuse(file, "this is not a valid XLSX workbook")
        else:
            text = decode_text(raw, file)
            if text.count("\n") > MAX_ROWS + 1:
                raise refuse(file, f"the table has more than {MAX_ROWS:,} rows; the limit is {MAX_ROWS:,}")
            df = pd.read_csv(
                io.StringIO(text),
                sep=delimiter(text),
                dtype=str,
                keep_default_na=False,
                skipinitialspace=True,
                skip_blank_lines=False,
            )
    except DataError:
        raise
    except (ValueError, pd.errors.ParserError, KeyError, OSError) as exc:
        raise refuse(file, f"could not be read as a table: {str(exc).splitlines()[0][:200]}") from None
    if len(df) > MAX_ROWS:
        raise refuse(file, f"the table has {len(df):,} rows; the limit is {MAX_ROWS:,}")
    df.columns = [str(c).strip() for c in df.columns]
    # Drop blank lines but keep each row's position, so problems name the line a spreadsheet shows.
    blank = (df.fillna("").astype(str).apply(lambda s: s.str.strip()) == "").all(axis=1)
    return df[~blank]
