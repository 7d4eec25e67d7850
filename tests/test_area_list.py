"""Loading the official area list: published layout and CSV, names to listed codes, adds, conflicts, unresolved lines.

The lists below are TEST INPUT written by hand (real county names, memberships chosen for the test), not data.
"""

from __future__ import annotations

import pandas as pd
import pytest

from ipaid import area_list, data, store, upload
from ipaid.auth import Steward
from ipaid.schema import DataError
from test_store import csv, isolated_store, shipped  # noqa: F401  (autouse fixture)

TODAY = pd.DataFrame(  # today's sourced rows for these tests: 南江县 is in Qinba
    [
        ("510524", "叙永县", "四川省", "wumeng", "src A"),
        ("510525", "古蔺县", "四川省", "wumeng", "src B"),
        ("511922", "南江县", "四川省", "qinba", "src C"),
        ("340422", "寿县", "安徽省", "dabie", "src D"),
        ("341225", "阜南县", "安徽省", "dabie", "src E"),
    ],
    columns=["adcode_listed", "name_listed", "province", "area_id", "source"],
)

PUBLISHED = """全国连片特困地区分县名单
（一）乌蒙山区（38个县）
四川省：叙永县、古蔺县、沐川、马边彝族自治县、南江县
云南省: 会泽县，镇雄县、彝梁县

1. 大别山区
安徽省 ： 寿县、阜南县、临泉县、潜山市
燕山-太行山区
河北省：崇礼区、张北县、康保县、蔚县、张北
吕梁山去
山西省：兴县
"""

STEWARD = Steward("tester", "local")


@pytest.fixture(autouse=True)
def today():
    upload.accept("area_members", csv(TODAY), "today.csv", "test setup", steward=STEWARD)


def codes(frame: pd.DataFrame) -> list[str]:
    return sorted(frame["adcode_listed"])


def test_published_layout_gives_adds_conflicts_and_unresolved_lines():
    result = area_list.prepare(PUBLISHED.encode(), "list.txt")
    # 沐川 without suffix, 潜山市 and 崇礼区 by their current names, 张北 (a second time) ignored as a duplicate
    assert codes(result.added) == sorted(
        ["511129", "511133", "530326", "530627", "341221", "340882", "130709", "130722", "130723", "130726"]
    )
    assert result.added.set_index("adcode_listed").at["511129", "line"] == 3
    [conflict] = result.conflicts.to_dict("records")
    assert (
        conflict["line"],
        conflict["adcode_listed"],
        conflict["area_id"],
        conflict["area_id_current"],
        conflict["source_current"],
    ) == (3, "511922", "wumeng", "qinba", "src C")
    assert result.unresolved[["line", "text"]].values.tolist() == [[4, "彝梁县"], [11, "山西省：兴县"]]
    assert result.duplicates[["line", "adcode_listed", "first_line"]].values.tolist() == [[9, "130722", 9]]
    assert result.skipped["line"].tolist() == [1, 10]  # the title, and a misspelt heading (its lines go nowhere)
    counts = result.per_area.set_index("area_id")
    assert counts.loc[["wumeng", "dabie", "yanshan_taihang"], "listed"].tolist() == [7, 4, 4]
    assert counts.at["wumeng", "status"] == "partial" and not result.complete
    assert not result.usable
    with pytest.raises(DataError):
        area_list.write(result, "国务院扶贫办《全国连片特困地区分县名单》(2012-06)", "list.txt", steward=STEWARD)
    assert store.versions("area_members")[0].note == "test setup"


def test_a_clean_list_becomes_a_version_with_the_stated_source():
    text = "\n".join(line for line in PUBLISHED.splitlines() if "彝梁" not in line and "兴县" not in line)
    result = area_list.prepare(text.replace("蔚县、张北", "蔚县").encode(), "list.txt")
    assert result.usable
    source = "国务院扶贫办《全国连片特困地区分县名单》(2012-06)"
    version = area_list.write(result, source, "list.txt", "official list", steward=STEWARD)
    assert store.current_id("area_members") == version
    members = data.load_area_members().set_index("adcode_listed")
    assert len(members) == len(TODAY) + 8  # the Yunnan line is left out: 8 adds; 南江县 moves, it is not added
    assert members.at["511922", "area_id"] == "wumeng" and members.at["511922", "source"] == source
    assert members.at["510524", "source"] == f"{source}; src A"  # agreed: the earlier source is kept after it
    assert members.at["341221", "source"] == source


