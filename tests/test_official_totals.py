"""The press-conference totals as the pages quote them: taken from data/figures.csv, never typed into a UI
string, and every partial dataset says on its page how much of its official total it holds."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from ipaid import data
from ipaid.figures import figure_label
from ipaid.i18n import STRINGS


def page_texts(page: str, lang: str = "en") -> list[str]:
    """Every text the page shows, one string per element (tables as CSV)."""
    at = AppTest.from_file("../app.py", default_timeout=120)
    at.query_params["lang"] = lang
    if page != "overview":
        at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    texts = []
    stack = [at._tree]
    while stack:
        node = stack.pop()
        stack.extend(getattr(node, "children", {}).values())
        if node.type == "dataframe":
            texts.append(node.value.astype(str).to_csv())
        elif getattr(node, "proto", None) is not None:
            texts.append(str(node.proto).replace("\\\\", "").replace("\\", ""))
    return texts


def test_no_ui_string_types_an_official_figure():
    """A total in a UI string would stay behind when data/figures.csv changes: strings take it as {n}."""
    figures = data.load_figures()["value"].astype(int)
    found = []
    for key, pair in STRINGS.items():
        for text in pair:
            for name, value in figures.items():
                if 10 <= value < 1_000_000:
                    for form in {f"{value:,}", str(value)}:
                        if re.search(rf"(?<![\d,.{{]){re.escape(form)}(?![\d,]|年)", text):
                            found.append((key, name, form))
    assert not found


@pytest.mark.parametrize("page", ["overview", "projects", "patents"])
def test_headline_cards_show_the_figures_table(page):
    """Each card is a figure of data/figures.csv, named by its label, showing that figure's value."""
    at = AppTest.from_file("../app.py", default_timeout=120)
    at.query_params["lang"] = "en"
    if page != "overview":
        at.switch_page(f"pages/{page}.py")
    at.run()
    names = {figure_label(name, "en"): name for name in data.load_figures().index}
    assert at.metric
    for card in at.metric:
        assert data.figure_number(names[card.label]) in card.value, (card.label, card.value)


PAGE_OF = {"gis": "gi", "tisc": "patents", "demo_zones": "projects", "projects": "projects", "area_members": "map"}


def test_every_partial_dataset_says_how_complete_it_is_on_its_page():
    """Each dataset holding fewer rows than its official total (and each GI type) is shown on its page as
    'N of TOTAL' in one element, N and TOTAL from the data."""
    coverage = data.coverage().dropna(subset=["official_total"])
    wanted: dict[str, list[tuple[int, int]]] = {}
    for row in coverage.itertuples():
        if row.covered < row.official_total:
            wanted.setdefault(PAGE_OF[row.table], []).append((row.covered, row.official_total))
    for row in data.gi_coverage().dropna(subset=["official_total"]).itertuples():
        wanted["gi"].append((row.covered, row.official_total))
    assert set(wanted) == {"gi", "patents", "projects", "map"}
    for page, pairs in wanted.items():
        texts = page_texts(page)
        for n, total in pairs:
            assert [s for s in texts if f"{n:,} of" in s and f"{total:,}" in s], (page, n, total)
