"""Money: figures (`¥60,000.00`, `60000元`, `6万元`) and capital numerals (`陆万元整`).

Money is Decimal rounded to fen (0.01) everywhere, so that sums compare exactly. An amount on
these forms is never negative and stays below 万亿 (MAX_AMOUNT): the capital numerals of anything
larger are neither written by cn2an the way this module reads them back nor seen on an office form.
"""
from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal

from .textnorm import nfkc, to_simplified

FEN = Decimal("0.01")
MAX_AMOUNT = Decimal("999999999999.99")  # 玖仟玖佰玖拾玖亿…: the largest written and read back
_DIGITS = "零壹贰叁肆伍陆柒捌玖"
# Variants seen on real slips: 参/參/叄 for 叁, 圆 for 元, 正 for 整, 〇 for 零, 什 for 拾.
_CAPITAL_VARIANTS = str.maketrans({"参": "叁", "參": "叁", "叄": "叁", "圆": "元", "圓": "元",
                                   "正": "整", "〇": "零", "○": "零", "什": "拾", "陸": "陆",
                                   "貳": "贰", "萬": "万", "億": "亿",
                                   # Ordinary numerals written where capitals belong (五 for 伍) mean the same.
                                   "一": "壹", "二": "贰", "两": "贰", "三": "叁", "四": "肆", "五": "伍", "六": "陆",
                                   "七": "柒", "八": "捌", "九": "玖", "十": "拾", "百": "佰", "千": "仟"})
_CAPITAL_PREFIX = re.compile(r"^(?:人民币|RMB|CNY|大写|\(大写\)|:)+", re.IGNORECASE)
_CAPITAL_SHAPE = re.compile(
    r"^(?:(?P<yuan>[零壹贰叁肆伍陆柒捌玖拾佰仟万亿]+)元)?"
    r"零?(?:(?P<jiao>[壹贰叁肆伍陆柒捌玖])角)?"
    r"零?(?:(?P<fen>[壹贰叁肆伍陆柒捌玖])分)?$"
)
_FIGURE_PREFIX = re.compile(r"^(?:人民币|RMB|CNY|¥)+", re.IGNORECASE)  # after NFKC: ￥ is ¥
_FIGURE_SUFFIX = re.compile(r"(?:[元圆][整正]?|[整正])$")
# Digits with a sign and decimals; thousands separators only in whole groups of three, so that a
# slip of the pen such as `1,2.3` is refused rather than read as 12.30.
_FIGURE = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d*)(?:\.\d*)?$")


def to_fen(value) -> Decimal:
    return Decimal(str(value)).quantize(FEN, rounding=ROUND_HALF_UP)


def format_figure(value) -> str:
    """`60000` → `60,000.00`."""
    return f"{to_fen(value):,.2f}"


def amount_problem(amount: Decimal) -> tuple[str, str] | None:
    """Why an amount cannot stand on a form (zh, en), or None when it can."""
    shown = f"{amount:.3E}" if amount.adjusted() >= 20 else str(amount)  # 10**400 in a message: 1.000E+400
    if amount < 0:
        return f"金额不能为负数（{shown}）", f"an amount cannot be negative ({shown})"
    if amount > MAX_AMOUNT:
        return (f"金额过大（{shown}），最大为 {MAX_AMOUNT:,}",
                f"the amount {shown} is too large; the largest is {MAX_AMOUNT:,}")
    return None


def format_capital(value) -> str:
    """`12345.6` → `壹万贰仟叁佰肆拾伍元陆角整`, following 会计基础工作规范 §52: 整 after 元 or 角.

    ValueError for an amount that cannot stand on a form (see amount_problem); data reaches here
    only through coercion, which refuses such amounts with the field's name."""
    import cn2an  # lazily: it costs ~0.1 s to import

    amount = to_fen(value)
    problem = amount_problem(amount)
    if problem is not None:
        raise ValueError(problem[1])
    text = cn2an.an2cn(f"{amount:.2f}", "rmb")
    if not text.endswith(("分", "整")):
        text += "整"
    return text


_UNITS = {"拾": 10, "佰": 100, "仟": 1000}


