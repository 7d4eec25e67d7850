"""Map building: offline deck, served boundary files, zoom to a selection, sizes."""

import gzip
import json
import math
import re

import pandas as pd
import pytest

from ipaid import data, hierarchy, maps, palette, static_files
from ipaid.filters import Filters
from ipaid.i18n import first_of, t


def deck_json(f: Filters, measure="area", lang="zh") -> dict:
    return json.loads(maps.build_deck(f, measure, lang).to_json())


def gi_layer_markers(spec: dict) -> list[dict]:
    """The GI markers a deck spec shows (a served file; with a place filter, those its radius accessor keeps)."""
    layer = [layer for layer in spec["layers"] if layer["id"].startswith("gi-")][0]
    path = static_files.STATIC_DIR / layer["data"].removeprefix(static_files.STATIC_URL + "/")
    return [m for m in json.loads(path.read_bytes()) if coloured(layer["getRadius"], m["adcode"], "adcode")]


def test_deck_has_no_basemap_or_external_url():
    spec = deck_json(Filters())
    assert spec.get("mapStyle") in (None, "__MAP_STYLE__") or "mapStyle" not in spec
    text = json.dumps(spec)
    assert "http://" not in text and "https://" not in text and "mapbox" not in text.lower()
    ids = [layer["id"] for layer in spec["layers"]]
    kinds = {i.split("-")[0] for i in ids}  # "gi-<file>"
    assert ids[:1] == ["counties"] and {"areas", "provinces", "china", "gi", "labels"} <= kinds


def test_pickable_layer_ids_change_with_what_they_show():
    """Streamlit keeps a map click's selection while its layer id stays: a click that opened the next level must
    not stay selected there (the map would be dimmed around it), so the ids of the clicked layers change."""

    def picked(f: Filters) -> set[str]:
        return {layer["id"] for layer in deck_json(f)["layers"] if layer.get("pickable")}

    national, hunan = picked(Filters()), picked(Filters(provinces=("湖南省",)))
    zhangjiajie = picked(Filters(provinces=("湖南省",), prefecture="张家界市"))
    assert len(national) == len(hunan) == len(zhangjiajie) == 2  # counties (or a selection of them), GI markers
    assert not (national & hunan or hunan & zhangjiajie or national & zhangjiajie)


def test_national_boundaries_are_served_files_under_2_mb_compressed():
    files = static_files.national_files()
    total = sum(len(gzip.compress(p.read_bytes())) for p in files.values())
    assert total < 2_000_000
    counties = json.loads(files["counties"].read_text(encoding="utf-8"))
    assert len(counties["features"]) == 2875
    props = counties["features"][0]["properties"]
    assert {"fill_area", "fill_exit", "fill_gi", "fill_status", "name_zh", "name_en", "exit"} <= set(props)


def test_province_filter_zooms_and_colours_only_its_counties():
    national = deck_json(Filters())
    hunan = deck_json(Filters(provinces=("湖南省",)))
    assert hunan["initialViewState"]["zoom"] > national["initialViewState"]["zoom"] + 1.5
    assert 108 < hunan["initialViewState"]["longitude"] < 115 and 24 < hunan["initialViewState"]["latitude"] < 31
    assert not [layer for layer in hunan["layers"] if layer["id"].startswith("selection")]
    features = served_features(hunan)
    assert {f["properties"]["province_zh"] for f in features} == {"湖南省"}
    assert len(features) == (data.all_counties()["province"] == "湖南省").sum()


