"""Whether a table cell holds handwriting that OCR read nothing from.

What is left in a cell once the ruling lines and the red seal ink are taken away, and once the
border's own edge is trimmed off, is ink someone put there: a signature, initials, a date.
A few specks of scanner noise are not: the ink must cover a small share of the cell and reach
across a fair part of it.
"""
from __future__ import annotations

import numpy as np

from ..rulings import Box

_MARGIN = 0.12  # share of each side trimmed: borders, their shadows, text of the next cell
_MIN_SHARE = 0.004  # of the trimmed cell's pixels
_MIN_SPREAD = 0.15  # of the trimmed cell's width, between the leftmost and rightmost ink


def holds_handwriting(ink: np.ndarray, box: Box, dpi: float) -> bool:
    """`ink`: 255 where a pen or printer left something that is not a line or seal; `box` in points."""
    height = ink.shape[0]
    scale = dpi / 72.0
    left, right = box.left * scale, box.right * scale
    top, bottom = height - box.top * scale, height - box.bottom * scale
    dx, dy = (right - left) * _MARGIN, (bottom - top) * _MARGIN
    x0, x1, y0, y1 = int(left + dx), int(right - dx), int(top + dy), int(bottom - dy)
    if x1 - x0 < 4 or y1 - y0 < 4:
        return False
    inside = ink[max(0, y0):y1, max(0, x0):x1]
    marked = inside > 0
    if marked.mean() < _MIN_SHARE:
        return False
    columns = np.flatnonzero(marked.any(axis=0))
    return bool(columns.size and (columns[-1] - columns[0]) >= _MIN_SPREAD * inside.shape[1])
