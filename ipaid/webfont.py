"""The CJK font: Noto Sans CJK SC from the PyPI package `manimgx-fonts-cjk`.

Exports register the package's font directory with vl-convert. The browser gets the whole font as
unicode-range slices (WOFF2 files under `static/fonts/`, one `[[theme.fontFaces]]` entry each in
`.streamlit/config.toml`): a page downloads only the slices holding characters it shows, and any
character of the font renders, whatever a table or an upload contains.

The slicing is fixed by code: Latin, punctuation, arrows, shapes and kana, then GB 2312 level 1 (the
3,755 hanzi in common use), GB 2312 level 2 (3,008 less common ones, place names among them), then the rest of
the font; each group is cut by code point into slices (`CHUNKS`). Streamlit sends the theme with every run,
reruns too, and parses each face again, so a face declares its slice's span (`U+4E00-5171`), not its scattered
characters: spans of different groups overlap, and the faces are declared rest first, common last, because a
browser tries the faces covering a character from the last declared back, fetching the next only while the
glyph is missing. A common character is fetched from its own slice only; a rarer one after at most one slice of
each more common group, which a Chinese page has fetched anyway. `python -m ipaid.webfont --write-config`
rewrites the config block after a change; a test fails while the two disagree.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import sys
import threading
import time
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from unittest import mock

from ipaid.atomic import locked, write_atomic
from ipaid.paths import ROOT, STATIC_DIR, STATIC_URL

FAMILY = "Noto Sans CJK SC"
WEB_FAMILY = "Noto Sans SC"
SC_INDEX = 2  # faces in the collection: JP, KR, SC, TC, HK
FONT_DIR = STATIC_DIR / "fonts"
CONFIG = ROOT / ".streamlit" / "config.toml"
# Characters per slice in each group: a Chinese page fetches the level-1 slices it needs (9, ~1.9 MB, cached after);
# the rest of the font is rarely drawn, so its slices are larger and fewer (fewer faces for Streamlit to send).
CHUNKS = (450, 450, 450, 1000)
GAP = 512  # a span is cut at a longer run of code points the font lacks: ~25 more ranges, 1 kB more theme
BROTLI_QUALITY = 6  # 0.015 s a slice; 11 (fontTools' default) takes ~1.3 s a slice for 9 % smaller files
WEIGHT = "100 900"  # the font is variable; slices keep the weight axis
# Latin, punctuation, arrows, mathematical operators, geometric shapes, CJK punctuation and kana, full-width forms
BASE = ((0x0000, 0x024F), (0x2000, 0x22FF), (0x25A0, 0x25FF), (0x3000, 0x30FF), (0xFF00, 0xFFEF))
BEGIN, END = "# --- web font slices: python -m ipaid.webfont --write-config ---", "# --- end of web font slices ---"


def font_dir() -> Path:
    import manimgx_fonts_cjk

    return Path(manimgx_fonts_cjk.__file__).resolve().parent


def font_file() -> Path:
    return next(font_dir().glob("*.ttc"))


@lru_cache(maxsize=1)
def _face():
    """The SC face of the collection, loaded once (harfbuzz maps the file; subsetting takes ~10 ms)."""
    import uharfbuzz as hb

    return hb.Face(hb.Blob.from_file_path(str(font_file())), SC_INDEX)


def cmap() -> frozenset[int]:
    """Every code point the SC face maps to a glyph."""
    return frozenset(_face().unicodes)


def gb2312(level: int) -> list[int]:
    """The hanzi of GB 2312 level 1 (rows 16–55, 3,755 in common use, in pinyin order) or level 2 (rows 56–87,
    3,008, by radical)."""
    out = []
    for hi in range(0xB0, 0xD8) if level == 1 else range(0xD8, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                out.append(ord(bytes((hi, lo)).decode("gb2312")))
            except UnicodeDecodeError:  # unassigned places at the ends of rows 55 and 87
                continue
    return out


def _cut(group: list[int], size: int) -> list[list[int]]:
    """A sorted group in slices of about `size` characters (equal sizes)."""
    if not group:
        return []
    n = -(-len(group) // size)
    return [group[i * len(group) // n : (i + 1) * len(group) // n] for i in range(n)]


@lru_cache(maxsize=1)
def groups() -> tuple[tuple[tuple[int, ...], ...], ...]:
    """The font's whole cmap as disjoint slices, in groups from the most common: Latin and punctuation, GB 2312
    level 1, level 2, the rest."""
    available = cmap()
    seen: set[int] = set()
    out = []
    base = [c for lo, hi in BASE for c in range(lo, hi + 1)]
    for candidates, size in zip((base, gb2312(1), gb2312(2), available), CHUNKS):
        group = sorted(c for c in candidates if c in available and c not in seen)
        seen.update(group)
        out.append(tuple(tuple(s) for s in _cut(group, size)))
    return tuple(out)


@lru_cache(maxsize=1)
def slices() -> tuple[tuple[int, ...], ...]:
    """Every slice, common characters first; a slice's index names its file."""
    return tuple(s for group in groups() for s in group)


