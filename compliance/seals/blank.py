"""What does not count as content on a stamped page: page numbers, running headers and footers.

A page is blank when, besides its seals, it holds only these. Digital text counts as furniture
when it sits in the header/footer margin itself, or near the top or bottom edge and reads like one
(a page-number pattern, a line repeated on the other pages). Scanned marks and small pictures are
judged by where they are (entirely inside the top or bottom margin band): a scan is not read.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

# Text lines of running headers/footers sit in the top or bottom 14% of the page (Word puts them
# 12.7 mm from the edge; A4 is 297 mm, so 14% leaves room for a two-line header).
TEXT_BAND = 0.14
# Marks and pictures count as furniture only when entirely inside these thinner bands: a header
# line or logo ends above the body, which starts 25.4 mm (8.6%) from the top in Word's default.
TOP_BAND = 0.085
BOTTOM_BAND = 0.075

_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")
_CN_NUMERALS = re.compile(r"[零〇一二三四五六七八九十百]+")
_PAGE_TOKENS = re.compile(r"pages|page|of|第|页|頁|共|[/\-–—()（）.,，|:：#\[\]]")


@dataclass(frozen=True)
class TextLine:
    """A line of text and its vertical place: 0 at the top of the displayed page, 1 at the bottom."""

    text: str
    top: float | None


def line_key(text: str) -> str:
    """Comparable form of a header/footer line: no spaces, every number replaced by '#'."""
    key = _SPACE.sub("", text).lower()
    key = _DIGITS.sub("#", key)
    if "页" in key or "頁" in key:
        key = _CN_NUMERALS.sub("#", key)
    return key


def is_page_number(text: str) -> bool:
    """"- 2 -", "第 2 页 共 3 页", "Page 2 of 3", "2/3", "2"."""
    key = line_key(text)
    return "#" in key and not _PAGE_TOKENS.sub("", key)


def in_text_band(line: TextLine) -> bool:
    return line.top is not None and (line.top <= TEXT_BAND or line.top >= 1 - TEXT_BAND)


def in_margin_band(top: float, bottom: float) -> bool:
    """A box (its top and bottom as page fractions from the top) lies entirely in a margin band."""
    return bottom <= TOP_BAND or top >= 1 - BOTTOM_BAND


def _in_margin(line: TextLine) -> bool:
    return line.top is not None and (line.top <= TOP_BAND or line.top >= 1 - BOTTOM_BAND)


def _body_reaches_the_margins(lines: list[TextLine], other_pages: list[list[TextLine]], elsewhere: dict[str, int]) -> bool:
    """Whether the other pages put body text where a default layout has its header or footer:
    lines there that are neither page numbers nor repeated from page to page. Then the document
    has narrow margins, and a line there on this page may be body too (a signature line above a
    seal), not furniture."""
    own = {line_key(line.text) for line in lines if in_text_band(line)}
    for other in other_pages:
        for line in other:
            if _in_margin(line) and line.text.strip() and not is_page_number(line.text):
                key = line_key(line.text)
                if key not in own and elsewhere.get(key, 0) <= 1:  # on that page alone
                    return True
    return False


def content_lines(lines: list[TextLine], other_pages: list[list[TextLine]]) -> list[TextLine]:
    """The lines of a page that are not page furniture, judged against the document's other pages."""
    needed = max(1, math.ceil(0.5 * len(other_pages)))
    elsewhere: dict[str, int] = {}
    for other in other_pages:
        for key in {line_key(line.text) for line in other if in_text_band(line)}:
            elsewhere[key] = elsewhere.get(key, 0) + 1
    narrow = _body_reaches_the_margins(lines, other_pages, elsewhere)
    kept = []
    for line in lines:
        if not line.text.strip():
            continue
        if _in_margin(line) and not (narrow and not is_page_number(line.text)
                                     and elsewhere.get(line_key(line.text), 0) < needed):
            continue  # in the header or footer margin itself, above or below any body text
        if in_text_band(line):
            if is_page_number(line.text):
                continue
            if other_pages and elsewhere.get(line_key(line.text), 0) >= needed:
                continue
        kept.append(line)
    return kept