def test_a_place_filter_changes_only_the_county_layer_s_colours():
    """deck.gl keeps a layer whose props do not change: a place filter keeps the national file and every
    outline layer as they are, and changes the county layer's fill accessor (and its id, see build_deck)."""
    national = {layer["id"]: layer for layer in deck_json(Filters())["layers"]}
    for f in (
        Filters(provinces=("湖南省",)),
        Filters(areas=("wuling",)),
        Filters(provinces=("湖南省",), areas=("wuling",)),
    ):
        layers = {layer["id"]: layer for layer in deck_json(f)["layers"]}
        for name in ("areas", "provinces", "china"):
            assert layers[name] == national[name]
        [gi], [national_gi] = ([v for k, v in x.items() if k.startswith("gi-")] for x in (layers, national))
        assert gi["data"] == national_gi["data"]  # the national markers, some at radius 0
        [county] = [layer for name, layer in layers.items() if name.startswith("counties")]
        changed = {
            k for k in county.keys() | national["counties"].keys() if county.get(k) != national["counties"].get(k)
        }
        assert changed == {"id", "getFillColor", "updateTriggers"}, changed
        assert county["getFillColor"].endswith(": [255, 255, 255]") and "properties.fill_area" in county["getFillColor"]
    # Closer up (a prefecture) the national file's simplification would show: the detailed selection comes back.
    zhangjiajie = deck_json(Filters(provinces=("湖南省",), prefecture="张家界市"))
    assert zhangjiajie["initialViewState"]["zoom"] >= maps.RECOLOUR_MAX_ZOOM
    assert [layer["id"].split("-")[0] for layer in zhangjiajie["layers"][:2]] == ["counties", "selection"]
    assert zhangjiajie["layers"][0]["visible"] is False
    # So does zooming in with the buttons past that zoom.
    hunan = Filters(provinces=("湖南省",))
    steps = math.ceil(maps.RECOLOUR_MAX_ZOOM - deck_json(hunan)["initialViewState"]["zoom"])
    zoomed = json.loads(maps.build_deck(hunan, "area", "zh", steps=steps).to_json())
    assert zoomed["initialViewState"]["zoom"] >= maps.RECOLOUR_MAX_ZOOM
    assert [layer["id"].split("-")[0] for layer in zoomed["layers"][:2]] == ["counties", "selection"]


def test_measure_changes_the_fill_accessor():
    for measure in ("area", "exit", "gi", "status"):
        counties = deck_json(Filters(), measure, "en")["layers"][0]
        assert counties["id"] == "counties" and counties["getFillColor"] == f"@@=properties.fill_{measure}"


def test_tooltip_names_only_properties_the_features_have_in_the_reader_s_language():
    feature = json.loads(static_files.national_files()["counties"].read_text(encoding="utf-8"))["features"][0]
    for lang, own, other in (("en", "{name_en}", "{gis_zh}"), ("zh", "{name_zh}", "{gis_en}")):
        for filtered in (False, True):
            html = maps.tooltip(lang, filtered)["html"]
            fields = set(re.findall(r"{(\w+)}", html))
            assert fields and fields <= set(feature["properties"]), fields - set(feature["properties"])
            assert own in html and other not in html
    assert "连片特困地区：" in maps.tooltip("zh")["html"] and "Contiguous area: " in maps.tooltip("en")["html"]
    # With a category or GI chosen the tooltip lists only the matching GIs, and says so.
    assert t("gis_matching", "en") in maps.tooltip("en", True)["html"]
    assert t("gis_matching", "en") not in maps.tooltip("en", False)["html"]
    assert maps.build_deck(Filters(categories=("tea",)), "gi", "en")._tooltip == maps.tooltip("en", True)
    assert maps.build_deck(Filters(provinces=("湖南省",)), "gi", "zh")._tooltip == maps.tooltip("zh", False)


def test_gi_markers_sit_in_counties_with_gis():
    markers = maps.gi_markers(data.all_counties())
    counties = data.all_counties()
    assert len(markers) == (counties["gi_count"] > 0).sum()
    assert sum(m["count"] for m in markers) == counties["gi_count"].sum()


def test_fit_view_contains_the_bounds():
    view = maps.fit_view((108.8, 24.6, 114.3, 30.1))
    assert 110 < view.longitude < 113 and 26 < view.latitude < 29 and 4 < view.zoom < 8
    # The bounds fit in the assumed map size: world width at this zoom × the span's share of 360°.
    width_px = 512 * 2**view.zoom * (114.3 - 108.8) / 360
    assert width_px <= maps.MAP_PX[0]