def unicode_range(codepoints, gap: int = 1) -> str:
    """CSS unicode-range of a set of code points, runs merged (`U+4E00-4E05, U+4E07`); with `gap`, code points
    at most `gap` apart join one run (the run then also holds the missing ones between them)."""
    cps = sorted(codepoints)
    runs, start = [], None
    for i, c in enumerate(cps):
        start = c if start is None else start
        if i + 1 == len(cps) or cps[i + 1] > c + gap:
            runs.append(f"U+{start:X}" if start == c else f"U+{start:X}-{c:X}")
            start = None
    return ", ".join(runs)


def parse_unicode_range(text: str) -> set[int]:
    """Code points of a CSS unicode-range (`U+20-7E, U+4E00`): the inverse of `unicode_range`."""
    out = set()
    for part in text.split(","):
        lo, _, hi = part.strip().removeprefix("U+").partition("-")
        out.update(range(int(lo, 16), int(hi or lo, 16) + 1))
    return out


def configured_faces(path: Path = CONFIG) -> list[dict]:
    """The `[[theme.fontFaces]]` entries of config.toml."""
    import tomllib

    return tomllib.loads(path.read_text(encoding="utf-8"))["theme"].get("fontFaces", [])


@lru_cache(maxsize=1)
def signature() -> str:
    """Changes with the slicing or the font file, so slice URLs change and browsers never mix two versions."""
    font = font_file()
    key = json.dumps([font.name, font.stat().st_size, BROTLI_QUALITY, slices()])
    return hashlib.sha256(key.encode()).hexdigest()[:8]


def slice_path(i: int) -> Path:
    return FONT_DIR / f"NotoSansSC-{signature()}-{i:03d}.woff2"


def face_range(codepoints, group: int) -> str:
    """A face's unicode-range: Latin and punctuation exactly (few runs), any other slice by its span, cut where
    the font lacks more than GAP code points in a row (emoji, Arabic, Thai ...: no slice fetched for them)."""
    return unicode_range(codepoints, 1 if group == 0 else GAP)


def font_faces() -> list[dict]:
    """The `[[theme.fontFaces]]` entries, one per slice, in the order the browser needs: the rest of the font
    first, common hanzi next, Latin and punctuation last (tried first)."""
    first = [0]
    for group in groups():
        first.append(first[-1] + len(group))
    return [
        {
            "family": WEB_FAMILY,
            "url": f"{STATIC_URL}/fonts/{slice_path(first[g] + k).name}",
            "weight": WEIGHT,
            "unicodeRange": face_range(s, g),
        }
        for g in reversed(range(len(groups())))
        for k, s in enumerate(groups()[g])
    ]


def config_block() -> str:
    """The generated part of config.toml, between the BEGIN and END marker lines."""
    lines = [BEGIN]
    for face in font_faces():
        lines += ["", "[[theme.fontFaces]]"] + [f"{k} = {json.dumps(v)}" for k, v in face.items()]
    return "\n".join(lines + ["", END]) + "\n"


