"""The thin data module: every table the dashboard shows, read, validated and joined here.

Tables come from `data/` (version 0) or, for uploadable tables, from the current version in the
store. Results are cached per content signature, so a new upload or rollback is seen at once.
"""

from __future__ import annotations

import io
from functools import lru_cache, wraps

import pandas as pd

from ipaid import consistency, store
from ipaid.admin_index import county_index, known_refs
from ipaid.gi_names import spell_all
from ipaid.i18n import LANGS, first_of, listing
from ipaid.names import place_en
from ipaid.paths import DATA_DIR
from ipaid.schema import DataError, Problem, TableSpec, validate
from ipaid.tablefile import read_table_bytes
from ipaid.tables import ALL, UPLOADABLE

OPTIONAL = ("tisc", "press_facts", "gis", "area_members", "demo_zones", "projects")


def _current_version(name: str) -> store.Version | None:
    return store.current_version(name) if name in UPLOADABLE else None


ORIGIN = "version {v} ({file})"  # where a stored version comes from (a shipped table: data/<file>)


def table_source(name: str) -> tuple[str, str]:
    """(signature, where it comes from) of a table's current version; cheap: no table content is read, and
    inside `store.one_read_per_run` worked out once per run."""
    reads = store.run_reads()
    if reads is None:
        return _table_source(name)
    key = ("table_source", name)
    if key not in reads:
        reads[key] = _table_source(name)
    return reads[key]


def _table_source(name: str) -> tuple[str, str]:
    spec = ALL[name]
    version = _current_version(name)
    if version:
        return f"{store.location()}:v{version.id}", ORIGIN.format(v=version.id, file=version.filename)
    path = DATA_DIR / spec.file
    if not path.exists():
        return "absent", f"data/{spec.file}"
    stat = path.stat()
    return f"{stat.st_mtime_ns}-{stat.st_size}", f"data/{spec.file}"


def current_bytes(name: str) -> bytes | None:
    """The current version of a table as stored (an uploaded version, else the shipped file; None if absent)."""
    version = _current_version(name)
    if version:
        return store.version_content(version.id)
    path = DATA_DIR / ALL[name].file
    return path.read_bytes() if path.exists() else None


def parse_table(raw: bytes, spec: TableSpec, file: str) -> pd.DataFrame:
    """Bytes → validated DataFrame (strings, int columns typed); DataError names file, line and column."""
    return validate(read_table_bytes(raw, file), spec, file, known_refs())


@lru_cache(maxsize=64)
def _load(name: str, signature: str) -> pd.DataFrame:
    spec = ALL[name]
    raw = current_bytes(name)
    if raw is None:
        if name in OPTIONAL:
            return spec.empty()
        raise DataError([Problem(f"data/{spec.file}", None, None, "file is missing")])
    return parse_table(raw, spec, table_source(name)[1])


def by_signature(*tables: str):
    """Cache a derived table (per arguments, e.g. a language) until one of `tables` changes (new upload,
    rollback, edited file)."""

    def wrap(build):
        cached = lru_cache(maxsize=8)(lambda signature, *args: build(*args))

        @wraps(build)
        def current(*args):
            return cached(tuple(table_source(t)[0] for t in tables), *args)

        current.cache_clear = cached.cache_clear
        return current

    return wrap


def load_table(name: str) -> pd.DataFrame:
    """A validated table by name (see `ipaid.tables.ALL`); callers must not mutate the result."""
    return _load(name, table_source(name)[0])


def load_areas() -> pd.DataFrame:
    return load_table("areas")


@by_signature("figures")
def load_figures() -> pd.DataFrame:
    """Indexed once per version: a page asks for single figures dozens of times a run."""
    return load_table("figures").set_index("figure", drop=False)


def load_designated() -> pd.DataFrame:
    """CNIPA's designated counties, each checked to be one of the 832 poverty counties."""
    return _checked("designated")


def load_tisc() -> pd.DataFrame:
    return load_table("tisc")


def load_press_facts() -> pd.DataFrame:
    return load_table("press_facts")


def facts_naming(facts: pd.DataFrame, name_zh: str, name_en: str) -> pd.DataFrame:
    """The rows of `facts` (press statements) that name a county: its Chinese stem (桑植县 → 桑植) or the first word
    of its English name (Sangzhi County → Sangzhi, any case)."""
    return facts[
        facts["text_zh"].str.contains(name_zh[:2], regex=False)
        | facts["text_en"].str.contains(name_en.split()[0], case=False, regex=False)
    ]


