"""Files the browser fetches from `static/` (served by Streamlit): map boundaries and the CJK web font.

Boundary files carry a content signature in their name, so a new data version gets a new URL and
browsers never show a stale cached map.
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from ipaid import data, geometry
from ipaid.i18n import t
from ipaid.palette import county_colors
from ipaid.paths import STATIC_DIR, STATIC_URL

GEO_DIR = STATIC_DIR / "geo"
DIGITS = {"national": 3, "detailed": 4}  # ~100 m and ~10 m: below what the eye sees at each zoom


def rounded_geojson(geom, digits: int) -> dict:
    """A geometry as a GeoJSON dict with coordinates rounded to `digits` decimals."""
    return json.loads(shapely.to_geojson(shapely.transform(geom, lambda c: np.round(c, digits))))


def feature_collection(geoms, props: list[dict], digits: int) -> bytes:
    """GeoJSON bytes of geometries with their properties, compact and with rounded coordinates."""
    features = [{"type": "Feature", "properties": p, "geometry": rounded_geojson(g, digits)}
                for p, g in zip(props, geoms)]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


@lru_cache(maxsize=1)
def _code_version() -> str:
    """Changes when the code that writes the files (properties, colours, labels) changes."""
    from ipaid import i18n, palette

    sources = b"".join(Path(m.__file__).read_bytes() for m in (i18n, palette)) + Path(__file__).read_bytes()
    return hashlib.sha256(sources).hexdigest()


def data_signature() -> str:
    """Changes whenever a table the map shows, the geometry build or the writing code changes."""
    parts = [geometry.cache_key(), _code_version()] + [data.table_source(n)[0]
                                                      for n in ("counties", "gis", "area_members", "areas")]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:10]


def tooltip_properties(row) -> dict:
    """What a county's tooltip shows, in both languages (a row of `data.all_counties()`)."""
    year = "—" if pd.isna(row.exit_year) else int(row.exit_year)
    unknown_area = row.poverty and not row.area_id
    return {"adcode": row.adcode, "name_zh": row.name, "name_en": row.name_en,
            "province_zh": row.province, "province_en": row.province_en,
            "area_zh": row.area_zh or (t("area_unknown", "zh") if unknown_area else "—"),
            "area_en": row.area_en or (t("area_unknown", "en") if unknown_area else "—"),
            "exit": year, "gis_zh": row.gi_names_zh or "—", "gis_en": row.gi_names_en or "—",
            "gi_count": int(row.gi_count)}


def county_properties(level: str = "national", adcodes: frozenset[str] | None = None):
    """County rows (in the geometry's order) with what tooltips and colours need."""
    shapes = geometry.load_layer("counties", level)[["adcode", "geometry"]]
    if adcodes is not None:
        shapes = shapes[shapes["adcode"].isin(adcodes)]
    info = data.all_counties()
    merged = shapes.merge(info, on="adcode", how="left")
    colors = county_colors(merged)
    props = [{**tooltip_properties(row), **{f"fill_{m}": list(c[i]) for m, c in colors.items()}}
             for i, row in enumerate(merged.itertuples(index=False))]
    return merged, props


def _write(path: Path, content: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(content)
        tmp.replace(path)
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
        columns={"boundary_adcode": "adcode"})
    areas = geometry.area_outlines(members, "national")
    names = data.load_areas().set_index("area_id")
    outlines = [geometry.borders([a], without=_china_outline()) for a in areas.geometry.values]
    return feature_collection(outlines, [
        {"area_id": a, "area_zh": names.at[a, "name_zh"], "area_en": names.at[a, "name_en"]} for a in areas["area_id"]],
        DIGITS["national"])


@lru_cache(maxsize=4)
def _national_files(signature: str) -> dict[str, Path]:
    """Write the national boundary files of this version if they are not there yet (built only then)."""
    folder = GEO_DIR / signature
    makers = {"counties": _county_file, "provinces": _province_file, "china": _china_file, "areas": _area_file}
    out = {}
    for name in NATIONAL:
        path = folder / f"{name}.json"
        out[name] = path if path.exists() else _write(path, makers[name]())
    prune(keep=3)
    return out


def prune(keep: int) -> None:
    """Remove all but the `keep` newest versions of the served boundary files (older data versions)."""
    import shutil

    folders = sorted((p for p in GEO_DIR.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in folders[keep:]:
        shutil.rmtree(old, ignore_errors=True)


@lru_cache(maxsize=64)
def _selection_file(signature: str, adcodes: frozenset[str]) -> Path:
    digest = hashlib.sha256(",".join(sorted(adcodes)).encode()).hexdigest()[:12]
    path = GEO_DIR / signature / f"selection_{digest}.json"
    if not path.exists():
        merged, props = county_properties("detailed", adcodes)
        _write(path, feature_collection(merged.geometry.values, props, DIGITS["national"]))
    return path


def _still_there(cached, *args):
    """A cached file-building call, made again if its files were removed since (pruned by another process)."""
    out = cached(*args)
    if not all(p.exists() for p in (out.values() if isinstance(out, dict) else [out])):
        cached.cache_clear()
        out = cached(*args)
    return out


def selection_file(adcodes) -> Path:
    """Detailed boundaries of the chosen counties, for zoomed views (one file per set of counties)."""
    return _still_there(_selection_file, data_signature(), frozenset(adcodes))


def national_files() -> dict[str, Path]:
    """Paths of the national boundary files for the current data version (built on first call)."""
    return _still_there(_national_files, data_signature())


def url_of(path: Path) -> str:
    """The URL under which Streamlit serves a file of `static/`."""
    return f"{STATIC_URL}/{path.relative_to(STATIC_DIR).as_posix()}"


def ensure_static() -> list[Path]:
    """Build every served file (font slices first, then boundaries); returns their paths."""
    from ipaid.webfont import ensure_webfont

    return [*ensure_webfont(), *national_files().values()]
