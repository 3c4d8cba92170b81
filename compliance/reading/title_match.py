"""How much a printed title means a form's title: `2019年月度工作业绩考核表（ 月）` is a
performance sheet, `投资项目立项申请表` a project intake request, `费用报销单（差旅）` a
reimbursement slip.

Offices decorate titles with years, months, company names and notes in brackets, and say the same
thing with other words. What stays is the kind of paper (表, 单, 报告 …) and most of the words that
say what it is for: the share of the form title's character pairs found in the printed title,
when both are the same kind of paper.
"""
from __future__ import annotations

import re

from ..model.textnorm import label_key

_DECORATION = re.compile(r"[（(【\[][^）)】\]]*[）)】\]]|\d+\s*[年月日号期季度]?|[年月]度|[_＿\s]+")
# The kinds of paper, longest first: what a title says it is, whatever it is for.
_ENDINGS = ("申请表", "审批表", "登记表", "申请单", "审批单", "报告书", "报告", "表", "单", "书")
_FAMILY = {"表": "form", "单": "form", "书": "report", "告": "report"}  # 表 and 单 are used alike


def core(title: str) -> str:
    """The title without dates, numbers and bracketed notes, in comparable form."""
    return label_key(_DECORATION.sub("", title))


def split_title(title: str) -> tuple[str, str | None]:
    """(what the paper is for, its kind family) — 投资项目立项申请表 → (投资项目立项, form)."""
    text = core(title)
    for ending in _ENDINGS:
        if text.endswith(ending) and len(text) > len(ending):
            return text[: -len(ending)], _FAMILY[ending[-1]]
    return text, None


def _pairs(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)} or {text}


def meaning_share(printed: str, form_title: str) -> float:
    """0..1: how much of what `form_title` is for the printed title says; 0 for another kind of paper."""
    printed_stem, printed_kind = split_title(printed)
    title_stem, title_kind = split_title(form_title)
    if not printed_stem or not title_stem or len(printed_stem) > 30 or printed_kind is None:
        return 0.0
    if printed_kind != title_kind:
        return 0.0
    wanted = _pairs(title_stem)
    return len(wanted & _pairs(printed_stem)) / len(wanted)
