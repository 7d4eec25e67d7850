"""Streamlit glue shared by the pages: the language, the sidebar filters and the view kept in the URL (unknown link
values named), the share link and page links, chart blocks with their table switch and downloads, legends, figure
cards, sourced statements, and the sizes of tables and charts at 1024 px.

The data, charts, maps and texts it shows come from the plain modules; what is computed here is what only the page
needs (URL parameters, pixel sizes).
"""

from __future__ import annotations

import html
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from ipaid import chart_text, data, display, framework_words, history_entries, palette
from ipaid.admin_index import county_index
from ipaid.chart_tables import reader_table
from ipaid.figures import figure_help, figure_label, figure_text, gi_coverage_line, gi_types_line
from ipaid.filters import PARAMS, SINGLE, Filters, describe, unknown_values
from ipaid.gi_search import MAX_QUERY, blank, filter_offer
from ipaid.i18n import CATEGORY, DEFAULT_LANG, GI_TYPE, label, listing, norm_lang, source_text, t
from ipaid.names import place_en
from ipaid.schema import DataError
from ipaid.views import literal

LANG_KEY = "lang"
URLS_KEPT = 8  # the last URLs a session wrote: a browser whose URL lags sends one of them


def lang() -> str:
    """The session's language. Every entry script (app.py, each page) asks for it before drawing anything,
    so this is also where Streamlit's legacy "pages directory" mode is left (`_leave_pages_directory_mode`)."""
    _leave_pages_directory_mode()
    return norm_lang(st.session_state.get(LANG_KEY, DEFAULT_LANG))


def _leave_pages_directory_mode() -> None:
    """The one workaround for Streamlit's legacy "pages directory" mode (Streamlit 1.67 has no option for it).

    A `pages/` folder beside app.py makes a server's first session start in that mode, until some
    session calls `st.navigation` (AppTest starts every run in it): a page URL runs `pages/x.py` alone
    under a bare "app / data / …" menu, without the sidebar or the language. The flag is switched off
    and that run restarted, through app.py and st.navigation. `tests/test_app.py` fails when a Streamlit
    upgrade removes the mode (then delete this) or renames the flag or the run-location names used here.
    """
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner_utils.script_run_context import RunLocation, ThreadState

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        # In a widget callback (AppTest resets the flag before every run) the script has not started
        # yet and will now run through app.py: a rerun there would only drop the callback's work.
        if ThreadState.get().run_location != RunLocation.CALLBACK:
            st.rerun()


def options() -> dict[str, dict[str, str]]:
    """Each shared filter's values and their labels in the current language (do not mutate)."""
    return _options(tuple(data.table_source(t)[0] for t in ("areas", "gis")), lang())


@lru_cache(maxsize=8)
def _options(signature: tuple, lang: str) -> dict[str, dict[str, str]]:
    """Built once per data version and language: sorting and labelling ~3,600 GIs took ~30 ms a call."""
    en = lang == "en"
    provinces = sorted(county_index()["province"].unique(), key=lambda p: place_en(p))
    areas, gis = filter_table("area"), filter_table("gi")
    return {
        "province": {p: place_en(p) if en else p for p in provinces},
        "area": {} if areas is None else dict(zip(areas["area_id"], areas["name_en" if en else "name_zh"])),
        "category": {c: label(CATEGORY, c, lang) for c in CATEGORY if c},
        "gi": {} if gis is None else gi_labels(gis, lang),
    }


def gi_labels(gis: pd.DataFrame, lang: str) -> dict[str, str]:
    """GI id → name; a name two GIs share (安吉白茶: a GI protection product and an agricultural-product GI)
    gets its type, and its id if that is shared too, so the filter's options can be told apart."""
    names = gis["name_en" if lang == "en" else "name_zh"]
    left, right = (" (", ")") if lang == "en" else ("（", "）")
    kinds = gis["gi_type"].map(lambda v: label(GI_TYPE, v, lang))
    typed = names.where(~names.duplicated(keep=False), names + left + kinds + right)
    return dict(zip(gis["gi_id"], typed.where(~typed.duplicated(keep=False), typed + " " + gis["gi_id"])))


