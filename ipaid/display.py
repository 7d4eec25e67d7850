"""Display options for readers who need them: high contrast and large text (`?contrast=high&text=large`).

Plain functions: the page CSS for an option set, and a chart's Vega-Lite spec adjusted to it (larger fonts,
black text). `ipaid.ui` applies them; the colours come from `ipaid.palette`.
"""

from __future__ import annotations

import copy

from ipaid import palette

# URL parameter → its one non-default value (the default, normal display, is left out of the URL).
OPTIONS = {"contrast": ("high",), "text": ("large",)}
SKIP = "ipaid-skip"  # class of the page's own "skip to main content" link (`ipaid.ui.nav_links`)
SCRIPT = "ipaid-script"  # class in the element of `framework_words`: its container is hidden
PRELOAD = "ipaid-preload"  # class of the Chinese chart characters on English pages (`ipaid.ui.chart_characters`)
CHART_PAIR = "chart_pair_"  # key prefix of the containers of two charts side by side (`ipaid.ui.chart_columns`)
VERSIONS = "versions"  # key of the Data page's Versions block (`pages/data.py`)
DATASETS = "datasets"  # key of the Data page's datasets table
# Static tables (by key) and the column of each that holds file names, one long word at times (an upload's name).
FILE_COLUMNS = {DATASETS: 5, VERSIONS: 7}
PAIR_MIN = 760  # below this width (px) of the main block, such charts stack: a half column cut their titles
TEXT_SCALE = 1.25  # large text: every font 25 % larger (20 px base instead of 16 px)
FONT_KEYS = ("fontSize", "labelFontSize", "titleFontSize", "subtitleFontSize")
COLOR_KEYS = ("color", "labelColor", "titleColor", "subtitleColor", "domainColor", "tickColor")
# Vega-Lite's defaults where a chart sets none (so that large text scales them too).
DEFAULT_FONTS = {
    "title": {"fontSize": 13, "subtitleFontSize": 10},
    "axis": {"labelFontSize": 10, "titleFontSize": 11},
    "legend": {"labelFontSize": 10, "titleFontSize": 11},
    "text": {"fontSize": 11},
}


