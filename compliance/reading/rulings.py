"""Table cells from the ruling lines a page draws.

The same geometry serves a PDF's vector strokes and the lines found in a scanned image, so one
positional reader handles both. It follows the method pdfplumber uses (edges, their
intersections, then the smallest rectangle each top-left corner closes), written for our own
segment sources: a PDF page is already parsed once for its text, and a scan has no PDF at all.

Coordinates are PDF-like: x to the right, y up, in points.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

SNAP = 3.0  # strokes this close are one line: double borders, anti-aliased scans
MIN_LENGTH = 6.0  # shorter strokes are glyph parts or noise, not borders
MIN_CELL = 4.0  # a rectangle narrower or lower than this is a double border's gap
MAX_SEGMENTS = 3000  # beyond this a page is a drawing, not a form; read it without cells
MAX_LINES = 400  # merged lines of one direction: a form has a few dozen
MAX_STEPS = 400_000  # corner tries on one page; lines drawn to defeat the search get no cells


@dataclass(frozen=True)
class Segment:
    """An axis-aligned stroke: `at` is its y (horizontal) or x (vertical); it runs start → end."""

    at: float
    start: float
    end: float


@dataclass(frozen=True)
class Box:
    left: float
    bottom: float
    right: float
    top: float

    def holds(self, x: float, y: float) -> bool:
        return self.left <= x <= self.right and self.bottom <= y <= self.top

    @property
    def area(self) -> float:
        return (self.right - self.left) * (self.top - self.bottom)


def _merge(segments: list[Segment]) -> list[Segment]:
    """Strokes on (nearly) one line that touch or overlap become one; drawn in pieces is still one."""
    merged: list[Segment] = []
    for s in sorted(segments, key=lambda s: (s.at, s.start)):
        joined = False
        for i in range(len(merged) - 1, -1, -1):
            m = merged[i]
            if s.at - m.at > SNAP:
                break
            if s.start <= m.end + SNAP and m.start <= s.end + SNAP:
                merged[i] = Segment((m.at + s.at) / 2, min(m.start, s.start), max(m.end, s.end))
                joined = True
                break
        if not joined:
            merged.append(s)
    return [m for m in merged if m.end - m.start >= MIN_LENGTH]


class _Lines:
    """Merged lines of one direction, for 'is there a line here covering this stretch?'."""

    def __init__(self, segments: list[Segment]) -> None:
        self.lines = sorted(segments, key=lambda s: s.at)
        self.positions = [s.at for s in self.lines]

    def covers(self, at: float, start: float, end: float) -> bool:
        low, high = bisect_left(self.positions, at - SNAP), bisect_right(self.positions, at + SNAP)
        return any(s.start - SNAP <= start and end <= s.end + SNAP for s in self.lines[low:high])


def cells_from_rulings(horizontal: list[Segment], vertical: list[Segment]) -> list[Box]:
    """Every cell the lines close: for each crossing taken as a top-left corner, the nearest
    crossing below and to the right whose four sides are all drawn."""
    if len(horizontal) + len(vertical) > MAX_SEGMENTS:
        return []
    rows, columns = _merge(horizontal), _merge(vertical)
    if not 2 <= len(rows) <= MAX_LINES or not 2 <= len(columns) <= MAX_LINES:
        return []
    across, down = _Lines(rows), _Lines(columns)
    crossings: dict[float, list[float]] = {}  # x of a vertical line → ys where a horizontal meets it
    for v in columns:
        for h in rows:
            if h.start - SNAP <= v.at <= h.end + SNAP and v.start - SNAP <= h.at <= v.end + SNAP:
                crossings.setdefault(v.at, []).append(h.at)
    xs = sorted(crossings)
    at_x = {x: sorted(ys, reverse=True) for x, ys in crossings.items()}
    cells: list[Box] = []
    budget = [MAX_STEPS]
    for i, left in enumerate(xs):
        for top in at_x[left]:
            cell = _close(left, top, xs[i + 1:], at_x, across, down, budget)
            if budget[0] <= 0:
                return []
            if cell is not None:
                cells.append(cell)
    return cells


def _close(left: float, top: float, rights: list[float], at_x: dict[float, list[float]],
           across: _Lines, down: _Lines, budget: list[int]) -> Box | None:
    for bottom in at_x[left]:
        if bottom > top - MIN_CELL or not down.covers(left, bottom, top):
            continue
        for right in rights:
            budget[0] -= 1
            if budget[0] <= 0:
                return None
            if right < left + MIN_CELL:
                continue
            if not across.covers(top, left, right):
                break  # the top edge stops here: no wider cell starts at this corner
            if (_meets(at_x[right], top) and _meets(at_x[right], bottom) and down.covers(right, bottom, top)
                    and across.covers(bottom, left, right)):
                return Box(left, bottom, right, top)
    return None


def _meets(ys: list[float], y: float) -> bool:
    return any(abs(candidate - y) <= SNAP for candidate in ys)
