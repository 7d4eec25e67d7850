"""Import a GI list in the official register's layout (CSV or XLSX) as a new version of the `gis` table.

    python -m ipaid.import_gi FILE [--write] [--note TEXT]

Columns (Chinese, as the register has them): 产品名称 and 省份 (required), 批准公告号/公告号,
批准时间/年份, 保护范围, and optionally 类型, 类别, 英文名称, 来源. 保护范围 county names are resolved to
today's adcodes within the row's province. Every row that cannot be placed is reported by line
(header = line 1) and nothing is written unless the whole file is good. Without --write this is a
dry run; with --write the new rows are appended (ids continue GIxxxx) as a new store version via
`ipaid.upload.accept`; data/gi_products.csv is never touched. Exit code 0 on success, 2 on rejected input.
"""
from __future__ import annotations

import argparse
import getpass
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ipaid import data, store, upload
from ipaid.auth import Steward
from ipaid.tables import GIS
from ipaid.admin_index import county_index
from ipaid.i18n import CATEGORY, GI_TYPE
from ipaid.names import province_short
from ipaid.schema import MOJIBAKE, Column, DataError, Problem, TableSpec, validate
from ipaid.tablefile import read_table_bytes

# Register column → gis field; the first name found in the file wins.
COLUMNS = {
    "name_zh": ("产品名称", "名称", "地理标志名称"),
    "province": ("省份", "所在省份", "省"),
    "register_ref": ("批准公告号", "公告号", "批准公告"),
    "year_approved": ("批准时间", "年份", "批准年份", "批准日期"),
    "scope": ("保护范围", "产地范围"),
    "gi_type": ("类型", "地理标志类型"),
    "category": ("类别", "产品类别"),
    "name_en": ("英文名称", "英文名"),
    "source": ("来源",),
}
REQUIRED = ("name_zh", "province")
DEFAULT_TYPE = "gi_protection_product"  # the register lists GI protection products
SEPARATORS = re.compile(r"[、,，;；/\s]+|(?<=[县区市旗])(?:和|及|与)")
BRACKETS = re.compile(r"[（(][^）)]*[）)]")
SCOPE_NOISE = re.compile(r"^(?:等|包括)|(?:所辖|现辖|辖区|境内|全境|行政区域|区域|范围|内|等)+$")
TOWNSHIP = re.compile(r"(镇|乡|街道|村|场|办事处|社区)$")
YEAR = re.compile(r"^((?:19|20)\d{2})(?:\d{4})?(?!\d)")
YEAR_SPEC = next(c for c in GIS.columns if c.name == "year_approved")
TYPE_WORDS = {"地理标志产品": "gi_protection_product", "证明商标": "gi_certification_trademark",
              "集体商标": "gi_collective_trademark", "农产品地理标志": "agri_product_gi"}


@dataclass
class ImportResult:
    """A checked import: the new gis rows, what was skipped as already listed, the merged table's CSV."""

    new: pd.DataFrame
    lines: list[int]
    skipped: list[tuple[int, str, str]] = field(default_factory=list)  # line, name, reason
    content: bytes = b""


@lru_cache(maxsize=1)
def _provinces() -> dict[str, str]:
    """Full and short province names → full name (湖南 → 湖南省)."""
    full = sorted(county_index()["province"].unique())
    return {**{province_short(p): p for p in full}, **{p: p for p in full}}


def _choices(codes: dict[str, tuple[str, str]], extra: dict[str, str] | None = None) -> dict[str, str]:
    """Codes, English and Chinese labels (and extra words) → code."""
    out = {c: c for c in codes if c}
    out.update({label: c for c, labels in codes.items() if c for label in labels})
    return {k.lower(): v for k, v in {**out, **(extra or {})}.items()}


def parse_year(text: str) -> int | None:
    """2014, 2014年, 2014-05-20, 2014/5/20, 20140520, 2014.0 → 2014; anything else → None."""
    found = YEAR.match(text.strip())
    return int(found.group(1)) if found else None


def _strip_province(part: str, province: str, names: set[str]) -> str:
    """Drop a leading province name (湖南省 or 湖南), unless it begins a place name (吉林市 in 吉林省)."""
    if part.startswith(province):
        return part[len(province):]
    short = province_short(province)
    if part.startswith(short) and not any(part.startswith(n) for n in names):
        return part[len(short):]
    return part


