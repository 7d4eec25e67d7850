"""Evidence view: did poverty counties with a GI registered before their exit leave the list earlier?

An association in the loaded data, not a causal effect. Plain functions over `data.load_counties()`
(the 832 counties, exit years 2016–2020) and `data.load_gis()` (GIs placed on counties, with a year).
"""

from __future__ import annotations

import pandas as pd

from ipaid.i18n import t

YEARS = (2016, 2017, 2018, 2019, 2020)
GROUPS = ("gi_before", "no_gi_before")  # ≥ 1 GI registered in a year before the exit year / none
TIMING = ("while_poor", "exit_year", "after_exit")  # a GI's year vs its county's exit year
REGIONS = ("east", "central", "west")  # the counties' `region`, in the order the page lists them


def links(gis: pd.DataFrame, counties: pd.DataFrame, types: tuple[str, ...] | None = None) -> pd.DataFrame:
    """One row per (poverty county as listed, GI placed on it with a year): adcode_listed, gi_id, gi_type, year,
    exit_year, and `timing` (registered while poor, in the exit year, or after exit)."""
    chosen = gis if types is None else gis[gis["gi_type"].isin(types)]
    placed = chosen.loc[chosen["year_approved"].notna(), ["gi_id", "gi_type", "year_approved", "counties"]]
    pairs = placed.explode("counties").dropna(subset=["counties"])
    out = pairs.merge(
        counties[["adcode_listed", "boundary_adcode", "exit_year"]], left_on="counties", right_on="boundary_adcode"
    )
    out = out.rename(columns={"year_approved": "year"})[["adcode_listed", "gi_id", "gi_type", "year", "exit_year"]]
    out["year"] = out["year"].astype(int)
    out["exit_year"] = out["exit_year"].astype(int)
    out["timing"] = "exit_year"
    out.loc[out["year"] < out["exit_year"], "timing"] = "while_poor"
    out.loc[out["year"] > out["exit_year"], "timing"] = "after_exit"
    return out.reset_index(drop=True)


def county_groups(
    gis: pd.DataFrame, counties: pd.DataFrame, types: tuple[str, ...] | None = None, cutoff: int | None = None
) -> pd.DataFrame:
    """The 832 counties with `group`: 'gi_before' if at least one GI was registered in a year before the county's
    exit year (or, with `cutoff`, before that year for every county), else 'no_gi_before'; `gis_before`: how many.

    Without a cutoff, a county that exited later had more years in which to register a GI "before exit": that
    alone pushes the 'gi_before' group towards later exits. A common cutoff (2016, before the first exits) does not.
    """
    pairs = links(gis, counties, types)
    early = pairs["year"] < (pairs["exit_year"] if cutoff is None else cutoff)
    before = pairs[early].groupby("adcode_listed")["gi_id"].nunique()
    out = counties[["adcode_listed", "name_listed", "province", "region", "area_id", "exit_year"]].copy()
    out["gis_before"] = out["adcode_listed"].map(before).fillna(0).astype(int)
    out["group"] = out["gis_before"].gt(0).map({True: "gi_before", False: "no_gi_before"})
    return out


