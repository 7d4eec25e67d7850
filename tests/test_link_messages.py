"""The message naming values of a link that were ignored reads as a sentence in each language."""

from ipaid import ui


def unknown_value_text(*args) -> str:
    """The message as shown (Markdown escapes removed)."""
    return ui.unknown_value_text(*args).replace("\\", "")


def test_english_message_names_the_parameter_in_lower_case_mid_sentence():
    text = unknown_value_text("province", "Province", ["火星省", "x"], "en")
    assert text.startswith("Ignored an unknown province in the link: ")
    assert text.endswith(" (?province=)") and "'火星省', 'x'" in text
    assert "unknown GI for the detail" in unknown_value_text("detail", "GI for the detail", ["GI9"], "en")


def test_chinese_message_uses_chinese_punctuation():
    text = unknown_value_text("province", "省份", ["火星省", "x"], "zh")
    assert text.endswith("（?province=）") and "'火星省'、'x'" in text
    assert " (" not in text and ", " not in text
