"""Exports for press staff: chart PNG/SVG (vl-convert with Noto Sans CJK), CSV with BOM, XLSX, press kit zip."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date
from functools import lru_cache
from pathlib import Path

import altair as alt
import pandas as pd

from ipaid.atomic import locked, write_atomic
from ipaid.chart_tables import reader_table
from ipaid.filters import Filters
from ipaid.i18n import source_text, t
from ipaid.names import place_en
from ipaid.paths import CACHE_DIR
from ipaid.webfont import font_file

FORMULA = re.compile(r"^[=+\-@\t\r]")
NEUTRALISED = re.compile(r"^'[=+\-@\t\r]")  # a cell `neutralise` prefixed


EXPORT_WEIGHTS = (400, 700)  # regular text, bold titles


def export_font_dir() -> Path:
    """The SC face of `manimgx-fonts-cjk` at weights 400 and 700, for vl-convert; built once into the cache
    (about 5–10 s and 16 MB a weight), under a name of the font file's size (a new font version builds anew).

    Given the variable font, vl-convert drew all text of every PNG at its default weight, Thin (100), titles
    too. Each file narrows the weight axis to one weight as its default (a font pinned to a static CFF2 instance
    vl-convert does not draw at all).
    """
    source = font_file()
    folder = CACHE_DIR / "export-fonts" / f"{source.stem}-{source.stat().st_size}"
    for weight in EXPORT_WEIGHTS:
        path = folder / f"NotoSansCJKsc-{weight}.otf"
        with locked(path):
            if not path.exists():
                write_atomic(path, _weight_font(weight))
    return folder


def _weight_font(weight: int) -> bytes:
    import uharfbuzz as hb

    from ipaid import webfont

    spec = hb.SubsetInput()
    for c in webfont.cmap():
        spec.unicode_set.add(c)
    spec.set_axis_range(webfont._face(), "wght", weight, weight + 1, weight)
    return bytes(hb.subset(webfont._face(), spec).blob.data)


def _font_folder() -> Path:
    """The export fonts' folder; where the cache cannot be written, the variable font's (text drawn Thin, but
    drawn: an export rather than an error)."""
    try:
        return export_font_dir()
    except OSError:
        return font_file().parent


@lru_cache(maxsize=1)
def _vlc():
    """vl-convert with the CJK font registered at regular and bold weight (once per process)."""
    import vl_convert

    vl_convert.register_font_directory(str(_font_folder()))
    return vl_convert


def resolve(chart):
    """A chart, or a function that builds one, as a chart."""
    return chart if chart is None or isinstance(chart, alt.TopLevelMixin) else chart()


def resolve_frame(frame) -> pd.DataFrame:
    """A table, or a function that builds one (tables only exported are built when a file is asked for)."""
    return frame() if callable(frame) else frame


def _spec(chart: alt.TopLevelMixin, width: int) -> dict:
    spec = json.loads(chart.to_json())
    if spec.get("width") == "container":
        spec["width"] = width
    return spec


def chart_png(chart: alt.TopLevelMixin, scale: float = 2.0, width: int = 720) -> bytes:
    """A print-quality PNG of a chart: `scale` pixels per CSS pixel (2× by default), and a resolution of
    72 × `scale` pixels per inch, so it is placed in a document at the chart's size.

    vl-convert multiplies its `scale` by `ppi` / 72: both set to 2× gave 4× the pixels, placed at twice the size.
    """
    return _vlc().vegalite_to_png(_spec(chart, width), ppi=72 * scale)


def vega_spec(chart: alt.TopLevelMixin, width: int = 720, datasets: dict[str, list] | None = None) -> dict:
    """A chart compiled to Vega (to render variants of it by changing signals, without compiling again);
    `datasets`: the values of data the chart names (`alt.NamedData`), serialised once by the caller."""
    spec = _spec(chart, width)
    spec["datasets"] = {**spec.get("datasets", {}), **(datasets or {})}
    return _vlc().vegalite_to_vega(spec)


def vega_png(spec: dict, scale: float = 2.0) -> bytes:
    """A PNG of a Vega spec (see `vega_spec`), `scale` pixels per CSS pixel (see `chart_png`)."""
    return _vlc().vega_to_png(spec, ppi=72 * scale)


def chart_svg(chart: alt.TopLevelMixin, width: int = 720) -> str:
    """An SVG of a chart that renders alike everywhere: the glyphs of its text travel inside it."""
    return embed_font(_vlc().vegalite_to_svg(_spec(chart, width)))


def svg_text(svg: str) -> str:
    """All text an SVG shows (its `<text>` elements)."""
    from xml.etree import ElementTree

    root = ElementTree.fromstring(svg)
    return "".join("".join(el.itertext()) for el in root.iter("{http://www.w3.org/2000/svg}text"))


def embed_font(svg: str) -> str:
    """The SVG with a WOFF2 subset of Noto Sans SC (the characters it shows) as an @font-face in a `<style>`.

    The charts name the family WEB_FAMILY first, so viewers without a CJK font draw Chinese with it.
    """
    import base64

    from ipaid import webfont

    used = {ord(c) for c in svg_text(svg)} & webfont.cmap()
    font = base64.b64encode(webfont.subset_woff2(sorted(used))).decode("ascii")
    style = (
        f'<style>@font-face{{font-family:"{webfont.WEB_FAMILY}";font-weight:{webfont.WEIGHT};'
        f'src:url(data:font/woff2;base64,{font}) format("woff2")}}</style>'
    )
    head = svg.index(">", svg.index("<svg")) + 1
    return svg[:head] + style + svg[head:]


def neutralise(df: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells that a spreadsheet would run as a formula with an apostrophe."""
    return _map_text(df, lambda v: "'" + v if FORMULA.match(v) else v)


