"""Files the browser fetches from `static/` (served by Streamlit): map boundaries and the CJK web font.

Boundary files carry a content signature in their name, so a new data version gets a new URL and
browsers never show a stale cached map.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import time
from collections.abc import Callable
from contextlib import suppress
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from ipaid import data, geometry
from ipaid.atomic import locked, write_atomic
from ipaid.filters import Filters, filter_gis
from ipaid.i18n import t
from ipaid.palette import county_colors
from ipaid.paths import STATIC_DIR, STATIC_URL

GEO_DIR = STATIC_DIR / "geo"
PREFECTURE_TOLERANCE = 0.004  # degrees (~400 m): about a pixel at a prefecture's zoom, a quarter at a province's
IDLE_BEFORE_PRUNE = 3600.0  # seconds a data version's served folder outlives its last use
DIGITS = {"national": 3, "detailed": 4}  # ~100 m and ~10 m: below what the eye sees at each zoom


def rounded_geojson(geom, digits: int) -> dict:
    """A geometry as a GeoJSON dict with coordinates rounded to `digits` decimals."""
    return json.loads(shapely.to_geojson(shapely.transform(geom, lambda c: np.round(c, digits))))


def feature_collection(geoms, props: list[dict], digits: int) -> bytes:
    """GeoJSON bytes of geometries with their properties, compact and with rounded coordinates."""
    features = [
        {"type": "Feature", "properties": p, "geometry": rounded_geojson(g, digits)} for p, g in zip(props, geoms)
    ]
    return json.dumps(
        {"type": "FeatureCollection", "features": features}, ensure_ascii=False, separators=(",", ":")
    ).encode("utf-8")


@lru_cache(maxsize=1)
def _code_version() -> str:
    """Changes when the code that writes the files (properties, colours, labels, English names) changes."""
    from ipaid import i18n, names, palette

    sources = b"".join(Path(m.__file__).read_bytes() for m in (i18n, names, palette)) + Path(__file__).read_bytes()
    return hashlib.sha256(sources).hexdigest()


def data_signature() -> str:
    """Changes whenever a table the map shows, the geometry build or the writing code changes."""
    parts = [geometry.cache_key(), _code_version()] + [
        data.table_source(n)[0] for n in ("counties", "gis", "area_members", "areas")
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:10]


def tooltip_properties(row) -> dict:
    """What a county's tooltip shows, in both languages (a row of `county_info()`)."""
    year = "—" if pd.isna(row.exit_year) else int(row.exit_year)
    unknown_area = row.poverty and not row.area_id
    return {
        "adcode": row.adcode,
        "name_zh": row.name,
        "name_en": row.name_en,
        "province_zh": row.province,
        "province_en": row.province_en,
        "area_zh": row.area_zh or (t("area_unknown", "zh") if unknown_area else "—"),
        "area_en": row.area_en or (t("area_unknown", "en") if unknown_area else "—"),
        "exit": year,
        "gis_zh": row.gi_first_zh or "—",
        "gis_en": row.gi_first_en or "—",
        "gi_count": int(row.gi_count),
    }


def county_info(categories: tuple[str, ...] = (), gis: tuple[str, ...] = ()) -> pd.DataFrame:
    """`data.all_counties()` with GI counts and names limited to the GIs of `categories` and `gis` (a GI's
    category column decides: 安溪铁观音 is tea without 茶 in its name); all GIs when both are empty.
    Cached per data version and filter: callers must not mutate the result."""
    if not (categories or gis):
        return data.all_counties()
    tables = tuple(data.table_source(n)[0] for n in ("counties", "gis", "area_members", "areas"))
    return _county_info(tables, tuple(sorted(categories)), tuple(sorted(gis)))


@lru_cache(maxsize=32)
def _county_info(tables: tuple, categories: tuple[str, ...], gis: tuple[str, ...]) -> pd.DataFrame:
    counties = data.all_counties()
    chosen = filter_gis(data.load_gis(), Filters(categories=tuple(categories), gis=tuple(gis)))
    summary = data.gi_summary(chosen)
    out = counties.drop(columns=list(summary.columns)).join(summary, on="adcode")
    out["gi_count"] = out["gi_count"].fillna(0).astype(int)
    return out.fillna({c: "" for c in summary.columns if c != "gi_count"})


def county_properties(
    level: str = "national",
    adcodes: frozenset[str] | None = None,
    product: tuple[tuple[str, ...], tuple[str, ...]] = ((), ()),
):
    """County rows (in the geometry's order) with what tooltips and colours need; GIs limited to
    `product` = (categories, GI ids) as in `county_info`."""
    shapes = geometry.load_layer("counties", level)[["adcode", "geometry"]]
    if adcodes is not None:
        shapes = shapes[shapes["adcode"].isin(adcodes)]
    merged = shapes.merge(county_info(*product), on="adcode", how="left")
    colors = county_colors(merged)
    props = [
        {**tooltip_properties(row), **{f"fill_{m}": list(c[i]) for m, c in colors.items()}}
        for i, row in enumerate(merged.itertuples(index=False))
    ]
    return merged, props


