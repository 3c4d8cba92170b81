"""Text normalisation applied before any comparison: script, width, spacing, label punctuation.

Originals are kept by callers for messages; only comparisons use the normalised form.
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

# Character-level conversion. Phrase-level configs (tw2sp) rewrite words, and some rewrites are
# wrong for forms (指標→指针, 資料→数据); regional wording is matched instead through label
# variants (see regional_variants).
_TO_SIMPLIFIED_CONFIG = "t2s"
# Rendering in Traditional uses Taiwan standard characters without phrase replacement, so that
# a reviewer sees the same words in the other script (項目 stays 項目, not 專案).
_TO_TRADITIONAL_CONFIG = "s2tw"

_SPACES = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
_LABEL_PUNCTUATION = re.compile(r"[:：*＊()（）\[\]【】<>《》_＿\-—.。·•、,，;；'\"“”‘’?？!！]")


@cache
def _converter(config: str):
    import opencc  # imported lazily: the CLI must start fast

    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    if not text or text.isascii():
        return text
    return _converter(_TO_SIMPLIFIED_CONFIG).convert(text)


def to_traditional(text: str) -> str:
    if not text or text.isascii():
        return text
    return _converter(_TO_TRADITIONAL_CONFIG).convert(text)


def to_simplified_many(texts: list[str]) -> list[str]:
    """Convert many short strings in one OpenCC call; per-call overhead dominates short strings."""
    if not texts:
        return []
    joined = "\n".join(t.replace("\n", "\u2028") for t in texts)
    converted = to_simplified(joined).split("\n")
    if len(converted) != len(texts):  # OpenCC never merges lines; stay correct if it ever does
        return [to_simplified(t) for t in texts]
    return [t.replace("\u2028", "\n") for t in converted]


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


# -- what does not show ---------------------------------------------------------------------
# Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt): every format character (Cf)
# and variation selector, the Hangul fillers, the combining grapheme joiner and the reserved
# ranges kept for more of them. Renderers draw none of these, so a value is compared without
# them. The published ranges are written out (scanning every code point for Cf at start-up costs
# a third of a second); tests/checking/test_invisible_marks.py holds them to unicodedata.
DEFAULT_IGNORABLE = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5),
    (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164),
    (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
)
# Format characters that are not default-ignorable because they do show (an Arabic number sign,
# Egyptian hieroglyph joiners, interlinear annotation marks): they stay.
SHOWN_FORMAT = frozenset({0x0600, 0x0601, 0x0602, 0x0603, 0x0604, 0x0605, 0x06DD, 0x070F, 0x0890, 0x0891,
                          0x08E2, 0x110BD, 0x110CD, 0xFFF9, 0xFFFA, 0xFFFB, *range(0x13430, 0x13440)})
# Besides those, the Braille blank, which prints as an empty cell. (Control characters are not
# taken out: they are refused where they would break a document, and reported.)
_NOTHING_SHOWN = "".join(f"{chr(low)}-{chr(high)}" for low, high in DEFAULT_IGNORABLE) + "\u2800"
_INVISIBLE = re.compile(f"[{_NOTHING_SHOWN}]")
_INVISIBLE_OR_SPACE = re.compile(f"[{_NOTHING_SHOWN}\\s]")


def strip_invisible(text: str) -> str:
    """`text` without what renders as nothing; spacing, which shows as space, is kept."""
    return _INVISIBLE.sub("", text)


def shows_nothing(text: str) -> bool:
    """Whether `text` is made only of spacing and characters that render as nothing."""
    return not _INVISIBLE_OR_SPACE.sub("", text)


# -- characters that look like others -------------------------------------------------------
_RADICAL_BLOCKS = ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF))  # CJK Radicals Supplement, Kangxi Radicals
_NUMBER_WORDS = {"ONE", "TWO", "THREE", "FOUR"}  # CJK RADICAL WATER ONE: a variant shape of WATER


def _in_radical_blocks(char: str) -> bool:
    return any(low <= ord(char) <= high for low, high in _RADICAL_BLOCKS)


@cache
def _radical_table() -> dict[int, str]:
    """Each radical character → the ideograph it looks like, derived from the Unicode data.

    NFKC maps the Kangxi radicals (⾺ → 馬) and two of the supplement (⺟, ⻳), but none of the
    rest, though ⻢ (CJK RADICAL C-SIMPLIFIED HORSE) is drawn as 马. The supplement's names say
    which Kangxi radical each is a form of; a C-simplified or simplified form is that radical's
    Simplified character (馬 → 马). A form with no character of its own (⻈, the speech radical
    as 讠 is written only inside characters) is left out: it folds to nothing and stays suspect.
    """
    kangxi = {}
    for code in range(0x2F00, 0x2FE0):
        name = unicodedata.name(chr(code), "")
        if name.startswith("KANGXI RADICAL "):
            kangxi[name.removeprefix("KANGXI RADICAL ")] = nfkc(chr(code))
    table = {code: unicodedata.normalize("NFKC", chr(code)) for code in range(0x2F00, 0x2FE0)
             if unicodedata.name(chr(code), "").startswith("KANGXI RADICAL ")}
    for code in range(0x2E80, 0x2F00):
        folded = _supplement_radical(chr(code), kangxi)
        if folded is not None:
            table[code] = folded
    return table


def _supplement_radical(char: str, kangxi: dict[str, str]) -> str | None:
    if nfkc(char) != char:
        return nfkc(char)
    words = unicodedata.name(char, "").removeprefix("CJK RADICAL ").split()
    simplified = bool(words) and words[0] in ("SIMPLIFIED", "C-SIMPLIFIED", "J-SIMPLIFIED")
    meaning = " ".join(words[1:] if simplified else words)
    base = kangxi.get(meaning)
    if base is None and words and words[-1] in _NUMBER_WORDS:
        base = kangxi.get(" ".join((words[1:] if simplified else words)[:-1]))
    if base is None or not simplified:
        return base
    converted = to_simplified(base)
    return converted if converted != base else None


def fold_lookalikes(text: str) -> str:
    """CJK radicals and compatibility ideographs as the unified ideographs they look like
    (⻢ → 马, ⾺ → 馬, 金 U+F90A → 金), so that a name typed with them is the same name."""
    if not any(_in_radical_blocks(char) for char in text):
        return nfkc(text)
    table = _radical_table()
    return nfkc("".join(table.get(ord(char), char) for char in text))


def is_radical(char: str) -> bool:
    """A radical that folds to no ideograph (see fold_lookalikes): no character of a name."""
    return _in_radical_blocks(char)


def normalise_text(text: str) -> str:
    """Simplified script, NFKC width, single spaces, trimmed: for comparing values."""
    return _SPACES.sub(" ", nfkc(to_simplified(text))).strip()


def label_key(text: str) -> str:
    """The comparable form of a label: `報　銷　人：` and `报销人` give the same key.

    Spaces, colons, asterisks (required markers) and brackets are dropped; letters lower-cased.
    """
    simplified = nfkc(to_simplified(text))
    return _LABEL_PUNCTUATION.sub("", _SPACES.sub("", simplified)).lower()


@lru_cache(maxsize=8192)
def label_key_presimplified(text: str) -> str:
    """label_key for text already converted to Simplified (bulk readers convert once).

    Cached: most cells of a form are its printed labels, the same in every copy of it.
    """
    return _LABEL_PUNCTUATION.sub("", _SPACES.sub("", nfkc(text))).lower()


def regional_variants(label: str) -> set[str]:
    """How Taiwan and Hong Kong offices word a Simplified label, read back character by character.

    项目名称 is written 專案名稱 in Taiwan; character conversion reads that as 专案名称, which is
    therefore also accepted as 项目名称.
    """
    variants = set()
    for config in ("s2twp", "s2hk"):
        variants.add(label_key(_converter("t2s").convert(_converter(config).convert(label))))
    return variants
