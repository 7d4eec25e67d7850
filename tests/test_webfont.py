"""The web font: slices cover the whole font, config.toml declares exactly them, files exist before any drawing."""

import ast
import io
import re
import tomllib
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from streamlit.testing.v1 import AppTest

from ipaid import geometry, webfont

ROOT = Path(__file__).resolve().parent.parent
# Emoji and pictographs (U+1F000 and up), Miscellaneous Symbols and Dingbats: office machines lack fonts for
# them, so only those the served font draws (such as the check mark U+2713) may appear.
EMOJI = re.compile("[\U0001f000-\U0010ffff\u2600-\u27bf\ufe0f]")


def emoji_in(text: str) -> set[str]:
    return {c for c in EMOJI.findall(text) if ord(c) not in webfont.cmap()}


def test_config_declares_the_slices_the_code_defines():
    assert webfont.configured_block() == webfont.config_block(), (
        "config.toml is stale: run `python -m ipaid.webfont --write-config`"
    )


def test_configured_ranges_cover_every_character_of_the_font():
    faces = webfont.configured_faces()
    ranges = [webfont.parse_unicode_range(f["unicodeRange"]) for f in faces if f["family"] == webfont.WEB_FAMILY]
    assert not set(webfont.cmap()) - set().union(*ranges), "characters of the font that no face covers"
    assert len(faces) == len(webfont.slices()) and 30 <= len(faces) <= 80


def test_a_browser_finds_each_character_in_its_own_slice_first():
    """A browser tries the faces whose range holds a character from the last declared back, fetching the next only
    while the glyph is missing: a Latin or common character must meet its own slice first (a Chinese page fetches
    nothing else), a rarer one at most one slice of each more common group before its own."""
    order = webfont.configured_faces()[::-1]  # the order a browser tries them
    ranges = [webfont.parse_unicode_range(f["unicodeRange"]) for f in order]
    group_of = {}
    number = 0
    for g, group in enumerate(webfont.groups()):
        for _ in group:
            group_of[webfont.slice_path(number).name], number = g, number + 1
    groups = [group_of[Path(f["url"]).name] for f in order]
    for own, face in enumerate(order):
        codepoints = webfont.slices()[int(Path(face["url"]).stem.rsplit("-", 1)[1])]
        for c in codepoints:
            before = [groups[k] for k in range(own) if c in ranges[k]]
            assert c in ranges[own], f"U+{c:X} is outside its own face's range"
            if groups[own] <= 1:
                assert not before, f"U+{c:X}: another face is tried before its own slice"
            else:
                assert all(g < groups[own] for g in before) and len(set(before)) == len(before), (
                    f"U+{c:X}: faces of groups {before} are tried before its own"
                )


def test_the_characters_of_the_shipped_data_are_in_the_common_groups():
    """Place names use GB 2312 level 2: they come from its slices, not from the large rare ones."""
    text = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "data").glob("*.csv"))
    common = {c for group in webfont.groups()[:3] for s in group for c in s}
    rare = (set(map(ord, text)) & webfont.cmap()) - common
    assert len(rare) < 60, "".join(map(chr, sorted(rare)))


def test_the_theme_stays_small():
    """Streamlit sends the theme, faces included, at the start of every run: their ranges are spans, not lists."""
    assert len(webfont.config_block().encode()) < 20_000


def test_common_characters_come_first_in_few_slices():
    """The characters of a typical Chinese page sit in the first slices, so a page fetches few files."""
    text = "".join("".join(pair) for pair in __import__("ipaid.i18n", fromlist=["STRINGS"]).STRINGS.values())
    where = {c: i for i, s in enumerate(webfont.slices()) for c in s}
    used = {where[ord(c)] for c in text if ord(c) in where}
    assert len(used) <= 20, sorted(used)


def test_unicode_range_merges_runs():
    assert webfont.unicode_range([0x41, 0x42, 0x43, 0x4E00, 0x4E02]) == "U+41-43, U+4E00, U+4E02"
    assert webfont.parse_unicode_range(webfont.unicode_range(webfont.slices()[3])) == set(webfont.slices()[3])


def test_a_slice_file_holds_exactly_its_characters_and_the_weight_axis():
    cps = webfont.slices()[5]
    blob = webfont.subset_woff2(cps)
    font = TTFont(io.BytesIO(blob))
    assert blob[:4] == b"wOF2" and font.flavor == "woff2"
    assert set(font.getBestCmap()) == set(cps)
    assert [a.axisTag for a in font["fvar"].axes] == ["wght"]


