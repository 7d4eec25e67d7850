"""Colours of the map measures and their legends (pydeck has no legend; the page draws these)."""

from __future__ import annotations

import pandas as pd

from ipaid.i18n import t

MEASURES = ("area", "exit", "gi", "status")
PLAYBACK = "playback"  # the map's exit-year playback view, offered beside the measures
NEUTRAL = (238, 235, 228)  # not a poverty county
OUTSIDE = (190, 186, 178)  # poverty county outside the 14 areas
AREA_COLORS = {
    "liupan": (31, 119, 180),
    "qinba": (255, 127, 14),
    "wuling": (44, 160, 44),
    "wumeng": (214, 39, 40),
    "dianguiqian": (148, 103, 189),
    "dianxi": (140, 86, 75),
    "daxinganling": (227, 119, 194),
    "yanshan_taihang": (57, 59, 121),
    "lvliang": (188, 189, 34),
    "dabie": (23, 190, 207),
    "luoxiao": (174, 199, 232),
    "tibet": (255, 187, 120),
    "four_province_tibetan": (102, 194, 165),
    "south_xinjiang": (231, 41, 138),
}
EXIT_COLORS = {2016: (255, 237, 160), 2017: (254, 178, 76), 2018: (240, 59, 32), 2019: (189, 0, 38), 2020: (103, 0, 13)}
GI_BINS = ((0, 0, "0"), (1, 1, "1"), (2, 2, "2"), (3, 4, "3–4"), (5, 10**6, "5+"))
GI_COLORS = ((238, 235, 228), (199, 233, 192), (116, 196, 118), (35, 139, 69), (0, 68, 27))
STATUS_COLORS = {"in_area": (179, 38, 30), "outside": (244, 165, 130), "not": NEUTRAL}
BLANK = (255, 255, 255)  # counties outside the filters: not coloured (the legend's swatch)
# Exit-year playback (Okabe-Ito vermillion and blue: told apart with any colour vision; earlier exits a pale blue).
PLAYBACK_COLORS = {"poor": (213, 94, 0), "exited": (0, 114, 178), "earlier": (166, 197, 222), "not": NEUTRAL}

# Everything else the maps draw (deck.gl RGB(A) lists and the static map's CSS colours).
MARKER = (0, 90, 60)  # GI markers (and their legend swatch)
MARKER_FILL = [*MARKER, 190]
MARKER_LINE = [255, 255, 255]
HIGHLIGHT = [255, 255, 0, 160]  # the county under the pointer
SELECTION_LINE = [60, 60, 60]
AREA_LINE = [40, 40, 40]
PROVINCE_LINE = [120, 120, 120]
PREFECTURE_LINE = [20, 20, 20]  # prefecture borders of the drill-down
CHINA_LINE = [30, 30, 30]
LABEL_TEXT = [20, 20, 20]
LABEL_HALO = [255, 255, 255, 230]
TOOLTIP_BG, TOOLTIP_TEXT = "#1f1f1f", "white"
STATIC_COUNTY_EDGE, STATIC_PROVINCE_EDGE = "white", "#777"
STATIC_CONTEXT_EDGE, STATIC_CHINA_EDGE = "#555", "#222"


def _gi_color(n: int) -> tuple[int, int, int]:
    for (low, high, _), color in zip(GI_BINS, GI_COLORS):
        if low <= n <= high:
            return color
    return GI_COLORS[-1]


def county_colors(counties: pd.DataFrame) -> dict[str, list[tuple[int, int, int]]]:
    """One RGB per county for each measure; `counties` as from `data.all_counties()`."""
    poverty = counties["poverty"].tolist()
    area = counties["area_id"].tolist()
    years = counties["exit_year"].tolist()
    return {
        "area": [AREA_COLORS.get(a, OUTSIDE) if p else NEUTRAL for p, a in zip(poverty, area)],
        "exit": [EXIT_COLORS.get(int(y), OUTSIDE) if p and pd.notna(y) else NEUTRAL for p, y in zip(poverty, years)],
        "gi": [_gi_color(int(n)) for n in counties["gi_count"]],
        "status": [STATUS_COLORS["in_area" if a else "outside"] if p else NEUTRAL for p, a in zip(poverty, area)],
    }


def legend(
    measure: str, lang: str, areas: pd.DataFrame, used: set[tuple[int, int, int]] | None = None
) -> list[tuple[str, tuple[int, int, int]]]:
    """(label, colour) pairs of a measure's legend, in display order; only the colours in `used` if given."""
    if measure == "area":
        names = areas.set_index("area_id")["name_en" if lang == "en" else "name_zh"]
        items = [(names.get(a, a), c) for a, c in AREA_COLORS.items()]
        items += [(t("poverty_outside", lang), OUTSIDE), (t("not_poverty", lang), NEUTRAL)]
    elif measure == "exit":
        items = [(str(y), c) for y, c in EXIT_COLORS.items()]
        items += [(t("exit_unknown", lang), OUTSIDE), (t("not_poverty", lang), NEUTRAL)]
    elif measure == "gi":
        items = [(t("no_gi", lang) if b[2] == "0" else b[2], c) for b, c in zip(GI_BINS, GI_COLORS)]
    else:
        items = [
            (t("poverty_in_area", lang), STATUS_COLORS["in_area"]),
            (t("poverty_outside", lang), STATUS_COLORS["outside"]),
            (t("not_poverty", lang), NEUTRAL),
        ]
    return [(name, c) for name, c in items if used is None or tuple(c) in used]


def hex_color(rgb: tuple[int, int, int]) -> str:
    r, g, b = (int(v) for v in rgb)
    return f"#{r:02x}{g:02x}{b:02x}"


# Chart colours (Altair): the dashboard's red, its light tint, greys for text, rules and the comparison group.
CHART_BAR, CHART_BAR_LIGHT, CHART_AREA = "#b3261e", "#e3b5b2", "#f2c4c0"
CHART_TEXT, CHART_SUBTITLE, CHART_RULE = "#333", "#555", "#999"
CHART_GREY, CHART_GREY_DARK = "#8c8c8c", "#6b6b6b"

CHART_GREYS_TEXT = (CHART_TEXT, CHART_SUBTITLE)  # chart text drawn in grey (black in high contrast)

# Page colours beyond the theme (.streamlit/config.toml): captions at 6.7:1 on white (Streamlit's own grey,
# #797979, is 4.35:1), the keyboard focus ring, and the high-contrast option (ipaid/display.py).
CAPTION_TEXT = "#5c5c5c"
WIDGET_LABEL = "#1f1f1f"  # widget labels, the theme's text colour (also when a widget is disabled)
FOCUS = "#b3261e"
HC_TEXT, HC_BACKGROUND, HC_BORDER, HC_LINK = "#000000", "#ffffff", "#000000", "#0000cc"
SWATCH_EDGE = "#6b6b6b"  # legend swatch outlines: 5.3:1 on white, so pale swatches stay visible (>= 3:1)
