"""The exit-year playback for press: one static map per year as GIF and MP4, and the five years side by side.

Frames come from the static map renderer (Altair geoshape, vl-convert PNG with the bundled CJK font). The
counties are dissolved once per place filter into one shape per exit year, so each frame only recolours them.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import date
from functools import lru_cache

import altair as alt
import geopandas as gpd
import numpy as np
import pandas as pd

from ipaid import data, export, geometry, palette
from ipaid.charts import themed
from ipaid.filters import Filters
from ipaid.i18n import t
from ipaid.maps import selected_counties
from ipaid.palette import hex_color
from ipaid.playback import STATES, YEARS, count_text, place_only, state_expression, year_counts
from ipaid.static_map import PROJECTION, SOURCE, _shapes, outline_layers

FRAME = (760, 560)  # the map of one frame, in CSS pixels (the static map's size)
PANEL = (250, 290)  # one map of the small multiples (China with the South China Sea is taller than wide)
STAMP_PX = 52  # the year stamp's font size
STRIP_PX = 64  # the height of the strip under the map with the stamp (never over the map)
FRAME_SCALE = 1.0  # pixels per CSS pixel of a frame (about 1,000 × 700 pixels)
NOT_POOR = "—"  # the exit year of a county never poor (not a number: every comparison with a year is false)
SECONDS_PER_FRAME = 1.5
Progress = Callable[[float, str], None]


def _place(f: Filters) -> bool:
    return bool(f.provinces or f.areas)


@lru_cache(maxsize=8)
def _groups(signature: tuple, provinces: tuple[str, ...], areas: tuple[str, ...]) -> tuple[gpd.GeoDataFrame, object]:
    """The counties of the place filter dissolved per exit year ("—": not a poverty county), and the borders
    between poverty counties; per geometry build, data version and place filter."""
    f = Filters(provinces=provinces, areas=areas)
    chosen = selected_counties(f)
    level = "detailed" if _place(f) else "national"
    shapes = geometry.load_layer("counties", level)[["adcode", "geometry"]].merge(chosen, on="adcode")
    years = shapes["exit_year"].where(shapes["poverty"])
    shapes["exit"] = [NOT_POOR if pd.isna(y) else str(int(y)) for y in years]
    digits = 3 if _place(f) else 2
    groups = _shapes(geometry.dissolve(shapes, "exit"), digits)
    groups["exit"] = [y if y == NOT_POOR else int(y) for y in groups["exit"]]
    edges = geometry.borders(shapes.loc[shapes["poverty"], "geometry"].values)
    return groups, _shapes(gpd.GeoDataFrame({"kind": ["edges"]}, geometry=[edges]), digits)


@lru_cache(maxsize=8)
def _datasets(signature: tuple, provinces: tuple[str, ...], areas: tuple[str, ...]) -> dict[str, list]:
    """The maps' shapes as Vega-Lite datasets, serialised once: each frame and panel names them."""
    f = Filters(provinces=provinces, areas=areas)
    groups, edges = year_groups(f)
    shapes = {"groups": groups[["exit", "geometry"]], "edges": edges}
    shapes |= {f"outline{i}": shape for i, (_, shape) in enumerate(_outlines(signature, provinces, areas))}
    return {name: alt.utils.data.to_values(frame)["values"] for name, frame in shapes.items()}


@lru_cache(maxsize=8)
def _outlines(signature: tuple, provinces: tuple[str, ...], areas: tuple[str, ...]) -> list[tuple[alt.Chart, object]]:
    """The static map's outline layers of the place filter with their data named, and that data (built once)."""
    layers = outline_layers(Filters(provinces=provinces, areas=areas))
    return [(layer.properties(data=alt.NamedData(name=f"outline{i}")), layer.data) for i, layer in enumerate(layers)]


def datasets(f: Filters) -> dict[str, list]:
    """`_datasets` for the place filters of `f` (cached: do not mutate)."""
    return _datasets(_signature(), tuple(sorted(f.provinces)), tuple(sorted(f.areas)))


def _signature() -> tuple:
    return (geometry.cache_key(), *(data.table_source(n)[0] for n in ("counties", "areas", "area_members")))


def year_groups(f: Filters) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """`_groups` for the place filters of `f` (cached: do not mutate)."""
    return _groups(_signature(), tuple(sorted(f.provinces)), tuple(sorted(f.areas)))


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _with_year(key: str, lang: str, year: str) -> str:
    """A string of `key` whose {year} is the expression `year`, as a Vega expression."""
    before, mark, after = t(key, lang, year="\x00").partition("\x00")
    return f"{_quoted(before)} + {year} + {_quoted(after)}" if mark else _quoted(before)


