"""One-page A4 briefs (PDF) of a county, a contiguous area or a province, built server-side with WeasyPrint.

`python -m ipaid.brief --county 430822 --lang zh -o sangzhi.pdf` (also `--area wuling`, `--province 湖南省`,
`--area wuling --zip` for the briefs of every loaded member county). An unknown code exits with status 2.
"""

from __future__ import annotations

import argparse
import base64
import io
import sys
import zipfile
from collections.abc import Callable
from datetime import date
from html import escape

from ipaid import data
from ipaid.brief_content import (
    Brief,
    BriefError,
    area_content,
    county_content,
    find_area,
    gi_types,
    province_content,
)
from ipaid.brief_font import FAMILY, font_css
from ipaid.brief_map import OTHER, OTHER_POOR, PLACE, locator_png, place_png
from ipaid.export import safe_name
from ipaid.i18n import listing, norm_lang, t
from ipaid.names import county_name, place_en
from ipaid.palette import CHART_RULE, CHART_SUBTITLE, CHART_TEXT
from ipaid.views import gi_table

__all__ = ["BriefError", "area_brief", "area_zip", "county_brief", "province_brief"]

GI_ROWS, PRESS_ROWS, PRESS_FEW = 24, 8, 4  # at most; fewer when the page would run over

CSS = f"""
@page {{ size: A4; margin: 12mm 13mm 11mm 13mm; }}
body {{ font-family: "{FAMILY}"; font-size: 8.4pt; line-height: 1.35; color: {CHART_TEXT}; }}
.kind {{ font-size: 8pt; color: {CHART_SUBTITLE}; text-transform: uppercase; letter-spacing: .04em; }}
h1 {{ font-size: 19pt; margin: 0; font-weight: 700; }}
.sub {{ font-size: 10pt; color: {CHART_SUBTITLE}; margin-bottom: 3mm; }}
h2 {{ font-size: 10pt; font-weight: 700; margin: 3.2mm 0 1.2mm; border-bottom: .4pt solid {CHART_RULE}; }}
.top {{ display: table; width: 100%; table-layout: fixed; }}
.facts {{ display: table-cell; vertical-align: top; padding-right: 4mm; }}
.maps {{ display: table-cell; vertical-align: top; width: 86mm; }}
.maps img.place {{ width: 86mm; }}
img.locator {{ width: 42mm; margin-top: 3mm; }}
table {{ border-collapse: collapse; width: 100%; }}
td, th {{ padding: .5mm 1.2mm; vertical-align: top; text-align: left; }}
.facts th {{ font-weight: 700; width: 34%; color: {CHART_SUBTITLE}; }}
.facts tr, .gis tr {{ border-bottom: .3pt solid {OTHER}; }}
.gis th {{ font-weight: 700; border-bottom: .6pt solid {CHART_RULE}; }}
.legend {{ font-size: 7pt; color: {CHART_SUBTITLE}; }}
.key {{ margin-right: 3mm; white-space: nowrap; }}
.sw {{ display: inline-block; width: 2.6mm; height: 2.6mm; margin-right: .8mm; vertical-align: -0.3mm; }}
ul {{ margin: 0; padding-left: 4mm; }}
li {{ margin-bottom: .6mm; }}
.src {{ font-size: 6.6pt; color: {CHART_SUBTITLE}; overflow-wrap: anywhere; }}
.small {{ font-size: 7.2pt; }}
.printed {{ margin-top: 3mm; font-size: 7pt; color: {CHART_SUBTITLE}; }}
"""


def _img(png: bytes, cls: str, alt: str) -> str:
    return f'<img class="{cls}" alt="{escape(alt)}" src="data:image/png;base64,{base64.b64encode(png).decode()}">'