def resolve_scope(scope: str, province: str) -> tuple[list[str], list[str]]:
    """County names in a 保护范围 text → (adcodes, names that could not be placed) within the province.

    Accepts 桑植县, 张家界市桑植县, a whole prefecture (张家界市, 张家界市现辖行政区域), and townships
    after a county (桑植县瑞塔铺镇、官地坪镇), which count for that county.
    """
    idx = county_index()
    idx = idx[idx["province"] == province]
    prefectures = sorted(set(idx["prefecture"]) - {""}, key=len, reverse=True)
    names = set(idx["name"]) | set(prefectures)
    codes: list[str] = []
    unknown: list[str] = []
    for part in SEPARATORS.split(BRACKETS.sub("", scope)):
        part = SCOPE_NOISE.sub("", _strip_province(part, province, names))
        if not part:
            continue
        pool = idx
        if part not in names:
            pref = next((p for p in prefectures if part.startswith(p)), None)
            if pref:
                pool, part = idx[idx["prefecture"] == pref], part[len(pref):]
        exact = pool[pool["name"] == part]
        hits = exact if len(exact) or part in prefectures else pool[[part.startswith(n) for n in pool["name"]]]
        if len(hits):
            best = hits[hits["name"].str.len() == hits["name"].str.len().max()]
            if len(best) == 1:
                codes.append(best["adcode"].iat[0])
            else:
                unknown.append(f"{part} (ambiguous: name the prefecture, e.g. {best['prefecture'].iat[0]}{part})")
        elif part in prefectures:
            codes.extend(idx.loc[idx["prefecture"] == part, "adcode"])
        elif not (TOWNSHIP.search(part) and codes):
            unknown.append(part)
    return list(dict.fromkeys(codes)), unknown


def _columns(df: pd.DataFrame, file: str) -> dict[str, str]:
    """Map gis fields to the file's column names; refuse mis-encoded or missing required columns."""
    if any(MOJIBAKE.search(c) for c in df.columns):
        raise DataError([Problem(file, 1, None, "the column names look mis-encoded (UTF-8 text read as "
                                 "Latin-1 and saved again); open the original file and save it as UTF-8 CSV or XLSX")])
    found = {f: next((c for c in names if c in df.columns), None) for f, names in COLUMNS.items()}
    missing = [COLUMNS[f][0] for f in REQUIRED if found[f] is None]
    if missing:
        raise DataError([Problem(file, 1, c, "column is missing") for c in missing])
    return {f: c for f, c in found.items() if c}


def _row(cells: dict[str, str], cols: dict[str, str], line: int, file: str, default_type: str, types: dict,
         categories: dict, problems: list[Problem]) -> dict:
    """One register row → a gis row (without gi_id); appends what is wrong to `problems`."""
    def bad(field_: str, message: str) -> None:
        problems.append(Problem(file, line, cols.get(field_, COLUMNS[field_][0]), message))

    out = {"name_zh": cells.get("name_zh", ""), "name_en": cells.get("name_en", ""),
           "register_ref": cells.get("register_ref", ""), "source": cells.get("source") or f"{file} (GI register import)"}
    if not out["name_zh"]:
        bad("name_zh", "is empty")
    out["province"] = _provinces().get(cells.get("province", ""), "")
    if not out["province"]:
        bad("province", f"unknown province '{cells.get('province', '')}'" if cells.get("province") else "is empty")
    year = cells.get("year_approved", "")
    out["year_approved"] = parse_year(year) if year else None
    if year and not (out["year_approved"] and YEAR_SPEC.low <= out["year_approved"] <= YEAR_SPEC.high):
        bad("year_approved", f"'{year}' is not a year between {YEAR_SPEC.low} and {YEAR_SPEC.high}")
    out["county_adcodes"] = ""
    if cells.get("scope") and out["province"]:
        codes, unknown = resolve_scope(cells["scope"], out["province"])
        out["county_adcodes"] = ";".join(codes)
        for name in unknown:
            bad("scope", f"unknown county '{name}' in {out['province']}")
    for key, table, default in (("gi_type", types, default_type), ("category", categories, "")):
        value = cells.get(key, "")
        out[key] = table.get(value.lower(), "") if value else default
        if value and not out[key]:
            bad(key, f"'{value}' is not a known {'type' if key == 'gi_type' else 'category'}")
    return out


