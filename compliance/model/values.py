"""One value of one field: from what a person wrote to its typed form, and back to print.

The same coercion serves YAML/JSON input, CSV/Excel cells and text read from documents, so a
value means the same thing whichever way it arrived.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal

from .amounts import format_figure, parse_figure, to_fen
from .dates import format_date_chinese, parse_date
from .fields import Field
from .textnorm import label_key, nfkc, to_simplified

CHECKED, UNCHECKED = "☑", "☐"
_TRUE = {"true", "yes", "y", "1", "是", "有", "已提供", "提供", "已附", "☑", "☒", "■", "√", "✓", "✔", "v", "x"}
_FALSE = {"false", "no", "n", "0", "否", "无", "未提供", "没有", "未附", "☐", "□", "×", "✗", "-"}
_COUNT = re.compile(r"^(\d+)\s*(?:张|份|页|件|个)?$")


class ValueProblem(ValueError):
    def __init__(self, message_zh: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_zh = message_zh
        self.message_en = message_en


def _plain_number(value: Decimal):
    """JSON-friendly: 60000 rather than 60000.0, 85.5 stays 85.5."""
    return int(value) if value == value.to_integral_value() else float(value)


_NOT_FINITE_WORDS = {"nan", "snan", "qnan", "inf", "infinity", "∞", "+∞", "-∞"}


def _not_finite(raw) -> bool:
    if isinstance(raw, float):
        return not math.isfinite(raw)
    if isinstance(raw, Decimal):
        return not raw.is_finite()
    if isinstance(raw, str):
        word = nfkc(raw).strip().lower().lstrip("+-.").rstrip("%元分 ")
        if word in _NOT_FINITE_WORDS:
            return True
        try:
            return not Decimal(word).is_finite()
        except ArithmeticError:
            return False
    return False


def coerce(field: Field, raw):
    """The typed value for `raw`, or ValueProblem. Empty text means absent and returns None."""
    if raw is None:
        return None
    if isinstance(raw, str):
        raw = raw.strip()
        if raw == "":
            return None
    kind = field.value_type
    if kind in ("amount", "integer", "number") and _not_finite(raw):
        # NaN compares unequal to everything and infinity swamps every sum: either would switch a
        # check off rather than fail it.
        raise ValueProblem(f"「{raw}」不是有限的数值", f"'{raw}' is not a finite number")
    if kind == "date":
        parsed = parse_date(raw)
        if parsed is None:
            raise ValueProblem(f"「{raw}」不是有效日期（例：2026-11-03）",
                               f"'{raw}' is not a valid date (e.g. 2026-11-03)")
        return parsed.isoformat()
    if kind == "amount":
        amount = parse_figure(raw) if not isinstance(raw, bool) else None
        if amount is None:
            raise ValueProblem(f"「{raw}」不是有效金额", f"'{raw}' is not a valid amount")
        return _plain_number(amount)
    if kind == "integer":
        if isinstance(raw, bool):
            raise ValueProblem(f"「{raw}」不是整数", f"'{raw}' is not a whole number")
        if isinstance(raw, (int, float)) and float(raw).is_integer():
            return int(raw)
        match = _COUNT.match(nfkc(to_simplified(str(raw))))
        if not match:
            raise ValueProblem(f"「{raw}」不是整数", f"'{raw}' is not a whole number")
        return int(match.group(1))
    if kind == "number":
        if isinstance(raw, bool):
            raise ValueProblem(f"「{raw}」不是数字", f"'{raw}' is not a number")
        if isinstance(raw, (int, float)):
            return raw
        try:
            return _plain_number(Decimal(nfkc(str(raw)).rstrip("%分 ")))
        except ArithmeticError:
            raise ValueProblem(f"「{raw}」不是数字", f"'{raw}' is not a number") from None
    if kind == "boolean":
        if isinstance(raw, bool):
            return raw
        word = label_key(str(raw))
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
        raise ValueProblem(f"「{raw}」应为是/否", f"'{raw}' should be yes or no")
    if kind == "enum":
        options = field.schema["enum"]
        wanted = label_key(str(raw))
        for option in options:
            if label_key(option) == wanted:
                return option
        return str(raw)  # left for the schema to reject with the list of options
    if isinstance(raw, (dt.date, dt.datetime)):
        return raw.isoformat()
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return str(raw) if not isinstance(raw, str) else raw


def display(field: Field, value) -> str:
    """The printed form of a typed value, as the templates show it."""
    if value is None:
        return UNCHECKED if field.value_type == "boolean" else ""
    kind = field.value_type
    if kind == "date":
        parsed = parse_date(value)
        return format_date_chinese(parsed) if parsed else str(value)
    if kind == "amount":
        return format_figure(value)
    if kind == "boolean":
        return CHECKED if value else UNCHECKED
    if kind == "number" and isinstance(value, float):
        return format(to_fen(value).normalize(), "f")
    return str(value)
