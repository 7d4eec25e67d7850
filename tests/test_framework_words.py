"""Streamlit's own words in the page's language (`ipaid.framework_words`): the table both ways, and the font."""

import json
import re

from ipaid import framework_words, webfont
from ipaid.i18n import FRAMEWORK


def test_an_english_page_swaps_back_every_chinese_word():
    assert len(set(FRAMEWORK.values())) == len(FRAMEWORK), "a Chinese word given twice could not be swapped back"
    zh, en = framework_words.words("zh"), framework_words.words("en")
    assert {v: k for k, v in zh.items()} == en and zh == FRAMEWORK


def test_the_served_font_has_every_character_of_the_words():
    text = "".join(FRAMEWORK.values()) + "".join(to for _, to in framework_words.PATTERNS)
    missing = {c for c in text if ord(c) > 0x2E7F and ord(c) not in webfont.cmap()}
    assert not missing, missing


def test_the_script_carries_the_words_of_its_language():
    for lang in ("zh", "en"):
        script = framework_words.html(lang)
        words = json.loads(re.search(r"page\.words = (\{.*?\});", script).group(1))
        assert words == framework_words.words(lang)
    assert "无匹配结果" in framework_words.html("zh") and '"No results"' in framework_words.html("en")