def test_the_tea_filter_means_the_tea_category_not_tea_in_the_name():
    gis = data.load_gis()
    markers = maps.gi_markers(maps.selected_counties(Filters(categories=("tea",))))
    tea = gis[gis["category"] == "tea"].explode("counties").dropna(subset=["counties"])
    expected = tea.groupby("counties")["name_zh"].agg(set)
    assert {m["adcode"] for m in markers} == set(expected.index)
    for m in markers:
        assert m["gis_zh"] == first_of(sorted(expected[m["adcode"]]), "zh"), m["name_zh"]  # first 5, then "等N个"
        assert m["count"] == tea.loc[tea["counties"] == m["adcode"], "gi_id"].nunique()
    # The category decides: tea GIs without 茶 in their name (安溪铁观音, 古丈毛尖) are in; 茶卡盐 (salt) is not.
    listed = set().union(*expected)
    assert {"安溪铁观音", "古丈毛尖"} <= listed and any("茶" not in n for n in listed)
    assert "茶卡盐" not in listed and "乌兰茶卡羊" not in listed


def test_choosing_a_gi_by_name_zooms_to_its_counties():
    sangzhi = data.load_gis().query("name_zh == '桑植白茶'")["gi_id"].iloc[0]
    spec = deck_json(Filters(gis=(sangzhi,)))
    view = spec["initialViewState"]
    assert abs(view["longitude"] - 110.2) < 0.5 and abs(view["latitude"] - 29.5) < 0.5
    markers = gi_layer_markers(spec)
    assert [m["name_zh"] for m in markers] == ["桑植县"]


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
            for a, c, b, d in boxes[i + 1 :]:
                assert x1 < a or b < x0 or y1 < c or d < y0
        assert labels[0]["text"] == capital and len(labels) >= 20
    hunan = maps.labels(Filters(provinces=("湖南省",)), "zh")  # the drill-down's province level: its prefectures
    assert sorted(label["text"] for label in hunan) == sorted(hierarchy.prefectures("湖南省"))
    assert [label["text"] for label in maps.labels(Filters(provinces=("北京市",)), "zh")] == ["北京"]


def test_english_prefecture_labels_fit_each_province_map_at_1024px():
    """At a province's view every prefecture's English label fits the map's width: the full names of autonomous
    prefectures ran past its edge ("…angxi Tujia Miao Autonomous Prefecture", 8 labels in 6 provinces)."""
    width = 560  # the map canvas in a 1024 px wide window (Chromium, sidebar open)
    cut = []
    for province in sorted(data.all_counties()["province"].unique()):
        f = Filters(provinces=(province,))
        if not hierarchy.has_prefectures(province):
            continue
        view = maps.initial_view(maps.selected_counties(f))
        centre = (view.longitude + 180) / 360 * 512 * 2**view.zoom
        for label in maps.labels(f, "en"):
            x0, _, x1, _ = maps.text_box(label, view.zoom, maps.FOCUSED_LABEL_PX)
            if x0 < centre - width / 2 or x1 > centre + width / 2:
                cut.append((province, label["text"]))
    assert not cut
    assert maps.prefecture_label("湘西土家族苗族自治州", "en") == "Xiangxi Prefecture"
    assert maps.prefecture_label("湘西土家族苗族自治州", "zh") == "湘西土家族苗族自治州"


def test_area_labels_lie_inside_the_map_at_1024px():
    """Each area's English label lies wholly inside its map at 1024 px (the Yunnan-Guangxi-Guizhou label ran 97 px
    past the edge); a label centred outside a zoomed-in view is left where it is."""
    width = maps.LABEL_FIT_PX
    for area in data.load_areas()["area_id"]:
        deck = json.loads(maps.build_deck(Filters(areas=(area,)), lang="en").to_json())
        zoom, lon = deck["initialViewState"]["zoom"], deck["initialViewState"]["longitude"]
        centre = (lon + 180) / 360 * 512 * 2**zoom
        rows = next(layer for layer in deck["layers"] if layer["id"] == "labels")["data"]
        for row in rows:
            label = {"position": row["position"], "text": row["icon"].split(" ", 1)[1]}
            x0, _, x1, _ = maps.text_box(label, zoom, maps.FOCUSED_LABEL_PX)
            assert centre - width / 2 <= x0 and x1 <= centre + width / 2, (area, label)
    far = {"position": [80.0, 30.0], "text": "Far away"}
    assert maps.within([far], maps.fit_view((110, 25, 112, 27)), maps.FOCUSED_LABEL_PX) == [far]