@by_signature(*consistency.TABLES)
def cross_problems() -> dict[str, list[Problem]]:
    """Problems between the current tables (`ipaid.consistency`), by the table blamed; unreadable ones are left out."""
    tables, files = {}, {}
    for name in consistency.TABLES:
        try:
            tables[name], files[name] = load_table(name), table_source(name)[1]
        except DataError:
            pass
    return consistency.problems(tables, files)


def _checked(name: str) -> pd.DataFrame:
    """A table that must also agree with the tables it refers to; DataError otherwise."""
    table = load_table(name)
    found = cross_problems().get(name)
    if found:
        raise DataError(found)
    return table


def load_demo_zones() -> pd.DataFrame:
    return load_table("demo_zones")


def load_projects() -> pd.DataFrame:
    return load_table("projects")


def load_area_members() -> pd.DataFrame:
    """Area membership, checked against the poverty counties and each area's official count."""
    return _checked("area_members")


@by_signature("counties", "areas", "area_members")
def load_counties() -> pd.DataFrame:
    """The 832 poverty counties with their contiguous area (if any) and English names."""
    counties = load_table("counties").copy()
    areas = load_areas()[["area_id", "name_zh", "name_en"]].rename(columns={"name_zh": "area_zh", "name_en": "area_en"})
    members = load_area_members()[["adcode_listed", "area_id"]]
    counties = counties.merge(members, on="adcode_listed", how="left").merge(areas, on="area_id", how="left")
    counties[["area_id", "area_zh", "area_en"]] = counties[["area_id", "area_zh", "area_en"]].fillna("")
    counties["name_en"] = counties["boundary_name"].map(place_en)
    counties["province_en"] = counties["province"].map(place_en)
    return counties


@by_signature("gis")
def load_gis() -> pd.DataFrame:
    """GIs with English fallbacks (pinyin in words: `gi_names`) and their county codes as lists."""
    gis = load_table("gis").copy()
    gis["name_en_pinyin"] = gis["name_en"] == ""  # none in the data file: the dashboard's pinyin reading instead
    gis["name_en"] = gis["name_en"].where(~gis["name_en_pinyin"], spell_all(gis["name_zh"]))
    gis["province_en"] = gis["province"].map(place_en)
    gis["counties"] = gis["county_adcodes"].map(lambda s: [c.strip() for c in s.split(";") if c.strip()])
    return gis


