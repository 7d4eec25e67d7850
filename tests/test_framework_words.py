"""Streamlit's own words in the page's language (`ipaid.framework_words`): the table both ways, and the font."""

import json
import re
from pathlib import Path

import streamlit

from ipaid import framework_words, webfont
from ipaid.i18n import FRAMEWORK


def test_an_english_page_swaps_back_every_chinese_word():
    assert len(set(FRAMEWORK.values())) == len(FRAMEWORK), "a Chinese word given twice could not be swapped back"
    zh, en = framework_words.words("zh"), framework_words.words("en")
    assert {v: k for k, v in zh.items()} == en and zh == FRAMEWORK


def test_the_served_font_has_every_character_of_the_words():
    text = "".join(FRAMEWORK.values()) + "".join(zh for _, zh in framework_words.TEMPLATES)
    missing = {c for c in text if ord(c) > 0x2E7F and ord(c) not in webfont.cmap()}
    assert not missing, missing


def test_the_script_carries_the_words_of_its_language():
    for lang in ("zh", "en"):
        script = framework_words.html(lang)
        words = json.loads(re.search(r"page\.words = (\{.*?\});", script).group(1))
        assert words == framework_words.words(lang)
    assert "无匹配结果" in framework_words.html("zh") and '"No results"' in framework_words.html("en")


def test_a_word_around_a_value_is_swapped_both_ways():
    for en, zh in framework_words.TEMPLATES:
        assert len({z for e, z in framework_words.TEMPLATES if z == zh}) == 1
        for source, target in ((en, zh), (zh, en)):
            found = re.match(framework_words._pattern(source), source.replace("{v}", "湖南省 (2).csv"))
            assert found and target.replace("{v}", found.group(1)) == target.replace("{v}", "湖南省 (2).csv")
    assert not re.match(framework_words._pattern("Remove {v}"), "Removed")


def swapped(text: str) -> str | None:
    """What the page script makes of Streamlit's `text` on a Chinese page (None: left in English)."""
    if text in FRAMEWORK:
        return FRAMEWORK[text]
    for en, zh in framework_words.TEMPLATES:
        found = re.match(framework_words._pattern(en), text)
        if found:
            return zh.replace("{v}", found.group(1))
    return None


def test_every_file_refusal_of_streamlits_uploader_is_in_chinese():
    """Streamlit's uploader refuses a file in its own words before the app sees it: an oversized file read
    "错误： File must be 20.0MB or smaller." on the Chinese Data page (sweep 13). Every message of the installed
    Streamlit's refusal list must be swapped."""
    bundle = "".join(p.read_text(errors="ignore") for p in (Path(streamlit.__file__).parent / "static").rglob("*.js"))
    switch = re.search(r"case`file-too-large`:.*?default:return`[^`]*`", bundle)  # a JS switch of template strings
    assert switch, "the uploader's refusal messages moved in this Streamlit version"
    returned = re.findall(r"return`((?:[^`$]|\$\{[^}]*\})*)`", switch.group(0))
    messages = [re.sub(r"\$\{[^}]*\}", "20.0MB", m) for m in returned]  # the size as Streamlit prints it
    assert len(messages) >= 4 and "File must be 20.0MB or smaller." in messages, messages
    left = [m for m in messages if not swapped(m)]
    assert not left, left
    assert swapped("File must be 20.0MB or smaller.") == "文件不得大于20.0MB。"
