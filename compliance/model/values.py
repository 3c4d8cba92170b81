"""One value of one field: from what a person wrote to its typed form, and back to print.

The same coercion serves YAML/JSON input, CSV/Excel cells and text read from documents, so a
value means the same thing whichever way it arrived.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal

from .amounts import amount_problem, exact_figure, format_figure, to_fen
from .dates import format_date_chinese, parse_date
from .fields import Field
from .placeholders import no_value
from .textnorm import label_key, nfkc, strip_invisible, to_simplified

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


# A count or score past this is no count or score on an office form; bounding it keeps every later
# step (int(), str(), the schema validator, rounding) within what it can do.
MAX_NUMBER = 10**15


def _shown(raw) -> str:
    """A list or mapping as a person wrote it, shortened for a message."""
    import json

    text = json.dumps(raw, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "…"


def _single(raw) -> None:
    """A field beside its label holds one value: a list or mapping there is a mistake, never a
    value to print as `['王小明', '李四']`."""
    if isinstance(raw, (list, tuple, set, dict)):
        zh, en = ("列表", "a list") if not isinstance(raw, dict) else ("对象（键值对）", "a mapping")
        raise ValueProblem(f"应为单个值，不能是{zh}：{_shown(raw)}", f"should be a single value, not {en}: {_shown(raw)}")


def _not_text(raw) -> None:
    """YAML reads unquoted yes/no/on/off/true/false as booleans, and `!!binary` as bytes: a name
    or text field holding one would print as 'True' or "b'...'"."""
    if isinstance(raw, (bytes, bytearray)):
        raise ValueProblem("是二进制数据（YAML 的 !!binary），不是文字", "is binary data (YAML's !!binary), not text")
    if isinstance(raw, bool):
        raise ValueProblem(f"「{raw}」是“是/否”值，不是文字（YAML 中未加引号的 yes、no、on、off、true、false 读作是/否；"
                           f"如为文字请加引号）",
                           f"'{raw}' is a yes/no value, not text (YAML reads unquoted yes, no, on, off, true, false "
                           f"as yes/no; quote it if it is text)")


def _brief(raw) -> str:
    """A value for a message, short even when it is a number of thousands of digits (which
    Python will not even turn into text)."""
    if isinstance(raw, int) and not isinstance(raw, bool) and abs(raw) >= 10**20:
        return f"{Decimal(raw):.3E}"
    text = str(raw)
    return text if len(text) <= 40 else text[:37] + "…"


def _too_large(raw) -> ValueProblem:
    return ValueProblem(f"「{_brief(raw)}」数值过大", f"'{_brief(raw)}' is too large a number")


def _within_bounds(value: Decimal, raw) -> None:
    if value.copy_abs() >= MAX_NUMBER:
        raise _too_large(raw)


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
        raw = strip_invisible(raw).strip()  # what does not show on paper is no part of a value
        if raw == "":
            return None
    _single(raw)
    kind = field.value_type
    if kind in ("date", "amount", "integer", "number") and no_value(raw):
        return None  # `/`, —, 无, 待补 where a date or a number goes: nothing is written there
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
        return _amount(raw)
    if kind == "integer":
        return _integer(raw)
    if kind == "number":
        return _number(raw)
    if kind == "boolean":
        if isinstance(raw, bool):
            return raw
        word = label_key(str(raw))
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
        if no_value(raw):
            return None
        raise ValueProblem(f"「{raw}」应为是/否", f"'{raw}' should be yes or no")
    if kind == "enum":
        options = field.schema["enum"]
        wanted = label_key(str(raw))
        for option in options:
            if label_key(option) == wanted:
                return option
        # Not one of the options: a placeholder chooses none; anything else is left for the
        # schema to reject with the list of options.
        return None if no_value(raw) else str(raw)
    _not_text(raw)
    if isinstance(raw, (dt.date, dt.datetime)):
        return raw.isoformat()
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return str(raw) if not isinstance(raw, str) else raw


def _amount(raw):
    """Amounts on these forms are never negative and have capital numerals (MAX_AMOUNT)."""
    amount = exact_figure(raw)
    if amount is None and "," in nfkc(str(raw)):
        raise ValueProblem(f"「{_brief(raw)}」不是有效金额（千位分隔符须三位一组，如 60,000.00）",
                           f"'{_brief(raw)}' is not a valid amount (thousands separators go in groups of three: 60,000.00)")
    if amount is None:
        raise ValueProblem(f"「{_brief(raw)}」不是有效金额", f"'{_brief(raw)}' is not a valid amount")
    problem = amount_problem(amount)
    if problem is not None:
        raise ValueProblem(*problem)
    return _plain_number(to_fen(amount))


def _integer(raw) -> int:
    if isinstance(raw, bool):
        raise ValueProblem(f"「{raw}」不是整数", f"'{raw}' is not a whole number")
    if isinstance(raw, int) or (isinstance(raw, float) and raw.is_integer()):
        _within_bounds(Decimal(raw), raw)
        return int(raw)
    match = _COUNT.match(nfkc(to_simplified(str(raw))))
    if not match:
        raise ValueProblem(f"「{raw}」不是整数", f"'{raw}' is not a whole number")
    if len(match.group(1)) > len(str(MAX_NUMBER)):  # before int(): Python refuses very long digit strings
        raise _too_large(raw)
    _within_bounds(Decimal(match.group(1)), raw)
    return int(match.group(1))


def _number(raw):
    if isinstance(raw, bool):
        raise ValueProblem(f"「{raw}」不是数字", f"'{raw}' is not a number")
    if isinstance(raw, (int, float)):
        _within_bounds(Decimal(raw), raw)
        return raw
    try:
        number = Decimal(nfkc(str(raw)).rstrip("%分 "))
    except ArithmeticError:
        raise ValueProblem(f"「{raw}」不是数字", f"'{raw}' is not a number") from None
    _within_bounds(number, raw)
    return _plain_number(number)


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
