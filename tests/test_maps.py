"""Map building: offline deck, served boundary files, zoom to a selection, sizes."""
import gzip
import json

from ipaid import data, maps, static_files
from ipaid.filters import Filters


def deck_json(f: Filters, measure="area", lang="zh") -> dict:
    return json.loads(maps.build_deck(f, measure, lang).to_json())


def test_deck_has_no_basemap_or_external_url():
    spec = deck_json(Filters())
    assert spec.get("mapStyle") in (None, "__MAP_STYLE__") or "mapStyle" not in spec
    text = json.dumps(spec)
    assert "http://" not in text and "https://" not in text and "mapbox" not in text.lower()
    ids = [layer["id"] for layer in spec["layers"]]
    assert ids[:1] == ["counties"] and {"areas", "provinces", "china", "gi", "labels"} <= set(ids)


def test_national_boundaries_are_served_files_under_2_mb_compressed():
    files = static_files.national_files()
    total = sum(len(gzip.compress(p.read_bytes())) for p in files.values())
    assert total < 2_000_000
    counties = json.loads(files["counties"].read_text(encoding="utf-8"))
    assert len(counties["features"]) == 2875
    props = counties["features"][0]["properties"]
    assert {"fill_area", "fill_exit", "fill_gi", "fill_status", "name_zh", "name_en", "exit"} <= set(props)


def test_province_filter_zooms_and_adds_a_detailed_selection():
    national = deck_json(Filters())
    hunan = deck_json(Filters(provinces=("湖南省",)))
    assert hunan["initialViewState"]["zoom"] > national["initialViewState"]["zoom"] + 1.5
    assert 108 < hunan["initialViewState"]["longitude"] < 115 and 24 < hunan["initialViewState"]["latitude"] < 31
    selection = [layer for layer in hunan["layers"] if layer["id"] == "selection"][0]
    path = static_files.STATIC_DIR / selection["data"].removeprefix(static_files.STATIC_URL + "/")
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    assert {f["properties"]["province_zh"] for f in features} == {"湖南省"}
    assert len(features) == (data.all_counties()["province"] == "湖南省").sum()


def test_measure_changes_the_fill_accessor_and_tooltip_follows_language():
    spec = deck_json(Filters(), "exit", "en")
    counties = spec["layers"][0]
    assert "fill_exit" in json.dumps(counties)
    assert "{name_en}" in spec["tooltip"]["html"] if isinstance(spec.get("tooltip"), dict) else True
    assert "{name_zh}" in maps.tooltip("zh")["html"] and "片区" in maps.tooltip("zh")["html"]


def test_gi_markers_sit_in_counties_with_gis():
    markers = maps.gi_markers(data.all_counties())
    counties = data.all_counties()
    assert len(markers) == (counties["gi_count"] > 0).sum()
    assert sum(m["count"] for m in markers) == counties["gi_count"].sum()


def test_fit_view_contains_the_bounds():
    view = maps.fit_view((108.8, 24.6, 114.3, 30.1))
    assert 110 < view.longitude < 113 and 26 < view.latitude < 29 and 4 < view.zoom < 8
    # The bounds fit in the assumed map size: world width at this zoom × the span's share of 360°.
    width_px = 512 * 2 ** view.zoom * (114.3 - 108.8) / 360
    assert width_px <= maps.MAP_PX[0]


def test_product_filter_limits_the_gi_markers():
    gis = data.load_gis()
    tea = gis[gis["category"] == "tea"]
    markers = maps.gi_markers(maps.with_product_filter(data.all_counties(), Filters(categories=("tea",))))
    assert sum(m["count"] for m in markers) == data.gi_county_links(tea).drop_duplicates(["gi_id", "adcode"]).shape[0]
    assert all("茶" in m["gis_zh"] or m["gis_zh"] for m in markers)


def test_choosing_a_gi_by_name_zooms_to_its_counties():
    sangzhi = data.load_gis().query("name_zh == '桑植白茶'")["gi_id"].iloc[0]
    spec = deck_json(Filters(gis=(sangzhi,)))
    view = spec["initialViewState"]
    assert abs(view["longitude"] - 110.2) < 0.5 and abs(view["latitude"] - 29.5) < 0.5
    assert [m["name_zh"] for m in [l for l in spec["layers"] if l["id"] == "gi"][0]["data"]] == ["桑植县"]


def test_area_colours_are_told_apart_from_each_other_and_from_the_greys():
    import itertools
    import math

    from ipaid.palette import AREA_COLORS, NEUTRAL, OUTSIDE

    colours = {**AREA_COLORS, "outside": OUTSIDE, "neutral": NEUTRAL}
    closest = min(math.dist(a, b) for a, b in itertools.combinations(colours.values(), 2))
    assert len(AREA_COLORS) == 14 and closest >= 55


def test_national_province_labels_do_not_overlap_and_keep_the_capital():
    for lang, capital in (("zh", "北京"), ("en", "Beijing")):
        labels = maps.labels(Filters(), lang)
        boxes = [maps.text_box(label, maps.NATIONAL_VIEW.zoom, maps.LABEL_PX) for label in labels]
        for i, (x0, y0, x1, y1) in enumerate(boxes):
            for a, c, b, d in boxes[i + 1:]:
                assert x1 < a or b < x0 or y1 < c or d < y0
        assert labels[0]["text"] == capital and len(labels) >= 20
    hunan = maps.labels(Filters(provinces=("湖南省",)), "zh")
    assert [label["text"] for label in hunan] == ["湖南"]


def test_served_files_come_back_when_removed_behind_the_cache():
    import shutil

    files = static_files.national_files()
    shutil.rmtree(files["counties"].parent)  # e.g. pruned by another server process
    again = static_files.national_files()
    assert again == files and all(p.exists() for p in again.values())
