"""Defects found by using the dashboard as a reader does (helper "sweep"): labels that name what is counted."""

import pytest
from streamlit.testing.v1 import AppTest

from ipaid import data
from ipaid.i18n import GI_TYPE, label
from ipaid.tables import ALL


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_overview_completeness_names_what_the_official_total_counts(lang):
    """A bar measured against an official total of one GI type names that type, not "GIs" (3,624 are listed)."""
    at = AppTest.from_file("../app.py", default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    texts = [p.proto.text for p in at.get("progress")]
    cov = data.coverage().set_index("table")
    for name, spec in ALL.items():
        if spec.counted and spec.counted[0] == "gi_type" and spec.total_figure:
            total = f"{int(cov.at[name, 'official_total']):,}"
            kind = label(GI_TYPE, spec.counted[1], lang)
            bar = [text for text in texts if f"/ {total}" in text]
            assert bar, texts
            assert all(text.startswith(kind) for text in bar), (bar, kind)  # "GI protection product(s): …"
