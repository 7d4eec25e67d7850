"""Exit-year playback: counts per year, county states, the map's colour accessor, and the press animation."""

import json
import re
import shutil
import subprocess
from xml.etree import ElementTree

import imageio.v3 as iio
import numpy as np
import pandas as pd
import pytest

from ipaid import animation, data, export, maps, palette
from ipaid.filters import Filters
from ipaid.paths import DATA_DIR
from ipaid.playback import YEARS, count_text, fill_expression, parse_year, state_of, year_counts

# Counties removed from the national poverty list per year, as announced (CPAD and the provinces; the SCIO
# press conference of 2020-11-23: all 832 out of poverty). Published truth, not a copy of our output.
OFFICIAL = {2016: 28, 2017: 125, 2018: 283, 2019: 344, 2020: 52}
NINGXIA = Filters(provinces=("宁夏回族自治区",))


def test_national_counts_are_the_official_batches():
    counts = year_counts(Filters())
    figures = data.load_figures()
    assert counts["exited"].tolist() == [int(figures.at[f"exited_{y}", "value"]) for y in YEARS]
    assert dict(zip(counts["year"], counts["exited"])) == OFFICIAL
    assert counts["cumulative"].iloc[-1] == int(figures.at["national_poverty_counties", "value"])
    assert counts["remaining"].tolist() == [832 - 28, 832 - 153, 832 - 436, 52, 0]


@pytest.mark.parametrize(
    "f",
    [
        Filters(areas=("wuling",)),
        Filters(provinces=("湖南省",)),
        Filters(provinces=("湖南省",), areas=("wuling",)),
        Filters(areas=("tibet", "liupan")),
    ],
)
def test_place_counts_match_a_pandas_computation(f):
    counties = pd.read_csv(DATA_DIR / "counties.csv", dtype=str)
    members = pd.read_csv(DATA_DIR / "area_members.csv", dtype=str)[["adcode_listed", "area_id"]]
    rows = counties.merge(members, on="adcode_listed", how="left")
    keep = pd.Series(True, index=rows.index)
    if f.provinces:
        keep &= rows["province"].isin(f.provinces)
    if f.areas:
        keep &= rows["area_id"].isin(f.areas)
    chosen = rows[keep]
    per_year = chosen["exit_year"].astype(int).value_counts()
    got = year_counts(f).set_index("year")
    assert len(chosen) > 0 and got["exited"].sum() == len(chosen)
    running = 0
    for year in YEARS:
        running += int(per_year.get(year, 0))
        assert got.at[year, "exited"] == per_year.get(year, 0)
        assert (got.at[year, "cumulative"], got.at[year, "remaining"]) == (running, len(chosen) - running)


def test_product_filters_do_not_change_the_counts():
    with_product = year_counts(Filters(provinces=("湖南省",), categories=("tea",)))
    pd.testing.assert_frame_equal(with_product, year_counts(Filters(provinces=("湖南省",))))


def test_county_states_in_a_year():
    counties = data.all_counties()
    states = pd.Series([state_of(y, 2018) for y in counties["exit_year"].where(counties["poverty"])])
    years = counties["exit_year"]
    poor = counties["poverty"]
    assert (states == "exited").sum() == (poor & (years == 2018)).sum() == 283
    assert (states == "earlier").sum() == 28 + 125
    assert (states == "poor").sum() == (poor & (years > 2018)).sum()
    assert (states == "not").sum() == (~poor).sum()
    assert state_of(None, 2018) == "not" and state_of(2020, 2020) == "exited"


