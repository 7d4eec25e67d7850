"""Evidence view: groups, exit shares and GI timing equal a plain recomputation from the tables; the page
renders in both languages with its caveat."""

from __future__ import annotations

import os

import pandas as pd
import pytest

from ipaid import data, evidence


@pytest.fixture(scope="module")
def tables():
    return data.load_gis(), data.load_counties()


def first_years(gis: pd.DataFrame, counties: pd.DataFrame) -> dict[str, list[int]]:
    """Listed county → years of the GIs placed on its boundary (a loop, independent of the module)."""
    by_boundary: dict[str, list[int]] = {}
    for codes, year in zip(gis["counties"], gis["year_approved"]):
        if pd.isna(year):
            continue
        for code in set(codes):
            by_boundary.setdefault(code, []).append(int(year))
    return {a: by_boundary.get(b, []) for a, b in zip(counties["adcode_listed"], counties["boundary_adcode"])}


@pytest.mark.parametrize("cutoff", [None, 2016])
def test_groups_and_shares_match_a_plain_computation(tables, cutoff):
    gis, counties = tables
    years = first_years(gis, counties)
    expected = {
        a: "gi_before" if any(y < (e if cutoff is None else cutoff) for y in years[a]) else "no_gi_before"
        for a, e in zip(counties["adcode_listed"], counties["exit_year"])
    }
    groups = evidence.county_groups(gis, counties, cutoff=cutoff)
    assert len(groups) == 832
    assert dict(zip(groups["adcode_listed"], groups["group"])) == expected
    shares = evidence.exit_shares(groups).set_index(["group", "year"])
    exit_of = dict(zip(counties["adcode_listed"], counties["exit_year"]))
    for group in evidence.GROUPS:
        members = [a for a, g in expected.items() if g == group]
        for year in evidence.YEARS:
            exited = sum(exit_of[a] <= year for a in members)
            assert shares.loc[(group, year), "exited"] == exited
            assert shares.loc[(group, year), "share"] == pytest.approx(exited / len(members))
    assert shares.xs(2020, level="year")["share"].eq(1.0).all()  # every poverty county exited by 2020


def test_exit_shares_by_region_add_up_to_the_national_counts(tables):
    gis, counties = tables
    groups = evidence.county_groups(gis, counties)
    by_region = evidence.exit_shares(groups, "region").groupby(["group", "year"])[["exited", "counties"]].sum()
    national = evidence.exit_shares(groups).set_index(["group", "year"])[["exited", "counties"]]
    pd.testing.assert_frame_equal(by_region.sort_index(), national.sort_index(), check_dtype=False)
    batches = groups.groupby("exit_year").size().to_dict()
    assert batches == {2016: 28, 2017: 125, 2018: 283, 2019: 344, 2020: 52}


def test_a_scope_keeps_the_counties_of_its_region_or_area(tables):
    groups = evidence.county_groups(*tables)
    assert evidence.in_scope(groups, "all") is groups
    regions = [evidence.in_scope(groups, f"region:{r}") for r in evidence.REGIONS]
    assert [set(g["region"]) for g in regions] == [{r} for r in evidence.REGIONS]
    assert sum(map(len, regions)) == len(groups) == 832
    wuling = evidence.in_scope(groups, "area:wuling")
    assert set(wuling["area_id"]) == {"wuling"}
    assert len(wuling) == (groups["area_id"] == "wuling").sum() > 0
    assert evidence.in_scope(groups, "area:nowhere").empty


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_scope_labels_offer_all_regions_and_areas_with_their_counts(tables, lang):
    from ipaid.i18n import t

    counties, areas = tables[1], data.load_areas()
    hunan = counties[counties["province"] == "湖南省"]
    labels = evidence.scope_labels(hunan, areas, lang)
    regions = [f"region:{r}" for r in evidence.REGIONS]
    assert list(labels) == ["all", *regions, *(f"area:{a}" for a in areas["area_id"])]
    assert labels["all"] == t("ev_all", lang, n=len(hunan))
    wuling = areas.set_index("area_id").loc["wuling"]
    loaded = int((hunan["area_id"] == "wuling").sum())
    name = wuling["name_en" if lang == "en" else "name_zh"]
    assert labels["area:wuling"] == t("ev_area", lang, name=name, n=loaded, total=int(wuling["county_count"]))
    assert 0 < loaded < int((counties["area_id"] == "wuling").sum())  # counted among the filtered counties only


def test_timing_counts_match_a_loop(tables):
    gis, counties = tables
    exit_by_boundary: dict[str, list[int]] = {}
    for b, e in zip(counties["boundary_adcode"], counties["exit_year"]):
        exit_by_boundary.setdefault(b, []).append(int(e))
    expected: dict[tuple[str, str], int] = {}
    for gtype, codes, year in zip(gis["gi_type"], gis["counties"], gis["year_approved"]):
        if pd.isna(year):
            continue
        for code in codes:
            for exit_year in exit_by_boundary.get(code, []):
                timing = "while_poor" if year < exit_year else "exit_year" if year == exit_year else "after_exit"
                expected[(gtype, timing)] = expected.get((gtype, timing), 0) + 1
    got = evidence.timing_counts(gis, counties).set_index(["gi_type", "timing"])["count"].to_dict()
    assert got == expected