def test_csv_lists_by_code_name_id_or_english_name():
    raw = (
        "area,province,county\n"
        "wumeng,四川省,510524\n"
        "Dabie Mountain Area,安徽,临泉县\n"
        "大别山区,安徽省,510525\n"  # a Sichuan code under Anhui
        "Nowhere,安徽省,寿县\n"
    ).encode()
    result = area_list.prepare(raw, "list.csv")
    assert codes(result.rows) == ["341221", "510524"]
    assert result.unresolved["line"].tolist() == [4, 5]
    assert "Nowhere" in result.unresolved.iloc[1]["problem"]


def test_names_resolve_within_their_province_only():
    assert area_list.resolve_county("叙永", "四川省") == ("510524", "")
    assert area_list.resolve_county("崇礼区", "河北省") == ("130709", "")
    assert area_list.resolve_county("叙永县", "云南省")[0] is None
    assert area_list.resolve_area("Liupan") == area_list.resolve_area("六盘山片区") == "liupan"
    assert area_list.resolve_province("广西") == "广西壮族自治区"


def test_the_data_page_previews_and_stores_a_pasted_list():
    from test_upload import ACCOUNTS, data_page, sign_in

    at = sign_in(data_page(ACCOUNTS))
    at.text_area(key="al_text_0").input(PUBLISHED).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["新增"], metrics["矛盾"], metrics["无法识别"], metrics["重复"]) == ("10", "1", "2", "1")
    shown = pd.concat([d.value for d in at.dataframe], ignore_index=True).astype(str).to_string()
    assert "彝梁县" in shown and "云南省没有名为“彝梁县”的贫困县" in shown
    assert "src C" in shown and "38个中的7个" in shown
    assert at.button(key="al_confirm").disabled
    clean = "\n".join(line for line in PUBLISHED.splitlines() if "彝梁" not in line and "兴县" not in line)
    at.text_area(key="al_text_0").input(clean.replace("蔚县、张北", "蔚县")).run()
    assert at.button(key="al_confirm").disabled  # no source named yet
    at.text_input(key="al_source_0").input("国务院扶贫办《全国连片特困地区分县名单》(2012-06)").run()
    at.button(key="al_confirm").click().run()
    assert not at.exception and at.success
    assert store.current_id("area_members") == store.versions("area_members")[0].id
    assert data.load_area_members().set_index("adcode_listed").at["511922", "area_id"] == "wumeng"


def test_the_same_list_pasted_again_after_storing_it_is_no_conflict_with_oneself():
    """The pasted text is the preview's id: after a steward stores a list, pasting the same text again is a new
    preview against the version now current, not a conflict with the steward's own write."""
    from test_upload import ACCOUNTS, data_page, sign_in

    at = sign_in(data_page(ACCOUNTS))
    clean = "\n".join(line for line in PUBLISHED.splitlines() if "彝梁" not in line and "兴县" not in line)
    clean, before = clean.replace("蔚县、张北", "蔚县"), len(store.versions("area_members"))
    for gen in (0, 1):
        at.text_area(key=f"al_text_{gen}").input(clean).run()
        at.text_input(key=f"al_source_{gen}").input("国务院扶贫办《全国连片特困地区分县名单》(2012-06)").run()
        at.button(key="al_confirm").click().run()
        assert not at.exception and not at.warning, [w.value for w in at.warning]
        assert at.success and len(store.versions("area_members")) == before + gen + 1


def test_a_complete_list_in_the_published_layout_resolves_every_name():
    from test_consistency import complete_members

    members, areas = complete_members(), data.load_areas().set_index("area_id")
    lines = []
    for area, group in members.groupby("area_id"):
        lines.append(f"{len(lines) + 1}. {areas.at[area, 'name_zh']}（{areas.at[area, 'county_count']}个县）")
        lines += [f"{province}：" + "、".join(rows["name_listed"]) for province, rows in group.groupby("province")]
    result = area_list.prepare("\n".join(lines).encode(), "complete.txt")
    assert result.unresolved.empty and result.duplicates.empty and result.complete
    assert dict(zip(result.rows["adcode_listed"], result.rows["area_id"], strict=True)) == dict(
        zip(members["adcode_listed"], members["area_id"], strict=True)
    )
