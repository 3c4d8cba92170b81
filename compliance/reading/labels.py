"""Finding labels inside running text: `報　銷　人：张三  部门：市场部` → pairs."""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TypeVar

from ..model.textnorm import label_key_presimplified

T = TypeVar("T")

_COLON = re.compile(r"[:：]")
_BLANKS = re.compile(r"^[\s_＿\-—.·…]*$")
_SIGN_NOTE = re.compile(r"[(（](?:签字|签名|签章|盖章|签字盖章|手写)[)）]")
# What a blank form prints where a value goes: template fields ({{x}}, «x», <<x>>, 【请填写】), a
# date to fill in (____年__月__日, 年 月 日) and instructions (（请填写部门全称）).
_PLACEHOLDER = re.compile(
    r"\{\{.*?\}\}|\{%.*?%\}|«[^»]*»|<<[^>]*>>|【[^】]*】|\$\{[^}]*\}"
    r"|^[\s_＿]*年[\s_＿]*月[\s_＿]*日[\s_＿]*$"
    r"|^[（(]?\s*请(?:填写|注明|在此|选择|勾选|输入|写明)[^）)]*[）)]?$")


def clean_value(text: str) -> str:
    """Drop fill-in lines (`______`), sign-here notes (`（签字）`) and placeholders a blank form
    prints around or instead of a written value: a label's neighbour is a value only if filled."""
    text = _SIGN_NOTE.sub("", text)
    text = _PLACEHOLDER.sub(" ", text.strip())
    text = re.sub(r"[_＿]{2,}", " ", text)
    return "" if _BLANKS.match(text) else text.strip()


def _label_suffix(text: str, labels: Mapping[str, T]) -> tuple[int, T] | None:
    """The longest label that `text` ends with: (start index in text, target), else None."""
    stripped = text.rstrip()
    best = None
    for start in range(len(stripped) - 1, max(-1, len(stripped) - 24), -1):
        key = label_key_presimplified(stripped[start:])
        if key in labels:
            best = (start, labels[key])
    return best


def colon_pairs(text: str, labels: Mapping[str, T], original: str | None = None) -> list[tuple[T, str]]:
    """(target, value) for every `label：value` in one line of Simplified text.

    Labels are found in the Simplified text; values are cut from `original` (the text as written)
    when the two line up character for character, so names keep their own script. A colon not
    preceded by a known label belongs to the value before it (times like 10:30).
    """
    source = original if original is not None and len(original) == len(text) else text
    pairs: list[tuple[T, str]] = []
    current: T | None = None
    value_start = 0
    for match in _COLON.finditer(text):
        found = _label_suffix(text[value_start:match.start()], labels)
        if found is None:
            continue
        start, target = found
        if current is not None:
            pairs.append((current, clean_value(source[value_start:value_start + start])))
        current = target
        value_start = match.end()
    if current is not None:
        pairs.append((current, clean_value(source[value_start:])))
    return pairs
