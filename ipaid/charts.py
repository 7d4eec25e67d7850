"""Altair chart builders. Each takes tidy data and the language, and returns (chart, the data behind it)."""

from __future__ import annotations

import json

import altair as alt
import pandas as pd

from ipaid import palette
from ipaid.chart_text import describe
from ipaid.data import gi_county_links
from ipaid.i18n import CATEGORY, GI_TYPE, TABLE_COLUMNS, label, t
from ipaid.webfont import FAMILY, WEB_FAMILY

FONT = f"Source Sans, {WEB_FAMILY}, {FAMILY}, sans-serif"  # as the page (config.toml); exports: Noto
BAR = palette.CHART_BAR
# Bars that may be drawn in the pale tint get a grey edge: the tint alone is 1.8:1 on white, the edge 5.3:1
# (WCAG 1.4.11 asks 3:1 for the shapes a chart is read by).
PALE_EDGE = {"stroke": palette.SWATCH_EDGE, "strokeWidth": 0.75}
PROVINCE_SELECT = "province_pick"
# Always SVG in the browser: Streamlit 1.67 switches a chart to canvas past 2,000 rows, and canvas text keeps
# the fallback glyphs drawn before the web font slice arrived (boxes without a CJK font); SVG text is redrawn.
SVG = {"embedOptions": {"renderer": "svg"}}


def themed(chart: alt.Chart, title: str, subtitle: list[str]) -> alt.Chart:
    """Title, subtitle (filters, source, date) and fonts that render Chinese in the browser and in exports.

    Axes and legends are hidden from screen readers (`aria=False`): Vega describes each in English ("X-axis titled
    '数量' for a linear scale with values from 0 to 350"), also on Chinese pages, and the chart's own description
    in the page's language, its name, says what they show. Marks read as `spoken` says; the title and subtitle
    read their text, without Vega's English "Title text '…'" (set through their styles: Vega-Lite has no other
    way to them; panels of a concatenated chart keep Vega's words for their own subtitles).
    """
    lines = title.split("\n")
    # the text item hidden: its group reads the item's description, the item itself would read it again
    spoken_titles = {"ipaid-title": {"description": " ".join(lines), "aria": False}}
    if subtitle and not isinstance(chart, (alt.HConcatChart, alt.VConcatChart, alt.ConcatChart)):
        spoken_titles["group-subtitle"] = {"description": " ".join(subtitle), "aria": False}
    return (
        chart.properties(
            title=alt.TitleParams(
                lines if len(lines) > 1 else title,
                subtitle=subtitle or alt.Undefined,  # an empty one was read out as "Subtitle text ''"
                anchor="start",
                fontSize=16,
                subtitleFontSize=11,
                subtitleColor=palette.CHART_SUBTITLE,
                style=["group-title", "ipaid-title"],
            ),
            usermeta=SVG,
        )
        .configure(font=FONT, style=spoken_titles)
        .configure_axis(labelFont=FONT, titleFont=FONT, labelFontSize=12, titleFontSize=12, aria=False)
        .configure_legend(labelFont=FONT, titleFont=FONT, aria=False)
        .configure_view(stroke=None)
    )


COUNT = "format(datum.count, ',d')"  # a count as the charts write it (3,268)


def count_axis(top, **options) -> alt.Axis:
    """The axis of counts up to `top`: whole-number ticks with thousands separators (3,268). A place with two
    counties ticked "0.2, 0.4 … 1.0", and Vega's minimum step still halves a domain of 0–1: small counts get each
    whole number as a tick. `options` are further axis properties."""
    if pd.notna(top) and top <= 5:
        options["values"] = list(range(int(top) + 1))
    return alt.Axis(tickMinStep=1, format=",d", **options)


# Marks that repeat what another mark reads (value labels) or only decorate: silent to screen readers, and no
# tooltip (Streamlit turns tooltips on for every mark: a value label showed "label: 2018 / cumulative: 436").
SILENT = {"aria": False, "tooltip": None}


def role(kind: str, lang: str) -> dict:
    """Mark properties naming the mark's kind to screen readers in the page's language ("条形", not "bar")."""
    return {"ariaRoleDescription": t(f"aria_{kind}", lang)}


def tip(field: str, lang: str) -> alt.Tooltip:
    """A tooltip line headed as the chart's table heads the column (Vega shows the field's name for an empty
    title: "label: 蔬菜" on a Chinese page)."""
    return alt.Tooltip(f"{field}:N", title=label(TABLE_COLUMNS, field, lang))


