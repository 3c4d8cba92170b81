"""Dates as offices write them: 2026-11-03, 2026/11/3, 2026.11.03, 2026年11月3日, 二〇二六年十一月三日."""
from __future__ import annotations

import datetime as dt
import re

from .textnorm import nfkc

_NUMERIC = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_CHINESE_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0"}


def _chinese_number(text: str) -> str | None:
    """十一 → 11, 三十 → 30, 二〇二六 → 2026 (digit by digit when there is no 十)."""
    if "十" not in text:
        digits = [_CHINESE_DIGITS.get(c) for c in text]
        return None if None in digits else "".join(d or "" for d in digits)
    tens, _, units = text.partition("十")
    tens_value = int(_CHINESE_DIGITS.get(tens, "")) if tens else 1
    units_value = int(_CHINESE_DIGITS.get(units, "")) if units else 0
    return str(tens_value * 10 + units_value)


def parse_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = nfkc(str(value)).strip()
    if not text:
        return None
    text = re.sub(r"\s+", "", text)
    match = _NUMERIC.match(text) or _COMPACT.match(text)
    if not match and "年" in text:
        parts = re.match(r"^(.+)年(.+)月(.+)日$", text)
        if parts:
            converted = [_chinese_number(p) for p in parts.groups()]
            if None not in converted:
                match = _NUMERIC.match("{}-{}-{}".format(*converted))
    if not match:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def format_date_chinese(value: dt.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"