def restore(df: pd.DataFrame) -> pd.DataFrame:
    """Undo `neutralise`: a table downloaded here and uploaded again gives back the text it was exported from."""
    return _map_text(df, lambda v: v[1:] if NEUTRALISED.match(v) else v)


def _map_text(df: pd.DataFrame, change) -> pd.DataFrame:
    """`change` applied to every text cell (columns by position: an upload may repeat a name)."""
    out = df.copy()
    for i in range(out.shape[1]):
        col = out.iloc[:, i]
        if col.dtype == object or pd.api.types.is_string_dtype(col):
            out.isetitem(i, col.map(lambda v: change(v) if isinstance(v, str) else v))
    return out


def csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 with BOM, so Excel opens Chinese correctly; formulas neutralised."""
    return neutralise(df).to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(df: pd.DataFrame, sheet: str = "data") -> bytes:
    buf = io.BytesIO()
    clean = neutralise(df)
    for col in clean.columns:
        if clean[col].map(lambda v: isinstance(v, list)).any():
            clean[col] = clean[col].map(lambda v: ";".join(v) if isinstance(v, list) else v)
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        clean.to_excel(writer, index=False, sheet_name=sheet[:31])
    return buf.getvalue()


def safe_name(text: str) -> str:
    """`text` as a file name: letters, digits, "_" and single hyphens between parts (an empty part left "--":
    the whole GI table downloaded as "gi-table--zh.csv")."""
    text = re.sub(r"[^\w\-]+", "_", text, flags=re.UNICODE)
    text = re.sub(r"[_-]*-[_-]*", "-", text)  # a run of separators with a hyphen in it: one hyphen
    return text[:60].strip("_-") or "chart"


def file_stem(name: str, lang: str, f: Filters | None = None) -> str:
    """A download's file name without its extension: the export's name, the filters it was made with (the
    link's values; provinces in English on English pages) and its language, so the files of two views differ."""
    parts = [name]
    if f is not None:
        provinces = [place_en(p) if lang == "en" else p for p in f.provinces]
        parts += [*provinces, *f.areas, *f.categories, *f.gis, f.prefecture]
    return f"{safe_name('-'.join(p for p in parts if p))}-{lang}"


def press_kit(
    items: dict[str, tuple[alt.TopLevelMixin, pd.DataFrame]], sources: list[str], filters: str, lang: str = "en"
) -> bytes:
    """A zip of every chart (PNG and SVG), the data behind each (CSV) and SOURCES.txt (in `lang`: headings, and
    sources with a known Chinese name).

    A chart or a table may be given as a function that builds it (only exported, like the static map).
    """
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, (chart, frame) in items.items():
            chart = resolve(chart)
            stem = safe_name(name)
            z.writestr(f"{stem}.png", chart_png(chart))
            z.writestr(f"{stem}.svg", chart_svg(chart))
            z.writestr(f"{stem}.csv", csv_bytes(reader_table(resolve_frame(frame), lang)))
        lines = [t("kit_title", lang, d=date.today().isoformat()), filters, "", t("kit_sources", lang)]
        z.writestr("SOURCES.txt", "\n".join(lines + [f"- {source_text(s, lang)}" for s in sources]) + "\n")
    return buf.getvalue()