def spoken(chart: alt.Chart, lang: str, *parts: tuple[str, str]) -> alt.Chart:
    """`chart` with each mark read by screen readers with the words the chart shows ("省份：山东省；数量：347"),
    not Vega-Lite's default of every field's name ("label: 山东省", "Sum of value"). `parts`: (title, Vega
    expression of the value); a part titled '' reads its value alone."""
    colon, sep = ("：", "；") if lang == "zh" else (": ", "; ")
    pieces = [f"{json.dumps(title + colon)} + ({value})" if title else f"({value})" for title, value in parts]
    return chart.transform_calculate(aria_text=f" + {json.dumps(sep)} + ".join(pieces)).encode(
        description="aria_text:N"
    )


def count_by(frame: pd.DataFrame, col: str, names: dict[str, str] | None = None) -> pd.DataFrame:
    """Counts per value of `col`, largest first, with a display label."""
    out = frame.groupby(col, dropna=False).size().rename("count").reset_index()
    out[col] = out[col].fillna("")
    out["label"] = out[col].map(lambda v: (names or {}).get(v, v))
    return out.sort_values(["count", "label"], ascending=[False, True]).reset_index(drop=True)


def bar(
    counts: pd.DataFrame,
    key: str,
    lang: str,
    title: str,
    subtitle: list[str],
    select: bool = False,
    label_limit: int = 220,
):
    """Horizontal bars of `counts` (columns: key, label, count) in the given order; bar names longer than
    `label_limit` pixels are cut with "…"."""
    order = counts["label"].tolist()
    enc_y = alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=label_limit))
    base = alt.Chart(counts).encode(
        y=enc_y,
        x=alt.X("count:Q", title=t("count", lang), axis=count_axis(counts["count"].max())),
        tooltip=[
            alt.Tooltip("label:N", title=label(TABLE_COLUMNS, key, lang)),
            alt.Tooltip("count:Q", title=t("count", lang), format=",d"),
        ],
    )
    if select:
        pick = alt.selection_point(name=PROVINCE_SELECT, fields=[key], toggle=False, clear="dblclick")
        bars = (
            base.mark_bar(**PALE_EDGE, **role("bar", lang))
            .encode(
                color=alt.condition(pick, alt.value(BAR), alt.value(palette.CHART_BAR_LIGHT)),
                tooltip=[
                    alt.Tooltip("label:N", title=label(TABLE_COLUMNS, key, lang)),
                    alt.Tooltip("count:Q", title=t("count", lang), format=",d"),
                ],
            )
            .add_params(pick)
        )
    else:
        bars = base.mark_bar(color=BAR, **role("bar", lang))
    bars = spoken(bars, lang, (label(TABLE_COLUMNS, key, lang), "datum.label"), (t("count", lang), COUNT))
    text = base.mark_text(align="left", dx=3, fontSize=11, color=palette.CHART_TEXT, **SILENT).encode(
        text=alt.Text("count:Q", format=",d")  # 3,268 as the page writes it
    )
    height = max(120, 22 * len(counts))
    # right padding: after a switch to Chinese the count axis's last label ("3,400", wider since counts have
    # thousands separators) ended 2 px past the chart's edge (test_glyphs, the GI type chart, 3 of 3 runs)
    chart = (bars + text).properties(
        height=height, width="container", padding={"left": 5, "top": 5, "bottom": 5, "right": 12}
    )
    return themed(chart, title, subtitle)


def gi_by_province(gis: pd.DataFrame, lang: str, subtitle: list[str]):
    names = dict(zip(gis["province"], gis["province_en"] if lang == "en" else gis["province"]))
    counts = count_by(gis, "province", names)
    return bar(counts, "province", lang, t("chart_by_province", lang), subtitle, select=True), counts


def gi_by_category(gis: pd.DataFrame, lang: str, subtitle: list[str]):
    names = {k: label(CATEGORY, k, lang) for k in CATEGORY}
    counts = count_by(gis, "category", names)
    return bar(counts, "category", lang, t("chart_by_category", lang), subtitle), counts