def prepare(raw: bytes, filename: str, sheet: str | None = None) -> ImportResult:
    """Check a register file (`sheet`: an XLSX worksheet, default the first) and build the new `gis` table;
    raises DataError listing every problem."""
    upload.sniff(raw, filename)
    df = read_table_bytes(raw, filename, sheet)
    df = df.loc[:, [c != "" and not c.startswith("Unnamed:") for c in df.columns]]
    cols = _columns(df, filename)
    text = TableSpec("register", filename, tuple(Column(c, required=False) for c in df.columns))
    validate(df, text, filename)  # control characters and mis-encoded text, by line and column
    types = _choices(GI_TYPE, TYPE_WORDS)
    categories = _choices(CATEGORY)
    default_type = "" if "gi_type" in cols else DEFAULT_TYPE
    problems: list[Problem] = []
    rows, lines = [], []
    for i, record in enumerate(df.fillna("").astype(str).to_dict("records")):
        cells = {f: record[c].strip() for f, c in cols.items()}
        if not any(record[c].strip() for c in df.columns):
            continue  # a blank line
        rows.append(_row(cells, cols, i + 2, filename, default_type, types, categories, problems))
        lines.append(i + 2)
    if not rows and not problems:
        problems.append(Problem(filename, None, None, "the file has no rows"))
    if problems:
        raise DataError(problems)
    current = data.load_table("gis")  # an unreadable current table is an error here, never silently dropped
    seen = set(zip(current["name_zh"], current["province"], current["gi_type"]))
    new, new_lines, skipped = [], [], []
    for row, line in zip(rows, lines):
        key = (row["name_zh"], row["province"], row["gi_type"])
        if key in seen:
            skipped.append((line, row["name_zh"], "already listed"))
            continue
        seen.add(key)
        new.append(row)
        new_lines.append(line)
    start = max([int(m) for m in current["gi_id"].str.extract(r"^GI(\d+)$")[0].dropna()] or [0]) + 1
    added = pd.DataFrame(new, columns=[c for c in GIS.names if c != "gi_id"])
    added.insert(0, "gi_id", [f"GI{start + k:04d}" for k in range(len(added))])
    added["year_approved"] = added["year_approved"].astype("Int64")
    merged = pd.concat([current.astype(object), added.astype(object)], ignore_index=True)
    content = data.to_csv_bytes(merged)
    upload.check("gis", content, filename.rsplit(".", 1)[0] + ".csv")  # the merged table must validate too
    return ImportResult(added, new_lines, skipped, content)


def write(result: ImportResult, filename: str, note: str = "", *, steward: Steward, expected: int | None = None) -> int:
    """Store the checked import as the new current `gis` version by `steward`; returns its id.

    `expected`: the `gis` version the import was prepared against (store.Conflict if it changed since).
    """
    csv_name = filename.rsplit(".", 1)[0] + ".csv"
    return upload.accept("gis", result.content, csv_name, note or f"GI register import: {filename}",
                         steward=steward, expected=expected)


def report(result: ImportResult) -> str:
    lines = [f"{len(result.new)} new GI rows, {len(result.skipped)} already listed."]
    for line, row in zip(result.lines, result.new.itertuples()):
        counties = len([c for c in row.county_adcodes.split(";") if c])
        year = "" if pd.isna(row.year_approved) else row.year_approved
        lines.append(f"  line {line}: {row.gi_id} {row.name_zh} ({row.province}; {counties} counties; {year})")
    lines += [f"  line {line}: skipped {name}: {reason}" for line, name, reason in result.skipped]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ipaid.import_gi", description=__doc__.split("\n")[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--write", action="store_true", help="store the import as a new version of 'gis'")
    parser.add_argument("--note", default="", help="note stored with the version")
    args = parser.parse_args(argv)
    try:
        raw = args.file.read_bytes()
        base = store.current_id("gis")
        result = prepare(raw, args.file.name)
    except OSError as exc:
        print(f"Rejected: cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except DataError as exc:
        print(f"Rejected: {args.file.name} was not imported ({len(exc.problems)} problems):", file=sys.stderr)
        print("\n".join(str(p) for p in exc.problems), file=sys.stderr)
        return 2
    print(report(result))
    if not args.write:
        print("Dry run: nothing written (add --write to store a new version).")
    elif len(result.new):
        steward = Steward(getpass.getuser(), "cli")  # whoever can run this can write the store file anyway
        try:
            version = write(result, args.file.name, args.note, steward=steward, expected=base)
        except store.Conflict as exc:
            print(f"Not stored: {exc}; run the import again.", file=sys.stderr)
            return 2
        print(f"Stored as version {version} of 'gis'.")
    else:
        print("Nothing new to store.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