def exit_shares(groups: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Per (scope value, group, year): counties in the group, how many had exited by the end of that year,
    and the share. `by` is 'area_id' or 'region' (None: all counties, scope 'all')."""
    frame = groups.assign(scope="all") if by is None else groups.assign(scope=groups[by])
    frame = frame[frame["scope"] != ""]
    rows = []
    for (scope, group), part in frame.groupby(["scope", "group"]):
        total = len(part)
        for year in YEARS:
            exited = int((part["exit_year"] <= year).sum())
            rows.append(
                {
                    "scope": scope,
                    "group": group,
                    "year": year,
                    "counties": total,
                    "exited": exited,
                    "share": exited / total,
                }
            )
    return pd.DataFrame(rows, columns=["scope", "group", "year", "counties", "exited", "share"])


def mean_exit_year(groups: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Per scope and group: counties and their mean exit year (a one-number summary of the curves)."""
    frame = groups.assign(scope="all") if by is None else groups.assign(scope=groups[by])
    frame = frame[frame["scope"] != ""]
    return frame.groupby(["scope", "group"])["exit_year"].agg(counties="size", mean_exit_year="mean").reset_index()


def timing_counts(gis: pd.DataFrame, counties: pd.DataFrame, types: tuple[str, ...] | None = None) -> pd.DataFrame:
    """GI registrations in poverty counties by type and timing (while poor / in the exit year / after exit)."""
    pairs = links(gis, counties, types)
    counts = pairs.groupby(["gi_type", "timing"]).size().rename("count").reset_index()
    return counts.sort_values(
        ["gi_type", "timing"], key=lambda s: s.map({t: i for i, t in enumerate(TIMING)}) if s.name == "timing" else s
    ).reset_index(drop=True)


def completeness(gis: pd.DataFrame, types: tuple[str, ...]) -> pd.DataFrame:
    """Per GI type in the view: rows loaded, rows placed on a county with a year (what the view can use)."""
    chosen = gis[gis["gi_type"].isin(types)]
    usable = chosen["year_approved"].notna() & chosen["counties"].map(bool)
    return (
        pd.DataFrame({"gi_type": chosen["gi_type"], "usable": usable})
        .groupby("gi_type")["usable"]
        .agg(loaded="size", usable="sum")
        .reset_index()
    )


def scope_summary(
    groups: pd.DataFrame, scope_names: dict[str, dict[str, str]], group_names: dict[str, str], headers: dict[str, str]
) -> pd.DataFrame:
    """Mean exit year per region and per area and group, for display: `scope_names` maps 'region' and 'area_id'
    to {value: label}; `headers` names the columns (scope, group, counties, mean exit year)."""
    parts = []
    for part, (by, names) in enumerate(scope_names.items()):
        table = mean_exit_year(groups, by)
        table = table[table["scope"].isin(names)]
        parts.append(
            table.assign(part=part, order=table["scope"].map(list(names).index), scope=table["scope"].map(names))
        )
    out = pd.concat(parts).sort_values(["part", "order", "group"], kind="stable")
    return pd.DataFrame(
        {
            headers["scope"]: out["scope"],
            headers["group"]: out["group"].map(group_names),
            headers["counties"]: out["counties"],
            headers["mean"]: out["mean_exit_year"].round(2),
        }
    )


def scope_labels(counties: pd.DataFrame, areas: pd.DataFrame, lang: str) -> dict[str, str]:
    """The comparison scopes of `counties` (as filtered) in the order offered, id → label: 'all', each of
    `REGIONS` ('region:<region>') and each area of `areas` ('area:<area_id>', with its loaded and official counts)."""
    names = areas["name_en" if lang == "en" else "name_zh"]
    loaded = counties.loc[counties["area_id"] != "", "area_id"].value_counts()
    return {
        "all": t("ev_all", lang, n=len(counties)),
        **{f"region:{r}": t("ev_region", lang, name=t(f"ev_region_{r}", lang)) for r in REGIONS},
        **{
            f"area:{a}": t("ev_area", lang, name=name, n=int(loaded.get(a, 0)), total=int(n))
            for a, name, n in zip(areas["area_id"], names, areas["county_count"])
        },
    }


def in_scope(groups: pd.DataFrame, scope: str) -> pd.DataFrame:
    """The rows of `groups` in a comparison scope: 'all', 'region:<region>' or 'area:<area_id>'."""
    kind, _, value = scope.partition(":")
    return groups if kind == "all" else groups[groups["region" if kind == "region" else "area_id"] == value]


def removed_types(present: list[str], kept: list[str], removed: frozenset[str]) -> frozenset[str]:
    """The GI types the reader has taken out of the comparison, after a choice of `kept` among `present`: a type
    a filter hid stays counted when it comes back, and one taken out stays out."""
    return frozenset((removed - set(kept)) | (set(present) - set(kept)))
