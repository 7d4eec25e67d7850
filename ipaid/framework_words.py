"""Streamlit's own interface words in the page's language: "No results" in a filter's list, the table and chart
toolbars' tooltips (Search, Download as CSV, Fullscreen), the labels screen readers read on its buttons, and a name
for elements it draws without one (the map's keyboard focus stop).

Streamlit 1.67 has them in English only, fixed in its frontend, with no option to change them (streamlit#1353).
A small script in the page swaps each known word as Streamlit draws it, in text and in the aria-label, title and
placeholder attributes; on an English page it swaps them back, since a label already swapped stays in the page
after a switch to English until Streamlit draws it anew. The words are those of Streamlit 1.67 (pinned in
requirements.txt); `tests/browser/test_framework_words_browser.py` shows them in Chinese in Chromium.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from ipaid.display import SCRIPT
from ipaid.i18n import FRAMEWORK, t

# Words around a value ({v}), English → Chinese: a list's announcement for screen readers, a chosen value's or an
# uploaded file's remove button, the file uploader's size limit and type error, a field's help button.
TEMPLATES = (
    ("{v} options available.", "{v}个可选项。"),
    ("Remove {v}", "移除{v}"),
    ("Cancel upload of {v}", "取消上传{v}"),
    ("{v} per file", "每个文件不超过{v}"),
    ("{v} files are not allowed.", "不接受{v}类型的文件。"),
    ("File must be {v} or smaller.", "文件不得大于{v}。"),
    ("Help for {v}", "“{v}”的说明"),
)

# Elements drawn without a name for screen readers, with the role and name (an i18n key) they are given: the map's
# keyboard focus stop (deck.gl's event root, a bare div with tabindex 0 in every pydeck chart).
NAMED = ((".deck-events-root", "application", "map_aria"),)

_SCRIPT = """(() => {
  const page = window.__ipaidWords || (window.__ipaidWords = {});
  page.words = %(words)s;
  page.patterns = %(patterns)s;
  page.named = %(named)s;
  const attrs = ["aria-label", "title", "placeholder"];
  const swap = (value) => {
    const key = (value || "").trim();
    if (!key) return null;
    if (Object.prototype.hasOwnProperty.call(page.words, key)) return value.replace(key, page.words[key]);
    for (const [pattern, to] of page.patterns) {
      const m = new RegExp(pattern).exec(key);
      if (m) return value.replace(key, to.replace("{v}", m[1]));
    }
    return null;
  };
  const fix = (node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const to = swap(node.nodeValue);
      if (to !== null && to !== node.nodeValue) node.nodeValue = to;
    } else if (node.nodeType === Node.ELEMENT_NODE) {
      for (const [selector, role, label] of page.named) {
        if (!node.matches(selector)) continue;
        if (node.getAttribute("role") !== role) node.setAttribute("role", role);
        if (node.getAttribute("aria-label") !== label) node.setAttribute("aria-label", label);
      }
      for (const name of attrs) {
        const value = node.getAttribute(name), to = swap(value);
        if (to !== null && to !== value) node.setAttribute(name, to);
      }
    }
  };
  const fixAll = (root) => {
    fix(root);
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    const walk = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    while (walk.nextNode()) fix(walk.currentNode);
  };
  if (!page.observer) {
    page.observer = new MutationObserver((records) => {
      for (const r of records) r.type === "childList" ? r.addedNodes.forEach(fixAll) : fix(r.target);
    });
    page.observer.observe(document.body, {
      subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: attrs,
    });
  }
  fixAll(document.body);
})();"""


def _pattern(template: str) -> str:
    """A JavaScript regular expression for a whole text made from `template`, its {v} taken as the value."""
    escaped = re.sub(r"([.*+?^$()|\[\]\\/])", r"\\\1", template)
    return "^" + escaped.replace("{v}", "(.+)") + "$"


def words(lang: str) -> dict[str, str]:
    """What the script swaps on a page in `lang`: Streamlit's English for Chinese, and back for English."""
    return dict(FRAMEWORK) if lang == "zh" else {zh: en for en, zh in FRAMEWORK.items()}


@lru_cache(maxsize=2)
def html(lang: str) -> str:
    """The element (for `st.html(..., unsafe_allow_javascript=True)`) that keeps Streamlit's words in `lang`."""
    pairs = TEMPLATES if lang == "zh" else [(zh, en) for en, zh in TEMPLATES]
    patterns = [[_pattern(source), target] for source, target in pairs]
    named = [[selector, role, t(key, lang)] for selector, role, key in NAMED]
    script = _SCRIPT % {
        "words": json.dumps(words(lang), ensure_ascii=False),
        "patterns": json.dumps(patterns, ensure_ascii=False),
        "named": json.dumps(named, ensure_ascii=False),
    }
    return f'<div class="{SCRIPT}"></div><script>{script}</script>'