def gi_county_links(gis: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per (GI, county it covers), for `gis` (default: all GIs)."""
    gis = load_gis() if gis is None else gis
    links = gis[["gi_id", "name_zh", "name_en", "category", "gi_type", "counties"]].explode("counties")
    return links.dropna(subset=["counties"]).rename(columns={"counties": "adcode"})


def gi_summary(gis: pd.DataFrame | None = None, first: int = 5) -> pd.DataFrame:
    """Per county: how many of `gis` it has, their names (Chinese and English), and the `first` few names with
    "+N more" for tooltips (`gi_first_zh`, `gi_first_en`); indexed by adcode."""
    links = gi_county_links(gis)
    grouped = links.groupby("adcode")
    names = {lang: grouped["name_zh" if lang == "zh" else "name_en"].agg(lambda s: sorted(set(s))) for lang in LANGS}
    out = pd.DataFrame({"gi_count": grouped["gi_id"].nunique()})
    for lang, lists in names.items():
        out[f"gi_names_{lang}"] = lists.map(lambda items, lang=lang: listing(items, lang))
        out[f"gi_first_{lang}"] = lists.map(lambda items, lang=lang: first_of(items, lang, first))
    return out


@by_signature("counties", "areas", "area_members", "gis")
def all_counties() -> pd.DataFrame:
    """All 2,875 county-level units with poverty status, exit year, area and GI count."""
    idx = county_index()[["adcode", "name", "prefecture", "province"]].copy()
    poor = load_counties().drop_duplicates("boundary_adcode")
    cols = ["boundary_adcode", "adcode_listed", "exit_year", "area_id", "area_zh", "area_en", "region"]
    out = idx.merge(poor[cols], left_on="adcode", right_on="boundary_adcode", how="left").drop(
        columns="boundary_adcode"
    )
    out["poverty"] = out["adcode_listed"].notna()
    for col in ("adcode_listed", "area_id", "area_zh", "area_en", "region"):
        out[col] = out[col].fillna("")
    summary = gi_summary()
    out["gi_count"] = out["adcode"].map(summary["gi_count"]).fillna(0).astype(int)
    for col in ("gi_names_zh", "gi_names_en", "gi_first_zh", "gi_first_en"):
        out[col] = out["adcode"].map(summary[col]).fillna("")
    out["name_en"] = out["name"].map(place_en)
    out["province_en"] = out["province"].map(place_en)
    return out


def figure(name: str) -> pd.Series:
    """One headline figure row: value, unit, qualifier, as_of, source."""
    return load_figures().loc[name]


def figure_number(name: str) -> str:
    """A headline figure quoted in prose ('51', '2,385'), from data/figures.csv."""
    return f"{int(figure(name)['value']):,}"


@by_signature(*ALL)
def coverage() -> pd.DataFrame:
    """Each dataset: rows, where it comes from, the official total it is measured against, and how many
    of its rows that total counts (`covered`: e.g. only GI protection products approved by 2020 count towards
    the 2,385 of Oct 2020; `later`: those of the counted kind that postdate it; `undated`: covered rows with no
    year, counted as of the total's date because nothing dates them later). Once per data version."""
    try:
        figures = load_figures()
    except DataError:  # the other tables are still listed (and can be rolled back)
        figures = pd.DataFrame(columns=["value"])
    rows = []
    for name, spec in ALL.items():
        try:
            table = load_table(name)
            n, error = len(table), ""
            counted = table[spec.counted[0]] == spec.counted[1] if spec.counted else pd.Series(True, table.index)
            year = table[spec.counted_until[0]] if spec.counted_until else pd.Series(0, table.index)
            later = year.gt(spec.counted_until[1] if spec.counted_until else 0).fillna(False).astype(bool)
            covered, after = int((counted & ~later).sum()), int((counted & later).sum())
            undated = int((counted & year.isna()).sum())
            if name in consistency.TABLES and cross_problems().get(name):
                error = str(DataError(cross_problems()[name]))
        except DataError as exc:
            n, covered, after, undated, error = 0, 0, 0, 0, str(exc)
        total = int(figures.at[spec.total_figure, "value"]) if spec.total_figure in figures.index else None
        rows.append(
            {
                "table": name,
                "file": spec.file,
                "label_en": spec.label.get("en", name),
                "label_zh": spec.label.get("zh", name),
                "counted_en": spec.counted_label.get("en") or spec.label.get("en", name),
                "counted_zh": spec.counted_label.get("zh") or spec.label.get("zh", name),
                "rows": n,
                "covered": covered,
                "later": after,
                "undated": undated,
                "official_total": total,
                "origin": table_source(name)[1],
                "error": error,
            }
        )
    out = pd.DataFrame(rows)
    out["official_total"] = out["official_total"].astype("Int64")
    return out


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    buf = io.StringIO()
    df.to_csv(buf, index=False)
    return buf.getvalue().encode("utf-8")


def coverage_by_area(lang: str) -> pd.DataFrame:
    """Each contiguous area (its name in `lang`): official county count and how many members are loaded."""
    counts = consistency.area_counts(load_area_members(), load_areas())
    return pd.DataFrame(
        {
            "area_id": counts["area_id"],
            "name": counts["name_en" if lang == "en" else "name_zh"],
            "official": counts["official"],
            "loaded": counts["listed"],
        }
    )


# GI types and the official total each is measured against (figure, the last year that total counts).
GI_TOTALS = {
    "gi_protection_product": ("gi_protection_products", 2020),
    "agri_product_gi": ("agri_product_gis_2008_2022", 2022),
    "gi_certification_trademark": ("gi_trademarks", 2020),
    "gi_collective_trademark": ("gi_trademarks", 2020),
}


@by_signature("gis", "figures")
def gi_coverage() -> pd.DataFrame:
    """Per GI type: rows loaded, how they are placed (county, prefecture, province, unplaced), and the official
    total (`official_total`, counting only rows up to the total's year as `covered`). Once per data version (the GI
    page shows it on every run; do not mutate)."""
    gis, figures = load_gis(), load_figures()
    rows = []
    for gi_type, part in gis.groupby("gi_type"):
        figure, until = GI_TOTALS.get(gi_type, (None, None))
        levels = part["place_level"].replace("", "unplaced").value_counts()
        covered = int((part["year_approved"].isna() | part["year_approved"].le(until)).sum()) if until else None
        rows.append(
            {
                "gi_type": gi_type,
                "rows": len(part),
                **{f"placed_{k}": int(levels.get(k, 0)) for k in ("county", "prefecture", "province", "unplaced")},
                "covered": covered,
                "official_total": int(figures.at[figure, "value"]) if figure else None,
                "sources": part["source"].str.split(" | ", regex=False).explode().str.strip().nunique(),
            }
        )
    out = pd.DataFrame(rows)
    out["official_total"] = out["official_total"].astype("Int64")
    out["covered"] = out["covered"].astype("Int64")
    return out
