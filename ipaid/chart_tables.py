"""The data behind a chart as readers see it: the page's "show as table" (a chart's text alternative), its CSV and
XLSX downloads and the press kit's CSVs. Headers in the reader's language, codes replaced by the names the chart
shows, and the chart's drawing aids left out (a bar's start, a label's side, a share also given in per cent).

Before, a Chinese page showed `province | count | label` and the codes behind the names (`agri_product_gi`).
"""

from __future__ import annotations

import pandas as pd

from ipaid.i18n import TABLE_COLUMNS, label

# A column of names (the chart's labels, in the reader's language) → the column of codes it stands for.
NAMES = {
    "type_label": ("gi_type",),
    "timing_label": ("timing",),
    "label": ("province", "category", "gi_type", "area_id", "group"),
}
AIDS = {"start", "above", "more_than", "share"}  # drawn, not read: the bar's start, a label's side, "more than"
# is in `text`, `share` is `pct` / 100


def reader_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """`frame` (a chart's data) for readers in `lang`. A frame with a column not named here is returned as it is:
    a table already made for readers, or a dataset's own rows (the map's counties, both names of each)."""
    if not set(frame.columns) <= {*TABLE_COLUMNS, *NAMES, *AIDS}:
        return frame
    out = frame.drop(columns=[c for c in AIDS if c in frame.columns and (c != "share" or "pct" in frame.columns)])
    for names, codes in NAMES.items():
        code = next((c for c in codes if c in out.columns), None)
        if names in out.columns and code:  # the names take the codes' place
            order = [names if c == code else c for c in out.columns if c != names]
            out = out[order].rename(columns={names: code})
    whole = [c for c in out.columns if pd.api.types.is_float_dtype(out[c]) and (out[c].dropna() % 1 == 0).all()]
    out = out.astype(dict.fromkeys(whole, "Int64"))  # 120000000, not 1.2e+08 or 120000000.0
    return out.rename(columns={c: label(TABLE_COLUMNS, c, lang) for c in out.columns})