def test_types_restrict_the_gis_counted(tables):
    gis, counties = tables
    only = evidence.county_groups(gis, counties, ("gi_protection_product",))
    agri = evidence.county_groups(gis, counties, ("agri_product_gi",))
    both = evidence.county_groups(gis, counties, ("gi_protection_product", "agri_product_gi"))
    assert (both["gis_before"] == only["gis_before"] + agri["gis_before"]).all()
    used = evidence.completeness(gis, ("agri_product_gi",)).set_index("gi_type")
    agri_rows = gis[gis["gi_type"] == "agri_product_gi"]
    assert used.loc["agri_product_gi", "loaded"] == len(agri_rows)
    assert used.loc["agri_product_gi", "usable"] == int(
        (agri_rows["year_approved"].notna() & agri_rows["counties"].map(len).gt(0)).sum()
    )


@pytest.mark.parametrize("lang,caveat", [("zh", "并非因果"), ("en", "not a causal effect")])
def test_page_renders_with_its_caveat(lang, caveat):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(os.path.join(os.path.dirname(__file__), "..", "app.py"), default_timeout=180)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/evidence.py").run()
    assert not at.exception
    assert any(caveat in w.value for w in at.warning)
    assert len(at.get("vega_lite_chart")) == 2
    assert not at.multiselect(key="ev_types").proto.select_all  # its label would be English on a Chinese page
    at.radio(key="ev_def").set_value("2016").run()
    at.selectbox(key="ev_scope").set_value("area:wuling").run()
    assert not at.exception


def test_the_language_switch_keeps_the_chosen_types_without_a_clash(monkeypatch):
    """The language switch sets every choice again; the types multiselect must then take it without Streamlit's
    "created with a default value but also had its value set" warning, and keep what the reader chose."""
    from streamlit.elements.lib import policies
    from streamlit.testing.v1 import AppTest

    warned = []
    monkeypatch.setattr(policies.runtime, "exists", lambda: True)  # AppTest has no runtime: the rule is skipped
    monkeypatch.setattr(policies, "_shown_default_value_warning", False)
    monkeypatch.setattr(policies._LOGGER, "warning", lambda message, key, **_: warned.append(key))
    at = AppTest.from_file(os.path.join(os.path.dirname(__file__), "..", "app.py"), default_timeout=180)
    at.run()
    at.switch_page("pages/evidence.py").run()
    present = list(at.multiselect(key="ev_types").value)
    assert len(present) >= 2  # all types at first
    at.multiselect(key="ev_types").set_value(present[:1]).run()
    at.segmented_control(key="lang").set_value("en").run()
    assert not at.exception
    assert at.multiselect(key="ev_types").value == present[:1]
    assert warned == []


def test_a_type_a_filter_hid_comes_back_and_a_removed_one_stays_out():
    """The types multiselect counts every type present except those the reader took out: a category filter that
    leaves one type, then cleared, must not narrow the comparison to that type unseen."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(os.path.join(os.path.dirname(__file__), "..", "app.py"), default_timeout=180)
    at.run()
    at.switch_page("pages/evidence.py").run()
    every = list(at.multiselect(key="ev_types").value)
    gis = data.load_gis()
    one_type = gis.groupby("category")["gi_type"].nunique().loc[lambda n: n == 1].index
    category = next(c for c in one_type if c)  # a category all of whose GIs are of one type
    for kept in (every, every[1:]):
        at.multiselect(key="ev_types").set_value(kept).run()
        at.multiselect(key="category").set_value([category]).run()
        assert len(at.multiselect(key="ev_types").value) <= 1
        at.multiselect(key="category").set_value([]).run()
        assert not at.exception and at.multiselect(key="ev_types").value == kept


def test_definition_and_scope_are_kept_in_the_link(monkeypatch):
    """The share link (and Back) of the evidence page must reproduce its chart: the definition and the counties
    compared were left out of the URL, so a shared link opened the national view."""
    from streamlit.elements.lib import policies
    from streamlit.testing.v1 import AppTest

    warned = []
    monkeypatch.setattr(policies.runtime, "exists", lambda: True)
    monkeypatch.setattr(policies, "_shown_default_value_warning", False)
    monkeypatch.setattr(policies._LOGGER, "warning", lambda message, key, **_: warned.append(key))

    def opened(**params):
        at = AppTest.from_file(os.path.join(os.path.dirname(__file__), "..", "app.py"), default_timeout=180)
        at.query_params.update({"lang": "en", **params})
        at.switch_page("pages/evidence.py").run()
        assert not at.exception
        return at

    at = opened(ev_def="2016", ev_scope="area:wuling")
    assert at.radio(key="ev_def").value == "2016" and at.selectbox(key="ev_scope").value == "area:wuling"
    at.selectbox(key="ev_scope").set_value("region:west").run()
    assert at.query_params["ev_scope"] == "region:west" and "ev_scope=region%3Awest" in at.sidebar.code[-1].value
    at.radio(key="ev_def").set_value("exit").run()
    assert "ev_def" not in at.query_params  # the default is left out
    assert warned == []
    at = opened(ev_scope="area:nowhere")
    assert at.selectbox(key="ev_scope").value == "all"
    assert any("nowhere" in w.value and "comparison scope" in w.value for w in at.warning), [
        w.value for w in at.warning
    ]
