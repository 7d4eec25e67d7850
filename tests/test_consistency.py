"""A candidate version is checked together with the current tables it touches (ipaid.consistency)."""

from __future__ import annotations

import pandas as pd
import pytest

from ipaid import consistency, data, store, upload
from ipaid.auth import Steward
from ipaid.schema import DataError
from test_store import csv, isolated_store, shipped  # noqa: F401  (autouse fixture)

STEWARD = Steward("tester", "local")


def problems_of(name: str, table: pd.DataFrame):
    with pytest.raises(DataError) as info:
        upload.check(name, csv(table), f"{name}.csv")
    return info.value.problems


def recoded(old: str, new: str) -> pd.DataFrame:
    counties = shipped("counties")
    counties.loc[counties["adcode_listed"] == old, "adcode_listed"] = new
    return counties


def test_recoding_a_member_county_is_refused_naming_both_lines():
    counties = recoded("340422", "340499")
    row = int(counties.index[counties["adcode_listed"] == "340499"][0]) + 2
    members = shipped("area_members")
    member_line = int(members.index[members["adcode_listed"] == "340422"][0]) + 2
    [problem] = problems_of("counties", counties)
    assert (problem.file, problem.line, problem.column) == ("counties.csv", row, "adcode_listed")
    assert f"data/area_members.csv line {member_line}" in problem.message
    assert "'340499' replaces '340422' (寿县)" in problem.message and "'dabie'" in problem.message
    assert store.versions("counties") == []
    with pytest.raises(DataError):
        upload.accept("counties", csv(counties), "counties.csv", "must not be stored", steward=STEWARD)
    assert store.current_id("counties") == 0


def test_a_designated_county_that_disappears_is_refused():
    counties = recoded("430822", "430899")
    counties.loc[counties["adcode_listed"] == "430899", "name_listed"] = "某县"
    found = {p.message.split("; ")[1]: p for p in problems_of("counties", counties)}
    problem = found["data/designated_counties.csv line 2 lists it as a designated county"]
    assert problem.line is None and problem.column == "adcode_listed"
    assert problem.message.startswith("'430822' (桑植县) is missing")
    assert len(found) == 2 and "in the contiguous area 'wuling'" in next(iter(found))  # Sangzhi is in Wuling too


def test_a_gi_with_an_unknown_county_code_is_refused_with_its_line():
    gis = shipped("gis")
    gis.loc[4, "county_adcodes"] = "430822;439999"
    [problem] = problems_of("gis", gis)
    assert (problem.line, problem.column) == (6, "county_adcodes") and "439999" in problem.message


def test_member_uploads_are_checked_against_counties_areas_and_official_counts():
    members = shipped("area_members")
    members.loc[0, "adcode_listed"] = "340123"  # a code of Anhui (line 2 of the file), but not a poverty county
    [problem] = problems_of("area_members", members)
    assert (problem.line, problem.column) == (2, "adcode_listed")
    assert "'340123' is not one of the 832" in problem.message
    members = shipped("area_members")
    tibetan = members.index[members["area_id"] == "tibet"][0]
    members.loc[tibetan, "area_id"] = "wuling"  # a county of Tibet in Wuling, which has no county there
    [problem] = problems_of("area_members", members)
    assert (problem.line, problem.column) == (int(tibetan) + 2, "province")
    assert problem.message == "西藏自治区 is not a province of the area 'wuling'"
    members = shipped("area_members")
    extra = shipped("counties").query("province == '四川省'").iloc[[0]]
    extra = extra[~extra["adcode_listed"].isin(members["adcode_listed"])]
    over = pd.concat(
        [members, extra.assign(area_id="four_province_tibetan", source="test")[members.columns]], ignore_index=True
    )
    [problem] = problems_of("area_members", over)
    assert (problem.line, problem.column) == (len(over) + 1, "area_id")
    assert "'four_province_tibetan' has 78 member counties, more than its official 77" == problem.message


