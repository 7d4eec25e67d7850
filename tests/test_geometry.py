"""Coverage simplification keeps counties and provinces tight: no gaps, no slivers."""

import shapely

from ipaid import geometry
from ipaid.admin_index import county_index


def test_every_county_has_a_boundary_at_both_levels():
    for level in geometry.TOLERANCE:
        counties = geometry.load_layer("counties", level)
        assert len(counties) == len(county_index()) == 2875
        assert not shapely.is_empty(counties.geometry.values).any()
        assert shapely.is_valid(counties.geometry.values).all()


def test_simplified_counties_fill_their_provinces():
    counties = geometry.load_layer("counties", "national")
    provinces = geometry.load_layer("provinces", "national").set_index("province")
    sums = counties.assign(a=shapely.area(counties.geometry.values)).groupby("province")["a"].sum()
    for province, total in sums.items():
        outline = shapely.area(provinces.at[province, "geometry"])
        assert abs(total - outline) / outline < 0.005, province


def test_simplification_keeps_the_area_of_the_raw_counties():
    raw = geometry.read_raw_counties()
    simple = geometry.load_layer("counties", "national")
    ratio = shapely.area(simple.geometry.values).sum() / shapely.area(raw.geometry.values).sum()
    assert abs(1 - ratio) < 0.005


def test_neighbours_still_touch_after_simplification():
    counties = geometry.load_layer("counties", "national").set_index("adcode")["geometry"]
    # Sangzhi borders Yongding district and Cili county (Zhangjiajie); Chongli borders Chicheng county.
    for a, b in (("430822", "430802"), ("430822", "430821"), ("130709", "130732")):
        assert shapely.touches(counties[a], counties[b]) or shapely.intersects(counties[a], counties[b])
        assert shapely.area(shapely.intersection(counties[a], counties[b])) < 1e-6
    provinces = shapely.coverage_union_all(counties.loc[[c for c in counties.index if c.startswith("43")]].values)
    assert shapely.get_num_interior_rings(shapely.get_geometry(provinces, 0)) <= 1


def test_coverage_has_no_gaps_between_neighbours():
    counties = geometry.load_layer("counties", "national")
    hunan = counties[counties["province"] == "湖南省"].geometry.values
    gaps = shapely.coverage_invalid_edges(hunan) if hasattr(shapely, "coverage_invalid_edges") else None
    assert gaps is None or shapely.is_empty(gaps).all()
    assert shapely.coverage_is_valid(hunan)


def test_cache_key_changes_with_the_settings(monkeypatch):
    before = geometry.cache_key()
    monkeypatch.setitem(geometry.TOLERANCE, "national", 0.03)
    assert geometry.cache_key() != before


def test_maritime_line_and_china_outline():
    maritime = geometry.load_layer("maritime")
    assert maritime.geometry.values[0].geom_type == "MultiLineString"
    china = geometry.load_layer("china", "national").geometry.values[0]
    minx, miny, maxx, maxy = china.bounds
    assert minx < 74 and maxx > 134 and miny < 19 and maxy > 53


def test_area_outlines_dissolve_members():
    import pandas as pd

    members = pd.DataFrame({"adcode": ["430822", "430821"], "area_id": ["wuling", "wuling"]})
    out = geometry.area_outlines(members)
    counties = geometry.load_layer("counties", "national").set_index("adcode")
    assert len(out) == 1
    expected = shapely.area(counties.loc[["430822", "430821"], "geometry"].values).sum()
    assert abs(shapely.area(out.geometry.values[0]) - expected) / expected < 1e-6


def test_province_borders_are_drawn_once_and_not_along_the_national_outline():
    provinces = geometry.load_layer("provinces", "national").geometry.values
    china = geometry.load_layer("china", "national").geometry.values[0]
    inner = geometry.borders(provinces, without=china)
    # Every inner edge is shared by exactly two provinces: perimeters = 2 × inner borders + national outline.
    expected = (shapely.length(provinces).sum() - china.boundary.length) / 2
    assert abs(inner.length - expected) / expected < 1e-6
    assert shapely.length(shapely.intersection(inner, china.boundary)) == 0
    assert shapely.get_num_coordinates(inner) < shapely.get_num_coordinates(provinces).sum() / 2


def test_two_processes_building_at_once_build_once(tmp_path):
    """Two first visitors (processes) build the boundary cache at the same moment: one builds, the other
    waits for it, and the cache they both read is whole. A small province keeps the build short."""
    import os
    import subprocess
    import sys
    import textwrap
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    code = textwrap.dedent("""
        import sys, time
        from ipaid import geometry
        small = geometry.county_index()
        small = small[small["province"] == "海南省"].reset_index(drop=True)
        geometry.county_index = lambda: small
        real = geometry.simplify_coverage
        def slow(*args):  # widen the window in which the other process could start a second build
            time.sleep(1.0)
            return real(*args)
        geometry.simplify_coverage = slow
        while time.time() < float(sys.argv[1]):  # both start together
            time.sleep(0.01)
        built = geometry.ensure_built()
        print("built" if built else "waited", len(geometry.load_layer("counties", "national")), flush=True)
    """)
    env = {**os.environ, "IPAID_CACHE_DIR": str(tmp_path)}
    start = __import__("time").time() + 8
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(start)],
            cwd=root,
            env=env,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1][-2000:] for o in outs]
    results = sorted(o[0].split()[0] for o in outs)
    assert results == ["built", "waited"], outs
    counts = {o[0].split()[1] for o in outs}
    assert len(counts) == 1 and int(counts.pop()) > 10
    files = sorted(p.name for p in tmp_path.rglob("*") if p.is_file() and not p.name.endswith(".lock"))
    assert len(files) == len(geometry.LAYERS) * len(geometry.TOLERANCE) + 1 and all(
        f.endswith(".parquet") for f in files
    ), files  # no temporary file left


def test_a_served_file_is_built_once_by_concurrent_callers(tmp_path):
    """Sessions asking for the same boundary file at once: one builds it, the others get the same whole file."""
    import gzip
    import threading
    import time

    from ipaid import static_files

    calls = []

    def make():
        calls.append(1)
        time.sleep(0.3)
        return b'{"type":"FeatureCollection","features":[]}'

    path = tmp_path / "sig" / "counties.json"
    threads = [threading.Thread(target=static_files._write, args=(path, make)) for _ in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(calls) == 1
    assert path.read_bytes().startswith(b'{"type"')
    names = sorted(p.name for p in path.parent.iterdir())
    assert names == ["counties.json", "counties.json.gz", "counties.json.lock"]  # no temporary file
    twin = gzip.decompress(path.with_name("counties.json.gz").read_bytes())
    assert twin == path.read_bytes()  # the gzip twin nginx sends is the same file
    assert path.stat().st_mode & 0o777 == 0o644  # readable by nginx's workers (another user)
