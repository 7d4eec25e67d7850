"""Map labels drawn on the server into an atlas image, shown by a deck.gl IconLayer.

deck.gl's TextLayer rasterises characters with the browser's fonts when it first draws and keeps them:
when the web font slice arrives after that first paint, the boxes stay (seen on a machine without a CJK
font, with a slow font download). The atlas carries its glyphs, drawn with the same Noto Sans SC.
"""

from __future__ import annotations

import hashlib
import io
import json
from functools import lru_cache
from pathlib import Path

from ipaid.atomic import locked, write_atomic
from ipaid.palette import LABEL_HALO, LABEL_TEXT
from ipaid.paths import STATIC_DIR

LABEL_DIR = STATIC_DIR / "labels"
KEEP = 6  # newest atlases (and mappings) kept: older data versions' are removed when a new one is written
SCALE = 2  # atlas pixels per screen pixel: sharp on high-density screens
HALO = 2  # white outline, screen pixels: readable on any fill
WEIGHT = 600
INK, HALO_INK = (*LABEL_TEXT, 255), tuple(LABEL_HALO)


@lru_cache(maxsize=4)
def _font(px: int):
    from PIL import ImageFont

    from ipaid.webfont import SC_INDEX, font_file

    font = ImageFont.truetype(str(font_file()), px * SCALE, index=SC_INDEX)
    font.set_variation_by_axes([WEIGHT])
    return font


MAX_SIDE = 4096  # atlas pixels: every WebGL implementation takes textures this big


def icon(text: str, px: int) -> str:
    """The atlas key of a label: its text in type of `px` screen pixels."""
    return f"{px} {text}"


@lru_cache(maxsize=4)
def row(px: int) -> int:
    """The height of a label in type of `px` screen pixels, in atlas pixels (halo included)."""
    return sum(_font(px).getmetrics()) + 2 * HALO * SCALE


@lru_cache(maxsize=8)
def layout(labels: tuple[tuple[str, int], ...]) -> dict:
    """deck.gl's icon mapping of the atlas of these (text, px) labels, keyed by `icon`: each label's box, with a
    centred anchor, in columns no taller than MAX_SIDE (widest first, so each column is about as wide as its
    labels), each box starting at even coordinates (`_aligned`)."""
    boxes = [(int(_font(px).getlength(text)) + 2 * HALO * SCALE, row(px), icon(text, px)) for text, px in set(labels)]
    out, x, y, column = {}, 0, 0, 0
    for width, height, key in sorted(boxes, key=lambda b: (-b[0], b[2])):
        if y + height > MAX_SIDE:
            x, y, column = x + _aligned(column), 0, 0
        out[key] = {"x": x, "y": y, "width": width, "height": height, "anchorY": height // 2, "mask": False}
        y, column = y + _aligned(height), max(column, width)
    return out


def _aligned(n: int) -> int:
    """`n` rounded up to a multiple of SCALE: a box starting there starts on a pixel of the half-size mipmap the
    browser samples at 1 screen pixel per SCALE atlas pixels (else the label is drawn half a pixel blurred)."""
    return -(-n // SCALE) * SCALE


def webp(image) -> bytes:
    """An image as lossless WebP: the same pixels in about half the bytes of an optimised PNG (label atlases)."""
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", lossless=True, quality=100, method=4)
    return buffer.getvalue()


def _served(data: bytes, suffix: str) -> Path:
    path = LABEL_DIR / f"{hashlib.sha256(data).hexdigest()[:12]}{suffix}"
    if not path.exists():
        with locked(LABEL_DIR / "atlas"):
            write_atomic(path, data)
            _prune(suffix, path)
    return path


def _prune(suffix: str, current: Path) -> None:
    """Remove all but the KEEP newest served files of this kind (never `current`)."""

    def age(p: Path) -> float:
        try:
            return -p.stat().st_mtime
        except FileNotFoundError:  # removed meanwhile
            return 0.0

    for old in sorted(LABEL_DIR.glob(f"*{suffix}"), key=age)[KEEP:]:
        if old != current:
            old.unlink(missing_ok=True)


def draw_atlas(labels: tuple[tuple[str, int], ...]):
    """The atlas image (RGBA) of these (text, px) labels, each in its `layout` box."""
    from PIL import Image, ImageDraw

    halo, boxes = HALO * SCALE, layout(labels)
    size = (
        max((b["x"] + b["width"] for b in boxes.values()), default=1),
        max((b["y"] + b["height"] for b in boxes.values()), default=1),
    )
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    for text, px in sorted(set(labels)):
        box = boxes[icon(text, px)]
        draw.text(
            (box["x"] + halo, box["y"] + halo), text, font=_font(px), fill=INK, stroke_width=halo, stroke_fill=HALO_INK
        )
    return image


@lru_cache(maxsize=8)
def atlas_files(labels: tuple[tuple[str, int], ...]) -> tuple[Path, Path]:
    """The atlas image (WebP) of these (text, px) labels and its icon mapping (JSON), written once, named by
    content."""
    boxes = layout(labels)
    mapping = json.dumps(boxes, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    return _served(webp(draw_atlas(labels)), ".webp"), _served(mapping, ".json")


def label_layer(rows: list[dict], px: int, labels: tuple[tuple[str, int], ...], layer_id: str = "labels"):
    """An IconLayer showing each row's `text` centred at its `position`, in type of `px` screen pixels, from the
    atlas of `labels` (plus any (text, px) of `rows` it lacks). Atlas and mapping are served files: a map that keeps the
    same `labels` changes only the layer's data, so the browser draws it in the same frame as the rest (a new
    atlas would be fetched and drawn in a frame of its own, costly in software WebGL)."""
    import pydeck as pdk

    from ipaid.static_files import _still_there, url_of

    missing = {(r["text"], px) for r in rows} - set(labels)
    if missing:  # not expected (`labels` holds them): an atlas of its own, fetched, is still right
        labels = tuple(sorted({*labels, *missing}))
    atlas, mapping = _still_there(atlas_files, labels)
    data = [{"position": r["position"], "icon": icon(r["text"], px)} for r in rows]
    return pdk.Layer(
        "IconLayer",
        id=layer_id,
        data=data,
        get_position="position",
        get_icon="icon",
        icon_atlas=pdk.types.String(url_of(atlas)),
        icon_mapping=pdk.types.String(url_of(mapping)),
        get_size=row(px) / SCALE,
        size_units=pdk.types.String("pixels"),
    )
