"""Static Noto Sans CJK SC fonts for the PDF briefs, cut to the characters of one brief.

The shipped font is a variable CFF2 collection. WeasyPrint embeds what it is given, and PDF viewers read CFF
(FontFile3) reliably but not CFF2 or variable outlines, so each weight is subset (harfbuzz), instanced
(harfbuzz) and converted to CFF (fontTools). A brief carries its own glyphs: no fontconfig or system font is used.
"""

from __future__ import annotations

import base64
import io
from functools import lru_cache

FAMILY = "Noto Sans CJK SC"
WEIGHTS = (400, 700)


@lru_cache(maxsize=32)
def static_font(codepoints: frozenset[int], weight: int) -> bytes:
    """An OpenType/CFF font of the SC face at `weight`, holding `codepoints` (those the face has)."""
    import uharfbuzz as hb
    from fontTools.cffLib.CFF2ToCFF import convertCFF2ToCFF
    from fontTools.ttLib import TTFont

    from ipaid import webfont

    spec = hb.SubsetInput()
    for c in sorted(codepoints & webfont.cmap()):
        spec.unicode_set.add(c)
    spec.pin_axis_location(webfont._face(), "wght", weight)  # harfbuzz instances the outlines (static CFF2)
    # recalcBBoxes off: the converted CFF names its glyphs by CID, which hhea's recalculation cannot look up.
    font = TTFont(io.BytesIO(bytes(hb.subset(webfont._face(), spec).blob.data)), recalcBBoxes=False)
    top = font["CFF2"].cff.topDictIndex[0]
    _ = top.CharStrings, top.FDArray  # read them first: fontTools reads them lazily and then fails mid-way
    convertCFF2ToCFF(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def font_css(text: str) -> str:
    """@font-face rules (data URLs, one per weight) covering every character of `text`."""
    codepoints = frozenset(ord(c) for c in text)
    rules = []
    for weight in WEIGHTS:
        data = base64.b64encode(static_font(codepoints, weight)).decode("ascii")
        rules.append(
            f'@font-face{{font-family:"{FAMILY}";font-weight:{weight};'
            f'src:url(data:font/otf;base64,{data}) format("opentype")}}'
        )
    return "\n".join(rules)