def test_year_from_a_link():
    assert parse_year("2018") == 2018 and parse_year(" 2020 ") == 2020
    assert [parse_year(v) for v in ("2015", "2021", "abc", "", None, "2018.5")] == [None] * 6


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run the accessor as JavaScript")
def test_the_map_accessor_colours_like_state_of():
    """The deck.gl accessor is JavaScript: run it on county properties as the served files have them."""
    cases = [{"exit": y} for y in YEARS] + [{"exit": "—"}]
    calls = ",".join(f"...cases.map((properties) => ({fill_expression(year)}))" for year in YEARS)
    script = f"const cases = {json.dumps(cases, ensure_ascii=False)}; console.log(JSON.stringify([{calls}]));"
    colours = json.loads(subprocess.run(["node", "-e", script], capture_output=True, check=True, text=True).stdout)
    expected = [
        list(palette.PLAYBACK_COLORS[state_of(None if c["exit"] == "—" else c["exit"], year)])
        for year in YEARS
        for c in cases
    ]
    assert colours == expected


def test_a_year_step_changes_only_the_colours():
    """Same served boundary files as the other measures (no new download), no GI markers, other colours."""
    plain = json.loads(maps.build_deck(Filters(), "exit", "en").to_json())
    step = json.loads(maps.build_deck(Filters(), "exit", "en", fill=fill_expression(2018), markers=False).to_json())
    urls = {layer["id"]: layer.get("data") for layer in plain["layers"] if isinstance(layer.get("data"), str)}
    assert urls and all(layer.get("data") == urls[layer["id"]] for layer in step["layers"] if layer["id"] in urls)
    counties = next(layer for layer in step["layers"] if layer["id"] == "counties")
    assert counties["getFillColor"] == "@@=" + fill_expression(2018)
    assert (
        counties["updateTriggers"]["getFillColor"]
        != next(layer for layer in plain["layers"] if layer["id"] == "counties")["updateTriggers"]["getFillColor"]
    )
    assert not [layer for layer in step["layers"] if layer["id"].startswith("gi-")]


@pytest.fixture(scope="module")
def built():
    """The press files for Ningxia (small, so the module stays quick) and the frames' Vega spec."""
    return animation.animation(NINGXIA, "en", "Filters: Ningxia"), animation.vega_spec(
        NINGXIA, "en", "Filters: Ningxia"
    )


def texts(svg: str) -> list[str]:
    root = ElementTree.fromstring(svg)
    return ["".join(el.itertext()) for el in root.iter("{http://www.w3.org/2000/svg}text")]


def test_each_frame_spec_shows_its_year_stamp_and_count(built):
    _, spec = built
    counts = year_counts(NINGXIA)
    for year in YEARS:
        shown = texts(export._vlc().vega_to_svg(animation.frame_spec(spec, year)))
        assert str(year) in shown and count_text(counts, year, "en") in shown
        assert not {str(y) for y in YEARS if y != year} & set(shown)
        assert f"Exited in {year}" in shown


def test_gif_has_one_frame_per_year_in_order(built):
    files, spec = built
    frames = iio.imread(files["gif"], index=None, extension=".gif")
    assert frames.shape[0] == len(YEARS)
    references = [animation.png_frame(export.vega_png(animation.frame_spec(spec, y), scale=1.0)) for y in YEARS]
    for i, frame in enumerate(frames):
        rgb = frame[..., :3].astype(int)
        diffs = [np.abs(rgb[: r.shape[0], : r.shape[1]] - r).mean() for r in references]
        assert int(np.argmin(diffs)) == i, diffs
        assert diffs[i] < 2


def test_mp4_reads_back_with_five_frames(built):
    files, _ = built
    assert files["mp4"][4:8] == b"ftyp"
    frames = iio.imread(files["mp4"], index=None, extension=".mp4", plugin="FFMPEG")
    gif = iio.imread(files["gif"], index=None, extension=".gif")
    assert frames.shape[0] == len(YEARS) and frames.shape[1:3] == gif.shape[1:3]


def test_small_multiples_have_five_year_panels(built):
    files, _ = built
    spec = animation.multiples_chart(NINGXIA, "zh").to_dict()
    panels = spec["hconcat"]
    assert [p["title"]["text"] for p in panels] == [str(y) for y in YEARS]
    counts = year_counts(NINGXIA).set_index("year")
    assert panels[2]["title"]["subtitle"] == f"摘帽{counts.at[2018, 'exited']}个，累计{counts.at[2018, 'cumulative']}个"
    image = animation.png_frame(files["png"])
    assert image.shape[1] >= 1.5 * len(YEARS) * animation.PANEL[0]