def complete_members() -> pd.DataFrame:
    """TEST INPUT, not data: the 832 listed codes dealt out to the 14 areas by province, up to each official count.

    Membership here is arbitrary (never shipped); it only makes a list as long as the official one.
    """
    counties, areas = shipped("counties"), shipped("areas")
    pool = {
        a.area_id: counties.loc[counties["province"].isin(a.provinces_zh.split(";")), "adcode_listed"].tolist()
        for a in areas.itertuples()
    }
    need = dict(zip(areas["area_id"], areas["county_count"].astype(int), strict=True))
    taken: dict[str, str] = {}
    for area in sorted(need, key=lambda a: len(pool[a]) - need[a]):
        free = [c for c in pool[area] if c not in taken][: need[area]]
        taken.update(dict.fromkeys(free, area))
    rows = counties.set_index("adcode_listed").loc[list(taken)]
    return pd.DataFrame(
        {
            "adcode_listed": list(taken),
            "name_listed": rows["name_listed"].to_numpy(),
            "province": rows["province"].to_numpy(),
            "area_id": list(taken.values()),
            "source": "synthetic test input",
        }
    )


def assert_exact_counts(members: pd.DataFrame) -> None:
    """A complete list (as many members as the 680 of the official total) has each area's official count."""
    counts = consistency.area_counts(members, data.load_areas())
    assert (counts["listed"] <= counts["official"]).all()
    if len(members) == int(data.figure("contiguous_area_counties")["value"]):
        assert counts["listed"].tolist() == counts["official"].tolist()


def test_current_members_never_exceed_and_a_complete_version_matches_every_official_count():
    assert_exact_counts(data.load_area_members())
    members = complete_members()
    assert len(members) == 680
    version = upload.accept("area_members", csv(members), "complete.csv", "synthetic", steward=STEWARD)
    assert store.current_id("area_members") == version
    assert_exact_counts(data.load_area_members())
    moved = members.copy()  # one county of a Qinba province moved to Qinba from another area: Qinba goes over
    qinba = shipped("areas").set_index("area_id").at["qinba", "provinces_zh"].split(";")
    i = moved.index[(moved["area_id"] != "qinba") & moved["province"].isin(qinba)][0]
    moved.loc[i, "area_id"] = "qinba"
    [problem] = problems_of("area_members", moved)
    assert problem.column == "area_id"
    assert problem.message == "'qinba' has 76 member counties, more than its official 75"


def test_an_areas_version_below_its_listed_members_is_blamed_on_the_area_row():
    areas, members = shipped("areas"), shipped("area_members")
    areas.loc[areas["area_id"] == "tibet", "county_count"] = 70
    found = consistency.problems(
        {"areas": areas, "area_members": members}, {"areas": "areas.csv", "area_members": "m.csv"}, "areas"
    )
    [problem] = found["areas"]
    line = int(areas.index[areas["area_id"] == "tibet"][0]) + 2
    assert (problem.line, problem.column, problem.message) == (
        line,
        "county_count",
        "70 is below the 74 counties m.csv lists in 'tibet'",
    )


def test_problems_read_in_chinese():
    from ipaid.i18n import problem_text

    counties = recoded("340422", "340499")
    [problem] = problems_of("counties", counties)
    assert problem_text(problem.message, "zh").startswith("“340499”替换了“340422”（寿县），但data/area_members.csv第")


def test_the_data_page_refuses_the_recoded_county_upload_with_its_line():
    from test_upload import ACCOUNTS, data_page, sign_in

    counties = recoded("340422", "340499")
    row = int(counties.index[counties["adcode_listed"] == "340499"][0]) + 2
    at = sign_in(data_page(ACCOUNTS))
    at.segmented_control(key="upload_table").set_value("counties").run()
    at.file_uploader[0].set_value(("counties.csv", csv(counties), "text/csv")).run()
    assert not at.exception and at.error
    assert "upload_confirm_counties" not in [b.key for b in at.button]
    problems = next(d.value for d in at.dataframe if "adcode_listed" in d.value.astype(str).values)
    assert problems.iloc[:, :2].values.tolist() == [[str(row), "adcode_listed"]]
    assert problems.iloc[0, 2].startswith("“340499”替换了“340422”（寿县）")
    assert store.versions("counties") == []
