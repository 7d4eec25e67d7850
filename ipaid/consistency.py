"""Rules across tables: a version is usable only together with the current versions of the tables it touches.

Single-table rules (columns, codes, boundaries, duplicates) are `ipaid.schema.validate`; here are the
rules between tables: area members and designated counties are among the 832 poverty counties, each
area's members lie in its provinces and never outnumber its official county count.

`problems(tables, files, candidate)` is pure: with a `candidate` (an upload), problems are blamed on
the candidate's file and lines, naming the line of the other table it would break; without one (the
tables as loaded), on the table that refers to the other. `against_current` checks an upload.
"""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from ipaid.schema import DataError, Problem

TABLES = ("counties", "areas", "area_members", "designated")


def _line(i) -> int:
    return int(i) + 2  # header is line 1, as a spreadsheet shows it


def area_counts(members: pd.DataFrame, areas: pd.DataFrame) -> pd.DataFrame:
    """Per area (in the areas table's order): official county count and how many members are listed."""
    listed = members.groupby("area_id").size()
    return pd.DataFrame(
        {
            "area_id": areas["area_id"].to_numpy(),
            "name_zh": areas["name_zh"].to_numpy(),
            "name_en": areas["name_en"].to_numpy(),
            "official": areas["county_count"].astype(int).to_numpy(),
            "listed": areas["area_id"].map(listed).fillna(0).astype(int).to_numpy(),
        }
    )


def _among_counties(child: str, what: str, tables, files, candidate) -> list[tuple[str, Problem]]:
    """Rows of `child` (area_members, designated) whose county is not one of the 832."""
    rows, counties = tables[child], tables["counties"]
    missing = rows.loc[~rows["adcode_listed"].isin(counties["adcode_listed"])]
    out = []
    for i, code in missing["adcode_listed"].items():
        name = rows.at[i, "name_listed" if "name_listed" in rows else "name_zh"]
        if candidate == "counties":  # the upload drops or recodes a county another table refers to
            same = counties.index[(counties["name_listed"] == name) & (counties["province"] == rows.at[i, "province"])]
            where = f"{files[child]} line {_line(i)} lists it {what}" + (
                f" '{rows.at[i, 'area_id']}'" if "area_id" in rows else ""
            )
            if len(same):
                new = counties.at[same[0], "adcode_listed"]
                out.append(
                    (
                        "counties",
                        Problem(
                            files["counties"],
                            _line(same[0]),
                            "adcode_listed",
                            f"'{new}' replaces '{code}' ({name}); {where}",
                        ),
                    )
                )
            else:
                out.append(
                    (
                        "counties",
                        Problem(files["counties"], None, "adcode_listed", f"'{code}' ({name}) is missing; {where}"),
                    )
                )
        else:
            out.append(
                (
                    child,
                    Problem(
                        files[child],
                        _line(i),
                        "adcode_listed",
                        f"'{code}' is not one of the 832 poverty counties ({files['counties']})",
                    ),
                )
            )
    return out


def _members_in_areas(tables, files, candidate) -> list[tuple[str, Problem]]:
    """Members of an area the areas table lacks, or outside the area's provinces; areas over their official count."""
    members, areas = tables["area_members"], tables["areas"]
    blame = "areas" if candidate == "areas" else "area_members"
    by_id = areas.set_index("area_id")
    out = []
    for i, area, province in zip(members.index, members["area_id"], members["province"], strict=True):
        if area not in by_id.index:
            out.append(
                (blame, Problem(files["area_members"], _line(i), "area_id", f"'{area}' is not in the areas table"))
            )
        elif province not in str(by_id.at[area, "provinces_zh"]).split(";"):
            out.append(
                (
                    blame,
                    Problem(
                        files["area_members"],
                        _line(i),
                        "province",
                        f"{province} is not a province of the area '{area}'",
                    ),
                )
            )
    counts = area_counts(members, areas)
    for row in counts[counts["listed"] > counts["official"]].itertuples():
        if candidate == "areas":
            line = _line(areas.index[areas["area_id"] == row.area_id][0])
            out.append(
                (
                    "areas",
                    Problem(
                        files["areas"],
                        line,
                        "county_count",
                        f"{row.official} is below the {row.listed} counties "
                        f"{files['area_members']} lists in '{row.area_id}'",
                    ),
                )
            )
        else:
            extra = members.index[members["area_id"] == row.area_id][row.official]  # the first row over the count
            out.append(
                (
                    "area_members",
                    Problem(
                        files["area_members"],
                        _line(extra),
                        "area_id",
                        f"'{row.area_id}' has {row.listed} member counties, more than its official {row.official}",
                    ),
                )
            )
    return out


RULES = (  # (tables the rule needs, rule)
    (("counties", "area_members"), lambda t, f, c: _among_counties("area_members", "in the contiguous area", t, f, c)),
    (("counties", "designated"), lambda t, f, c: _among_counties("designated", "as a designated county", t, f, c)),
    (("areas", "area_members"), _members_in_areas),
)


def problems(
    tables: dict[str, pd.DataFrame], files: dict[str, str], candidate: str | None = None
) -> dict[str, list[Problem]]:
    """Cross-table problems by the table blamed; rules whose tables are not all given are skipped."""
    out: dict[str, list[Problem]] = defaultdict(list)
    for needs, rule in RULES:
        if all(n in tables for n in needs) and (candidate is None or candidate in needs):
            for blamed, problem in rule(tables, files, candidate):
                out[blamed].append(problem)
    return dict(out)


def against_current(name: str, table: pd.DataFrame, file: str) -> None:
    """Raise DataError if `table`, as the new version of `name`, contradicts the other current tables.

    A current table that cannot be read is left out (an upload may be what repairs it).
    """
    from ipaid import data

    if name not in TABLES:
        return
    tables, files = {name: table}, {name: file}
    for other in TABLES:
        if other != name:
            try:
                tables[other], files[other] = data.load_table(other), data.table_source(other)[1]
            except DataError:
                pass
    found = problems(tables, files, name).get(name, [])
    if found:
        raise DataError(found)