def _split_config(text: str) -> tuple[str, str, str]:
    """config.toml as (before, generated block, after); the block is empty when the markers are missing."""
    match = re.search(rf"^{re.escape(BEGIN)}\n.*?^{re.escape(END)}\n", text, flags=re.DOTALL | re.MULTILINE)
    if not match:
        return text.rstrip("\n") + "\n\n", "", ""
    return text[: match.start()], match.group(0), text[match.end() :]


def configured_block(path: Path = CONFIG) -> str:
    """The generated block as it stands in config.toml."""
    return _split_config(path.read_text(encoding="utf-8"))[1]


def write_config(path: Path = CONFIG) -> None:
    """Replace (or append) the generated fontFaces block of config.toml."""
    before, _, after = _split_config(path.read_text(encoding="utf-8"))
    write_atomic(path, (before + config_block() + after).encode("utf-8"))


def subset_woff2(codepoints) -> bytes:
    """The SC face cut to `codepoints` (variable weight axis and default layout features kept), as WOFF2."""
    import uharfbuzz as hb

    spec = hb.SubsetInput()
    for c in codepoints:
        spec.unicode_set.add(c)
    otf = hb.subset(_face(), spec).blob.data
    return woff2(bytes(otf))


def woff2(otf: bytes) -> bytes:
    """An OpenType font wrapped as WOFF2 (fontTools' writer, brotli at BROTLI_QUALITY)."""
    from fontTools.ttLib import TTFont

    out = io.BytesIO()
    font = TTFont(io.BytesIO(otf), recalcBBoxes=False, recalcTimestamp=False)
    font.flavor = "woff2"
    with _brotli_quality(BROTLI_QUALITY):
        font.save(out)
    return out.getvalue()


class _Brotli:
    """The `brotli` module as fontTools' WOFF2 writer calls it, compressing at a chosen quality."""

    def __init__(self, quality: int):
        import brotli

        self.MODE_FONT, self.MODE_GENERIC, self.quality = brotli.MODE_FONT, brotli.MODE_GENERIC, quality
        self.decompress = brotli.decompress

    def compress(self, data, mode=0, **_):
        import brotli

        return brotli.compress(data, mode=mode, quality=self.quality)


_PATCHING = threading.Lock()


@contextmanager
def _brotli_quality(quality: int):
    """fontTools' WOFF2 writer compresses at `quality` inside the block (it has no option for it)."""
    from fontTools.ttLib import woff2 as module

    with _PATCHING, mock.patch.object(module, "brotli", _Brotli(quality)):
        yield


_SEEN: dict[tuple[Path, str], list[Path]] = {}  # (folder, version) → its slices, once all were on disk


def ensure_webfont() -> list[Path]:
    """Write the slices of this version that are missing (one process writes, others wait); drop other versions.

    Once a process has seen every slice it does not look again (app.py calls this on every page run)."""
    seen = _SEEN.get((FONT_DIR, signature()))
    if seen:
        return list(seen)
    paths = [slice_path(i) for i in range(len(slices()))]
    if not all(p.exists() for p in paths):
        with locked(FONT_DIR / "slices"):
            for path, codepoints in zip(paths, slices()):
                if not path.exists():
                    write_atomic(path, subset_woff2(codepoints))
            for old in FONT_DIR.glob("NotoSansSC-*"):
                if old not in paths:
                    old.unlink(missing_ok=True)
    _SEEN[(FONT_DIR, signature())] = paths
    return list(paths)


def main(argv: list[str]) -> int:
    """`--write-config`: rewrite the fontFaces block of config.toml; otherwise build the slices, print time and size."""
    if "--write-config" in argv:
        write_config()
        print(f"{CONFIG}: {len(slices())} font faces")
        return 0
    started = time.perf_counter()
    paths = ensure_webfont()
    sizes = [p.stat().st_size for p in paths]
    print(f"{len(paths)} slices, {sum(sizes) / 1e6:.1f} MB, largest {max(sizes) / 1e3:.0f} kB")
    print(f"webfont_seconds={time.perf_counter() - started:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