@data.by_signature("gis")
def _gis_by_name() -> pd.DataFrame:
    """The GIs in the order the filter lists them (sorted once per data version, not on every run)."""
    return data.load_gis().sort_values("name_en")


FILTER_TABLES = {"area": data.load_areas, "gi": _gis_by_name}


def filter_table(key: str) -> pd.DataFrame | None:
    """The table a filter offers values from, or None when it cannot be read (the filter is then empty)."""
    try:
        return FILTER_TABLES[key]()
    except DataError:
        return None


MULTI_KEYS = tuple(PARAMS.values())  # province, area, category, gi
PARAM_WORDS = {
    "province": "province",
    "area": "area",
    "category": "category",
    "gi": "gi_name",
    "lang": "language",
    "measure": "measure_param",
    "contrast": "contrast_param",
    "text": "text_param",
}
SINGLE_PARAMS = {**SINGLE, **display.OPTIONS}  # one value each: measure, language, display options


def _page() -> str:
    """The path of the page being shown ("/" for the default page)."""
    return urlsplit(st.context.url or "").path.rstrip("/") or "/"


def _url() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params}


def load_url_state() -> None:
    """Take the view from the URL when the session starts, on Back or Forward, and whenever the browser shows
    a URL this session did not write (a link to another page with parameters): filters, language, measure and
    every parameter the page bound with `write_url`. Otherwise (a widget changed, also one changed before the
    browser had the URL of the run before, or a page link without parameters) widgets keep their values.

    Values in the URL are codes (湖南省, wuling, tea, GI0001, en), whatever the display language.
    """
    lang()  # first: leaving the legacy pages mode restarts the run, so nothing may change before
    ss = st.session_state
    ss["_url_pending"], ss["_url_moved"] = {}, False
    incoming, page = _url(), _page()
    last_page, ss["_url_page"] = ss.get("_url_page"), page
    sent = ss.get("_url_sent")
    if sent is not None and not _history_navigation():
        if incoming == sent or (not incoming and page != last_page):
            return
        if page == last_page and [page, incoming] in ss.get("_url_written", []):
            return  # a quick second change: its browser had not got the URL of the run before (the widgets win)
    ss["_url_sent"] = incoming
    restore = sent is not None  # Back/Forward: a parameter missing from the URL is at its default
    ss["_url_moved"] = restore
    known = {name: set(values) for name, values in options().items()}
    known.update({name: set(values) for name, values in SINGLE_PARAMS.items()})
    params = {name: st.query_params.get_all(name) for name in known}
    bad = unknown_values(params, known)
    if bad:
        ss["url_warnings"] = bad
    for name in MULTI_KEYS:
        good = [v for v in dict.fromkeys(params[name]) if v in known[name]]
        if good or restore:
            ss[name] = good
    for name in SINGLE_PARAMS:
        good = [v for v in params[name] if v in known[name]]
        if good:
            ss[name] = good[0]
        elif restore and name == LANG_KEY:
            ss[name] = DEFAULT_LANG
    if restore:
        for key, (default, many) in ss.get("_url_keys", {}).get(page, {}).items():
            if key in known and key in incoming:
                continue  # checked above
            values = incoming.get(key, [])
            ss[key] = values if many else (values[0] if values else default)


def _history_navigation() -> bool:
    """Whether the browser's Back or Forward started this run (Streamlit sends it with the rerun request)."""
    ctx = get_script_run_ctx()
    return bool(ctx and ctx.is_history_navigation)


def url_moved() -> bool:
    """Whether this run shows a URL the session did not write last (Back or Forward, or another link)."""
    return bool(st.session_state.get("_url_moved"))