def _section(text: str, leading: bool) -> int | None:
    """0–9999 written as 伍仟零伍拾 (no 万 or 亿 in it), or None if it is not written properly.

    零 stands for skipped places and nothing else: it must be followed by a digit, come once for a
    run of zeros, and only where a place was skipped (壹仟零拾 and 陆万零仟 are malformed). A
    leading bare 拾 is ten (拾元), but only at the very start of the amount.
    """
    if leading and text.startswith("拾"):
        text = "壹" + text
    value, previous_unit, zero, index = 0, 10000, False, 0
    while index < len(text):
        char = text[index]
        if char == "零":
            if zero or index + 1 >= len(text) or text[index + 1] not in _DIGITS[1:]:
                return None
            zero, index = True, index + 1
            continue
        digit = _DIGITS.find(char)
        if digit <= 0:
            return None
        unit = _UNITS.get(text[index + 1], 0) if index + 1 < len(text) else 0
        index += 2 if unit else 1
        unit = unit or 1
        if unit >= previous_unit or (zero and unit * 10 >= previous_unit):
            return None  # places out of order, or a 零 where no place was skipped
        value, previous_unit, zero = value + digit * unit, unit, False
    return value


def _integer_capital(text: str) -> int | None:
    """The yuan of a capital amount: sections of 0–9999 joined by 亿 and 万."""
    if text == "零":
        return 0
    value, first = 0, True
    hundred_millions, _, rest = text.rpartition("亿") if "亿" in text else ("", "", text)
    ten_thousands, _, units = rest.rpartition("万") if "万" in rest else ("", "", rest)
    for part, scale, present in ((hundred_millions, 10**8, "亿" in text), (ten_thousands, 10**4, "万" in rest),
                                 (units, 1, True)):
        if not present:
            continue
        if part == "" and scale > 1:
            return None  # 万 or 亿 with nothing before it
        if part == "":
            continue
        parsed = _section(part, first)
        if parsed is None or (parsed == 0 and scale > 1):
            return None
        value, first = value + parsed * scale, False
    return value


def normalise_capital(text: str) -> str:
    simplified = nfkc(to_simplified(text)).translate(_CAPITAL_VARIANTS)
    return _CAPITAL_PREFIX.sub("", re.sub(r"[\s()（）:：]", "", simplified)).rstrip("整")


def parse_capital(text: str) -> Decimal | None:
    """The value of a capital-numeral amount, or None if it is not one."""
    core = normalise_capital(text)
    if not core:
        return None
    match = _CAPITAL_SHAPE.match(core)
    if not match or not any(match.groupdict().values()):
        return None
    yuan = 0
    if match.group("yuan"):
        parsed = _integer_capital(match.group("yuan"))
        if parsed is None:
            return None
        yuan = parsed
    jiao = _DIGITS.index(match.group("jiao")) if match.group("jiao") else 0
    fen = _DIGITS.index(match.group("fen")) if match.group("fen") else 0
    return Decimal(yuan) + Decimal(jiao) / 10 + Decimal(fen) / 100


def _written_figure(text: str) -> Decimal | None:
    """`¥60,000.00`, `60000元整`, `6万元`, `人民币4780.50元整` exactly as written, or None."""
    plain = _FIGURE_SUFFIX.sub("", _FIGURE_PREFIX.sub("", re.sub(r"\s+", "", nfkc(text))))
    multiplier = Decimal(1)
    if plain.endswith("万"):
        plain, multiplier = plain[:-1], Decimal(10000)
    if not _FIGURE.match(plain) or not any(char.isdigit() for char in plain):
        return None
    try:
        return Decimal(plain.replace(",", "")) * multiplier
    except ArithmeticError:
        return None


def exact_figure(value) -> Decimal | None:
    """A written amount exactly, before rounding to fen: a number, figures or capitals; None
    when it is not an amount. Never raises, however large or odd the value."""
    if isinstance(value, bool):
        return None  # True is no amount, though Python counts it as 1
    if isinstance(value, int):
        return Decimal(value)  # not through str(): a huge int has no str() in Python 3.11+
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, float):
        return Decimal(repr(value)) if math.isfinite(value) else None
    text = str(value)
    written = _written_figure(text)
    return written if written is not None else parse_capital(text)


def parse_figure(text) -> Decimal | None:
    """A written amount in figures or capitals, rounded to fen: `¥60,000.00`, `60000元`, `6万元`,
    `陆万元整`; None when it is not one or too large to round (see amount_problem for the bounds)."""
    exact = exact_figure(text)
    if exact is None or exact.copy_abs() > MAX_AMOUNT * 10**12:  # far past any bound: not rounded
        return None
    return to_fen(exact)
