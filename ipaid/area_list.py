"""The official list of the contiguous areas' counties (CPAD, June 2012), loaded by a steward.

Reads the list as published (an area heading, then lines `四川省：叙永县、古蔺县、…`) or as a table
(area, province, county name or code); resolves names to the listed codes of the 832 poverty counties
and areas to their ids; compares with today's `area_members`. Membership comes only from the list:
nothing is inferred from geography. `write` stores the result through `ipaid.upload.accept`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from ipaid import consistency, data, upload
from ipaid.import_gi import BRACKETS, SEPARATORS, _provinces
from ipaid.names import _split_ethnic
from ipaid.schema import CODE6, DataError, Problem
from ipaid.tablefile import decode_text, read_table_bytes
from ipaid.tables import AREA_IDS

COLON = re.compile(r"[:：]")
NUMBERING = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、.．]|\d+[、.．)）]?)\s*")
COUNT_NOISE = re.compile(r"(?:共|计)?\d+个?(?:县|区|市|旗)?(?:[（(].*)?$")  # 四川省13个县 → 四川省
COUNTY_SUFFIX = re.compile(r"(自治县|自治旗|行委|林区|特区|县|市|区|旗)$")
CSV_COLUMNS = {
    "area": ("area", "area_id", "片区", "连片特困地区", "所属片区"),
    "province": ("province", "省份", "省", "省（区、市）"),
    "county": ("county", "name", "code", "adcode", "adcode_listed", "name_listed", "县", "县名", "县（市、区）"),
}


@dataclass(frozen=True)
class AreaList:
    """A checked list: resolved rows, what they change, and what could not be used (lines as in the source)."""

    rows: pd.DataFrame  # line, adcode_listed, name_listed, province, area_id
    added: pd.DataFrame  # rows today's table lacks
    conflicts: pd.DataFrame  # line, adcode_listed, name_listed, area_id (list), area_id_current, source_current
    unresolved: pd.DataFrame  # line, text, problem
    duplicates: pd.DataFrame  # line, adcode_listed, name_listed, area_id, first_line
    skipped: pd.DataFrame  # line, text: neither an area heading nor a county line
    per_area: pd.DataFrame  # area_id, name_zh, name_en, official, listed, status

    @property
    def complete(self) -> bool:
        return bool((self.per_area["listed"] == self.per_area["official"]).all())

    @property
    def usable(self) -> bool:
        """Every name resolved, no county twice, no area over its official count."""
        return (
            bool(len(self.rows))
            and self.unresolved.empty
            and self.duplicates.empty
            and not (self.per_area["listed"] > self.per_area["official"]).any()
        )


def _key(text: str) -> str:
    return re.sub(r"[\s\-－—–·_]", "", text).lower()


@lru_cache(maxsize=1)
def _area_aliases() -> dict[str, str]:
    areas = data.load_areas()
    out = {}
    for row in areas.itertuples():
        for alias in (
            row.area_id,
            row.name_en,
            row.name_zh,
            row.name_zh.removesuffix("区"),
            row.name_en.removesuffix(" Area"),
        ):
            out[_key(alias)] = row.area_id
    return out


def resolve_area(text: str) -> str | None:
    """An area id from its id, Chinese or English name (六盘山区, 六盘山片区, Liupan Mountain Area, liupan)."""
    key = _key(BRACKETS.sub("", NUMBERING.sub("", text.strip())))
    key = COUNT_NOISE.sub("", key)
    aliases = _area_aliases()
    for candidate in (key, key.removesuffix("片区"), key.removesuffix("片区") + "区", key.removesuffix("区")):
        if candidate in aliases:
            return aliases[candidate]
    return None


def resolve_province(text: str) -> str | None:
    """A full province name from 四川省, 四川, 广西 or 四川省（13个县）."""
    text = COUNT_NOISE.sub("", BRACKETS.sub("", text)).strip()
    return _provinces().get(text)


def county_stem(name: str) -> str:
    """叙永县 → 叙永, 峨边彝族自治县 → 峨边, 阿尔山市 → 阿尔山 (unit suffix and ethnic names dropped)."""
    return _split_ethnic(COUNTY_SUFFIX.sub("", name))[0]


@lru_cache(maxsize=4)
def _county_names(signature: str) -> dict[str, list[dict[str, list[str]]]]:
    """Per province, name → codes in tiers: listed names, boundary (current) names, stems of both."""
    counties = data.load_table("counties")
    out: dict[str, list[dict[str, list[str]]]] = {}
    for row in counties.itertuples():
        tiers = out.setdefault(row.province, [{}, {}, {}])
        for tier, name in ((0, row.name_listed), (1, row.boundary_name)):
            tiers[tier].setdefault(name, []).append(row.adcode_listed)
        for name in {county_stem(row.name_listed), county_stem(row.boundary_name)}:
            if len(name) >= 2:
                tiers[2].setdefault(name, []).append(row.adcode_listed)
    return out


@lru_cache(maxsize=4)
def _counties(signature: str) -> pd.DataFrame:
    return data.load_table("counties").set_index("adcode_listed")


def resolve_county(token: str, province: str) -> tuple[str | None, str]:
    """(code, "") or (None, why not) for a county name or listed code within a province."""
    counties = _counties(data.table_source("counties")[0])
    if CODE6.match(token):
        if token in counties.index and counties.at[token, "province"] == province:
            return token, ""
        return None, f"'{token}' is not the code of a poverty county of {province}"
    tiers = _county_names(data.table_source("counties")[0]).get(province, [{}, {}, {}])
    for tier, name in ((0, token), (1, token), (2, county_stem(token))):
        codes = sorted(set(tiers[tier].get(name, [])))
        if len(codes) == 1:
            return codes[0], ""
        if len(codes) > 1:
            return None, f"'{token}' is ambiguous in {province}: {', '.join(codes)}"
    return None, f"no poverty county of {province} is named '{token}'"


def _entries_from_layout(text: str):
    """(line, area_id, province, county token) from the published layout; and unresolved and skipped lines."""
    entries, unresolved, skipped = [], [], []
    area = province = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = NUMBERING.sub("", raw.strip().lstrip("\ufeff"))
        if not line:
            continue
        head, sep, rest = line.partition(COLON.search(line).group(0)) if COLON.search(line) else (line, "", "")
        if sep:
            found = resolve_province(head)
            if found is None and resolve_area(head):  # 西藏区：… (an area of one province)
                area = resolve_area(head)
                provinces = data.load_areas().set_index("area_id").at[area, "provinces_zh"].split(";")
                found = provinces[0] if len(provinces) == 1 else None
            if found is None:
                unresolved.append((number, raw.strip(), f"'{head.strip()}' is not a province"))
                province = None
                continue
            province = found
        elif resolve_area(line):
            area, province = resolve_area(line), None
            continue
        elif province and area and ("、" in line or resolve_county(line.strip("、，,。; "), province)[0]):
            rest = line  # the county list of the line above, wrapped
        else:
            skipped.append((number, raw.strip()))
            area = province = None  # a heading we do not know: what follows must not go to the area above
            continue
        if area is None:
            unresolved.append((number, raw.strip(), "no known area heading above this line"))
            continue
        for token in SEPARATORS.split(rest.strip().rstrip("。.")):
            if token:
                entries.append((number, area, province, token))
    return entries, unresolved, skipped


def _pick(columns, names) -> str | None:
    lowered = {str(c).strip().lower(): c for c in columns}
    return next((lowered[n] for n in names if n in lowered), None)


def _entries_from_table(df: pd.DataFrame, file: str):
    """(line, area_id, province, county token) from a table with area, province and county columns."""
    cols = {field: _pick(df.columns, names) for field, names in CSV_COLUMNS.items()}
    missing = [CSV_COLUMNS[f][0] for f, c in cols.items() if c is None]
    if missing:
        raise DataError([Problem(file, 1, c, "column is missing") for c in missing])
    entries, unresolved = [], []
    for i, row in df.iterrows():
        line, cells = int(i) + 2, {f: str(row[c]).strip() for f, c in cols.items()}
        area, province = resolve_area(cells["area"]), resolve_province(cells["province"])
        if area is None:
            unresolved.append((line, cells["area"], f"'{cells['area']}' is not a contiguous area"))
        elif province is None:
            unresolved.append((line, cells["province"], f"'{cells['province']}' is not a province"))
        elif cells["county"]:
            entries.append((line, area, province, cells["county"]))
    return entries, unresolved, []


def read(raw: bytes, filename: str) -> tuple[list, list, list]:
    """Entries, unresolved and skipped lines of a list as text (published layout) or as CSV/XLSX."""
    if raw[:2] == b"PK":
        return _entries_from_table(read_table_bytes(raw, filename), filename)
    text = decode_text(raw, filename)
    first = next((line for line in text.splitlines() if line.strip()), "")
    if "," in first and _pick([c.strip() for c in first.lstrip("\ufeff").split(",")], CSV_COLUMNS["county"]):
        return _entries_from_table(read_table_bytes(raw, filename), filename)
    return _entries_from_layout(text)


def prepare(raw: bytes, filename: str) -> AreaList:
    """Parse and resolve a list and compare it with today's area members."""
    entries, unresolved, skipped = read(raw, filename)
    counties = _counties(data.table_source("counties")[0])
    rows, dups, seen = [], [], {}
    for line, area, province, token in entries:
        code, why = resolve_county(token, province)
        if code is None:
            unresolved.append((line, token, why))
        elif code in seen:
            dups.append((line, code, counties.at[code, "name_listed"], area, seen[code]))
        else:
            seen[code] = line
            rows.append((line, code, counties.at[code, "name_listed"], province, area))
    rows = pd.DataFrame(rows, columns=["line", "adcode_listed", "name_listed", "province", "area_id"])
    current = upload.current_or_empty("area_members").set_index("adcode_listed")
    known = rows["adcode_listed"].isin(current.index)
    conflicts = rows[known].copy()
    conflicts["area_id_current"] = conflicts["adcode_listed"].map(current["area_id"])
    conflicts["source_current"] = conflicts["adcode_listed"].map(current["source"])
    conflicts = conflicts[conflicts["area_id"] != conflicts["area_id_current"]].drop(columns="province")
    per_area = consistency.area_counts(rows, data.load_areas())
    per_area["status"] = [
        ("complete" if n == o else "over" if n > o else "partial")
        for n, o in zip(per_area["listed"], per_area["official"], strict=True)
    ]
    return AreaList(
        rows,
        rows[~known].reset_index(drop=True),
        conflicts.reset_index(drop=True),
        pd.DataFrame(sorted(unresolved), columns=["line", "text", "problem"]),
        pd.DataFrame(dups, columns=["line", "adcode_listed", "name_listed", "area_id", "first_line"]),
        pd.DataFrame(skipped, columns=["line", "text"]),
        per_area,
    )