def state_labels(year: str | None, lang: str) -> dict[str, str]:
    """Legend words of each state as Vega expressions: for the year expression `year`, or, with None, for
    any year (the small multiples)."""
    if year is None:
        words = {"exited": "play_exited_year", "earlier": "play_earlier_any"}
        return {"poor": _quoted(t("play_poor", lang)), "not": _quoted(t("not_poverty", lang))} | {
            k: _quoted(t(w, lang)) for k, w in words.items()
        }
    return {
        "poor": _quoted(t("play_poor", lang)),
        "exited": _with_year("play_exited", lang, year),
        "earlier": _with_year("play_earlier", lang, year),
        "not": _quoted(t("not_poverty", lang)),
    }


def year_map(
    f: Filters, year: str, lang: str, size: tuple[int, int], legend: bool, labels: dict[str, str], edges: bool = True
):
    """The map of the year `year` (a Vega expression: the frame's `year` parameter or a number): counties
    coloured by their state, with `edges` the lines between poverty counties, outlines."""
    states = {s: _quoted(s) for s in STATES}
    label = " : ".join(f"datum.value == {states[s]} ? {labels[s]}" for s in STATES) + " : ''"
    fill = (
        alt.Chart(alt.NamedData(name="groups"))
        .mark_geoshape(stroke=None)
        .transform_calculate(state=state_expression("datum.exit", year, states))
        .encode(
            color=alt.Color(
                "state:N",
                title=None,
                scale=alt.Scale(domain=list(STATES), range=[hex_color(palette.PLAYBACK_COLORS[s]) for s in STATES]),
                legend=alt.Legend(
                    orient="right",
                    labelFontSize=13,
                    labelLimit=320,
                    labelExpr=label,
                    symbolStrokeColor=palette.STATIC_CONTEXT_EDGE,
                )
                if legend
                else None,
            )
        )
    )
    lines = alt.Chart(alt.NamedData(name="edges")).mark_geoshape(
        filled=False, stroke=palette.STATIC_COUNTY_EDGE, strokeWidth=0.25
    )
    outlines = [layer for layer, _ in _outlines(_signature(), tuple(sorted(f.provinces)), tuple(sorted(f.areas)))]
    chart = alt.layer(fill, *([lines] if edges else []), *outlines).project(**PROJECTION.to_dict())
    return chart.properties(width=size[0], height=size[1])


def stamp(f: Filters, lang: str, width: int = FRAME[0]) -> alt.LayerChart:
    """The strip under a frame's map: the year stamp and the year's running count. It holds a row per year
    and shows the row of the frame's `year` parameter."""
    counts = year_counts(f)
    rows = pd.DataFrame(
        {
            "year": counts["year"],
            "stamp": counts["year"].astype(str),
            "count": [count_text(counts, y, lang) for y in YEARS],
        }
    )
    base = alt.Chart(rows).transform_filter("datum.year == year")
    big = base.mark_text(fontSize=STAMP_PX, align="left", baseline="middle", color=palette.CHART_TEXT).encode(
        x=alt.value(4), y=alt.value(STRIP_PX / 2), text="stamp:N"
    )
    line = base.mark_text(fontSize=16, align="left", baseline="middle", color=palette.CHART_TEXT).encode(
        x=alt.value(4 + 2.4 * STAMP_PX), y=alt.value(STRIP_PX / 2), text="count:N"
    )
    return alt.layer(big, line).properties(width=width, height=STRIP_PX)


def _subtitle(filters_line: str, lang: str) -> list[str]:
    lines = [filters_line] if filters_line else []
    return lines + [f"{SOURCE[lang]} · {date.today().isoformat()}"]


def frame_chart(f: Filters, lang: str, filters_line: str = "") -> alt.VConcatChart:
    """The frames as one chart with a `year` parameter (the first year): title, the map with its legend, under
    it the year stamp and running count, source and date. `frame_spec` sets the parameter per frame."""
    f = place_only(f)
    year = alt.param(name="year", value=YEARS[0])
    chart = alt.vconcat(year_map(f, "year", lang, FRAME, True, state_labels("year", lang)), stamp(f, lang), spacing=4)
    chart = chart.add_params(year)
    return themed(chart, t("anim_title", lang), _subtitle(filters_line, lang))


