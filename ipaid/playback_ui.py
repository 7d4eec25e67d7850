"""Streamlit glue of the exit-year playback on the map page: play/pause, year slider, map, count and chart.

Only the fragment (slider, map, count, chart) reruns on each timed step; the deck keeps the same served
boundary files and changes only its colour accessor, so the browser does not fetch them again.
"""

from __future__ import annotations

import time

import streamlit as st

from ipaid import maps
from ipaid.export import file_stem
from ipaid.filters import Filters
from ipaid.i18n import t
from ipaid.playback import (
    YEARS,
    count_text,
    counts_table,
    cumulative_chart,
    fill_expression,
    legend_items,
    parse_year,
    year_counts,
)
from ipaid.ui import draw_legend, filters_text, first_good, table_switch, warn_unknown, write_url

YEAR_KEY = "year"  # the slider's key and URL parameter
PLAYING, TIMER, FULL = "_play_on", "_play_timer", "_play_full_run"
STEP_S = 1.5


def _toggle() -> None:
    ss = st.session_state
    ss[PLAYING] = not ss.get(PLAYING)
    if ss[PLAYING] and ss.get(YEAR_KEY) == YEARS[-1]:
        ss[YEAR_KEY] = YEARS[0]  # play again from the start


def _pause() -> None:
    st.session_state[PLAYING] = False


def _sync_url(year: int) -> None:
    """Write the year into the URL on a fragment run (the page's own URL write runs only on full runs)."""
    if st.query_params.get(YEAR_KEY) == (None if year == YEARS[0] else str(year)):
        return
    if year == YEARS[0]:
        st.query_params.pop(YEAR_KEY, None)
    else:
        st.query_params[YEAR_KEY] = str(year)
    st.session_state["_url_sent"] = {k: st.query_params.get_all(k) for k in st.query_params}


def _step(f: Filters, lang: str, steps: int, resets: int) -> None:
    ss = st.session_state
    full = ss.pop(FULL, False)
    if ss.get(PLAYING) and not full:  # a timed run: the next year, or stop after the last
        if ss[YEAR_KEY] >= YEARS[-1]:
            ss[PLAYING] = False
            st.rerun(scope="app")
        ss[YEAR_KEY] += 1
    elif ss.get(TIMER) and not ss.get(PLAYING):  # paused by the slider: stop the timer
        st.rerun(scope="app")
    year = st.select_slider(t("year", lang), YEARS, key=YEAR_KEY, on_change=_pause)
    ss["_year"] = year
    if not ss.get(PLAYING) and not full:
        _sync_url(year)
    counts = year_counts(f)
    text, chart = st.columns([3, 2], vertical_alignment="center")
    text.markdown(f"**{count_text(counts, year, lang)}**")
    with text:
        draw_legend(legend_items(year, lang), t("m_playback", lang), across=True)
    # Its text alternative is the running count beside it, also its accessible name (Vega-Lite `description`).
    cumulative = cumulative_chart(counts, year, lang).properties(description=count_text(counts, year, lang))
    chart.altair_chart(cumulative, height=170, key="play_chart")
    with chart:
        table_switch(counts_table(counts, lang), "play_chart")
    deck = maps.cached_deck(f, "exit", lang, steps=steps, resets=resets, fill=fill_expression(year), markers=False)
    st.pydeck_chart(deck, height=540, key="map")


def check_link_year(lang: str) -> None:
    """Outside the playback: a year in the link that the playback would not take is named, as on entering the
    playback, and left out of the URL (a good one stays for the playback)."""
    bad = first_good(YEAR_KEY, parse_year)[1]
    if bad and YEAR_KEY not in st.session_state:
        warn_unknown(YEAR_KEY, t("year_param", lang), bad, lang)
        write_url([YEAR_KEY])  # no year chosen: the parameter is removed


def playback(f: Filters, lang: str, steps: int, resets: int) -> None:
    """The playback view for the place filters `f`: the year from the link on entry, then the slider's."""
    ss = st.session_state
    if YEAR_KEY not in ss:
        chosen, bad = first_good(YEAR_KEY, parse_year)  # the first good one, as for the other single parameters
        if bad:
            warn_unknown(YEAR_KEY, t("year_param", lang), bad, lang)
        ss[YEAR_KEY] = parse_year(chosen) if chosen else YEARS[0] if bad else ss.get("_year", YEARS[0])
    else:  # Back or Forward may have restored it from the link as text
        ss[YEAR_KEY] = parse_year(ss[YEAR_KEY]) or YEARS[0]
    playing = bool(ss.get(PLAYING))
    ss[TIMER], ss[FULL] = playing, True
    st.button(
        t("pause" if playing else "play", lang),
        icon=":material/pause:" if playing else ":material/play_arrow:",
        on_click=_toggle,
        key="play_button",
        help=t("play_help", lang, s=STEP_S),
    )
    write_url([YEAR_KEY], {YEAR_KEY: YEARS[0]})
    st.fragment(_step, run_every=STEP_S if playing else None)(f, lang, steps, resets)


def animation_controls(f: Filters, lang: str) -> None:
    """Build the press animation on click (with progress), then offer its GIF, MP4 and small multiples PNG."""
    from ipaid import animation

    st.markdown(f"**{t('export', lang)}** · {t('anim_export', lang)}")
    line = filters_text(f)
    key = (f.provinces, f.areas, lang, line)
    built = st.session_state.get("_animation")
    if st.button(t("anim_build", lang), icon=":material/movie:", key="anim_build"):
        bar = st.progress(0.0, text=t("anim_progress", lang, what=YEARS[0]))
        start = time.perf_counter()
        words = {
            "encode": t("anim_encoding", lang),
            "multiples": t("anim_progress", lang, what=t("anim_multiples", lang)),
        }
        files = animation.animation(
            f,
            lang,
            line,
            lambda share, what: bar.progress(share, text=words.get(what) or t("anim_progress", lang, what=what)),
        )
        bar.empty()
        built = st.session_state["_animation"] = {"for": key, "files": files, "seconds": time.perf_counter() - start}
    if not built or built["for"] != key:
        return
    st.caption(t("anim_done", lang, s=built["seconds"]))
    row = st.container(horizontal=True)
    stem = file_stem("ipaid-exit-years", lang, Filters(provinces=f.provinces, areas=f.areas))
    for ext, word, mime in (
        ("gif", "anim_gif", "image/gif"),
        ("mp4", "anim_mp4", "video/mp4"),
        ("png", "anim_multiples", "image/png"),
    ):
        row.download_button(
            t(word, lang),
            data=built["files"][ext],
            file_name=f"{stem}.{ext}",
            mime=mime,
            key=f"anim_{ext}",
            on_click="ignore",
            icon=":material/download:",
        )
