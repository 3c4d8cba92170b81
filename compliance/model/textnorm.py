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