def test_served_files_come_back_when_removed_behind_the_cache(tmp_path, monkeypatch):
    import shutil

    # Its own folder: an app server of another test process may be serving the project's static/geo meanwhile.
    monkeypatch.setattr(static_files, "GEO_DIR", tmp_path)
    static_files._national_files.cache_clear()
    try:
        files = static_files.national_files()
        assert files["counties"].is_relative_to(tmp_path)
        shutil.rmtree(files["counties"].parent)  # e.g. pruned by another server process
        again = static_files.national_files()
        assert again == files and all(p.exists() for p in again.values())
    finally:
        static_files._national_files.cache_clear()  # no cached path into tmp_path for later tests


def test_prune_keeps_recent_versions_and_any_folder_still_in_use(tmp_path, monkeypatch):
    """Older data versions' folders go, but not one used within the idle time (a replica or an open page may still
    fetch from it), and using the current version's files marks its folder as used."""
    import os
    import time

    monkeypatch.setattr(static_files, "GEO_DIR", tmp_path)
    now = time.time()
    for i, age in enumerate([10, 20, 30, 7200, 7300, 600]):  # seconds since last use
        (tmp_path / f"v{i}").mkdir()
        os.utime(tmp_path / f"v{i}", (now - age, now - age))
    static_files.prune(keep=3, idle=3600)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v0", "v1", "v2", "v5"]
    static_files.prune(keep=1, idle=15)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v0"]

    static_files._national_files.cache_clear()
    try:
        folder = static_files.national_files()["counties"].parent
        os.utime(folder, (now - 7200, now - 7200))
        static_files.national_files()
        assert time.time() - folder.stat().st_mtime < 60
    finally:
        static_files._national_files.cache_clear()


# --- Every colour, tooltip, count, legend and export follows every filter, for every measure ---------------
# Expected values are computed here from data.load_gis() and data.all_counties() alone.


def _gi_id(name: str) -> str:
    return data.load_gis().query("name_zh == @name")["gi_id"].iloc[0]


FILTERS = {
    "none": lambda: Filters(),
    "province": lambda: Filters(provinces=("湖南省",)),
    "area": lambda: Filters(areas=("wuling",)),
    "province+area": lambda: Filters(provinces=("湖南省",), areas=("wuling",)),
    "category": lambda: Filters(categories=("tea",)),
    "gi": lambda: Filters(gis=(_gi_id("信阳毛尖"), _gi_id("桑植白茶"))),
    "province+category": lambda: Filters(provinces=("贵州省",), categories=("tea", "fruit")),
}
MEASURES = ("area", "exit", "gi", "status")


def expected_counties(f: Filters) -> pd.DataFrame:
    """The counties the map must colour, with the count and names of the GIs that match the filters."""
    gis = data.load_gis()
    if f.categories:
        gis = gis[gis["category"].isin(f.categories)]
    if f.gis:
        gis = gis[gis["gi_id"].isin(f.gis)]
    links = gis[["gi_id", "name_zh", "counties"]].explode("counties").dropna(subset=["counties"])
    counties = data.all_counties()
    if f.provinces:
        counties = counties[counties["province"].isin(f.provinces)]
    if f.areas:
        counties = counties[counties["area_id"].isin(f.areas)]
    counties = counties.assign(
        n=counties["adcode"].map(links.groupby("counties")["gi_id"].nunique()).fillna(0),
        names=counties["adcode"].map(links.groupby("counties")["name_zh"].agg(set)),
    )
    return counties[counties["n"] > 0] if f.categories or f.gis else counties


def expected_colour(row, measure: str) -> tuple:
    from ipaid import palette as P

    if measure == "gi":
        n = int(row.n)
        return P.GI_COLORS[0 if n == 0 else 1 if n == 1 else 2 if n == 2 else 3 if n <= 4 else 4]
    if not row.poverty:
        return P.NEUTRAL
    if measure == "area":
        return P.AREA_COLORS.get(row.area_id, P.OUTSIDE)
    if measure == "exit":
        return P.EXIT_COLORS.get(int(row.exit_year), P.OUTSIDE)
    return P.STATUS_COLORS["in_area" if row.area_id else "outside"]