def _gi_table(b: Brief, lang: str, rows: int) -> str:
    n = len(b.gis)
    head = f"<h2>{escape(t('brief_gis_title', lang, n=n))}</h2>"
    if not n:
        return head + f"<p>{escape(t('brief_gis_none', lang))}</p>"
    shown = gi_table(b.gis.head(rows), lang, ("name", "other_name", "type", "year"))
    cells = "".join(
        "<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in r) + "</tr>" for r in shown.itertuples(False)
    )
    heads = "".join(f"<th>{escape(c)}</th>" for c in shown.columns)
    table = f"<table class='gis'><tr>{heads}</tr>{cells}</table>"
    by_type = f"<p class='small'>{escape(t('brief_gis_by_type', lang, types=gi_types(b.gis, lang)))}"
    more = f"<br>{escape(t('brief_gis_more', lang, n=n - rows))}" if n > rows else ""
    pinyin = lang == "en" and b.gis.head(rows)["name_en_pinyin"].any()
    reading = f"<br>{escape(t('brief_pinyin_names', lang))}" if pinyin else ""
    return head + table + by_type + more + reading + "</p>"


def _counties(b: Brief, lang: str) -> str:
    if not b.counties:
        return ""
    title = t("brief_counties_title", lang, n=len(b.counties))
    return f"<h2>{escape(title)}</h2><p class='small'>{escape(listing(b.counties, lang))}</p>"


def _press(b: Brief, lang: str, rows: int) -> str:
    if not b.press:
        return ""
    items = "".join(
        f"<li>{escape(text)}<div class='src'>{escape(t('source_line', lang, s=src))}</div></li>"
        for text, src in b.press[:rows]
    )
    more = len(b.press) - rows
    tail = f"<p class='small'>{escape(t('brief_press_more', lang, n=more))}</p>" if more > 0 else ""
    return f"<h2>{escape(t('brief_press', lang))}</h2><ul>{items}</ul>{tail}"


def _html(b: Brief, lang: str, maps: tuple[bytes, bytes], gi_rows: int, press_rows: int, fonts: str = "") -> str:
    facts = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in b.facts)
    counties = data.load_counties()
    others_poor = set(counties.loc[counties["province"].isin(b.provinces), "boundary_adcode"]) - b.place
    keys = [(PLACE, b.place_label), (OTHER_POOR, t("brief_legend_poor", lang)) if others_poor else None]
    keys = [k for k in keys if k] + [(OTHER, t("brief_legend_other", lang))]
    legend = "".join(
        f"<span class='key'><span class='sw' style='background:{c}'></span>{escape(x)}</span>" for c, x in keys
    )
    legend = f"<div class='legend'>{legend}</div>"
    locator = f"{_img(maps[1], 'locator', b.title)}<div class='legend'>{escape(t('brief_locator', lang))}</div>"
    notes = "".join(f"<li>{escape(n)}</li>" for n in b.notes if n)
    sources = "".join(f"<li>{escape(s)}</li>" for s in b.sources)
    printed = escape(t("brief_printed", lang, d=date.today().isoformat()))
    return (
        f"<!doctype html><html lang='{'en' if lang == 'en' else 'zh-CN'}'><head><meta charset='utf-8'>"
        f"<title>{escape(b.title)}</title><style>{fonts}{CSS}</style></head><body>"
        f"<div class='kind'>{escape(t('brief_kind_' + b.kind, lang))}</div><h1>{escape(b.title)}</h1>"
        f"<div class='sub'>{escape(b.subtitle)}</div>"
        f"<div class='top'><div class='facts'><table>{facts}</table>{locator}</div>"
        f"<div class='maps'>{_img(maps[0], 'place', b.title)}{legend}</div></div>"
        f"{_counties(b, lang)}{_gi_table(b, lang, gi_rows)}{_press(b, lang, press_rows)}"
        f"<h2>{escape(t('brief_coverage', lang))}</h2><ul class='small'>{notes}</ul>"
        f"<h2>{escape(t('brief_sources', lang))}</h2><ul class='src'>{sources}</ul>"
        f"<div class='printed'>{printed}</div></body></html>"
    )