def _write(path: Path, make: Callable[[], bytes]) -> Path:
    """Build a served file once: under its file lock (other processes wait, then find it), written via a
    unique temporary name, so nobody builds it twice or serves a torn file. Its gzip twin (`NAME.gz`) is written
    first: nginx beside the replicas (deploy/serve.sh) sends it as is, instead of compressing the file again
    for every new browser."""
    if path.exists():
        return path
    with locked(path):
        if not path.exists():
            content = make()
            write_atomic(path.with_name(path.name + ".gz"), gzip.compress(content, compresslevel=6, mtime=0))
            write_atomic(path, content)
    return path


NATIONAL = ("counties", "provinces", "china", "areas")


def _county_file() -> bytes:
    merged, props = county_properties("national")
    return feature_collection(merged.geometry.values, props, DIGITS["national"])


def _china_outline():
    return geometry.load_layer("china", "national").geometry.values[0]


def _province_file() -> bytes:
    """Borders between provinces, each once (China's outline is its own layer)."""
    provinces = geometry.load_layer("provinces", "national")
    inner = geometry.borders(provinces.geometry.values, without=_china_outline())
    return feature_collection([inner], [{"kind": "province borders"}], DIGITS["national"])


def _china_file() -> bytes:
    borders = [shapely.boundary(_china_outline()), geometry.load_layer("maritime").geometry.values[0]]
    return feature_collection(borders, [{"kind": "land"}, {"kind": "maritime"}], DIGITS["national"])


def _area_file() -> bytes:
    counties = data.load_counties()
    members = counties.loc[counties["area_id"] != "", ["boundary_adcode", "area_id"]].rename(
        columns={"boundary_adcode": "adcode"}
    )
    areas = geometry.area_outlines(members, "national")
    names = data.load_areas().set_index("area_id")
    outlines = [geometry.borders([a], without=_china_outline()) for a in areas.geometry.values]
    return feature_collection(
        outlines,
        [
            {"area_id": a, "area_zh": names.at[a, "name_zh"], "area_en": names.at[a, "name_en"]}
            for a in areas["area_id"]
        ],
        DIGITS["national"],
    )


@lru_cache(maxsize=4)
def _national_files(signature: str) -> dict[str, Path]:
    """Write the national boundary files of this version if they are not there yet (built only then)."""
    folder = GEO_DIR / signature
    makers = {"counties": _county_file, "provinces": _province_file, "china": _china_file, "areas": _area_file}
    out = {}
    for name in NATIONAL:
        out[name] = _write(folder / f"{name}.json", makers[name])
    prune(keep=3)
    return out