def served_features(spec: dict) -> list[dict]:
    """The features of the coloured county layer the deck shows (the selection, else all counties)."""
    shown = [
        layer
        for layer in spec["layers"]
        if layer["id"].startswith(("counties", "selection")) and layer.get("visible", True)
    ]
    assert len(shown) == 1, [layer["id"] for layer in shown]
    path = static_files.STATIC_DIR / shown[0]["data"].removeprefix(static_files.STATIC_URL + "/")
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    return [feat for feat in features if coloured(shown[0]["getFillColor"], feat["properties"]["adcode"])]


def coloured(accessor: str, adcode: str, field: str = "properties.adcode") -> bool:
    """Whether an accessor shows the county `adcode`: a plain property does; a place filter's expression
    (`maps.place_test`) does for codes in its ranges (read here independently of how it was written)."""
    test = accessor.removeprefix("@@=").split(" ? ")[0]
    if " ? " not in accessor or test == "true":
        return True
    f = re.escape(field)
    ranges = re.findall(rf">= '(\d+)' && {f} <= '(\d+)'", test)
    singles = re.findall(rf"{f} == '(\d+)'", test)
    assert test.count(field) == 2 * len(ranges) + len(singles), test  # nothing else in it
    return adcode in singles or any(a <= adcode <= b for a, b in ranges)


@pytest.mark.parametrize("measure", MEASURES)
@pytest.mark.parametrize("name", list(FILTERS))
def test_the_map_colours_and_tooltips_follow_every_filter(name, measure):
    f = FILTERS[name]()
    expected = expected_counties(f).set_index("adcode")
    spec = deck_json(f, measure, "en")
    features = {feat["properties"]["adcode"]: feat["properties"] for feat in served_features(spec)}
    assert set(features) == set(expected.index)
    for code, props in features.items():
        row = expected.loc[code]
        assert tuple(props[f"fill_{measure}"]) == expected_colour(row, measure), (code, measure)
        assert props["gi_count"] == int(row.n)
        assert props["gis_zh"] == (first_of(sorted(row.names), "zh") if isinstance(row.names, set) else "—")
    markers = gi_layer_markers(spec)
    assert {m["adcode"]: m["count"] for m in markers} == expected.loc[expected["n"] > 0, "n"].astype(int).to_dict()


@pytest.mark.parametrize("measure", MEASURES)
@pytest.mark.parametrize("name", list(FILTERS))
def test_the_legend_lists_every_colour_the_map_shows(name, measure):
    f = FILTERS[name]()
    shown = {tuple(feat["properties"][f"fill_{measure}"]) for feat in served_features(deck_json(f, measure))}
    items = maps.legend_items(f, measure, "zh", maps.selected_counties(f))
    legend = [tuple(c) for _, c in items]
    assert shown <= set(legend), shown - set(legend)
    assert len(legend) == len(set(legend))  # one label per colour
    # Only colours the map shows, plus "outside the filters" when a filter is active.
    assert set(legend) - shown == (set() if f.is_empty else {palette.BLANK})


@pytest.mark.parametrize("measure", MEASURES)
@pytest.mark.parametrize("name", ["province+area", "category", "gi"])
def test_the_exported_map_and_table_follow_every_filter(name, measure):
    from ipaid.static_map import static_counties

    f = FILTERS[name]()
    expected = expected_counties(f).set_index("adcode")
    frame, items = static_counties(f, measure, "en")
    assert set(frame["adcode"]) == set(expected.index)
    colours = {palette.hex_color(expected_colour(r, measure)) for r in expected.itertuples()}
    assert set(frame["colour"]) == colours
    assert colours <= {c for _, c in items} and all(frame["legend"] != "")
    table = maps.selected_counties(f)
    table = table[table["poverty"]].set_index("adcode")["gi_count"]  # the counties-in-view table and its CSV
    assert table.to_dict() == expected.loc[expected["poverty"], "n"].astype(int).to_dict()


def test_a_product_filter_hides_the_national_county_file_without_dropping_it():
    national = deck_json(Filters())["layers"][0]
    for name in ("category", "gi", "province+category"):
        counties = deck_json(FILTERS[name]())["layers"][0]
        assert counties["id"].startswith("counties") and counties["data"] == national["data"]
        assert counties["visible"] is False
    assert national["visible"] is True