def render(b: Brief, lang: str) -> bytes:
    """The brief as a one-page PDF: if it would run over, fewer statements (at most PRESS_FEW) and then the most
    GI rows that fit are shown, each list saying how many more there are."""
    import weasyprint

    poverty = set(data.load_counties()["boundary_adcode"])
    maps = (place_png(frozenset(b.place), frozenset(poverty), tuple(b.provinces)), locator_png(tuple(b.provinces)))
    # every character the longest version shows, and the list bullets CSS draws
    fonts = font_css(_html(b, lang, (b"", b""), GI_ROWS, PRESS_ROWS) + "\u2022")

    def layout(gi_rows: int, press_rows: int):
        doc = weasyprint.HTML(string=_html(b, lang, maps, gi_rows, press_rows, fonts)).render()
        return doc if len(doc.pages) == 1 else None

    def most_rows(press_rows: int):
        """The layout with the most GI rows that fit beside `press_rows` statements (binary search), or None."""
        low, high, best = 0, min(GI_ROWS, len(b.gis)), None
        while low <= high:
            mid = (low + high) // 2
            found = layout(mid, press_rows)
            best, low, high = (found, mid + 1, high) if found else (best, low, mid - 1)
        return best

    doc = layout(GI_ROWS, PRESS_ROWS)
    for press_rows in (PRESS_FEW, 1) if doc is None else ():
        doc = most_rows(press_rows)
        if doc:
            break
    if doc is None:  # nothing fits on one page: two pages rather than no brief
        doc = weasyprint.HTML(string=_html(b, lang, maps, 0, 1, fonts)).render()
    return doc.write_pdf()


def county_brief(code: str, lang: str) -> bytes:
    lang = norm_lang(lang)
    return render(county_content(code.strip(), lang), lang)


def area_brief(area: str, lang: str) -> bytes:
    lang = norm_lang(lang)
    return render(area_content(area.strip(), lang), lang)


def province_brief(name: str, lang: str) -> bytes:
    lang = norm_lang(lang)
    return render(province_content(name.strip(), lang), lang)


def area_zip(area: str, lang: str, progress: Callable[[int, int, str], None] | None = None) -> bytes:
    """A zip of the briefs of every loaded member county of an area; `progress(i, n, name)` before each."""
    lang = norm_lang(lang)
    row = find_area(area.strip(), lang)
    counties = data.load_counties()
    members = counties[counties["area_id"] == row["area_id"]]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for i, m in enumerate(members.itertuples()):
            name = county_name(m.name_listed, m.boundary_name, lang)
            if progress:
                progress(i, len(members), name)
            z.writestr(f"{m.adcode_listed}-{safe_name(name)}.pdf", county_brief(m.adcode_listed, lang))
        if progress:
            progress(len(members), len(members), "")
    return out.getvalue()


def file_name(kind: str, code: str, lang: str, ext: str = "pdf") -> str:
    """The brief's file name; an English province brief names the province in English (not 湖南省)."""
    lang = norm_lang(lang)
    place = place_en(code) if kind == "province" and lang == "en" else code
    return f"ipaid-brief-{kind}-{safe_name(place)}-{lang}.{ext}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ipaid.brief", description="One-page A4 briefs (PDF).")
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--county", help="listed or today's adcode, e.g. 430822")
    which.add_argument("--area", help="contiguous area id or name, e.g. wuling")
    which.add_argument("--province", help="province name, e.g. 湖南省 or Hunan")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    parser.add_argument("--zip", action="store_true", help="with --area: a zip of every member county's brief")
    parser.add_argument("-o", "--output", help="file to write (default: a name from the code)")
    args = parser.parse_args(argv)
    if args.zip and not args.area:
        parser.error("--zip needs --area")
    kind, code = next((k, getattr(args, k)) for k in ("county", "area", "province") if getattr(args, k))
    try:
        if args.zip:
            content = area_zip(code, args.lang, lambda i, n, name: print(f"{i}/{n} {name}", file=sys.stderr))
        else:
            content = {"county": county_brief, "area": area_brief, "province": province_brief}[kind](code, args.lang)
    except BriefError as exc:
        print(exc, file=sys.stderr)
        return 2
    path = args.output or file_name(kind, code, args.lang, "zip" if args.zip else "pdf")
    with open(path, "wb") as f:
        f.write(content)
    print(f"{path}: {len(content):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
