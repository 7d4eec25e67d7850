"""Printed briefs: what a county and an area brief say (from the data module), the embedded CJK font,
the area zip, unknown codes and the command line."""

import io
import re
import subprocess
import sys
import zipfile

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from ipaid import brief, data
from ipaid.filters import covers
from ipaid.i18n import t

SANGZHI = "430822"


def smallest_area() -> str:
    """The loaded area with the fewest loaded members (at least one), for speed."""
    sizes = data.load_counties().query("area_id != ''").groupby("area_id").size()
    return sizes.idxmin()


@pytest.fixture(scope="module")
def sangzhi_pdf() -> bytes:
    return brief.county_brief(SANGZHI, "zh")


@pytest.fixture(scope="module")
def area_pdf() -> bytes:
    return brief.area_brief(smallest_area(), "zh")


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_county_brief_says_name_exit_year_area_and_gis(sangzhi_pdf):
    county = data.load_counties().set_index("adcode_listed").loc[SANGZHI]
    gis = data.load_gis()
    own = gis[covers(gis, [county["boundary_adcode"]])]
    assert len(own) > 0
    text = flat(text_of(sangzhi_pdf))
    assert county["boundary_name"] in text
    assert flat(t("exit_year", "zh")) + str(int(county["exit_year"])) in text
    assert county["area_zh"] and county["area_zh"] in text
    for name in own["name_zh"]:
        assert name in text
    assert len(PdfReader(io.BytesIO(sangzhi_pdf)).pages) == 1


def test_area_brief_counts_the_loaded_members(area_pdf):
    area = smallest_area()
    members = data.load_counties().query("area_id == @area")
    official = int(data.load_areas().set_index("area_id").at[area, "county_count"])
    text = flat(text_of(area_pdf))
    found = re.search(re.escape(flat(t("members_loaded", "zh"))) + r"(\d+)", text)
    assert found and int(found.group(1)) == len(members)
    assert re.search(re.escape(flat(t("official_count", "zh"))) + r"(\d+)", text).group(1) == str(official)


def test_province_brief_counts_its_poverty_counties():
    counts = data.load_counties().groupby("province").size()
    province = counts.idxmin()  # the province with the fewest poverty counties, for speed
    text = flat(text_of(brief.province_brief(province, "en")))
    found = re.search(re.escape(flat(t("brief_poverty_counties", "en"))) + r"(\d+)", text)
    assert found and int(found.group(1)) == counts[province]


def embedded_fonts(pdf: bytes) -> list[tuple[str, TTFont | None]]:
    """(BaseFont, embedded font program read by fontTools, or None when not embedded) of every font used."""
    out = []
    for ref in PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/Font"].values():
        font = ref.get_object()
        desc = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        files = [desc["/FontDescriptor"].get(k) for k in ("/FontFile", "/FontFile2", "/FontFile3")]
        stream = next((f.get_object() for f in files if f is not None), None)
        out.append((str(font["/BaseFont"]), TTFont(io.BytesIO(stream.get_data())) if stream else None))
    return out


def test_pdf_embeds_noto_sans_cjk_with_the_chinese_glyphs(sangzhi_pdf):
    fonts = embedded_fonts(sangzhi_pdf)
    assert fonts and all(program is not None for _, program in fonts)  # nothing left to the viewer's fonts
    assert all("Noto-Sans-CJK" in name for name, _ in fonts)
    name_zh = data.load_counties().set_index("adcode_listed").at[SANGZHI, "boundary_name"]
    for _, program in fonts:
        assert program["name"].getDebugName(1) == "Noto Sans CJK SC"
    assert any(all(ord(c) in program.getBestCmap() for c in name_zh) for _, program in fonts)


def test_area_zip_has_one_pdf_per_member_county():
    area = smallest_area()
    members = data.load_counties().query("area_id == @area")
    seen = []
    archive = zipfile.ZipFile(io.BytesIO(brief.area_zip(area, "en", lambda i, n, name: seen.append((i, n)))))
    names = archive.namelist()
    assert sorted(n.split("-")[0] for n in names) == sorted(members["adcode_listed"])
    for n in names:
        assert archive.read(n).startswith(b"%PDF")
    assert seen[-1] == (len(members), len(members))


@pytest.mark.parametrize(
    ("make", "value", "lang", "key"),
    [
        (brief.county_brief, "999999", "en", "brief_unknown_county"),
        (brief.area_brief, "atlantis", "zh", "brief_unknown_area"),
        (brief.province_brief, "Atlantis", "en", "brief_unknown_province"),
    ],
)
def test_unknown_place_is_a_clear_error(make, value, lang, key):
    with pytest.raises(brief.BriefError) as raised:
        make(value, lang)
    assert str(raised.value) == t(key, lang, code=value)


def test_cli_writes_a_file_and_rejects_an_unknown_code(tmp_path):
    out = tmp_path / "sangzhi.pdf"
    assert brief.main(["--county", SANGZHI, "--lang", "en", "-o", str(out)]) == 0
    assert "Sangzhi" in text_of(out.read_bytes())
    run = subprocess.run(
        [sys.executable, "-m", "ipaid.brief", "--county", "999999", "-o", str(tmp_path / "x.pdf")],
        capture_output=True,
        text=True,
        cwd=brief.__file__.rsplit("/ipaid/", 1)[0],
    )
    assert run.returncode == 2
    assert t("brief_unknown_county", "zh", code="999999") in run.stderr
    assert "Traceback" not in run.stderr and not (tmp_path / "x.pdf").exists()