def css(high_contrast: bool = False, large: bool = False) -> str:
    """The app's extra CSS: readable captions and visible focus always; plus each option's rules."""
    rules = [
        # Streamlit fades captions with opacity 0.6 (#797979 on white, 4.35:1): full opacity, a darker grey.
        '[data-testid="stCaptionContainer"] {opacity: 1 !important}',
        f'[data-testid="stCaptionContainer"] :is(p, li) {{color: {palette.CAPTION_TEXT}}}',
        f":focus-visible {{outline: 3px solid {palette.FOCUS} !important; outline-offset: 2px}}",
        # "Skip to main content": Streamlit's link is English on Chinese pages; the page menu starts with one in
        # the page's language (`ui.nav_links`), out of the flow and out of sight until the Tab key reaches it.
        '[data-testid="stSkipToContent"] {display: none !important}',
        f'[data-testid="stElementContainer"]:has(.{SKIP}) {{position: absolute; z-index: 1000; top: 0; left: 0}}',
        f".{SKIP} {{position: absolute; left: -100vw; white-space: nowrap}}",
        f".{SKIP}:focus {{left: 0; padding: .4rem .8rem; background: {palette.HC_BACKGROUND}}}",
        # The script that puts Streamlit's own words in the page's language (`framework_words`) draws nothing.
        f'[data-testid="stElementContainer"]:has(.{SCRIPT}) {{display: none}}',
        # Drawn out of sight and out of the flow, so that the browser loads their font slices.
        f'[data-testid="stElementContainer"]:has(.{PRELOAD}) {{position: absolute; left: -100vw; top: 0}}',
        f".{PRELOAD} {{width: 1px; height: 1px; overflow: hidden; white-space: nowrap; clip-path: inset(50%)}}",
        # A disabled widget's label (the GI list before a search) stays readable: Streamlit fades it below 4.5:1.
        f'[data-testid="stWidgetLabel"] :is(p, span) {{color: {palette.WIDGET_LABEL} !important; opacity: 1}}',
        # Page links wrap rather than end in "…" (large text cut "GIs and exit: the evidence" in the sidebar).
        '[data-testid="stPageLink"] * {white-space: normal !important; text-overflow: clip !important}',
        # The map's five colourings fit one row at 1024 px with room to spare (12 px a side left 8 px in English in CI).
        ".st-key-measure button {padding-left: 0.5rem; padding-right: 0.5rem}",
        # The share link's copy button sits over the block's top right corner: keep the link's lines clear of it.
        '.st-key-share [data-testid="stCode"] pre {padding-right: 2.75rem}',
        # Two charts side by side stack when their block is narrow (1024 px with the sidebar: ~270 px each).
        f'[class*="st-key-{CHART_PAIR}"] {{container-type: inline-size}}',
        f'@container (max-width: {PAIR_MIN}px) {{[class*="st-key-{CHART_PAIR}"] '
        '[data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"]) {flex-direction: column} '
        f'[class*="st-key-{CHART_PAIR}"] [data-testid="stColumn"] '
        "{width: 100% !important; flex: 1 1 auto !important}}",
    ]
    # A file name wraps anywhere in its cell, which keeps room for a usual name ('data/gi_products.csv') on one
    # line; the other cells wrap between words. Without it, a long uploaded name pushed the table past its edge.
    for key, n in FILE_COLUMNS.items():
        cell = f'.st-key-{key} [data-testid="stTable"] td:nth-child({n})'
        rules += [f"{cell} {{min-width: 10.5em}}", f"{cell} * {{overflow-wrap: anywhere}}"]
    # A metric's label wraps instead of being cut with "…" ("定点扶贫…" on the designated page, large text, 1024 px).
    rules.append('[data-testid="stMetricLabel"] * {white-space: normal !important}')
    if large:
        # Streamlit sizes nearly everything in rem: a larger root font scales text, widgets and spacing.
        rules.append(f"html {{font-size: {16 * TEXT_SCALE:g}px !important}}")
        # headline figures keep their usual size, so that "2,385个" still fits a card at 1024 px
        rules.append(f'[data-testid="stMetricValue"] {{font-size: {2.25 / TEXT_SCALE:g}rem !important}}')
    if high_contrast:
        ink, paper, line = palette.HC_TEXT, palette.HC_BACKGROUND, palette.HC_BORDER
        rules += [
            f'.stApp, [data-testid="stSidebar"], [data-testid="stHeader"] {{background: {paper} !important}}',
            f'[data-testid="stSidebar"] {{border-right: 2px solid {line}}}',
            ".stApp :is(h1, h2, h3, h4, h5, h6, p, li, label, summary, th, td, "
            '[data-testid="stCaptionContainer"], [data-testid="stMetricValue"], [data-testid="stMetricLabel"], '
            f'[data-testid="stWidgetLabel"], [data-testid="stMarkdownContainer"]) {{color: {ink} !important}}',
            f".stApp a, .stApp a * {{color: {palette.HC_LINK} !important; text-decoration: underline !important}}",
            '.stApp :is([data-baseweb="select"] > div, [data-baseweb="input"], [data-baseweb="textarea"], '
            '[data-testid="stExpander"] details, [data-testid="stVerticalBlockBorderWrapper"], '
            '[data-testid="stPopover"] button, [data-testid="stBaseButton-secondary"], '
            f'[data-testid="stDataFrame"]) {{border: 1px solid {line} !important}}',
            f".stApp .ipaid-swatch {{border-color: {line} !important}}",
            f":focus-visible {{outline: 4px solid {ink} !important}}",
        ]
    return "\n".join(rules)


def chart_spec(spec: dict, high_contrast: bool = False, large: bool = False) -> dict:
    """A copy of a Vega-Lite spec with fonts scaled for large text and all text black for high contrast."""
    if not (high_contrast or large):
        return spec
    out = copy.deepcopy(spec)
    config = out.setdefault("config", {})
    for part, fonts in DEFAULT_FONTS.items():
        target = config.setdefault(part, {})
        for key, size in fonts.items():
            target.setdefault(key, size)
    if high_contrast:
        for part in ("title", "axis", "legend"):
            config[part].update(
                {"subtitleColor": palette.HC_TEXT, "color": palette.HC_TEXT}
                if part == "title"
                else {"labelColor": palette.HC_TEXT, "titleColor": palette.HC_TEXT, "domainColor": palette.HC_TEXT}
            )
        config["text"]["color"] = palette.HC_TEXT
    _walk(out, TEXT_SCALE if large else 1.0, high_contrast)
    return out


def _walk(node, scale: float, high_contrast: bool) -> None:
    """Scale every font size (and, in high contrast, darken every grey text colour) in place."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in FONT_KEYS and isinstance(value, (int, float)):
                node[key] = value * scale
            elif high_contrast and key in COLOR_KEYS and value in palette.CHART_GREYS_TEXT:
                node[key] = palette.HC_TEXT
            elif key != "data" and key != "datasets":
                _walk(value, scale, high_contrast)
    elif isinstance(node, list):
        for item in node:
            _walk(item, scale, high_contrast)
