"""Map labels: one atlas image drawn on the server holds every label any main map shows, in both languages, so
no label waits for a browser font and neither a filter nor the language switch fetches another atlas."""

import json

import numpy as np
import pytest
from PIL import Image

from ipaid import data, hierarchy, map_labels, maps
from ipaid.filters import Filters
from ipaid.static_files import STATIC_DIR, STATIC_URL, label_atlas


def served(url: str):
    return STATIC_DIR / str(url).removeprefix(STATIC_URL + "/")


@pytest.fixture(scope="module")
def atlas():
    image, mapping = label_atlas()
    return Image.open(image).convert("RGBA"), json.loads(mapping.read_text(encoding="utf-8"))


def views():
    """Filters of every kind of labels: national, each province with prefectures, a municipality, areas."""
    provinces = sorted(set(hierarchy.units()["province"]))
    yield Filters(), maps.LABEL_PX
    for province in provinces:
        yield Filters(provinces=(province,)), maps.FOCUSED_LABEL_PX
    yield Filters(provinces=tuple(provinces[:3])), maps.FOCUSED_LABEL_PX
    yield Filters(areas=tuple(data.load_areas()["area_id"])), maps.FOCUSED_LABEL_PX


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_label_a_map_shows_is_drawn_in_the_one_atlas(lang, atlas):
    image, mapping = atlas
    seen = {}
    for f, px in views():
        layer = maps.build_deck(f, "area", lang).layers[-1]
        assert layer.type == "IconLayer" and served(layer.icon_atlas) == label_atlas()[0]
        assert served(layer.icon_mapping) == label_atlas()[1]
        rows = maps.labels(f, lang)
        assert [d["icon"] for d in layer.data] == [map_labels.icon(r["text"], px) for r in rows]
        for row in layer.data:
            box = mapping[row["icon"]]
            assert box["x"] + box["width"] <= image.width and box["y"] + box["height"] <= image.height
            seen[row["icon"]] = image.crop((box["x"], box["y"], box["x"] + box["width"], box["y"] + box["height"]))
    assert len(seen) > 300  # prefectures of every province
    for key, crop in seen.items():
        pixels = np.asarray(crop)
        ink = ((pixels[..., 3] > 128) & (pixels[..., 0] < 100)).sum()  # dark text inside the halo
        assert ink > 20, key
    assert len({c.tobytes() for c in seen.values()}) == len(seen)  # each label its own drawing


def test_a_label_missing_from_the_atlas_gets_an_atlas_that_holds_it():
    few = (("湖南", 15), ("长沙市", 15))
    layer = map_labels.label_layer([{"position": [0, 0], "text": "不在图集"}], 15, few)
    mapping = json.loads(served(layer.icon_mapping).read_text(encoding="utf-8"))
    assert set(mapping) == {map_labels.icon(t, px) for t, px in (*few, ("不在图集", 15))}
    assert layer.data == [{"position": [0, 0], "icon": map_labels.icon("不在图集", 15)}]


def test_the_atlas_stays_within_texture_limits_and_holds_the_drawn_labels(atlas):
    image, mapping = atlas
    assert max(image.size) <= 4096  # a texture size every WebGL takes
    assert label_atlas()[0].stat().st_size < 800_000  # loaded with the national map
    # Each box starts on a pixel of the half-size mipmap drawn at 1 screen pixel per 2 atlas pixels (sharp).
    assert all(b["x"] % map_labels.SCALE == b["y"] % map_labels.SCALE == 0 for b in mapping.values())
    boxes = [(b["x"], b["y"], b["x"] + b["width"], b["y"] + b["height"]) for b in mapping.values()]
    boxes.sort()
    for (x0, y0, x1, y1), (a0, b0, a1, b1) in zip(boxes, boxes[1:]):  # no two boxes overlap (same column: sorted)
        assert a0 >= x1 or b0 >= y1 or a1 <= x0 or b1 <= y0
    # The served image holds exactly what was drawn (lossless).
    assert np.array_equal(np.asarray(map_labels.draw_atlas(maps.all_labels())), np.asarray(image))


def test_the_atlas_is_rebuilt_when_removed():
    rows = maps.labels(Filters(), "zh")
    labels = tuple((r["text"], 15) for r in rows)  # a small atlas: quick to draw again
    first = str(map_labels.label_layer(rows, 15, labels).icon_atlas)
    path = served(first)
    path.unlink()
    assert str(map_labels.label_layer(rows, 15, labels).icon_atlas) == first and path.exists()


def test_old_atlases_are_removed_when_a_new_one_is_written(tmp_path, monkeypatch):
    """Each data version may draw a new atlas: only the KEEP newest of each kind stay served, the new one always."""
    import os

    monkeypatch.setattr(map_labels, "LABEL_DIR", tmp_path)
    made = []
    for i in range(map_labels.KEEP + 3):
        made.append(map_labels._served(f"atlas {i}".encode(), ".webp"))
        os.utime(made[-1], (1000 + i, 1000 + i))  # written one after another
    other = map_labels._served(b"mapping", ".json")
    assert sorted(tmp_path.glob("*.webp")) == sorted(made[-map_labels.KEEP :])
    assert other.exists() and made[-1].read_bytes() == f"atlas {map_labels.KEEP + 2}".encode()