def gi_by_type(gis: pd.DataFrame, lang: str, subtitle: list[str]):
    names = {k: label(GI_TYPE, k, lang) for k in GI_TYPE}
    counts = count_by(gis, "gi_type", names)
    return bar(counts, "gi_type", lang, t("chart_by_type", lang), subtitle), counts


def cumulative_by_year(gis: pd.DataFrame) -> pd.DataFrame:
    """GIs approved per year and the running total (GIs without a year are left out and counted apart)."""
    dated = gis.dropna(subset=["year_approved"])
    per_year = dated.groupby("year_approved").size().rename("count").reset_index()
    per_year["year_approved"] = per_year["year_approved"].astype(int)
    per_year = per_year.sort_values("year_approved")
    per_year["cumulative"] = per_year["count"].cumsum()
    return per_year.reset_index(drop=True)


def gi_cumulative(gis: pd.DataFrame, lang: str, subtitle: list[str]):
    series = cumulative_by_year(gis)
    undated = int(gis["year_approved"].isna().sum())
    note = (
        (f"{undated} without a year are not shown" if lang == "en" else f"{undated}个未注明年份，未计入")
        if undated
        else ""
    )
    chart = (
        alt.Chart(series)
        .mark_area(
            line={"color": BAR, **SILENT},
            color=palette.CHART_AREA,
            interpolate="step-after",
            description=describe(t("chart_by_year", lang), series, lang),  # one shape: the whole series
            **role("area", lang),
        )
        .encode(
            x=alt.X(
                "year_approved:Q",
                title=t("year", lang),
                scale=alt.Scale(zero=False, nice=False),  # from the first year listed to the last, not a year on
                axis=alt.Axis(format="d", tickMinStep=1, labelFlush=True),  # the first and last years inside
            ),
            y=alt.Y("cumulative:Q", title=t("cumulative", lang), axis=count_axis(series["cumulative"].max())),
            tooltip=[
                alt.Tooltip("year_approved:Q", format="d", title=t("year", lang)),
                alt.Tooltip("count:Q", title=t("count", lang)),
                alt.Tooltip("cumulative:Q", title=t("cumulative", lang)),
            ],
        )
    )
    return themed(
        chart.properties(height=260, width="container"), t("chart_by_year", lang), subtitle + ([note] if note else [])
    ), series


def gi_by_area(gis: pd.DataFrame, counties: pd.DataFrame, areas: pd.DataFrame, lang: str, subtitle: list[str]):
    """GIs with at least one county in a poverty county, per contiguous area (a GI counts once per area)."""
    poor = counties[["boundary_adcode", "area_id"]].drop_duplicates("boundary_adcode")
    joined = gi_county_links(gis).merge(poor, left_on="adcode", right_on="boundary_adcode")
    names = dict(zip(areas["area_id"], areas["name_en" if lang == "en" else "name_zh"]))
    names[""] = t("poverty_outside", lang)
    per_area = joined.drop_duplicates(["gi_id", "area_id"])
    counts = count_by(per_area, "area_id", names)
    in_poverty = joined["gi_id"].nunique()
    share = (
        f"{in_poverty:,} of {len(gis):,} GIs listed lie in poverty counties"
        if lang == "en"
        else f"已收录的{len(gis):,}个地理标志中有{in_poverty:,}个位于贫困县"
    )
    lines = [share] + ([t("gi_area_overlap", lang, total=f"{len(per_area):,}")] if len(per_area) > in_poverty else [])
    # The longest names ("Yunnan-Guangxi-Guizhou Rocky Desertification Area") need ~280 px: whole at 1024 px.
    return bar(counts, "area_id", lang, t("chart_in_poverty", lang), subtitle + lines, label_limit=300), counts


LEVERAGE_FROM = 1e6  # the leverage axis starts at 1 million yuan


