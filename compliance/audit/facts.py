"""Helpers the batch kinds share to read one checked file's data."""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from ..model.amounts import to_fen
from ..model.approval_text import name_key, role_named
from ..model.textnorm import label_key
from ..rulebook.kinds.approvals import NOT_APPROVED, approves


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
    """Whether a row of one of `roles` approves, by the approval kind's own judgement: a
    conditional, undated or refusing row is no approval here either."""
    wanted = list(roles)
    return any(isinstance(row, dict) and role_named(row.get("role"), wanted) is not None and approves(row)
               for row in rows or ())


def approved(result) -> bool:
    """Whether a checked document's approvals hold, as `check` judged them."""
    return not any(f.rule in NOT_APPROVED for f in result.findings)
