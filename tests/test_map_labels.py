"""Map labels: an atlas image drawn on the server holds every label, so no label waits for a browser font."""

import pytest
from PIL import Image

from ipaid import map_labels, maps
from ipaid.filters import Filters
from ipaid.static_files import STATIC_DIR, STATIC_URL


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_label_is_drawn_in_the_atlas(lang):
    rows = maps.labels(Filters(), lang)
    layer = map_labels.label_layer(rows, maps.LABEL_PX)
    assert layer.type == "IconLayer"
    atlas = Image.open(STATIC_DIR / str(layer.icon_atlas).removeprefix(STATIC_URL + "/")).convert("RGBA")
    crops = {}
    for row in rows:
        box = layer.icon_mapping[row["text"]]
        assert box["x"] + box["width"] <= atlas.width and box["y"] + box["height"] <= atlas.height
        crop = atlas.crop((box["x"], box["y"], box["x"] + box["width"], box["y"] + box["height"]))
        ink = sum(1 for r, g, b, a in crop.getdata() if a > 128 and r < 100)  # dark text inside the halo
        assert ink > 20, row["text"]
        crops[row["text"]] = crop.tobytes()
    assert len(set(crops.values())) == len(crops)  # each label its own drawing, not the same boxes
    assert len(rows) >= 20


def test_the_atlas_is_rebuilt_when_removed():
    rows = maps.labels(Filters(), "zh")
    first = str(map_labels.label_layer(rows, 15).icon_atlas)
    path = STATIC_DIR / first.removeprefix(STATIC_URL + "/")
    path.unlink()
    assert str(map_labels.label_layer(rows, 15).icon_atlas) == first and path.exists()
