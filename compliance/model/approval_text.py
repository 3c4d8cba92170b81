"""What an approval row says: whether its opinion approves, who signed it, and for which role.

Forgers and hurried clerks both write things that look like approvals and are not: 不 同 意 with
spaces, 不能同意, 同意，但须补充发票, a `/` or `（签字）` in the signature cell, a name padded with
characters that do not show or typed with a radical that looks like the character (⻢ for 马).
Everything here is judged after the same normalisation: NFKC width, look-alikes folded,
Simplified script, no spacing, no invisible or combining marks, no punctuation. Whether an opinion
refuses is read by the grammar of `opinions`.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from .handwriting import Unread
from .opinions import refuses
from .placeholders import no_value
from .textnorm import fold_lookalikes, is_radical, label_key, strip_invisible, to_simplified

APPROVES, REJECTS, CONDITIONAL, EMPTY = "approves", "rejects", "conditional", "empty"

# An approval with a condition or still pending is not yet an approval.
_CONDITIONAL = ("拟同意", "原则同意", "原则上同意", "基本同意", "有条件同意", "同意但", "但须", "但需", "但应", "但要",
                "但请", "但必须", "前提是", "待定", "待议", "再议", "暂缓", "缓议", "请补充", "需补充", "须补充", "补充后",
                "补齐后", "待补", "待核", "待审", "需核实", "须核实", "请核实", "后再", "另行", "暂不",
                # Withholding a decision is no decision: 不置可否, 保留意见, 弃权.
                "不置可否", "保留意见", "意见保留", "持保留", "有保留", "弃权", "不表态", "未表态", "不发表意见")
# A clause that starts by deferring (待领导批示, 待补齐发票后报销) is pending, wherever it stands;
# inside a word (招待费) 待 defers nothing.
_DEFERRING_CLAUSE = ("待", "暂缓", "缓办", "缓议", "留待")


def compact_visible(text: str) -> str:
    """`text` without spacing or anything that does not show (textnorm.strip_invisible keeps spacing)."""
    return re.sub(r"\s+", "", strip_invisible(text))


def _letters(text: str, keep: str) -> str:
    """Normalised text keeping letters, digits and the categories in `keep` (P, S, Z), with every
    other punctuation, symbol or space as a space; invisible and combining marks dropped (a mark
    stacked on a Chinese character means nothing, and hides it from a word match)."""
    folded = strip_invisible(fold_lookalikes(to_simplified(text)))
    out = []
    for char in folded:
        category = unicodedata.category(char)
        if category[0] == "M":
            continue
        out.append(char if category[0] in "LN" or category[0] in keep else " ")
    return "".join(out)


@lru_cache(maxsize=4096)
def _compact(text: str) -> str:
    """Simplified, NFKC, look-alikes folded, without spacing, invisible marks or punctuation."""
    return "".join(_letters(text, "").split())


def _clauses(text: str) -> list[str]:
    """The clauses of an opinion, split at its punctuation (spacing is no clause break: 不 可 以)."""
    return [clause for clause in re.split(r"[^\w\s]+", _letters(text, "PZ")) if clause.strip()]


def opinion_verdict(opinion: object) -> str:
    """APPROVES, REJECTS, CONDITIONAL, or EMPTY (no opinion: a signed, dated row still approves).

    Handwriting that could not be read says nothing that can be judged: it is reported as
    handwriting-unreadable for a person to read."""
    if opinion is None or isinstance(opinion, Unread):
        return EMPTY
    return _verdict(str(opinion))


@lru_cache(maxsize=4096)
def _verdict(opinion: str) -> str:
    said, _name = split_signature(opinion)
    text = _compact(said)
    clauses = tuple(_compact(clause) for clause in _clauses(said))
    if all(len(clause) <= 1 for clause in clauses):
        clauses = ()  # punctuation between every character (不、同、意) spells a word out: no clauses
    if refuses(text, _letters(said, "S"), clauses):
        return REJECTS
    if not text:
        return EMPTY
    return CONDITIONAL if _conditional(text, clauses) else APPROVES


def _conditional(text: str, clauses: tuple[str, ...]) -> bool:
    if any(word in text for word in _CONDITIONAL):
        return True
    return any(len(clause) > 1 and clause.startswith(_DEFERRING_CLAUSE) for clause in (text, *clauses))


# A signature written into the opinion cell: 同意。 签字：李卫东 (2026-05-20).
_SIGNED_IN_TEXT = re.compile(r"(?:[签簽](?:字|名|章)|[审審](?:批|核)人|批示人|[经經][办辦]人)\s*[:：]?\s*"
                             r"(?P<name>[^\s:：,，。;；、!！?？()（）\d]{2,12}(?:\s*[（(][^()（）]{1,6}[)）])?)"
                             r"\s*(?:\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?)?\s*$")


@lru_cache(maxsize=4096)
def split_signature(opinion: str) -> tuple[str, str | None]:
    """(the opinion without a signature written at its end, the name signed there or None)."""
    found = _SIGNED_IN_TEXT.search(opinion)
    if found is None:
        return opinion, None
    return opinion[:found.start()], found.group("name")


# What people write in a signature cell that is not a name (besides what says no value at all:
# placeholders.no_value).
_NOT_A_NAME = {"待签", "待签字", "未签", "未签字", "签字", "签名", "签章", "盖章", "签字盖章", "本人签字", "审批人", "审核人",
               "经办人", "负责人", "姓名", "同上", "张三", "李四", "x"}
_TRAILING_NOTE = re.compile(r"[（(][^（()）]{0,6}[)）]$")  # （代）, （代签）, (签字)


def signature_name(text: object, labels: tuple[str, ...] = ()) -> str | None:
    """The name a signature cell holds, compared form; None when it holds no name at all.

    `labels` are the words that head the cell or row (审批人, the role): a label repeated as its own
    value is not a signature. Handwriting that could not be read is someone's signature, but whose
    is unknown: its key is its own and equals no other.
    """
    if isinstance(text, Unread):
        return f"\0unread-{id(text)}"
    return _signature(str(text), labels) if text is not None else None


@lru_cache(maxsize=4096)
def _signature(text: str, labels: tuple[str, ...]) -> str | None:
    compact = _without_notes(compact_visible(fold_lookalikes(text)))
    letters = "".join(ch for ch in compact if not unicodedata.category(ch).startswith(("P", "S", "Z", "C", "M")))
    if not letters or no_value(letters):
        return None  # /, —, ______, （签字）, 无, 待补, blanks
    simplified = _compact(letters)
    if simplified.lower() in _NOT_A_NAME or simplified in {_compact(label) for label in labels if label}:
        return None
    if name_problem(text) is not None:
        return None  # 周A琳 is nobody's name, so nobody's signature (and field-invalid)
    return name_key(letters)


def _without_notes(text: str) -> str:
    while _TRAILING_NOTE.search(text):  # 王芳（代） is signed by 王芳 on someone's behalf
        text = _TRAILING_NOTE.sub("", text)
    return text


# Traditional characters whose Simplified form is another, common surname: 於 is not 于, 範 is not
# 范. Converting them would make two different people one.
_DISTINCT_IN_TRADITIONAL = frozenset("於範薑後鬱穀餘徵雲瀋")


@lru_cache(maxsize=4096)
def name_key(name: str) -> str:
    """A person's name in comparable form: same script and width, look-alikes folded, without
    spacing, notes, or marks that do not show."""
    compact = _without_notes(compact_visible(fold_lookalikes(name)))
    compact = "".join(ch for ch in compact if unicodedata.category(ch)[0] != "M")
    simplified = to_simplified(compact)
    if len(simplified) == len(compact):
        simplified = "".join(original if original in _DISTINCT_IN_TRADITIONAL else converted
                             for original, converted in zip(compact, simplified))
    return simplified.lower()


def _script(char: str) -> str:
    """The script of a letter, by its Unicode name: HAN, LATIN, GREEK, CYRILLIC, KATAKANA…"""
    if is_radical(char):
        return "RADICAL"  # a radical no ideograph looks like (fold_lookalikes kept it)
    name = unicodedata.name(char, "")
    if name.startswith(("CJK UNIFIED", "CJK COMPATIBILITY", "IDEOGRAPHIC")):
        return "HAN"
    return name.split(" ")[0] if name else "UNKNOWN"


def _lettered(char: str) -> bool:
    """A letter, or a radical standing where a letter of a name would (⻈ is a symbol to Unicode)."""
    return char.isalpha() or is_radical(char)


@lru_cache(maxsize=4096)
def name_problem(name: str) -> tuple[str, str] | None:
    """Why `name` is no person's name as written (zh, en), or None.

    Each word of a name is written in one script. A Chinese name is written in Chinese characters,
    so a Latin, Greek or Cyrillic letter among them (周A琳, 周 A 琳), a combining mark on one of them
    or a radical that is no character is a forgery or a slip, never a name; a name in Latin letters
    (Li Wei), or one romanised beside the characters (孙丽娟 Sun Lijuan), is a name.
    """
    text = _without_notes(strip_invisible(fold_lookalikes(name)).strip())
    words = _words(text)
    scripts = [{_script(char) for char in word if _lettered(char)} for word in words]
    for index, (word, found) in enumerate(zip(words, scripts)):
        marked = "HAN" in found and any(unicodedata.category(char)[0] == "M" for char in word)
        if len(found) > 1 or marked or _lone_letter_inside(index, words, scripts):
            alien = ", ".join(sorted(found - {"HAN"})) or "COMBINING"
            return (f"「{name}」不是有效的姓名：汉字之间混有其他文字的字母或符号（{alien}）",
                    f"'{name}' is no valid name: letters or marks of another script stand among its characters ({alien})")
    return None


def _words(text: str) -> list[str]:
    """The words of a name: runs of letters, digits, combining marks and radicals; anything else
    (spacing, ·, punctuation, symbols) parts them."""
    parts = "".join(char if char.isalnum() or unicodedata.category(char)[0] == "M" or is_radical(char) else " "
                    for char in text)
    return parts.split()


def _lone_letter_inside(index: int, words: list[str], scripts: list[set[str]]) -> bool:
    """A single foreign letter set between two words of Chinese characters (周 A 琳)."""
    lone = len(words[index]) == 1 and bool(scripts[index]) and "HAN" not in scripts[index]
    return lone and 0 < index < len(words) - 1 and "HAN" in scripts[index - 1] and "HAN" in scripts[index + 1]


# -- roles -------------------------------------------------------------------------------------
# Words a role cell adds to the role's name: 财务审核意见, 部门负责人审批, 公司领导签字.
_ROLE_WORDS = ("审批意见", "审核意见", "审查意见", "意见", "审批", "审核", "审查", "签字", "签名", "签章", "签批", "批示",
               "确认", "栏", "盖章")


def role_named(written: object, roles: Iterable[str]) -> str | None:
    """Which of `roles` a role cell names: exactly, or followed by words such as 意见, 审批, 签字."""
    if written is None:
        return None
    key = label_key(compact_visible(str(written)))
    by_key = {label_key(role): role for role in roles}
    if key in by_key:
        return by_key[key]
    for role_key in sorted(by_key, key=len, reverse=True):
        if role_key and key.startswith(role_key) and _only_role_words(key[len(role_key):]):
            return by_key[role_key]
    return None


def _only_role_words(rest: str) -> bool:
    while rest:
        word = next((w for w in _ROLE_WORDS if rest.startswith(w)), None)
        if word is None:
            return False
        rest = rest[len(word):]
    return True
