"""The clauses a regulation text holds, for checking citations against it.

Regulations come as captured web pages: page banners and comment boxes around the text, pinyin
in parentheses after some characters (`規(guī)範`), and the text itself run together on one line.
Two numbering schemes are in use:

- chapters `一、`, parts `（一）`, items `1.`  → cited `001 §七(四)3`
- chapters `第二章`, sections `2.4`            → cited `003 §2.4`

Markers are taken only in sequence: the next chapter, the next part of this chapter or the next
item of this part. A `三、` or a `2.` inside a sentence, or in the banners, is out of sequence and
read as text, so noise cannot invent a clause (unless it happens to be the very next number).
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ..errors import UsageError

NUMERALS = "一二三四五六七八九十"
_PINYIN = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]+[)）]", re.IGNORECASE)
_CHAPTER = re.compile(rf"(?<![{NUMERALS}])([{NUMERALS}]+)、")
_PART = re.compile(rf"[(（]([{NUMERALS}]+)[)）]")
_ITEM = re.compile(r"(?<![0-9.])([0-9]{1,2})[.．、](?![0-9])")
_NUMBERED_CHAPTER = re.compile(rf"第([{NUMERALS}]+)章")
_SECTION = re.compile(r"(?<![0-9.])([0-9]{1,2})\.([0-9]{1,2})(?![0-9])")
# A line opening with a bullet is page furniture (a site's notices, numbered `• 1.` and on): a
# regulation numbers its clauses and never bullets them.
_BULLETED_LINE = re.compile(r"^[ \t\u3000]*[•·●▪◆■\-*].*$", re.MULTILINE)
MAX_BYTES = 1024 * 1024  # a regulation is pages, not a book: a bigger file is not one


def chinese_number(text: str) -> int:
    """`七` → 7, `十二` → 12, `二十` → 20 (the numbers regulations count chapters with)."""
    if text == "十":
        return 10
    if "十" in text:
        tens, _, units = text.partition("十")
        return (NUMERALS.index(tens) + 1 if tens else 1) * 10 + (NUMERALS.index(units) + 1 if units else 0)
    return NUMERALS.index(text) + 1


def chinese_numeral(number: int) -> str:
    if number <= 10:
        return NUMERALS[number - 1]
    tens, units = divmod(number, 10)
    return ("" if tens == 1 else NUMERALS[tens - 1]) + "十" + (NUMERALS[units - 1] if units else "")


def cleaned(text: str) -> str:
    """The text without pinyin or bulleted lines, with full-width forms folded (NFKC keeps Chinese
    as it is)."""
    return unicodedata.normalize("NFKC", _BULLETED_LINE.sub("", _PINYIN.sub("", text)))


def clauses(text: str, document: str) -> frozenset[str]:
    """Every clause of one regulation, in the form it is cited: `001 §七`, `001 §七(四)`,
    `001 §七(四)3`; or `003 §2`, `003 §2.4`."""
    text = cleaned(text)
    if _NUMBERED_CHAPTER.search(text):
        return _numbered_sections(text, document)
    return _chapters_parts_items(text, document)


def _chapters_parts_items(text: str, document: str) -> frozenset[str]:
    found: set[str] = set()
    chapter = part = item = 0
    position = 0
    while True:
        candidates = []
        for pattern, level in ((_CHAPTER, "chapter"), (_PART, "part"), (_ITEM, "item")):
            for match in pattern.finditer(text, position):
                if _next_in_sequence(level, match.group(1), chapter, part, item):
                    candidates.append((match.start(), level, match))
                    break
        if not candidates:
            return frozenset(found)
        _start, level, match = min(candidates, key=lambda candidate: candidate[0])
        if level == "chapter":
            chapter, part, item = chinese_number(match.group(1)), 0, 0
        elif level == "part":
            part, item = chinese_number(match.group(1)), 0
        else:
            item = int(match.group(1))
        found.add(_cited(document, chapter, part, item))
        position = match.end()


def _next_in_sequence(level: str, number_text: str, chapter: int, part: int, item: int) -> bool:
    if level == "chapter":
        return chinese_number(number_text) == chapter + 1
    if level == "part":
        return chapter > 0 and chinese_number(number_text) == part + 1
    return part > 0 and int(number_text) == item + 1


def _cited(document: str, chapter: int, part: int, item: int) -> str:
    cited = f"{document} §{chinese_numeral(chapter)}"
    if part:
        cited += f"({chinese_numeral(part)})"
    if item:
        cited += str(item)
    return cited


def _numbered_sections(text: str, document: str) -> frozenset[str]:
    found: set[str] = set()
    chapter = section = 0
    position = 0
    while True:
        next_chapter = next((m for m in _NUMBERED_CHAPTER.finditer(text, position)
                             if chinese_number(m.group(1)) == chapter + 1), None)
        next_section = next((m for m in _SECTION.finditer(text, position)
                             if chapter and int(m.group(1)) == chapter and int(m.group(2)) == section + 1), None)
        if next_chapter is None and next_section is None:
            return frozenset(found)
        if next_section is None or (next_chapter is not None and next_chapter.start() < next_section.start()):
            assert next_chapter is not None
            chapter, section = chinese_number(next_chapter.group(1)), 0
            found.add(f"{document} §{chapter}")
            position = next_chapter.end()
        else:
            section = int(next_section.group(2))
            found.add(f"{document} §{chapter}.{section}")
            position = next_section.end()


def read_regulations(folder: Path) -> dict[str, frozenset[str]]:
    """Document number → its clauses, from the `NNN_*.txt` files of a folder."""
    if not folder.is_dir():
        raise UsageError(f"制度目录不存在：{folder}", f"regulations folder does not exist: {folder}")
    found: dict[str, frozenset[str]] = {}
    for path in sorted(folder.glob("*.txt")):
        number = re.match(r"([0-9]{3})_", path.name)
        if number is None:
            continue
        if path.stat().st_size > MAX_BYTES:
            raise UsageError(f"制度文件过大：{path}", f"regulation file too large: {path}")
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError as error:
            raise UsageError(f"无法读取制度文件 {path}：{error}", f"cannot read regulation file {path}: {error}") from None
        found[number.group(1)] = clauses(text, number.group(1))
    if not found:
        raise UsageError(f"{folder} 中没有制度文本（应为 000_*.txt 等）",
                         f"no regulation texts in {folder} (expected 000_*.txt and so on)")
    return found
