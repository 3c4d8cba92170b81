"""Helpers the batch kinds share to read one checked file's data."""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from ..model.amounts import to_fen
from ..model.approval_text import REJECTS, name_key, opinion_verdict, signature_name
from ..model.textnorm import label_key

# A request whose approval is missing or refused covers nothing.
REFUSED = frozenset({"approval-missing", "approval-rejected"})


def text_key(value) -> str:
    """Script, width, spacing and punctuation folded: how two writings of one title compare."""
    return _folded(str(value)) if value not in (None, "") else ""


@lru_cache(maxsize=65536)
def _folded(text: str) -> str:  # a month of slips repeats its categories and summaries
    return label_key(text)


def person_key(value) -> str:
    return name_key(str(value)) if value not in (None, "") else ""


def fen(value) -> Decimal | None:
    try:
        return to_fen(value) if value not in (None, "") else None
    except (TypeError, ValueError, ArithmeticError):
        return None


def approved_by(rows, roles) -> bool:
    """Whether a row of one of `roles` is signed and does not refuse."""
    wanted = {text_key(role) for role in roles}
    for row in rows or ():
        if not isinstance(row, dict) or text_key(row.get("role")) not in wanted:
            continue
        if signature_name(row.get("approver")) and opinion_verdict(row.get("opinion")) != REJECTS:
            return True
    return False
