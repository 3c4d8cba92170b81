"""Text lines of a PDF page with their vertical place on the displayed page."""
from __future__ import annotations

from typing import Any

from ..pages.pdf_reader import content_too_large
from .blank import TextLine

Box = tuple[float, float, float, float]


def page_geometry(page: Any) -> tuple[Box, int]:
    """The page's visible box (CropBox, else MediaBox) and its /Rotate in quarter turns (0..270)."""
    try:
        box = page.cropbox
        x0, y0, x1, y1 = float(box.left), float(box.bottom), float(box.right), float(box.top)
    except Exception:
        x0, y0, x1, y1 = 0.0, 0.0, 595.0, 842.0
    if x1 - x0 < 1 or y1 - y0 < 1:
        x0, y0, x1, y1 = 0.0, 0.0, 595.0, 842.0
    try:
        rotate = int(page.get("/Rotate", 0) or 0) % 360
    except Exception:
        rotate = 0
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)), rotate - rotate % 90


def top_fraction(x: float, y: float, box: Box, rotate: int) -> float:
    """0 at the top edge of the page as displayed (after /Rotate), 1 at the bottom edge."""
    x0, y0, x1, y1 = box
    if rotate == 90:  # turned clockwise: the left edge is now on top
        return (x - x0) / (x1 - x0)
    if rotate == 180:
        return (y - y0) / (y1 - y0)
    if rotate == 270:
        return (x1 - x) / (x1 - x0)
    return (y1 - y) / (y1 - y0)


def box_top_bottom(bbox: Box, box: Box, rotate: int) -> tuple[float, float]:
    """A user-space box's top and bottom as fractions of the displayed page height."""
    fractions = [top_fraction(x, y, box, rotate) for x in (bbox[0], bbox[2]) for y in (bbox[1], bbox[3])]
    return min(fractions), max(fractions)


def page_lines(page: Any) -> list[TextLine] | None:
    """Lines of text, top to bottom; None if the text cannot be extracted at all."""
    box, rotate = page_geometry(page)
    fragments: list[tuple[float, float, str]] = []

    def visit(text: str, cm: Any, tm: Any, _font: Any, _size: Any) -> None:
        if not text or not text.strip():
            return
        try:
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            top = top_fraction(float(x), float(y), box, rotate)
            across = float(y) if rotate in (90, 270) else float(x)
        except Exception:
            top, across = float("nan"), 0.0
        for part in text.splitlines():
            if part.strip():
                fragments.append((top, across, part))

    if content_too_large(page):
        return None
    try:
        page.extract_text(visitor_text=visit)
    except Exception:
        return None
    placed = sorted((f for f in fragments if f[0] == f[0]), key=lambda f: (f[0], f[1]))
    lines: list[TextLine] = []
    group: list[tuple[float, float, str]] = []
    for fragment in placed:
        # Fragments within ~0.6% of the page height (5 pt on A4) are on the same line.
        if group and fragment[0] - group[0][0] > 0.006:
            lines.append(_line(group))
            group = []
        group.append(fragment)
    if group:
        lines.append(_line(group))
    lines.extend(TextLine(f[2], None) for f in fragments if f[0] != f[0])
    return lines


def _line(group: list[tuple[float, float, str]]) -> TextLine:
    text = "".join(f[2] for f in sorted(group, key=lambda f: f[1]))
    return TextLine(text, sum(f[0] for f in group) / len(group))
