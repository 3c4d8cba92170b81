"""What an approval row says: whether its opinion approves, and whether its signature is a name.

Forgers and hurried clerks both write things that look like approvals and are not: 不 同 意 with
spaces, 同意，但须补充发票, a `/` or `（签字）` in the signature cell, a name padded with zero-width
characters. Everything here is judged after the same normalisation: NFKC width, Simplified
script, no spacing, no invisible characters, no punctuation.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .handwriting import Unread
from .textnorm import nfkc, to_simplified

APPROVES, REJECTS, CONDITIONAL, EMPTY = "approves", "rejects", "conditional", "empty"

# Any of these anywhere in an opinion rejects it, whatever else it says (不同意 contains 同意).
_REJECTING = ("不同意", "不予同意", "不批准", "不予批准", "不准", "不予报销", "不能报销", "不通过", "不予通过",
              "驳回", "退回", "拒绝", "否决", "不认可", "不予认可", "不接受", "不予受理", "不合格", "作废")
# An approval with a condition or still pending is not yet an approval.
_CONDITIONAL = ("拟同意", "原则同意", "原则上同意", "有条件同意", "同意但", "但须", "但需", "但应", "但要", "待定",
                "待议", "再议", "暂缓", "缓议", "请补充", "需补充", "须补充", "补充后", "补齐后", "待补", "待核",
                "待审", "需核实", "须核实", "请核实", "后再", "另行", "暂不")

# Characters that carry no text: spaces of every kind, zero-width and direction marks, fillers.
_INVISIBLE = re.compile(r"[\s\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\u00ad\u115f\u1160\u3164\uffa0]")


def strip_invisible(text: str) -> str:
    return _INVISIBLE.sub("", text)


@lru_cache(maxsize=4096)
def _compact(text: str) -> str:
    """Simplified, NFKC, without spacing, invisible characters or punctuation."""
    simplified = strip_invisible(nfkc(to_simplified(text)))
    return "".join(ch for ch in simplified if not unicodedata.category(ch).startswith(("P", "S")))


def opinion_verdict(opinion: object) -> str:
    """APPROVES, REJECTS, CONDITIONAL, or EMPTY (no opinion: a signed, dated row still approves).

    Handwriting that could not be read says nothing that can be judged: it is reported as
    handwriting-unreadable for a person to read."""
    if opinion is None or isinstance(opinion, Unread):
        return EMPTY
    return _verdict(str(opinion))


@lru_cache(maxsize=4096)
def _verdict(opinion: str) -> str:
    text = _compact(opinion)
    if not text:
        return EMPTY
    if any(word in text for word in _REJECTING):
        return REJECTS
    if any(word in text for word in _CONDITIONAL):
        return CONDITIONAL
    return APPROVES


# What people write in a signature cell that is not a name.
_NOT_A_NAME = {"无", "没有", "暂无", "待签", "待签字", "未签", "未签字", "空", "略", "见附件", "详见附件", "签字", "签名",
               "签章", "盖章", "签字盖章", "本人签字", "审批人", "审核人", "经办人", "负责人", "na", "n/a", "none", "null",
               "tbd", "x", "xx", "xxx", "某某", "张三", "李四"}
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
    compact = strip_invisible(nfkc(text))
    while _TRAILING_NOTE.search(compact):  # 王芳（代） is signed by 王芳 on someone's behalf
        compact = _TRAILING_NOTE.sub("", compact)
    letters = "".join(ch for ch in compact if not unicodedata.category(ch).startswith(("P", "S", "Z", "C")))
    if not letters:
        return None  # /, —, ______, （签字）, blanks
    simplified = _compact(letters)
    if simplified.lower() in _NOT_A_NAME or simplified in {_compact(label) for label in labels if label}:
        return None
    return name_key(letters)


# Traditional characters whose Simplified form is another, common surname: 於 is not 于, 範 is not
# 范. Converting them would make two different people one.
_DISTINCT_IN_TRADITIONAL = frozenset("於範薑後鬱穀餘徵雲瀋")


@lru_cache(maxsize=4096)
def name_key(name: str) -> str:
    """A person's name in comparable form: same script and width, without spacing or notes."""
    compact = strip_invisible(nfkc(name))
    while _TRAILING_NOTE.search(compact):
        compact = _TRAILING_NOTE.sub("", compact)
    simplified = to_simplified(compact)
    if len(simplified) == len(compact):
        simplified = "".join(original if original in _DISTINCT_IN_TRADITIONAL else converted
                             for original, converted in zip(compact, simplified))
    return simplified.lower()
