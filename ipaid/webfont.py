"""The CJK font: Noto Sans CJK SC from the PyPI package `manimgx-fonts-cjk`.

Exports register the package's font directory with vl-convert. The browser gets a WOFF2 subset
(Latin plus every character the dashboard's names and strings use), served from `static/fonts/`.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from ipaid.paths import STATIC_DIR

FAMILY = "Noto Sans CJK SC"
WEB_FAMILY = "Noto Sans SC"
SC_INDEX = 2  # faces in the collection: JP, KR, SC, TC, HK
WEBFONT = STATIC_DIR / "fonts" / "NotoSansSC-subset.woff2"


def font_dir() -> Path:
    import manimgx_fonts_cjk

    return Path(manimgx_fonts_cjk.__file__).resolve().parent


def font_file() -> Path:
    return next(font_dir().glob("*.ttc"))


def used_characters() -> str:
    """Every character the dashboard may show: UI strings, place names, table text."""
    from ipaid import data
    from ipaid.admin_index import county_index
    from ipaid.i18n import CATEGORY, GI_TYPE, STRINGS
    from ipaid.tables import ALL

    chars = set(chr(c) for c in range(0x20, 0x7F)) | set("，。、；：？！“”‘’（）《》【】—…·×→≥≤–％０１２３４５６７８９")
    for table in (STRINGS, CATEGORY, GI_TYPE):
        for pair in table.values():
            chars.update("".join(pair))
    idx = county_index()
    for col in ("name", "prefecture", "province"):
        chars.update("".join(idx[col].tolist()))
    for name in ALL:
        try:
            frame = data.load_table(name)
        except ValueError:
            continue
        for col in frame.columns:
            if frame[col].dtype == object:
                chars.update("".join(frame[col].astype(str).tolist()))
    return "".join(sorted(c for c in chars if c.isprintable()))


@lru_cache(maxsize=1)
def ensure_webfont() -> Path:
    """Write the WOFF2 subset if it is missing or the character set changed."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    text = used_characters()
    stamp = WEBFONT.with_suffix(".sha")
    digest = hashlib.sha256(text.encode()).hexdigest()
    if WEBFONT.exists() and stamp.exists() and stamp.read_text() == digest:
        return WEBFONT
    font = TTFont(font_file(), fontNumber=SC_INDEX, lazy=False)
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    WEBFONT.parent.mkdir(parents=True, exist_ok=True)
    tmp = WEBFONT.with_suffix(".tmp")
    font.flavor = "woff2"
    font.save(tmp)
    tmp.replace(WEBFONT)
    stamp.write_text(digest)
    return WEBFONT