def prune(keep: int, idle: float = IDLE_BEFORE_PRUNE) -> None:
    """Remove the boundary folders of older data versions: all but the `keep` most recently used, and only those
    no process has used for `idle` seconds (another replica, or a page already open, may still fetch from one)."""
    import shutil

    folders = sorted((p for p in GEO_DIR.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in folders[keep:]:
        if time.time() - old.stat().st_mtime > idle:
            shutil.rmtree(old, ignore_errors=True)


@lru_cache(maxsize=64)
def _selection_file(signature: str, adcodes: frozenset[str], product: tuple) -> Path:
    key = ",".join(sorted(adcodes)) + "|" + repr(product)

    def make() -> bytes:
        merged, props = county_properties("detailed", adcodes, product)
        return feature_collection(merged.geometry.values, props, DIGITS["national"])

    return _write(GEO_DIR / signature / f"selection_{hashlib.sha256(key.encode()).hexdigest()[:12]}.json", make)


@lru_cache(maxsize=64)
def _prefecture_file(signature: str, province: str) -> Path:
    from ipaid.hierarchy import units

    codes = set(units().loc[units()["province"] == province, "prefecture_code"])

    def make() -> bytes:
        shapes = geometry.load_layer("prefectures", "detailed")
        lines = geometry.borders(shapes.loc[shapes["prefecture_code"].isin(codes)].geometry.values)
        lines = shapely.simplify(lines, PREFECTURE_TOLERANCE)  # lines keep their ends: borders stay joined
        return feature_collection([lines], [{"kind": "prefecture borders"}], DIGITS["detailed"])

    code = units().loc[units()["province"] == province, "adcode"].iloc[0][:2]
    return _write(GEO_DIR / signature / f"prefectures_{code}.json", make)


def _line_coordinates(coords) -> list:
    """The lines (lists of [x, y]) in a GeoJSON geometry's coordinates, at any nesting depth."""
    if coords and isinstance(coords[0][0], (int, float)):
        return [coords]
    return [line for part in coords for line in _line_coordinates(part)]


def segments(path: Path) -> list[tuple[list, list]]:
    """The lines of a served GeoJSON file as segments (start [x, y], end [x, y])."""
    features = json.loads(path.read_bytes())["features"]
    return [
        (a, b)
        for feature in features
        for line in _line_coordinates(feature["geometry"]["coordinates"])
        for a, b in zip(line, line[1:])
    ]


def segments_file(path: Path) -> Path:
    """The `segments` of a served GeoJSON file as `{"s": [x, y], "t": [x, y]}` in a file beside it (one per file):
    deck.gl's LineLayer draws a segment with a third of the vertices of its PathLayer and a simpler shader, which
    is most of a map's cost in software WebGL; at 1-2 px the joints do not show."""
    return _write(
        path.with_name(f"{path.stem}_segments.json"),
        lambda: json.dumps([{"s": a, "t": b} for a, b in segments(path)], separators=(",", ":")).encode("utf-8"),
    )


SEGMENT_UNIT = 10_000  # `segment_rows` coordinates: 1e-4 degrees, the detailed files' rounding


@lru_cache(maxsize=64)
def segment_rows(path: Path) -> str:
    """The `segments` of a served GeoJSON file as compact JSON rows `[x, y, dx, dy]` of integers in 1/SEGMENT_UNIT
    degrees (the start, then the end's offset): half the bytes of `segments_file`, for data sent inside a deck
    spec. Cached per file (its name changes with its content)."""
    u = SEGMENT_UNIT
    rows = [
        [round(a[0] * u), round(a[1] * u), round(b[0] * u) - round(a[0] * u), round(b[1] * u) - round(a[1] * u)]
        for a, b in segments(path)
    ]
    return json.dumps(rows, separators=(",", ":"))


def prefecture_file(province: str) -> Path:
    """Detailed borders of a province's prefecture-level units (and its own outline), for its drill-down level."""
    return _still_there(_prefecture_file, data_signature(), province)


def _still_there(cached, *args):
    """A cached file-building call, made again if its files were removed since (pruned by another process)."""
    out = cached(*args)
    paths = out.values() if isinstance(out, dict) else out if isinstance(out, tuple) else [out]
    if not all(p.exists() for p in paths):
        cached.cache_clear()
        out = cached(*args)
    return out


def selection_file(adcodes, categories=(), gis=()) -> Path:
    """Detailed boundaries of the chosen counties, for zoomed views, their GIs limited to `categories` and
    `gis` (one file per set of counties and GI filter)."""
    product = (tuple(sorted(categories)), tuple(sorted(gis)))
    return _still_there(_selection_file, data_signature(), frozenset(adcodes), product)


def served_json(stem: str, key: str, make: Callable[[], object]) -> Path:
    """A JSON file of the current data version, served beside the boundary files: one per `stem` and `key`
    (what decides its content), built once by `make` (its result written compactly). Costs a stat per call."""
    name = f"{stem}_{hashlib.sha256(key.encode()).hexdigest()[:12]}.json"
    return _write(
        GEO_DIR / data_signature() / name,
        lambda: json.dumps(make(), ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
    )


def national_files() -> dict[str, Path]:
    """Paths of the national boundary files for the current data version (built on first call); marks the
    version's folder as used now, so that no process prunes it meanwhile."""
    out = _still_there(_national_files, data_signature())
    with suppress(OSError):  # removed this instant by another process: built again on the next run
        os.utime(out["counties"].parent)
    return out


def url_of(path: Path) -> str:
    """The URL under which Streamlit serves a file of `static/`."""
    return f"{STATIC_URL}/{path.relative_to(STATIC_DIR).as_posix()}"


def ensure_static() -> list[Path]:
    """Build every served file (font slices first, then boundaries and the label atlas); returns their paths.

    With a table that cannot be read the boundary files wait (the map pages name the problem), so
    navigation and the Data page, where the table can be rolled back, still work.
    """
    from ipaid.schema import DataError
    from ipaid.webfont import ensure_webfont

    fonts = ensure_webfont()
    try:
        boundaries = list(national_files().values()) + list(label_atlas())
    except DataError:
        boundaries = []
    return [*fonts, *boundaries]


def label_atlas() -> tuple[Path, Path]:
    """The atlas image and icon mapping of every map label (`maps.all_labels`), built on first call."""
    from ipaid.map_labels import atlas_files
    from ipaid.maps import all_labels

    return _still_there(atlas_files, all_labels())
