"""A value written by hand that OCR could not read.

On a scan, a cell that holds handwriting no engine can read is still not empty: a signed 审批人
cell is signed even when the name cannot be read. The reader gives such a cell an `Unread`
value. Only the reader makes one (typed text that happens to say the same is a plain string),
so a forger cannot type their way past a check. The checker counts it as present, never takes
it for a person's name or a date, and warns (`handwriting-unreadable`) so that a person reads
that cell.
"""
from __future__ import annotations

UNREAD_TEXT = "〔手写·未能识读〕"
HANDWRITING_UNREADABLE = "handwriting-unreadable"


class Unread(str):
    """Handwriting that is there but could not be read; shown as UNREAD_TEXT."""

    def __new__(cls) -> Unread:
        return super().__new__(cls, UNREAD_TEXT)

    def __getnewargs__(self) -> tuple:  # pickled across worker processes: made again from nothing
        return ()


def is_unread(value: object) -> bool:
    return isinstance(value, Unread)
