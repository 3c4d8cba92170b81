"""Dates as offices write them: 2026-11-03, 2026/11/3, 2026.11.03, 2026年11月3日, 二〇二六年十一月三日, 五月廿一日,
with the weekday or the time after them: 2026年5月18日（星期一）, 2026-05-18T09:30:00."""
from __future__ import annotations

import datetime as dt
import re

from .textnorm import nfkc, strip_invisible

_NUMERIC = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号號]?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_CHINESE_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0", "两": "2"}
# 廿 and 卅 are how dates write twenty and thirty (五月廿一日, 卅日).
_TENS = {"廿": "二十", "卅": "三十"}
# What a clerk writes after the date itself: the day of the week, the time of day.
_WEEKDAY = re.compile(r"\s*[(（]?\s*(?:星期|周|礼拜|禮拜|週)\s*([一二三四五六日天1-7])\s*[)）]?$")
_TIME = re.compile(r"(?:T|\s+|(?<=[日号號)）]))(?:上午|下午|中午|晚上|早上|凌晨|AM|PM)?\s*"
                   r"(?:\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?|\d{1,2}\s*[时点時點](?:\s*\d{1,2}\s*分)?|(?<=[日号號])(?:上午|下午|中午|晚上|早上))"
                   r"\s*(?:AM|PM)?$", re.IGNORECASE)
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6} | {str(n): n - 1 for n in range(1, 8)}


def _chinese_number(text: str) -> str | None:
    """十一 → 11, 三十 → 30, 廿一 → 21, 二〇二六 → 2026 (digit by digit when there is no 十)."""
    if text.isdigit():
        return text
    for short, full in _TENS.items():
        text = text.replace(short, full)
    if "十" not in text:
        digits = [_CHINESE_DIGITS.get(c) for c in text]
        return None if None in digits or not digits else "".join(d or "" for d in digits)
    tens, _, units = text.partition("十")
    if (tens and tens not in _CHINESE_DIGITS) or (units and units not in _CHINESE_DIGITS):
        return None
    tens_value = int(_CHINESE_DIGITS[tens]) if tens else 1
    units_value = int(_CHINESE_DIGITS[units]) if units else 0
    return str(tens_value * 10 + units_value)


def _without_suffixes(text: str) -> tuple[str, int | None]:
    """The date without the weekday and time written after it, and that weekday (0 = Monday)."""
    weekday = None
    while True:
        found = _WEEKDAY.search(text)
        if found:
            weekday, text = _WEEKDAYS[found.group(1)], text[:found.start()]
            continue
        timed = _TIME.search(text)
        if timed and timed.start() > 0:
            text = text[:timed.start()]
            continue
        return text.strip(), weekday


def parse_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text, weekday = _without_suffixes(strip_invisible(nfkc(str(value))).strip())
    if not text:
        return None
    text = re.sub(r"\s+", "", text)
    match = _NUMERIC.match(text) or _COMPACT.match(text)
    if not match and "年" in text:
        parts = re.match(r"^(.+)年(.+)月(.+)[日号號]$", text)
        if parts:
            converted = [_chinese_number(p) for p in parts.groups()]
            if None not in converted:
                match = _NUMERIC.match("{}-{}-{}".format(*converted))
    if not match:
        return None
    try:
        day = dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
    # A weekday that is not the date's own makes the date say two things: it is not read.
    return day if weekday is None or day.weekday() == weekday else None


def format_date_chinese(value: dt.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"