def run_map(**params):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file("../app.py", default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page("pages/map.py").run()
    assert not at.exception, ["".join(e.stack_trace or [e.value]) for e in at.exception]
    return at


def deck_fill(at) -> set[str]:
    """The fill accessors of the deck's layers; a place filter's (`maps.place_fill`) as its colouring branch."""
    deck = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    fills = {layer["getFillColor"] for layer in deck["layers"] if "getFillColor" in layer}
    return {re.sub(r"^@@=.+? \? \((.*)\) : \[255, 255, 255\]$", r"@@=\1", fill) for fill in fills}


def test_playback_opens_at_the_linked_year_and_steps_with_the_slider():
    wuling = Filters(areas=("wuling",))
    at = run_map(measure="playback", year="2018", lang="en", area="wuling")
    shown = " ".join(m.value for m in at.markdown)
    assert count_text(year_counts(wuling), 2018, "en") in shown
    assert deck_fill(at) == {"@@=" + fill_expression(2018)}
    at.select_slider(key="year").set_value(2019).run()
    assert count_text(year_counts(wuling), 2019, "en") in " ".join(m.value for m in at.markdown)
    assert deck_fill(at) == {"@@=" + fill_expression(2019)}
    assert at.query_params["year"] in ("2019", ["2019"])
    chart = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert chart["description"] == count_text(year_counts(wuling), 2019, "en"), "the chart's accessible name"
    at.toggle(key="table_play_chart").set_value(True).run()
    table = at.dataframe[0].value
    members = data.load_counties().query("area_id == 'wuling'")
    assert table.iloc[:, 1].tolist() == [int((members["exit_year"] == y).sum()) for y in YEARS]
    assert table.columns[3] == "Still poor" and table.iloc[-1, 3] == int(members["exit_year"].isna().sum())


def test_a_bad_year_in_the_link_is_named_and_the_first_year_shown():
    at = run_map(measure="playback", year="1999")
    assert any("1999" in w.value for w in at.warning)
    assert at.session_state["year"] == YEARS[0]


def test_a_repeated_year_in_the_link_takes_the_first_good_one():
    at = run_map(measure="playback", year=["abc", "2018", "2019"], lang="en")
    assert at.session_state["year"] == 2018
    assert [w.value for w in at.warning if "abc" in w.value] and not [w for w in at.warning if "2019" in w.value]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_playback_shows_no_ui_string_of_the_other_language(lang):
    """As `test_app`'s check for every page, with the playback view open."""
    from tests.test_app import shown_texts, ui_strings

    pairs, keys = ui_strings()
    other = {zh if lang == "en" else en for en, zh in pairs if en != zh}
    at = run_map(measure="playback", year="2018", lang=lang)
    for kind, text in shown_texts(at):
        assert text.strip() not in other, (kind, text)
        assert lang == "zh" or not [s for s in other if len(s) >= 4 and s in text], (kind, text)
        assert text.strip() not in keys, (kind, text)


@pytest.mark.parametrize("measure", ["area", "playback"])
def test_a_bad_year_in_the_link_is_named_on_the_map_whatever_its_colouring(measure):
    """`/map?year=abc` said nothing and kept the year in the link (only the playback checked its year)."""
    from streamlit.testing.v1 import AppTest

    from ipaid.i18n import t

    at = AppTest.from_file("../app.py", default_timeout=120)
    at.query_params.update(year="abc", lang="en", measure=measure)
    at.switch_page("pages/map.py").run()
    assert not at.exception
    warnings = [w.value.replace("\\", "") for w in at.warning]
    assert warnings == [f"Ignored an unknown {t('year_param', 'en')} in the link: 'abc' (?year=)"]
    assert "year" not in at.query_params
