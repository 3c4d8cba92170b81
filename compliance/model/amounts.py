"""Money: figures (`¥60,000.00`, `60000元`, `6万元`) and capital numerals (`陆万元整`).

Money is Decimal rounded to fen (0.01) everywhere, so that sums compare exactly.
"""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .textnorm import nfkc, to_simplified

FEN = Decimal("0.01")
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
_FIGURE_NOISE = re.compile(r"[¥￥,，\s]|^(?:人民币|RMB|CNY)|元$|圆$|整$", re.IGNORECASE)


def to_fen(value) -> Decimal:
    return Decimal(str(value)).quantize(FEN, rounding=ROUND_HALF_UP)


def format_figure(value) -> str:
    """`60000` → `60,000.00`."""
    return f"{to_fen(value):,.2f}"


def format_capital(value) -> str:
    """`12345.6` → `壹万贰仟叁佰肆拾伍元陆角整`, following 会计基础工作规范 §52: 整 after 元 or 角."""
    import cn2an  # lazily: it costs ~0.1 s to import

    amount = to_fen(value)
    if amount < 0:
        raise ValueError("negative amounts have no capital form here")
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


def parse_figure(text: str) -> Decimal | None:
    """A written amount in figures or capitals: `¥60,000.00`, `60000元`, `6万元`, `陆万元整`."""
    if isinstance(text, (int, float, Decimal)) and not isinstance(text, bool):
        return to_fen(text)
    plain = _FIGURE_NOISE.sub("", nfkc(str(text)).strip())
    multiplier = Decimal(1)
    if plain.endswith("万"):
        plain, multiplier = plain[:-1], Decimal(10000)
    try:
        return to_fen(Decimal(plain) * multiplier)
    except (InvalidOperation, ValueError):
        return parse_capital(str(text))