def test_the_map_page_shows_the_filtered_counts():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file("../app.py", default_timeout=120)
    at.query_params["lang"], at.query_params["category"], at.query_params["measure"] = "en", "tea", "gi"
    at.switch_page("pages/map.py").run()
    assert not at.exception
    tea = expected_counties(Filters(categories=("tea",)))
    assert not [d for d in at.dataframe if "GIs" in d.value.columns]  # the table is drawn only when asked
    switch = at.toggle(key="map_table")
    assert switch.label == t("show_county_table", "en", n=f"{tea['poverty'].sum():,}")
    switch.set_value(True).run()
    table = next(d.value for d in at.dataframe if "GIs" in d.value.columns)  # the counties in view
    assert len(table) == tea["poverty"].sum() and table["GIs"].sum() == tea.loc[tea["poverty"], "n"].sum()
    assert t("map_filters_note", "en") in " ".join(c.value for c in at.caption)


def test_no_map_zooms_on_the_mouse_wheel():
    decks = [
        maps.build_deck(Filters()),
        maps.build_deck(Filters(categories=("tea",)), "gi", "en"),
        maps.build_deck(Filters(), "status", details=False, zoom=1.55),
        maps.county_deck(["430822"], "zh"),
    ]
    for deck in decks:
        views = json.loads(deck.to_json())["views"]
        assert [v["@@type"] for v in views] == ["MapView"] and views[0]["controller"]["scrollZoom"] is False
    # The main map zooms by its buttons only (so the page knows its zoom); small maps by double click.
    assert json.loads(decks[0].to_json())["views"][0]["controller"]["doubleClickZoom"] is False
    assert json.loads(decks[3].to_json())["views"][0]["controller"]["doubleClickZoom"] is True


def test_zoom_steps_and_reset_view():
    base = maps.initial_view(maps.selected_counties(Filters(provinces=("湖南省",))))
    low, high = maps.step_limits(Filters(provinces=("湖南省",)))
    assert low < 0 < high and base.min_zoom <= base.zoom + low and base.zoom + high <= base.max_zoom
    assert abs(maps.adjusted_view(base, 2).zoom - (base.zoom + 2 * maps.ZOOM_STEP)) < 1e-6
    assert maps.adjusted_view(base, 100).zoom <= base.max_zoom and maps.adjusted_view(base, -100).zoom >= base.min_zoom
    # Streamlit applies only the keys that changed: each reset must change all of them, yet stay put.
    views = [maps.adjusted_view(base, 0, n) for n in range(4)]
    for before, after in zip(views, views[1:]):
        for key in ("longitude", "latitude", "zoom"):
            assert getattr(before, key) != getattr(after, key)
            assert abs(getattr(after, key) - getattr(base, key)) < 1e-5


def test_the_map_page_zoom_buttons_change_the_view_and_reset_restores_it():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file("../app.py", default_timeout=120)
    at.query_params["province"] = "湖南省"
    at.switch_page("pages/map.py").run()

    def view():
        return json.loads(at.get("deck_gl_json_chart")[0].proto.json)["initialViewState"]

    start = view()
    at.button(key="map_zoom_in").click().run()
    at.button(key="map_zoom_in").click().run()
    assert abs(view()["zoom"] - (start["zoom"] + 2 * maps.ZOOM_STEP)) < 1e-6
    at.button(key="map_reset_view").click().run()
    after = view()
    assert all(abs(after[k] - start[k]) < 1e-5 and after[k] != start[k] for k in ("longitude", "latitude", "zoom"))
    low, _ = maps.step_limits(Filters(provinces=("湖南省",)))
    for _ in range(-low):
        at.button(key="map_zoom_out").click().run()
    assert at.button(key="map_zoom_out").disabled and not at.button(key="map_zoom_in").disabled