def multiples_chart(f: Filters, lang: str, filters_line: str = "") -> alt.HConcatChart:
    """The five years side by side, each titled with its year and count, one legend."""
    f = place_only(f)
    counts = year_counts(f).set_index("year")
    labels = state_labels(None, lang)
    panels = [
        year_map(f, str(y), lang, PANEL, True, labels, edges=False).properties(
            title=alt.TitleParams(
                str(y),
                subtitle=t("play_panel", lang, n=int(counts.at[y, "exited"]), cum=int(counts.at[y, "cumulative"])),
                fontSize=20,
                anchor="start",
            )
        )
        for y in YEARS
    ]
    return themed(alt.hconcat(*panels, spacing=14), t("anim_title", lang), _subtitle(filters_line, lang))


def multiples_png(f: Filters, lang: str, filters_line: str = "") -> bytes:
    """The small multiples as a PNG (1.5 pixels per CSS pixel: about 2,500 pixels wide)."""
    spec = export.vega_spec(multiples_chart(f, lang, filters_line), datasets=datasets(place_only(f)))
    return export.vega_png(spec, scale=1.5)


def vega_spec(f: Filters, lang: str, filters_line: str = "") -> dict:
    """The frames' chart compiled to Vega once (the slow part); each frame only sets the `year` signal."""
    return export.vega_spec(frame_chart(f, lang, filters_line), datasets=datasets(place_only(f)))


def frame_spec(spec: dict, year: int) -> dict:
    """The Vega spec of the frame of `year` (a copy of `spec` with its `year` signal set)."""
    out = {**spec, "signals": [dict(s) for s in spec["signals"]]}
    [signal] = [s for s in out["signals"] if s["name"] == "year"]
    signal["value"] = year
    return out


def png_frame(png: bytes, shape: tuple[int, int] | None = None) -> np.ndarray:
    """A PNG as an RGB array, padded with white to `shape` (height, width) if given."""
    from PIL import Image

    image = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
    if shape is None:
        return image
    out = np.full((*shape, 3), 255, dtype=np.uint8)
    out[: image.shape[0], : image.shape[1]] = image
    return out


def frames(f: Filters, lang: str, filters_line: str = "", progress: Progress | None = None) -> list[np.ndarray]:
    """One RGB frame per year, all the same size (a multiple of 16 pixels, as video encoders want)."""
    spec, pngs = vega_spec(f, lang, filters_line), []
    for i, year in enumerate(YEARS):
        if progress:
            progress(i / (len(YEARS) + 2), str(year))
        pngs.append(export.vega_png(frame_spec(spec, year), scale=FRAME_SCALE))
    arrays = [png_frame(p) for p in pngs]
    height = max(a.shape[0] for a in arrays)
    width = max(a.shape[1] for a in arrays)
    shape = (-(-height // 16) * 16, -(-width // 16) * 16)
    return [png_frame(p, shape) for p in pngs]


def gif_bytes(images: list[np.ndarray]) -> bytes:
    """An animated GIF, looping, `SECONDS_PER_FRAME` per frame."""
    import imageio.v3 as iio

    return iio.imwrite("<bytes>", np.stack(images), extension=".gif", duration=SECONDS_PER_FRAME * 1000, loop=0)


def mp4_bytes(images: list[np.ndarray]) -> bytes:
    """An H.264 MP4 (ffmpeg from imageio-ffmpeg), one frame per `SECONDS_PER_FRAME`."""
    import imageio.v3 as iio

    return iio.imwrite(
        "<bytes>",
        np.stack(images),
        extension=".mp4",
        plugin="FFMPEG",
        fps=1 / SECONDS_PER_FRAME,
        codec="libx264",
        macro_block_size=16,
        pixelformat="yuv420p",
    )


def animation(f: Filters, lang: str, filters_line: str = "", progress: Progress | None = None) -> dict[str, bytes]:
    """The press files: GIF, MP4 and the small multiples PNG, for the place filters of `f`."""
    images = frames(f, lang, filters_line, progress)
    if progress:
        progress(len(YEARS) / (len(YEARS) + 2), "encode")
    out = {"gif": gif_bytes(images), "mp4": mp4_bytes(images)}
    if progress:
        progress((len(YEARS) + 1) / (len(YEARS) + 2), "multiples")
    out["png"] = multiples_png(f, lang, filters_line)
    return out