def test_profile_pages_offer_briefs_built_only_on_click(monkeypatch):
    from streamlit.testing.v1 import AppTest

    from ipaid import brief_ui

    built = []
    monkeypatch.setattr(brief_ui, "MAKERS", {k: lambda *a: built.append(a) or b"%PDF" for k in brief_ui.MAKERS})
    for params, label in (
        ({"county": SANGZHI, "lang": "en"}, t("brief_download", "en")),
        ({"area": smallest_area(), "province": ["湖南省"]}, t("brief_download", "zh")),
    ):
        at = AppTest.from_file("../app.py", default_timeout=120)
        for key, value in params.items():
            at.query_params[key] = value
        at.switch_page("pages/profiles.py").run()
        assert not at.exception
        labels = [b.proto.label for b in at.get("download_button")]
        assert labels.count(label) == 1, labels
    assert t("brief_province_download", "zh", name="湖南省") in labels
    assert built == []  # a page run builds no PDF: each is made when its button is clicked


def test_area_zip_button_builds_on_click_and_offers_the_zip(monkeypatch):
    from streamlit.testing.v1 import AppTest

    area = smallest_area()
    members = data.load_counties().query("area_id == @area")
    monkeypatch.setattr(brief, "county_brief", lambda code, lang: b"%PDF " + code.encode())
    at = AppTest.from_file("../app.py", default_timeout=120)
    at.query_params["area"] = area
    at.switch_page("pages/profiles.py").run()
    zip_label = t("brief_zip_download", "zh")
    assert zip_label not in [b.proto.label for b in at.get("download_button")]
    at.button(key=f"brief_zip_{area}").click().run()
    assert not at.exception
    offered = [b for b in at.get("download_button") if b.proto.label == zip_label]
    assert len(offered) == 1
    assert at.session_state["_brief_zip"][:2] == (area, "zh")
    archive = zipfile.ZipFile(io.BytesIO(at.session_state["_brief_zip"][2]))
    assert sorted(archive.read(n).decode()[5:] for n in archive.namelist()) == sorted(members["adcode_listed"])


def test_file_names_name_the_place_in_the_briefs_language():
    assert brief.file_name("province", "湖南省", "en") == "ipaid-brief-province-Hunan-en.pdf"
    assert brief.file_name("province", "湖南省", "zh") == "ipaid-brief-province-湖南省-zh.pdf"
    assert brief.file_name("area", "wuling", "en", "zip") == "ipaid-brief-area-wuling-en.zip"


def test_province_and_area_briefs_say_which_gis_they_count():
    """The brief counts the GIs of the place's poverty counties, fewer than the GI page shows for the province
    (Hunan: all its GIs): its label says so, not just "GIs"."""
    from ipaid.brief_content import area_content, province_content

    hunan = province_content("湖南省", "en")
    facts = dict(hunan.facts)
    assert t("gis", "en") not in facts
    assert int(facts[t("brief_gis_poor", "en")]) == len(hunan.gis)
    assert len(hunan.gis) < (data.load_gis()["province"] == "湖南省").sum()
    assert t("brief_gis_poor", "zh") in dict(area_content("wuling", "zh").facts)


def test_chinese_brief_writes_its_source_lines_with_chinese_punctuation(sangzhi_pdf):
    text = text_of(sangzhi_pdf)
    assert t("source_line", "zh", s="") in text  # 来源：
    assert f"{t('source', 'zh')}:" not in text


def test_locator_caption_sits_under_the_locator_map():
    """ "Small map: China's standard outline…" is printed under the small map, not under the province map."""
    from ipaid.brief_content import county_content

    html = brief._html(county_content(SANGZHI, "en"), "en", (b"place", b"locator"), 5, 5)
    caption = html.index(t("brief_locator", "en").replace("'", "&#x27;"))
    assert html.index('class="locator"') < caption < html.index('class="place"')


def test_an_english_brief_says_its_pinyin_names_are_readings():
    """English GI names without a source are pinyin ('Minxian Danggui'): the brief's GI table says so, and only
    where it shows such a name."""
    from ipaid.brief_content import county_content, province_content

    note = t("brief_pinyin_names", "en")
    gansu = province_content("甘肃省", "en")
    assert gansu.gis.head(9)["name_en_pinyin"].any()
    assert note in brief._gi_table(gansu, "en", 9)
    assert t("brief_pinyin_names", "zh") not in brief._gi_table(province_content("甘肃省", "zh"), "zh", 9)
    sangzhi = county_content(SANGZHI, "en")
    assert not sangzhi.gis.head(9)["name_en_pinyin"].any()  # its GIs' English names are all sourced
    assert note not in brief._gi_table(sangzhi, "en", 9)


@pytest.mark.parametrize(("lang", "expected"), [("zh", "2017年1个 · 2018年1个"), ("en", "2017: 1 · 2018: 1")])
def test_exit_years_of_a_brief_are_written_in_its_language(lang, expected):
    """The Chinese brief read "摘帽年份（县数） 2017: 1 · 2018: 1" (English colons), as the map panel did before."""
    from ipaid import brief_content

    for content in (brief_content.area_content("lvliang", lang), brief_content.province_content("山西省", lang)):
        facts = dict(content.facts)
        years = facts[t("brief_exit_years", lang)]
        assert (expected in years) if content.kind == "area" else bool(years), years
        assert (":" in years) == (lang == "en"), years