def leverage(figures: pd.DataFrame, lang: str, subtitle: list[str]):
    """The GI promotion leverage chain on a log axis; 'more than' figures are drawn as open-ended bars."""
    from ipaid.figures import compact, figure_label, figure_text

    chain = ["gi_guiding_funds", "local_government_investment", "related_industry_output", "gi_industry_output"]
    rows = figures.loc[chain]
    frame = pd.DataFrame(
        {
            "step": [figure_label(n, lang) for n in chain],
            "value": rows["value"].astype(float).tolist(),
            "text": [figure_text(rows.loc[n], lang) for n in chain],
            "more_than": (rows["qualifier"] == "more_than").tolist(),
            "start": LEVERAGE_FROM,
        }
    )
    order = frame["step"].tolist()
    base = alt.Chart(frame).encode(y=alt.Y("step:N", sort=order, title=None, axis=alt.Axis(labelLimit=260)))
    ticks = [10**k for k in range(6, 12)]
    # Tick labels in words ('10 million', '1000万'), not SI prefixes ('10M', '1G').
    label_expr = " : ".join(f"datum.value < {tick * 1.5:.0f} ? '{compact(tick, lang)}'" for tick in ticks) + " : ''"
    scale = alt.Scale(type="log", domain=[LEVERAGE_FROM, 1e12])
    x_title = "yuan (log scale)" if lang == "en" else "元（对数刻度）"
    x = alt.X(
        "value:Q",
        scale=scale,
        title=x_title,
        axis=alt.Axis(values=ticks, labelExpr=label_expr),
    )
    bars = spoken(
        base.mark_bar(color=BAR, height=18, **role("bar", lang)).encode(
            x=x, x2=alt.datum(LEVERAGE_FROM), tooltip=[tip("step", lang), tip("text", lang)]
        ),
        lang,
        ("", "datum.step"),
        ("", "datum.text"),
    )
    arrows = (
        base.transform_filter("datum.more_than")
        .mark_point(shape="triangle-right", size=160, filled=True, color=BAR, xOffset=8, **SILENT)
        .encode(x=x)
    )
    # Each amount above its bar, from the axis start: beside a long bar it ran off a 1024 px page.
    at_start = alt.X("start:Q", scale=scale, title=x_title)  # no `axis=None`: it hid the shared log axis
    labels = base.mark_text(align="left", baseline="bottom", dx=2, dy=-11, fontSize=12, **SILENT).encode(
        x=at_start, text="text:N"
    )
    note = "▶ = 'more than': the true figure is higher" if lang == "en" else "▶ 表示“超过”：实际数值更高"
    chart = (bars + arrows + labels).properties(height=200, width="container")
    title = (
        "GI promotion projects: from guiding funds to output"
        if lang == "en"
        else "地理标志运用促进工程：从引导资金到产值"
    )
    return themed(chart, title, subtitle + [note]), frame


def exit_years(counties: pd.DataFrame, lang: str, title: str, subtitle: list[str]):
    """Counties out of poverty per year (2016–2020)."""
    counts = counties.groupby("exit_year").size().rename("count").reset_index()
    counts["exit_year"] = counts["exit_year"].astype(int)
    chart = spoken(
        alt.Chart(counts).mark_bar(color=BAR, **role("bar", lang)),
        lang,
        (t("exit_year", lang), "datum.exit_year"),
        (t("count", lang), COUNT),
    )
    chart = chart.encode(
        x=alt.X("exit_year:O", title=t("exit_year", lang), axis=alt.Axis(labelAngle=0)),  # years read level
        y=alt.Y("count:Q", title=t("count", lang), axis=count_axis(counts["count"].max())),
        tooltip=[
            alt.Tooltip("exit_year:O", title=t("exit_year", lang)),
            alt.Tooltip("count:Q", title=t("count", lang)),
        ],
    )
    text = (
        alt.Chart(counts).mark_text(dy=-6, fontSize=11, **SILENT).encode(x="exit_year:O", y="count:Q", text="count:Q")
    )
    return themed((chart + text).properties(height=220, width="container"), title, subtitle), counts


def timeline(events: pd.DataFrame, lang: str, title: str, subtitle: list[str]):
    """Dated events (year, text) on a line."""
    base = alt.Chart(events).encode(
        x=alt.X(
            "year:Q",
            title=t("year", lang),
            axis=alt.Axis(format="d", tickMinStep=1),
            scale=alt.Scale(zero=False, nice=False, padding=20),
        )
    )
    rule = base.mark_rule(color=palette.CHART_RULE, **SILENT).encode(x=alt.X("min(year):Q"), x2=alt.X2("max(year):Q"))
    dots = base.mark_circle(size=110, color=BAR, **role("point", lang)).encode(
        tooltip=[alt.Tooltip("year:Q", title=t("year", lang)), tip("text", lang)]
    )
    dots = spoken(dots, lang, (t("year", lang), "datum.year"), ("", "datum.text"))
    # Alternate labels above and below the line, so that neighbouring years do not overlap.
    events = events.sort_values("year").reset_index(drop=True).assign(above=lambda d: d.index % 2 == 0)
    base = base.properties(data=events)
    above = base.transform_filter("datum.above").mark_text(align="left", angle=330, dx=6, dy=-8, fontSize=11, **SILENT)
    below = base.transform_filter("!datum.above").mark_text(align="left", angle=30, dx=6, dy=10, fontSize=11, **SILENT)
    text = above.encode(text="text:N") + below.encode(text="text:N")
    return themed((rule + dots + text).properties(height=240, width="container"), title, subtitle), events


