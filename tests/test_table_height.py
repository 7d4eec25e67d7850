"""Tables meant to show all their rows are tall enough for them at both text sizes."""

from ipaid import ui


def test_a_table_fits_its_header_and_rows_at_both_text_sizes():
    # measured in Chromium (the map's drill panel, Hunan's 14 prefectures): rows and header 35 px at the normal
    # text size, 44 px with large text (root font 20 px), plus 2 px of border
    for large, row in ((False, 35), (True, 44)):
        for rows in (1, 14):
            need = row * (rows + 1) + 2
            assert need <= ui.table_height(rows, large) < need + row / 2  # all rows, and no blank one under them