def test_build_writes_every_slice_and_drops_other_versions(tmp_path, monkeypatch):
    monkeypatch.setattr(webfont, "FONT_DIR", tmp_path)
    stale = tmp_path / "NotoSansSC-00000000-000.woff2"
    stale.write_bytes(b"old")
    paths = webfont.ensure_webfont()
    assert sorted(p.name for p in paths) == sorted(Path(f["url"]).name for f in webfont.configured_faces())
    assert all(p.stat().st_size > 1000 for p in paths)
    assert not stale.exists()
    assert set(TTFont(paths[0]).getBestCmap()) == set(webfont.slices()[0])


@pytest.mark.parametrize("fresh", [False, True], ids=["found", "written"])
def test_a_process_checks_the_slices_once(monkeypatch, tmp_path, fresh):
    """app.py asks on every page run: once all slices were seen, or written by this process, no file is looked at
    again."""
    if fresh:
        monkeypatch.setattr(webfont, "FONT_DIR", tmp_path)
    first = webfont.ensure_webfont()
    monkeypatch.setattr(webfont, "slice_path", lambda i: pytest.fail("the slices were checked again"))
    assert webfont.ensure_webfont() == first


def test_font_slices_exist_before_the_first_run_boundary_build(tmp_path, monkeypatch):
    """The first visitor's page asks for the font while the boundaries build: the slices must be there."""
    monkeypatch.setattr(webfont, "FONT_DIR", tmp_path)
    seen = []

    def build(progress):
        seen.append(all(webfont.slice_path(i).exists() for i in range(len(webfont.slices()))))
        raise RuntimeError("stop after the build started")

    monkeypatch.setattr(geometry, "is_built", lambda: False)
    monkeypatch.setattr(geometry, "ensure_built", build)
    AppTest.from_file("../app.py", default_timeout=120).run()
    assert seen == [True]


def string_constants(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value


@pytest.mark.parametrize(
    "path",
    sorted(
        p.relative_to(ROOT).as_posix()
        for p in [ROOT / "app.py", *(ROOT / "ipaid").glob("*.py"), *(ROOT / "pages").glob("*.py")]
    ),
)
def test_no_emoji_in_source_strings(path):
    found = {c for s in string_constants(ROOT / path) for c in emoji_in(s)}
    assert not found, [f"U+{ord(c):04X}" for c in found]


def test_no_emoji_in_the_data():
    found = {c for p in (ROOT / "data").glob("*.csv") for c in emoji_in(p.read_text(encoding="utf-8"))}
    assert not found, [f"U+{ord(c):04X}" for c in found]


def test_latin_comes_from_streamlits_own_font():
    """Before app.py first runs (and builds the slices) Streamlit draws Latin text only: with its bundled Source
    Sans first in the theme font, no slice is asked for then (no 404 for the first visitor)."""
    import streamlit

    theme = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
    families = [f.strip().strip("'\"") for f in theme["font"].split(",")]
    assert families[:2] == ["Source Sans", webfont.WEB_FAMILY]
    static = Path(streamlit.__file__).parent / "static" / "static"
    assert any("font-family:Source Sans" in css.read_text() for css in static.glob("css/*.css"))
    source_sans = set(TTFont(next(static.glob("media/SourceSansVF-Upright*.woff2"))).getBestCmap())
    assert set(range(0x20, 0x7F)) <= source_sans


def test_no_face_promises_characters_far_outside_the_font():
    """A face's span is cut where the font lacks a long run: emoji, their joiners and other scripts the font
    has no glyph for (seen in uploaded text) make the browser fetch no slice for nothing."""
    ranges = set().union(*(webfont.parse_unicode_range(f["unicodeRange"]) for f in webfont.configured_faces()))
    foreign = [0x1F600, 0x1F44D, 0xFE0F, 0x200D, 0x0627, 0x05D0, 0x0E01, 0x0915]  # emoji, VS16, ZWJ, scripts
    assert not set(foreign) & webfont.cmap(), "the font draws one of these: pick others"
    assert not set(foreign) & ranges, [f"U+{c:X}" for c in sorted(set(foreign) & ranges)]