def exit_share_bars(shares: pd.DataFrame, group_names: dict[str, str], lang: str, title: str, subtitle: list[str]):
    """Share of each group's counties out of poverty by the end of each year, side by side (counts in tooltips)."""
    frame = shares.assign(label=shares["group"].map(group_names), pct=(shares["share"] * 100).round(1))
    order = [group_names[g] for g in group_names]
    base = alt.Chart(frame).encode(
        x=alt.X("year:O", title=t("ev_year_end", lang)),
        xOffset=alt.XOffset("label:N", sort=order),
        tooltip=[
            alt.Tooltip("label:N", title=label(TABLE_COLUMNS, "group", lang)),
            alt.Tooltip("year:O", title=t("year", lang)),
            alt.Tooltip("exited:Q", title=t("ev_exited", lang)),
            alt.Tooltip("counties:Q", title=t("ev_counties", lang)),
            alt.Tooltip("pct:Q", title="%"),
        ],
    )
    bars = spoken(
        base.mark_bar(**role("bar", lang)),
        lang,
        ("", "datum.label"),
        (t("ev_year_end", lang), "datum.year"),
        (t("ev_exited", lang), "datum.exited"),
        (t("ev_counties", lang), "datum.counties"),
        (t("ev_share", lang), "datum.pct"),
    ).encode(
        y=alt.Y("pct:Q", title=t("ev_share", lang), scale=alt.Scale(domain=[0, 100])),
        color=alt.Color(
            "label:N",
            sort=order,
            title=None,
            scale=alt.Scale(range=[BAR, palette.CHART_GREY]),
            legend=alt.Legend(orient="top", labelLimit=0),
        ),
    )
    text = base.mark_text(dy=-5, fontSize=10, **SILENT).encode(y="pct:Q", text="exited:Q")
    return themed((bars + text).properties(height=260, width="container"), title, subtitle), frame


def timing_bars(counts: pd.DataFrame, timing_names: dict[str, str], lang: str, title: str, subtitle: list[str]):
    """GI registrations in poverty counties, by type, split by timing against the county's exit year."""
    frame = counts.assign(
        type_label=counts["gi_type"].map(lambda v: label(GI_TYPE, v, lang)),
        timing_label=counts["timing"].map(timing_names),
    )
    order = list(timing_names.values())
    stacked = frame.groupby("gi_type")["count"].sum().max()
    chart = spoken(
        alt.Chart(frame).mark_bar(**PALE_EDGE, **role("bar", lang)),
        lang,
        ("", "datum.type_label"),
        ("", "datum.timing_label"),
        (t("count", lang), COUNT),
    )
    chart = chart.encode(
        y=alt.Y("type_label:N", title=None, axis=alt.Axis(labelLimit=220)),
        x=alt.X("count:Q", title=t("count", lang), stack="zero", axis=count_axis(stacked)),
        color=alt.Color(
            "timing_label:N",
            sort=order,
            title=None,
            legend=alt.Legend(orient="top", labelLimit=0),
            scale=alt.Scale(range=[BAR, palette.CHART_BAR_LIGHT, palette.CHART_GREY_DARK]),
        ),
        order=alt.Order("timing_order:Q"),
        tooltip=[
            alt.Tooltip("type_label:N", title=label(TABLE_COLUMNS, "gi_type", lang)),
            alt.Tooltip("timing_label:N", title=label(TABLE_COLUMNS, "timing", lang)),
            alt.Tooltip("count:Q", title=t("count", lang)),
        ],
    ).transform_calculate(
        timing_order=" ".join(f"datum.timing == '{k}' ? {i} :" for i, k in enumerate(timing_names)) + " 9"
    )
    height = 40 + 36 * frame["gi_type"].nunique()
    return themed(chart.properties(height=height, width="container"), title, subtitle), frame
