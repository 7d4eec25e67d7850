"""Tables meant to show all their rows are tall enough for them at both text sizes."""

from ipaid import ui


def test_a_table_fits_its_header_and_rows_at_both_text_sizes():
    # measured in Chromium (the map's drill panel, Hunan's 14 prefectures): rows and header 35 px at the normal
    # text size, 44 px with large text (root font 20 px), plus 2 px of border
    for large, row in ((False, 35), (True, 44)):
        for rows in (1, 14):
            need = row * (rows + 1) + 2
            assert need <= ui.table_height(rows, large) < need + row / 2  # all rows, and no blank one under them


def test_the_drill_tables_place_column_fits_the_longest_name():
    """Hunan's prefectures at 1024 px: "湘西土家族苗族自治州" was cut when the four columns shared the width evenly."""
    import json

    from streamlit.testing.v1 import AppTest

    for lang, large in (("zh", False), ("zh", True), ("en", False)):
        at = AppTest.from_file("../app.py", default_timeout=120)
        at.query_params.update({"province": "湖南省", "lang": lang, **({"text": "large"} if large else {})})
        at.switch_page("pages/map.py").run()
        (table,) = [d for d in at.dataframe if "drill_rows" in (d.proto.id or "")]
        names = table.value.iloc[:, 0].tolist()
        config = json.loads(table.proto.columns)
        width = config[table.value.columns[0]]["width"]
        longest = max(sum(14 if ord(c) > 0x2E7F else 5 for c in n) for n in names)  # a Latin letter: 5 px at least
        assert width >= longest * (1.25 if large else 1.0) + 16, (lang, large, width, longest)
        assert width <= 240 * (1.25 if large else 1.0), "leaves the other three columns room at 1024 px"