def merged(result: AreaList, source: str) -> pd.DataFrame:
    """Today's members with the list's rows in place of theirs (the list wins; rows it does not name stay).

    Each listed row's source is the steward's `source`; where today's row already agreed, its earlier
    source follows after "; ".
    """
    current = upload.current_or_empty("area_members")
    before = current.set_index("adcode_listed")
    listed = result.rows.drop(columns="line").copy()
    agreed = listed["adcode_listed"].isin(before.index) & (
        listed["adcode_listed"].map(before["area_id"]) == listed["area_id"]
    )
    listed["source"] = source.strip()
    listed.loc[agreed, "source"] = source.strip() + "; " + listed.loc[agreed, "adcode_listed"].map(before["source"])
    kept = current[~current["adcode_listed"].isin(listed["adcode_listed"])]
    out = pd.concat([kept, listed[current.columns]], ignore_index=True)
    out["_order"] = out["area_id"].map({a: i for i, a in enumerate(AREA_IDS)})
    return out.sort_values(["_order", "province", "adcode_listed"]).drop(columns="_order").reset_index(drop=True)


def write(result: AreaList, source: str, filename: str, note: str = "", *, steward, expected: int | None = None) -> int:
    """Store the merged table as a new version of area_members (validated again, with every rule), as `steward`;
    with `expected` (the version the preview was made against) a concurrent change raises store.Conflict."""
    if not source.strip():
        raise DataError([Problem(filename, None, "source", "name the source of the list")])
    if not result.usable:
        raise DataError(
            [
                Problem(
                    filename, None, None, "the list has unresolved names, duplicates or areas over their official count"
                )
            ]
        )
    stem = re.sub(r"\.[^.]*$", "", filename) or "area_list"
    return upload.accept(
        "area_members",
        data.to_csv_bytes(merged(result, source)),
        f"{stem}.csv",
        note,
        steward=steward,
        expected=expected,
    )