def test_outlines_are_drawn_as_the_segments_of_the_served_lines():
    import math

    import shapely

    files = static_files.national_files()
    layers = {layer["id"]: layer for layer in deck_json(Filters())["layers"]}
    for name in ("provinces", "china", "areas"):
        assert layers[name]["@@type"] == "LineLayer"
        served = static_files.STATIC_DIR / layers[name]["data"].removeprefix(static_files.STATIC_URL + "/")
        segments = json.loads(served.read_text(encoding="utf-8"))
        lines = shapely.from_geojson(files[name].read_text(encoding="utf-8"))
        # The same lines: the same length and the same vertices, each segment joining two of them.
        assert math.isclose(sum(math.dist(s["s"], s["t"]) for s in segments), shapely.length(lines), rel_tol=1e-6)
        vertices = {tuple(c) for c in shapely.get_coordinates(lines).tolist()}
        assert {tuple(s["s"]) for s in segments} | {tuple(s["t"]) for s in segments} == vertices


def test_the_language_changes_only_the_labels_layer():
    """The language switch keeps every layer but the labels (drawn into a new atlas) as it was: deck.gl keeps
    their data and GPU buffers."""
    for f in (Filters(), Filters(provinces=("湖南省",)), Filters(categories=("tea",))):
        zh, en = (deck_json(f, "area", lang) for lang in ("zh", "en"))
        changed = [a["id"] for a, b in zip(zh["layers"], en["layers"], strict=True) if a != b]
        assert changed == ["labels"]
        assert {k: v for k, v in zh.items() if k != "layers"} == {k: v for k, v in en.items() if k != "layers"}


def spec_urls(spec) -> set[str]:
    """Every served file a deck spec names (the browser fetches each)."""
    text = json.dumps(spec, ensure_ascii=False)
    return set(re.findall(re.escape(static_files.STATIC_URL) + r"/[^\"']+", text))


def test_a_province_pick_or_language_switch_fetches_nothing_new():
    """In software WebGL every file that arrives after a deck is drawn costs a frame of its own: picking a
    province (the drill-down's province level, then a prefecture of it) and switching language must name only
    files the national map already loaded; the province's prefecture borders come inline, in the spec."""
    national = json.loads(maps.cached_deck(Filters()).to_json())
    assert national["layers"][-1]["@@type"] == "IconLayer"
    for f in (Filters(provinces=("湖南省",)), Filters(provinces=("四川省",))):
        for lang in ("zh", "en"):
            spec = json.loads(maps.cached_deck(f, "area", lang).to_json())
            assert spec_urls(spec) <= spec_urls(national), spec_urls(spec) - spec_urls(national)
            [borders] = [layer for layer in spec["layers"] if layer["id"] == "prefectures"]
            unit = static_files.SEGMENT_UNIT  # rows [x, y, dx, dy]: the borders' segments, start and end
            shown = [((x / unit, y / unit), ((x + dx) / unit, (y + dy) / unit)) for x, y, dx, dy in borders["data"]]
            lines = static_files.segments(static_files.prefecture_file(f.provinces[0]))
            assert len(shown) == len(lines) > 1000
            assert all(math.dist(a, c) < 1e-6 and math.dist(b, d) < 1e-6 for (a, b), (c, d) in zip(shown, lines))
            assert borders["getSourcePosition"] == "@@=[this[0] / 10000, this[1] / 10000]"
    assert spec_urls(json.loads(maps.cached_deck(Filters(), "area", "en").to_json())) == spec_urls(national)
    # A prefecture (closer up) loads its detailed counties, but no other borders or labels.
    zhangjiajie = json.loads(maps.cached_deck(Filters(provinces=("湖南省",), prefecture="张家界市")).to_json())
    assert {
        u for u in spec_urls(zhangjiajie) - spec_urls(national) if "/selection_" not in u and "/markers_" not in u
    } == set()


def test_only_a_layers_data_is_inlined_not_text_that_looks_like_it():
    """An area or GI name may contain anything a steward uploads, the inline marker included: it stays text."""
    import pydeck as pdk

    from ipaid.static_files import prefecture_file

    name = f'Area "{maps.INLINE}x" name'
    text = pdk.Layer("TextLayer", id="names", data=[{"text": name, "position": [110, 28]}], get_text="text")
    deck = maps._with_inline_data(pdk.Deck(layers=[maps._inline_borders(prefecture_file("湖南省")), text]))
    layers = {layer["id"]: layer for layer in json.loads(deck.to_json())["layers"]}
    assert layers["names"]["data"] == [{"text": name, "position": [110, 28]}]
    rows = layers["prefectures"]["data"]
    assert rows and all(isinstance(v, int) for row in rows for v in row)