def first_good(key: str, good) -> tuple[str, list[str]]:
    """A one-value link parameter: the first value of `?key=` that `good` accepts ("" when none does) and the values
    it refused. A repeated parameter takes its first good value, as the filters and `?year=` do; an empty value
    (`?year=`) is no value, neither taken nor refused, as for the filters."""
    checked = [(value, bool(good(value))) for value in st.query_params.get_all(key) if value.strip()]
    return next((value for value, ok in checked if ok), ""), [value for value, ok in checked if not ok]


def link_choice(key: str, allowed: list[str], what: str) -> None:
    """A page's single choice `key` from its link (`?key=`) when the page is entered; an unknown value is named
    (`what`: its translated description) and the choice left at its default. Keep it with `write_url`."""
    if key in st.session_state:
        return
    chosen, bad = first_good(key, allowed.__contains__)
    if chosen:
        st.session_state[key] = chosen
    if bad:
        warn_unknown(key, what, bad, lang())


def write_url(keys, defaults: dict[str, str] | None = None) -> None:
    """Keep widget values in the URL: a value at its default is left out; all are written at once after
    the page ran (`finish_view`, so one view change is one browser history entry), and Back or Forward
    restores them (`load_url_state`). A text without a default given is at its default when empty: Back to a
    view without `?q=` gives the search box "", not None (a text input then returned None)."""
    defaults = defaults or {}
    ss = st.session_state
    bound = ss.setdefault("_url_keys", {}).setdefault(_page(), {})
    pending = ss.setdefault("_url_pending", {})
    for key in keys:
        value = ss.get(key)
        bound[key] = (defaults.get(key, "" if isinstance(value, str) else None), isinstance(value, list))
        pending[key] = None if value in (None, [], "", defaults.get(key)) else value


def _wanted_url() -> dict[str, list[str]]:
    """The URL parameters once the values bound in this run are written."""
    wanted = _url()
    for key, value in st.session_state.get("_url_pending", {}).items():
        if value is None:
            wanted.pop(key, None)
        else:
            wanted[key] = [str(v) for v in value] if isinstance(value, list) else [str(value)]
    return wanted


def _link(params: dict[str, list[str]]) -> str:
    base = (st.context.url or "").split("?")[0]
    if not urlsplit(base).path:
        base += "/"
    query = urlencode(params, doseq=True)
    return f"{base}?{query}" if query else base


def finish_view(share_box) -> None:
    """After the page ran: write the view's URL parameters (one message) and show the link in `share_box`."""
    wanted = _wanted_url()
    if wanted != _url():
        st.query_params.from_dict(wanted)
    ss = st.session_state
    ss["_url_sent"], ss["_url_pending"] = wanted, {}
    ss["_url_written"] = [*ss.get("_url_written", [])[-(URLS_KEPT - 1) :], [_page(), wanted]]
    with share_box.container():
        share_link(wanted)


def shown_values(values: list[str], lang_: str, width: int = 40, most: int = 5) -> str:
    """Values from a link, quoted for a message: each cut to `width` characters, at most `most` of them."""
    quoted = [
        repr(v) if len(v) <= width else t("value_cut", lang_, shown=repr(v[:width])[:-1], n=len(v))
        for v in values[:most]
    ]
    if len(values) > most:
        quoted.append(t("more_values", lang_, n=len(values) - most))
    return listing(quoted, lang_)


def unknown_value_text(name: str, what: str, values: list[str], lang_: str) -> str:
    """The message for values of link parameter `name` that were ignored, made literal for Markdown: a value
    from a link is never rendered (no image fetched, no link, no colour directive)."""
    if lang_ == "en" and what[1:2].islower():  # "Province" mid-sentence: "an unknown province"; "GI" kept
        what = what[0].lower() + what[1:]
    where = f" (?{name}=)" if lang_ == "en" else f"（?{name}=）"
    return literal(t("unknown_value", lang_, what=what, values=shown_values(values, lang_)) + where)


def warn_unknown(name: str, what: str, values: list[str], lang_: str) -> None:
    """Name the ignored values of link parameter `name` (`what`: its translated description)."""
    st.warning(unknown_value_text(name, what, values, lang_), icon=":material/warning:")


