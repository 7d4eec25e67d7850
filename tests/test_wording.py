"""Wording: counts of one in the singular ("1 county", not "1 counties"), charts of one value, empty GI filters."""

import string

import pandas as pd
import pytest

from ipaid.i18n import STRINGS, t

ONE = sorted(k.removesuffix("_one") for k in STRINGS if k.endswith("_one"))


def names(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", ONE)
def test_a_count_of_one_uses_the_singular(key):
    fmt = {name: 7 for name in names(STRINGS[key][0])}
    assert "n" in fmt and key in STRINGS
    assert t(key, "zh", **{**fmt, "n": 1}) == STRINGS[f"{key}_one"][1].format(**fmt)
    assert t(key, "en", **{**fmt, "n": 2}) == STRINGS[key][0].format(**{**fmt, "n": 2})
    one = t(key, "en", **{**fmt, "n": 1})
    assert one != STRINGS[key][0].format(**{**fmt, "n": 1}) and "1" in one


def test_gi_search_with_one_match_says_gi():
    assert t("gi_matches_all", "en", n=1).startswith("1 GI matches")
    assert t("gi_matches_all", "en", n=12).startswith("12 GIs match")


def test_a_chart_of_one_value_is_described_without_largest_and_smallest():
    from ipaid.chart_text import describe

    frame = pd.DataFrame({"label": ["Hunan"], "count": [17]})
    assert describe("GIs by province", frame, "en") == "GIs by province: 1 value: Hunan (17)."


def test_a_filter_without_gis_says_so_on_the_gi_page():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file("../app.py", default_timeout=120)
    at.query_params.update(province="甘肃省", category="aquatic", lang="en")  # Gansu lists no aquatic GI
    at.switch_page("pages/gi.py").run()
    assert not at.exception
    assert [w.value for w in at.warning] == [t("gi_no_filter_match", "en")]


def test_the_three_timing_labels_name_the_same_reference():
    """The evidence chart's legend read "Before the exit year · In the exit year · After exit"."""
    labels = [t(key, "en") for key in ("ev_while_poor", "ev_exit_year", "ev_after_exit")]
    assert [label.split(" ", 1)[0] for label in labels] == ["Before", "In", "After"]
    assert {label.split(" ", 1)[1] for label in labels} == {"the exit year"}


def test_english_press_facts_write_square_kilometres_as_km2_with_a_superscript():
    """Sangzhi's fact read "covers 3,475 km2" on the designated page and in its brief."""
    from ipaid import data

    texts = data.load_press_facts()["text_en"]
    assert texts.str.contains("3,475 km²").any()
    assert not texts.str.contains(r"\d\s?km2\b").any()


def test_the_boundaries_note_names_the_merged_city_as_maps_write_it():
    """'Mangya city' beside every 'X City' of the map's tooltips and tables."""
    from ipaid.names import place_en

    assert place_en("茫崖市") in t("boundaries_note", "en", listed=832, boundaries=831)
