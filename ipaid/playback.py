"""Exit-year playback: counties out of poverty per year, cumulative, and each county's state in a year.

Counts are of the 832 listed poverty counties (`data.load_counties`); the map colours boundaries
(`data.all_counties`: 冷湖 and 茫崖 share one boundary). Only the place filters (province, area) apply.
"""

from __future__ import annotations

from dataclasses import replace

import altair as alt
import pandas as pd

from ipaid import data, palette
from ipaid.charts import SILENT, count_axis, role, spoken, themed
from ipaid.filters import Filters, filter_counties
from ipaid.i18n import t
from ipaid.palette import hex_color

YEARS = (2016, 2017, 2018, 2019, 2020)
STATES = ("poor", "exited", "earlier", "not")  # still poor, out this year, out before, never a poverty county


def place_only(f: Filters) -> Filters:
    """The filters playback follows: province and area (a product filter says nothing about exit)."""
    return replace(f, categories=(), gis=())


def year_counts(f: Filters) -> pd.DataFrame:
    """Per year of `YEARS`: counties out of poverty that year, cumulative, and still poor after it."""
    counties = filter_counties(data.load_counties(), place_only(f))
    exited = counties["exit_year"].value_counts().reindex(YEARS, fill_value=0).astype(int)
    out = pd.DataFrame({"year": list(YEARS), "exited": exited.to_numpy()})
    out["cumulative"] = out["exited"].cumsum()
    out["remaining"] = len(counties) - out["cumulative"]
    return out


def counts_table(counts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """`year_counts` as the table shown for the cumulative chart, headed in `lang`."""
    heads = {
        "year": t("year", lang),
        "exited": t("play_exited_year", lang),
        "cumulative": t("cumulative", lang),
        "remaining": t("play_poor", lang),
    }
    return counts[list(heads)].rename(columns=heads)


def state_of(exit_year: int | None, year: int) -> str:
    """A county's state in `year` (one of `STATES`) from its exit year (None: not a poverty county)."""
    if exit_year is None or pd.isna(exit_year):
        return "not"
    return "poor" if exit_year > year else "exited" if exit_year == year else "earlier"


def state_expression(exit_year: str, year: str, outcomes: dict[str, str]) -> str:
    """A JavaScript / Vega expression choosing `outcomes[state]` as `state_of` does, from a county's exit year
    (an expression; a non-number such as "—" for a county never poor) and the year shown (an expression)."""
    y, o = exit_year, outcomes
    return f"{y} == {year} ? {o['exited']} : {y} < {year} ? {o['earlier']} : {y} > {year} ? {o['poor']} : {o['not']}"


def fill_expression(year: int) -> str:
    """A deck.gl accessor colouring the served county files (their `exit` property) for `year`: only the
    accessor changes from year to year, so the browser keeps the boundary files it has."""
    colours = {k: str(list(v)) for k, v in palette.PLAYBACK_COLORS.items()}
    return state_expression("properties.exit", str(year), colours)


def parse_year(value: str | None) -> int | None:
    """A year from a link (`?year=2018`), or None if it is not one of `YEARS`."""
    try:
        year = int(str(value).strip())
    except ValueError:
        return None
    return year if year in YEARS else None


def legend_items(year: int, lang: str) -> list[tuple[str, tuple[int, int, int]]]:
    """(label, colour) of the playback map's states in `year`."""
    return [
        (t("play_poor", lang), palette.PLAYBACK_COLORS["poor"]),
        (t("play_exited", lang, year=year), palette.PLAYBACK_COLORS["exited"]),
        (t("play_earlier", lang, year=year), palette.PLAYBACK_COLORS["earlier"]),
        (t("not_poverty", lang), palette.PLAYBACK_COLORS["not"]),
    ]


def count_text(counts: pd.DataFrame, year: int, lang: str) -> str:
    """The running count for `year` ("2018: 283 counties exited, 436 cumulative, 396 still poor")."""
    row = counts.set_index("year").loc[year]
    return t(
        "play_count", lang, year=year, n=int(row["exited"]), cum=int(row["cumulative"]), left=int(row["remaining"])
    )


def cumulative_chart(counts: pd.DataFrame, year: int, lang: str) -> alt.Chart:
    """Cumulative counties out of poverty per year as bars (the part exited that year darker); years after
    `year` pale, without their number."""
    frame = counts.assign(earlier=counts["cumulative"] - counts["exited"], label=counts["year"].astype(str))
    parts = frame.melt(id_vars=["label", "year"], value_vars=["earlier", "exited"], var_name="part")
    names = {"earlier": t("cumulative", lang), "exited": t("play_exited_year", lang), "later": t("play_later", lang)}
    parts["part_name"] = [names[p if y <= year else "later"] for p, y in zip(parts["part"], parts["year"])]
    colour = alt.Color(
        "part_name:N",
        scale=alt.Scale(
            domain=[names[k] for k in ("earlier", "exited", "later")],
            range=[hex_color(palette.PLAYBACK_COLORS[k]) for k in ("earlier", "exited", "not")],
        ),
        legend=None,
    )
    bars = spoken(
        alt.Chart(parts).mark_bar(**role("bar", lang)),
        lang,
        (t("year", lang), "datum.label"),
        ("", "datum.part_name"),
        (t("count", lang), "datum.value"),
    )
    bars = bars.encode(
        x=alt.X("label:O", title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("sum(value):Q", title=None, axis=count_axis(counts["cumulative"].max(), tickCount=4)),
        color=colour,
        order=alt.Order("part:N"),
        tooltip=[
            alt.Tooltip("label:N", title=t("year", lang)),
            alt.Tooltip("part_name:N", title=t("play_part", lang)),
            alt.Tooltip("value:Q", title=t("count", lang)),
        ],
    )
    totals = (
        alt.Chart(frame[frame["year"] <= year])
        .mark_text(dy=-6, fontSize=11, color=palette.CHART_TEXT, **SILENT)
        .encode(x="label:O", y="cumulative:Q", text="cumulative:Q")
    )
    return themed((bars + totals).properties(height=150, width="container"), t("play_chart_title", lang), [])