def show_url_warnings() -> None:
    bad = st.session_state.pop("url_warnings", None)
    for name, values in (bad or {}).items():
        warn_unknown(name, t(PARAM_WORDS[name], lang()) if name in PARAM_WORDS else name, values, lang())


def sidebar() -> None:
    """Language switch and the shared filters; their values live in the URL (see `write_url`)."""
    load_url_state()
    st.session_state.setdefault(LANG_KEY, DEFAULT_LANG)
    with st.sidebar:
        st.segmented_control(
            t("language", lang()),
            ["zh", "en"],
            key=LANG_KEY,
            on_change=_resend_choices,
            format_func={"zh": "中文", "en": "English"}.get,
            required=True,
        )
        opts = options()
        st.subheader(t("filters", lang()))
        for key, word in (("province", "provinces"), ("area", "areas"), ("category", "category"), ("gi", "gi_name")):
            if key in FILTER_TABLES and filter_table(key) is None:  # a table that cannot be read: say so
                st.session_state[key] = []
                st.caption(t(word, lang()) + t("colon", lang()) + t("filter_unavailable", lang()))
                continue
            if key == "gi":
                gi_filter(opts["gi"])
                continue
            st.multiselect(
                t(word, lang()),
                list(opts[key]),
                format_func=lambda v, o=opts[key]: o.get(v, v),
                key=key,
                placeholder=t("all", lang()),
                select_all=False,  # Streamlit's own "Select all" is English only; all = none chosen here
            )
        if not current_filters().is_empty:
            st.button(t("clear_filters", lang()), on_click=_clear_filters, width="stretch")
        display_options()
    write_url((LANG_KEY, *MULTI_KEYS, *display.OPTIONS), {LANG_KEY: DEFAULT_LANG})


GI_OFFERED = 50  # GIs the sidebar filter offers at once: the first matches of its search box


def gi_filter(labels: dict[str, str]) -> None:
    """The GI filter: a search box (Chinese, English or pinyin, as on the GI page), then a multiselect whose
    options are the GIs chosen and the first `GI_OFFERED` matches; the chosen GIs stay in `?gi=` as before."""
    L = lang()
    query = st.text_input(
        t("gi_find", L),
        key="gi_q",
        max_chars=MAX_QUERY,
        placeholder="桑植 / Sangzhi / white tea",
        icon=":material/search:",
    ).strip()
    chosen = tuple(st.session_state.get("gi") or ())
    offered, matches = _gi_offer(data.table_source("gis")[0], query, chosen)
    if blank(query):  # nothing to look for (also "-" or spaces): the help, not "no match"
        st.caption(t("gi_find_help", L, n=f"{len(labels):,}"))
    elif matches > GI_OFFERED:
        st.caption(t("gi_matches", L, n=f"{matches:,}", shown=GI_OFFERED))
    elif matches:
        st.caption(t("gi_matches_all", L, n=matches))
    else:
        st.caption(t("gi_no_search_match", L))
    st.multiselect(
        t("gi_name", L),
        offered,
        format_func=lambda v: labels.get(v, v),
        key="gi",
        placeholder=t("all", L),
        select_all=False,
        disabled=not offered,  # nothing to pick until a search matches (its list would say "No results", in English)
    )


@lru_cache(maxsize=256)
def _gi_offer(signature: str, query: str, chosen: tuple[str, ...]) -> tuple[list[str], int]:
    """`gi_search.filter_offer` once per data version, search and choice (a search of 3,624 names is ~8 ms)."""
    return filter_offer(filter_table("gi"), query, chosen, GI_OFFERED)


