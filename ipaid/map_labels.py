"""Map labels drawn on the server into a PNG atlas, shown by a deck.gl IconLayer.

deck.gl's TextLayer rasterises characters with the browser's fonts when it first draws and keeps them:
when the web font slice arrives after that first paint, the boxes stay (seen on a machine without a CJK
font, with a slow font download). The atlas carries its glyphs, drawn with the same Noto Sans SC.
"""

from __future__ import annotations

import hashlib
import io
from functools import lru_cache
from pathlib import Path

from ipaid.atomic import locked, write_atomic
from ipaid.palette import LABEL_HALO, LABEL_TEXT
from ipaid.paths import STATIC_DIR

LABEL_DIR = STATIC_DIR / "labels"
SCALE = 2  # atlas pixels per screen pixel: sharp on high-density screens
HALO = 2  # white outline, screen pixels: readable on any fill
WEIGHT = 600
INK, HALO_INK = (*LABEL_TEXT, 255), tuple(LABEL_HALO)


def _font(px: int):
    from PIL import ImageFont

    from ipaid.webfont import SC_INDEX, font_file

    font = ImageFont.truetype(str(font_file()), px * SCALE, index=SC_INDEX)
    font.set_variation_by_axes([WEIGHT])
    return font


@lru_cache(maxsize=32)
def layout(texts: tuple[str, ...], px: int) -> dict:
    """deck.gl's icon mapping of the atlas: one label per row, each text's box with a centred anchor."""
    font, halo = _font(px), HALO * SCALE
    row = sum(font.getmetrics()) + 2 * halo
    return {
        t: {
            "x": 0,
            "y": i * row,
            "width": int(font.getlength(t)) + 2 * halo,
            "height": row,
            "anchorY": row // 2,
            "mask": False,
        }
        for i, t in enumerate(texts)
    }


@lru_cache(maxsize=32)
def atlas_file(texts: tuple[str, ...], px: int) -> Path:
    """The atlas PNG of these label texts at `px` (font size in screen pixels), written once, named by content."""
    from PIL import Image, ImageDraw

    font, halo, boxes = _font(px), HALO * SCALE, layout(texts, px)
    size = (
        max((b["width"] for b in boxes.values()), default=1),
        max((b["y"] + b["height"] for b in boxes.values()), default=1),
    )
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    for text, box in boxes.items():
        draw.text((halo, box["y"] + halo), text, font=font, fill=INK, stroke_width=halo, stroke_fill=HALO_INK)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    png = out.getvalue()
    path = LABEL_DIR / f"{hashlib.sha256(png).hexdigest()[:12]}.png"
    if not path.exists():
        with locked(LABEL_DIR / "atlas"):
            write_atomic(path, png)
    return path


def label_layer(rows: list[dict], px: int, layer_id: str = "labels"):
    """An IconLayer showing each row's `text` centred at its `position`, in type of `px` screen pixels."""
    import pydeck as pdk

    from ipaid.static_files import _still_there, url_of

    texts = tuple(sorted({r["text"] for r in rows}))
    boxes = layout(texts, px)
    height = next(iter(boxes.values()))["height"] / SCALE if boxes else px
    return pdk.Layer(
        "IconLayer",
        id=layer_id,
        data=rows,
        get_position="position",
        get_icon="text",
        icon_atlas=pdk.types.String(url_of(_still_there(atlas_file, texts, px))),
        icon_mapping=boxes,
        get_size=height,
        size_units=pdk.types.String("pixels"),
    )
