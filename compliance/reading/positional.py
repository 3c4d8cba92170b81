"""Rows of cells from text placed by position: a PDF's text layer or the boxes OCR reads on a scan.

Where the page draws a table, each cell is a rectangle closed by its ruling lines: the text in it
is read whole, wrapped lines and all, and an empty cell stays an empty cell beside its label.
Text outside any ruled cell falls back to lines and gaps: fragments on one baseline form a row,
and a gap wider than about a character starts a new cell.
"""
from __future__ import annotations

from dataclasses import dataclass

from .model import Cell, Row
from .rulings import Box

_ROW_SNAP = 3.0  # cells whose tops are this close start one row


@dataclass
class Fragment:
    """A piece of text at its baseline start, in points with y up; `size` is its line height."""

    x: float
    y: float
    text: str
    size: float
    confidence: float | None = None  # set when OCR read it

    @property
    def width(self) -> float:
        return sum(self.size if ord(c) > 0x2E7F else self.size * 0.55 for c in self.text)

    @property
    def anchor(self) -> tuple[float, float]:
        """A point inside the first glyph: what decides the cell a fragment is written in."""
        first = self.size if self.text[:1] and ord(self.text[0]) > 0x2E7F else self.size * 0.55
        return self.x + min(first, self.width) / 2, self.y + self.size * 0.35


def _lines(fragments: list[Fragment]) -> list[list[Fragment]]:
    ordered = sorted(fragments, key=lambda f: (-f.y, f.x))
    lines: list[list[Fragment]] = []
    for fragment in ordered:
        if lines and abs(lines[-1][0].y - fragment.y) <= fragment.size * 0.5:
            lines[-1].append(fragment)
        else:
            lines.append([fragment])
    for line in lines:
        line.sort(key=lambda f: f.x)
    return lines


def _join(before: str, after: str, separator: str) -> str:
    """Chinese wraps and joins with nothing between; Latin words and numbers keep a space."""
    if before and after and before[-1].isascii() and before[-1].isalnum() and after[0].isascii() and after[0].isalnum():
        return before + separator + after
    return before + after


def _cell_text(fragments: list[Fragment]) -> str:
    text = ""
    for line in _lines(fragments):
        written = ""
        end = None
        for fragment in line:
            gap = fragment.x - end if end is not None else 0.0
            if written and gap >= fragment.size * 0.9:
                written += " " + fragment.text  # apart on the line: 同意 … 签字：赵明辉 … 日期
            else:
                written = _join(written, fragment.text, " ")
            end = max(end or fragment.x, fragment.x + fragment.width)
        text = _join(text, written, " ") if text else written
    return text.strip()


def _gap_rows(fragments: list[Fragment], page: int) -> list[tuple[float, Row]]:
    rows = []
    for line in _lines(fragments):
        cells: list[Cell] = []
        end = None
        for fragment in line:
            if cells and end is not None and fragment.x - end < fragment.size * 0.9:
                cells[-1].text += fragment.text
                if fragment.confidence is not None:
                    cells[-1].confidence = min(cells[-1].confidence or 1.0, fragment.confidence)
                end = max(end, fragment.x + fragment.width)
                cells[-1].span = end - cells[-1].column
                continue
            end = fragment.x + fragment.width
            cells.append(Cell(fragment.text, fragment.x, end - fragment.x, page, confidence=fragment.confidence))
        for cell in cells:
            cell.text = cell.text.strip()
        kept = [c for c in cells if c.text]
        if kept:
            rows.append((line[0].y + line[0].size, Row(kept)))
    return rows


def _lowest_confidence(fragments: list[Fragment]) -> float | None:
    known = [f.confidence for f in fragments if f.confidence is not None]
    return min(known) if known else None


def page_rows(fragments: list[Fragment], cells: list[Box], page: int, handwritten: frozenset[int] = frozenset()) -> list[Row]:
    """The page read top to bottom: ruled cells grouped into rows by their top edge, and loose
    text between and around them as rows of its own. `handwritten` holds the indices of cells
    written in by hand where no text could be read."""
    inside: dict[int, list[Fragment]] = {}
    loose: list[Fragment] = []
    by_size = sorted(range(len(cells)), key=lambda i: cells[i].area)
    for fragment in fragments:
        x, y = fragment.anchor
        home = next((i for i in by_size if cells[i].holds(x, y)), None)
        if home is None:
            loose.append(fragment)
        else:
            inside.setdefault(home, []).append(fragment)
    placed: list[tuple[float, Row]] = _gap_rows(loose, page)
    ruled = sorted(range(len(cells)), key=lambda i: (-cells[i].top, cells[i].left))
    current: list[int] = []
    for index in ruled + [-1]:
        if current and (index < 0 or abs(cells[current[0]].top - cells[index].top) > _ROW_SNAP):
            row = Row([Cell(_cell_text(inside.get(i, [])), cells[i].left, cells[i].right - cells[i].left, page,
                            confidence=_lowest_confidence(inside.get(i, [])),
                            handwritten=i in handwritten and not inside.get(i))
                       for i in sorted(current, key=lambda i: cells[i].left)])
            if any(c.text or c.handwritten for c in row.cells):
                placed.append((cells[current[0]].top, row))
            current = []
        if index >= 0:
            current.append(index)
    placed.sort(key=lambda item: -item[0])
    return [row for _top, row in placed]