def display_options() -> None:
    """Large text and high contrast (each a toggle kept in the URL as `?text=large`, `?contrast=high`), and the
    page CSS they call for."""
    ss = st.session_state
    for name, word in (("text", "display_large"), ("contrast", "display_contrast")):
        ss[f"_{name}_on"] = ss.get(name) == display.OPTIONS[name][0]
        st.toggle(t(word, lang()), key=f"_{name}_on", on_change=_set_display, args=(name,))
    st.html(f"<style>{display.css(*display_state())}</style>")
    scripts = f"{framework_words.html(lang())}<script>{history_entries.script()}</script>"
    st.html(scripts, unsafe_allow_javascript=True)
    if lang() == "en":  # the Chinese charts' characters, out of sight: their font slices load in the background
        st.html(f'<div class="{display.PRELOAD}" aria-hidden="true">{chart_characters()}</div>')


@data.by_signature("areas", "counties")
def chart_characters() -> str:
    """Every Chinese character the charts may draw: the interface's words and the names of provinces, areas,
    product categories and GI types. Vega measures a label with the fonts loaded at that moment: after a switch
    from English, the Chinese slices came later and labels were cut or overlapped (2 of 3 switches on the
    evidence and GI pages); sent on English pages, the slices are loaded before the switch."""
    from ipaid import i18n

    words = [zh for table in (i18n.STRINGS, i18n.CATEGORY, i18n.GI_TYPE) for _, zh in table.values()]
    try:
        words += [*data.load_areas()["name_zh"], *data.load_counties()["province"].unique()]
    except DataError:  # a broken table, named on the page: every page (the Data page's rollback too) still runs
        pass
    return "".join(sorted({c for c in "".join(words) if ord(c) > 0x2E7F}))


def _set_display(name: str) -> None:
    st.session_state[name] = display.OPTIONS[name][0] if st.session_state[f"_{name}_on"] else None


def display_state() -> tuple[bool, bool]:
    """(high contrast, large text) as chosen in the sidebar."""
    ss = st.session_state
    return ss.get("contrast") == "high", ss.get("text") == "large"


def table_height(rows: int, large: bool | None = None) -> int:
    """Pixels for a st.dataframe to show its header and `rows` rows without scrolling: its rows are 35 px at the
    normal text size and grow with the root font (44 px with large text; `large`: the sidebar's choice)."""
    large = display_state()[1] if large is None else large
    return round(35 * (display.TEXT_SCALE if large else 1.0)) * (rows + 1) + 3


@lru_cache(maxsize=1)
def _grid_font_widths() -> dict[int, float]:
    """Advance widths (in em) of the characters of Streamlit's Source Sans, the font its tables draw with."""
    from fontTools.ttLib import TTFont

    media = Path(st.__file__).parent / "static" / "static" / "media"
    font = TTFont(next(media.glob("SourceSansVF-Upright*.woff2"), None) or media / "missing")
    units, advances = font["head"].unitsPerEm, font["hmtx"]
    return {cp: advances[glyph][0] / units for cp, glyph in font.getBestCmap().items()}


def column_width(values, large: bool | None = None, most: int = 360) -> int:
    """Pixels for a st.dataframe column to show its longest value uncut: the text at the grid's 14 px (a Chinese
    character one em, from the served Noto Sans) and the cell's padding, scaled with large text; at most `most`."""
    large = display_state()[1] if large is None else large
    widths = _grid_font_widths()
    widest = max((sum(widths.get(ord(c), 1.0) for c in str(v)) for v in values), default=0.0)
    return min(round((14 * widest + 20) * (display.TEXT_SCALE if large else 1.0)), most)


NARROWEST_MAIN = 560  # px: the main column at 1024 px with the sidebar open (the narrowest judged layout)


