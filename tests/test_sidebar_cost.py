"""The sidebar's GI filter: a search box whose first matches, with the GIs chosen, are its options; `?gi=` links."""

from streamlit.testing.v1 import AppTest

from ipaid import data
from ipaid.gi_search import search
from ipaid.i18n import GI_TYPE, t
from ipaid.ui import GI_OFFERED, filter_table, gi_labels
from test_app import run


def link_values(at: AppTest, name: str) -> list[str]:
    value = at.query_params.get(name, [])
    return [value] if isinstance(value, str) else list(value)


def test_the_gi_search_box_narrows_the_options_and_the_pick_goes_to_the_link():
    gis = filter_table("gi")  # the order the filter lists them in
    at = run("map", lang="en")
    box = at.sidebar.multiselect(key="gi")
    assert box.options == [] and box.label == t("gi_name", "en")  # not 3,624 options for every session
    assert box.disabled  # an empty list would say "No results" (Streamlit's, in English only)
    at.sidebar.text_input(key="gi_q").input("Sangzhi").run()
    assert not at.sidebar.multiselect(key="gi").disabled
    found = search(gis, "Sangzhi")
    names = dict(zip(gis["gi_id"], gis["name_en"]))
    assert at.sidebar.multiselect(key="gi").options == [names[g] for g in found["gi_id"]]
    assert t("gi_matches_all", "en", n=len(found)) in [c.value for c in at.sidebar.caption]
    sangzhi = gis.loc[gis["name_zh"] == "桑植白茶", "gi_id"].iloc[0]
    at.sidebar.multiselect(key="gi").set_value([sangzhi]).run()
    assert link_values(at, "gi") == [sangzhi]
    at.sidebar.text_input(key="gi_q").input("茶").run()  # a new search keeps the GI chosen, first
    box = at.sidebar.multiselect(key="gi")
    assert box.value == [sangzhi] and box.options[0] == names[sangzhi] and len(box.options) == GI_OFFERED + 1
    caption = t("gi_matches", "en", n=f"{len(search(gis, '茶')):,}", shown=GI_OFFERED)
    assert caption in [c.value for c in at.sidebar.caption]


def test_a_gi_link_opens_with_the_gi_chosen_in_either_language():
    gi = data.load_gis().iloc[0]
    for lang, name in (("zh", gi["name_zh"]), ("en", gi["name_en"])):
        at = run("map", lang=lang, gi=gi["gi_id"])
        box = at.sidebar.multiselect(key="gi")
        assert box.value == [gi["gi_id"]] and box.options == [name]
        assert link_values(at, "gi") == [gi["gi_id"]]


def test_two_gis_of_one_name_are_told_apart_and_no_english_select_all():
    """安吉白茶 is both a GI protection product and an agricultural-product GI: the options say which; the
    sidebar's multiselects have no "Select all" (Streamlit's own, in English only)."""
    gis = filter_table("gi")
    anji = gis[gis["name_zh"] == "安吉白茶"]
    assert len(anji) == 2  # the data this test is about
    at = run("map")
    at.sidebar.text_input(key="gi_q").input("安吉白茶").run()
    shown = at.sidebar.multiselect(key="gi").options
    expected = {f"安吉白茶（{GI_TYPE[kind][1]}）" for kind in anji["gi_type"]}
    assert expected <= set(shown) and len(expected) == 2
    for lang in ("zh", "en"):
        labels = list(gi_labels(gis, lang).values())
        assert len(labels) == len(set(labels)) == len(gis)
    assert not any(box.proto.select_all for box in at.sidebar.multiselect)


def test_a_search_of_only_hyphens_and_spaces_shows_the_help_not_no_match():
    """Such a search finds every GI on the GI page: the sidebar says how to search rather than "no match"."""
    at = run("map", lang="en")
    at.sidebar.text_input(key="gi_q").input(" - ").run()
    captions = [c.value for c in at.sidebar.caption]
    assert t("gi_no_search_match", "en") not in captions
    assert t("gi_find_help", "en", n=f"{len(filter_table('gi')):,}") in captions
    assert at.sidebar.multiselect(key="gi").disabled
