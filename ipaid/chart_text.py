"""Text alternatives of charts: a one-sentence description computed from the data behind a chart.

Every chart builder in `ipaid.charts` returns (chart, frame); the frame's label and value columns say what
the chart shows, e.g. "GIs by province: 31 bars; the largest is Shandong (347), the smallest Shanghai (1)."
"""

from __future__ import annotations

import pandas as pd

from ipaid.i18n import first_of, t

# Columns that name a bar or point (readable labels, not codes), in order of preference; years join them.
LABELS = ("label", "step", "type_label", "timing_label")
YEARS = ("year", "exit_year", "year_approved")
VALUES = ("cumulative", "pct", "count", "value")  # the one the chart draws, where a frame has several
SHOWN = {"value": "text", "pct": "pct"}  # a value column shown through another (formatted) one


def chart_title(chart) -> str:
    """The chart's title as one line ('' when it has none)."""
    title = getattr(chart, "title", None)
    text = getattr(title, "text", title)
    if isinstance(text, list):
        text = " ".join(str(x) for x in text)
    return "" if text is None or not isinstance(text, str) else text


def _names(frame: pd.DataFrame) -> pd.Series:
    """Each row's name: its label column(s) and year, joined with " · "."""
    cols = [c for c in LABELS if c in frame.columns][:2] + [c for c in YEARS if c in frame.columns][:1]
    if not cols:
        return pd.Series([str(i + 1) for i in range(len(frame))], index=frame.index)
    return frame[cols].astype(str).agg(" · ".join, axis=1) if len(cols) > 1 else frame[cols[0]].astype(str)


def _value_text(frame: pd.DataFrame, col: str, i) -> str:
    shown = SHOWN.get(col)
    if shown in frame.columns and shown != col:
        return str(frame.at[i, shown])
    value = frame.at[i, col]
    if col == "pct":
        return f"{value:g}%"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def describe(title: str, frame: pd.DataFrame, lang: str) -> str:
    """One sentence: what the chart shows, from its data (its largest and smallest value, or its span of years)."""
    # a title with its own colon ends with a full stop: "Sangzhi County: timeline: 4 dated events" read oddly
    own_colon = ":" in title or "：" in title
    sep = ("。" if own_colon else "：") if lang == "zh" else (". " if own_colon else ": ")
    head = f"{title}{sep}" if title else ""
    if frame is None or frame.empty:
        return head + t("chart_desc_empty", lang)
    names = _names(frame)
    value = next((c for c in VALUES if c in frame.columns and pd.api.types.is_numeric_dtype(frame[c])), None)
    if value is None:  # dated events (a timeline)
        year = next((c for c in YEARS if c in frame.columns), None)
        span = f"{int(frame[year].min())}–{int(frame[year].max())}" if year else ""
        return head + t("chart_desc_events", lang, n=len(frame), span=span)
    order = frame[value].astype(float)
    top, low = order.idxmax(), order.idxmin()
    if len(frame) > 1 and order[top] == order[low]:  # all equal: "the largest is Hubei (6), the smallest Hubei (6)"
        return head + t(
            "chart_desc_values_equal",
            lang,
            n=len(frame),
            value=_value_text(frame, value, top),
            names=first_of(list(names), lang),
        )
    return head + t(
        "chart_desc_values",
        lang,
        n=len(frame),
        top=_tied(names, order, top, lang),
        top_value=_value_text(frame, value, top),
        low=_tied(names, order, low, lang),
        low_value=_value_text(frame, value, low),
    )


def _tied(names: pd.Series, order: pd.Series, at, lang: str) -> str:
    """The name of row `at` and of the rows with the same value (the first three, then how many more)."""
    return first_of(list(names[order == order[at]]), lang, n=3)