def wrapped_row_height(values, width: int = NARROWEST_MAIN, large: bool | None = None, most_lines: int = 6):
    """Row height (px) for a st.dataframe whose longest text in `values`, in a column `width` px wide, wraps
    onto as many lines as it needs (Streamlit wraps cell text in rows taller than one line), at most
    `most_lines`; None (the grid's one-line rows) when it fits on one line."""
    large = display_state()[1] if large is None else large
    scale = display.TEXT_SCALE if large else 1.0
    text = column_width(values, large, most=10**6) - round(20 * scale)  # the longest value, without padding
    room = max(width - round(20 * scale), 1) * 0.9  # words wrap whole: a line ends short of the cell's edge
    lines = min(int(-(-text // room)), most_lines)
    return round((20 * lines + 16) * scale) if lines > 1 else None


def _resend_choices() -> None:
    """After a language switch: set every choice on the page again (the sidebar's filters and each page's
    multiselects, selectboxes and radios), so the browser gets them back in the new language. The browser
    holds a choice as its shown label: left alone, it would keep the old language's and lose it on its next
    change. Text and non-empty lists of text only: buttons, uploads and editors cannot be set."""
    ss = st.session_state
    for key in MULTI_KEYS:
        ss[key] = list(ss.get(key) or [])
    for key in [k for k in ss if k != LANG_KEY and k not in MULTI_KEYS]:
        value = ss[key]
        if isinstance(value, str) or (isinstance(value, list) and value and all(isinstance(v, str) for v in value)):
            ss[key] = list(value) if isinstance(value, list) else value


def _clear_filters() -> None:
    for key in MULTI_KEYS:
        st.session_state[key] = []
    st.session_state["gi_q"] = ""


def current_filters() -> Filters:
    ss = st.session_state
    return Filters(
        provinces=tuple(ss.get("province") or ()),
        areas=tuple(ss.get("area") or ()),
        categories=tuple(ss.get("category") or ()),
        gis=tuple(ss.get("gi") or ()),
        lang=lang(),
        measure=ss.get("measure") or "area",
    )


def national_page() -> Filters:
    """For a page whose figures are national: says so when sidebar filters are set (they change nothing here),
    and returns no filters, for what the page exports (a press kit said "Filters: Hunan" of national charts)."""
    if not current_filters().is_empty:
        st.caption(t("filters_not_here", lang()))
    return Filters(lang=lang())


def filters_text(f: Filters) -> str:
    """The active filters in words (for captions and exported images)."""
    opts = options()
    text = describe(f, lang(), opts["area"], opts["gi"], opts["category"], opts["province"])
    return t("filters_line", lang(), f=text or t("no_filters", lang()))


def share_link(params: dict[str, list[str]]) -> None:
    """The current view as a link: page path plus every bound parameter (drawn after the page ran)."""
    with st.expander(t("share_link", lang()), icon=":material/link:"):
        st.caption(t("share_help", lang()))
        with st.container(key="share"):
            st.code(_link(params), language=None, wrap_lines=True)


def _shared_params() -> dict[str, list[str]]:
    return {k: v for k, v in _wanted_url().items() if k in (LANG_KEY, *MULTI_KEYS, *display.OPTIONS)}


def nav_links(pages: list) -> None:
    """The page menu, after a "skip to main content" link in the page's language (the first stop of the Tab key;
    Streamlit's own is English only and hidden, see `display.css`): links that carry the language and filters,
    so a page change is one history entry."""
    st.markdown(
        f'<a class="{display.SKIP}" href="#stMain">{html.escape(t("skip_to_main", lang()))}</a>', unsafe_allow_html=True
    )
    shared = _shared_params()
    for page in pages:
        st.page_link(page, query_params=shared or None)


def page_link(page: str, label: str, icon: str) -> None:
    """A link to another page that keeps the language and filters (see `nav_links`)."""
    st.page_link(page, label=label, icon=icon, query_params=_shared_params() or None)


@contextmanager
def page_guard():
    """Show a data problem as a clear message instead of a traceback."""
    try:
        yield
    except DataError as exc:
        st.error(t("data_error", lang()), icon=":material/block:")
        st.code(str(exc), language=None, wrap_lines=True)


def draw_legend(
    items: list[tuple[str, tuple[int, int, int]]], title: str, across: bool = False, round_swatch: bool = False
) -> None:
    """A colour legend for a pydeck map (which has none): a column, or `across` the page in wrapping rows."""
    radius = "50%" if round_swatch else "0"
    rows = "".join(
        f'<div role="listitem" style="display:flex;align-items:center;gap:.45em;margin:.15em 0">'
        f'<span class="ipaid-swatch" style="width:1.05em;height:1.05em;border:1px solid {palette.SWATCH_EDGE};'
        f'border-radius:{radius};background:rgb{tuple(c)};flex:none"></span><span>{html.escape(str(name))}</span></div>'
        for name, c in items
    )
    flow = "display:flex;flex-wrap:wrap;column-gap:1.4em;align-items:center" if across else ""
    st.markdown(
        f'<div role="list" aria-label="{html.escape(title)}" style="{flow}"><b style="margin-right:.4em">'
        f"{html.escape(title)}</b>{rows}</div>",
        unsafe_allow_html=True,
    )


def downloads(name: str, frame, chart=None, key: str = "", f: Filters | None = None) -> None:
    """One "Download" menu for a chart: the image (PNG 2×, SVG) and the data behind it (CSV with BOM, XLSX).

    Files are made only when a button is clicked (callable data), so reruns stay fast; `chart` and `frame`
    may be functions that build them (for what is only exported, like the static map and its table). The
    file names carry the language and the filters `f` the export was made with (`export.file_stem`).
    """
    from ipaid import export

    stem = export.file_stem(name, lang(), f)
    buttons = []
    if chart is not None:
        buttons += [
            ("download_png_long", lambda: export.chart_png(export.resolve(chart)), "png", "image/png"),
            ("download_svg_long", lambda: export.chart_svg(export.resolve(chart)), "svg", "image/svg+xml"),
        ]
    buttons += [
        ("download_csv_long", lambda: export.csv_bytes(export.resolve_frame(frame)), "csv", "text/csv"),
        (
            "download_xlsx_long",
            lambda: export.xlsx_bytes(export.resolve_frame(frame)),
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    ]
    with st.popover(t("download", lang()), icon=":material/download:"):
        for word, make, ext, mime in buttons:
            st.download_button(
                t(word, lang()),
                data=make,
                file_name=f"{stem}.{ext}",
                mime=mime,
                key=f"dl_{key or export.safe_name(name)}_{ext}",
                on_click="ignore",
                width="stretch",
            )


def chart_columns(key: str, spec=2) -> list:
    """Two columns for charts side by side, or, with large text, two blocks one under the other (at 1024 px a
    half-width column cut long chart titles short). The columns also stack when the page is narrow
    (`display.CHART_PAIR`: a container query, so a collapsed sidebar gives them room again)."""
    if display_state()[1]:
        return [st.container(), st.container()]
    return st.container(key=f"{display.CHART_PAIR}{key}").columns(spec)


def chart_height(chart, scale: float = 1.0) -> int:
    """Pixels for a chart: its plot height plus title, subtitle lines and axis (Streamlit ignores the spec's);
    `scale` enlarges the text parts (large text)."""
    title = getattr(chart, "title", None)
    subtitle = getattr(title, "subtitle", None)
    lines = len(subtitle) if isinstance(subtitle, list) else 0
    text = getattr(title, "text", None)
    title_lines = len(text) if isinstance(text, list) else 1
    return int(chart.height) + round((110 + 16 * lines + 22 * (title_lines - 1)) * scale)


def chart_block(
    name: str,
    chart,
    frame,
    key: str,
    selectable: bool = False,
    spec: dict | None = None,
    text: str | None = None,
    f: Filters | None = None,
):
    """A chart with its text alternative (a one-sentence description, also the chart's ARIA label, and a
    "show as table" toggle) and its downloads; returns the selection state when `selectable`.

    `spec`, the chart's Vega-Lite spec serialised once (`ipaid.gi_charts`), spares converting it again;
    `text` replaces the description computed from `frame` (`chart_text.describe`); `f`, the filters the chart
    shows, goes into the file names of its downloads.
    """
    from ipaid.gi_charts import vega_spec

    text = text or chart_text.describe(chart_text.chart_title(chart), frame, lang())
    high_contrast, large = display_state()
    spec = display.chart_spec({**(spec or vega_spec(chart)), "description": text}, high_contrast, large)
    kwargs = {"on_select": "rerun", "key": key} if selectable else {"key": key}
    height = chart_height(chart, display.TEXT_SCALE if large else 1.0)
    state = st.vega_lite_chart(spec, width="stretch", height=height, **kwargs)
    st.caption(literal(text))
    with st.container(horizontal=True, vertical_alignment="center"):
        as_table = table_toggle(key)
        L = lang()
        downloads(name, lambda: reader_table(frame, L), chart, key, f)  # the table "show as table" shows
    if as_table:
        show_table(frame, key)
    return state


def table_switch(frame, key: str) -> None:
    """A "show as table" toggle and, when on, the chart's data as a table (a chart's text alternative)."""
    if table_toggle(key):
        show_table(frame, key)


def table_toggle(key: str) -> bool:
    return st.toggle(t("show_table", lang()), key=f"table_{key}")


def show_table(frame, key: str) -> None:
    table = reader_table(frame, lang())
    st.container(key=f"table_{key}_data").dataframe(table, hide_index=True, width="stretch")


def press_kit_button(items: dict, sources: list[str], f: Filters, key: str) -> None:
    """One button for a zip of every chart of the page (PNG, SVG), their data (CSV) and SOURCES.txt.

    The zip is made when clicked, outside the session: its words are fixed here, in the reader's language.
    """
    from ipaid import export

    lang_, line = lang(), filters_text(f)
    st.download_button(
        t("press_kit", lang_),
        data=lambda: export.press_kit(items, sources, line, lang_),
        file_name=f"{export.file_stem(f'ipaid-press-kit-{key}', lang_, f)}.zip",
        mime="application/zip",
        key=f"kit_{key}",
        on_click="ignore",
        type="primary",
        icon=":material/folder_zip:",
    )


def facts_list(facts, topic: str, county: tuple[str, str] | None = None) -> None:
    """Sourced statements of one topic (optionally naming a county, given as its (Chinese, English) name; see
    `data.facts_naming`), each with its source."""
    rows = facts[(facts["topic"] == topic)]
    if county:
        rows = data.facts_naming(rows, *county)
    if rows.empty:
        return
    en = lang() == "en"
    st.header(t("ui_sources_say", lang()))
    for row in rows.itertuples():
        text = row.text_en if en else row.text_zh
        if not text:  # the source is in the other language only: quoted as it is, and said so
            text = t("quoted_in", lang(), other=t("ui_other_language", lang())) + (row.text_zh if en else row.text_en)
        st.markdown(f"- {literal(text)}")
        st.caption(t("source_line", lang(), s=literal(row.source)))


def figure_card(col, name: str, short: bool = False) -> pd.Series:
    """A headline figure in a card: its label wraps (a metric's label is cut off), the source on hover."""
    row = data.load_figures().loc[name]
    col.markdown(f"**{literal(figure_label(name, lang()))}**", help=figure_help(row, lang()))
    col.metric(figure_label(name, lang()), figure_text(row, lang(), short=short), label_visibility="collapsed")
    return row


def gi_coverage_text() -> str:
    """How many of the official GI protection products the table lists (GI and Data pages)."""
    return _coverage_lines(lang())[0]


def gi_types_text() -> str:
    """Each GI type's rows against its official total (GI page)."""
    return _coverage_lines(lang())[1]


@data.by_signature(*data.ALL)
def _coverage_lines(lang_: str) -> tuple[str, str]:
    """Both lines once per data version and language (2 ms of every GI page run)."""
    return gi_coverage_line(lang_), gi_types_line(lang_)


def chart_subtitle(source: str, f: Filters | None = None) -> list[str]:
    """What every exported chart carries under its title: the active filters, the source and today's date."""
    from datetime import date

    lines = [filters_text(f)] if f is not None else []
    exported = t("ui_exported", lang(), d=date.today().isoformat())
    # source and date on lines of their own: as one line they were cut short ("…") in a chart ~560 px wide
    return lines + [t("source_line", lang(), s=source_text(source, lang())), exported]
