"""What a PDF page paints besides text, followed operator by operator while its text is read.

Rulings (stroked lines, hairline rectangles) give the table cells; the clipping area and opaque
shapes painted after text decide whether that text can be seen. The state is saved and restored
with the graphics state (q/Q), as a viewer does.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from .rulings import Box, Segment

_INVISIBLE_MODES = (3, 7)  # text render modes that neither fill nor stroke the glyphs
_PAPER = 0.94  # a colour this light in every channel reads as paper
_HAIRLINE = 2.0  # a filled rectangle this thin is drawn as a line (Word's borders are)
_AXIS = 0.5  # how far from level or plumb a stroke may lean and still be a ruling
_FILL = {b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"}
_STROKE = {b"S", b"s", b"B", b"B*", b"b", b"b*"}
_PATH = {b"m", b"l", b"re", b"h", b"c", b"v", b"y"}
_HANDLED = frozenset({b"q", b"Q", b"Tr", b"gs", b"rg", b"g", b"k", b"RG", b"G", b"K", b"W", b"W*", b"n"}
                     | _PATH | _FILL | _STROKE)
MAX_PATH_POINTS = 20_000  # per page: a map or a drawing, not a form


def _colour(operator: bytes, operands) -> tuple[float, ...] | None:
    if operator in (b"rg", b"RG"):
        return tuple(float(v) for v in operands[:3])
    if operator in (b"g", b"G"):
        return (float(operands[0]),) * 3
    if operator in (b"k", b"K"):
        c, m, y, k = (float(v) for v in operands[:4])
        return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return None


def _light(colour: tuple[float, ...]) -> bool:
    return len(colour) == 3 and min(colour) >= _PAPER


@dataclass
class _State:
    mode: int = 0
    fill: tuple[float, ...] = (0.0, 0.0, 0.0)
    stroke: tuple[float, ...] = (0.0, 0.0, 0.0)
    clip: Box | None = None
    blended: bool = False  # an ExtGState was set: the fill may be see-through, so it hides nothing


@dataclass
class Cover:
    """An opaque shape painted over whatever was drawn before it (operation number `after`)."""

    box: Box
    after: int


@dataclass
class PageMarks:
    horizontal: list[Segment] = field(default_factory=list)
    vertical: list[Segment] = field(default_factory=list)
    covers: list[Cover] = field(default_factory=list)


class PageTracker:
    """Fed every operator before pypdf handles it (visitor_operand_before)."""

    def __init__(self) -> None:
        self.state = _State()
        self.saved: list[_State] = []
        self.marks = PageMarks()
        self.operations = 0
        self.points = 0
        self.path: list[list[tuple[float, float]]] = []  # subpaths, in page space
        self.rectangles: list[tuple[float, float, float, float]] = []
        self.clipping = False  # W or W*: the path being built also clips, once it is painted

    def before(self, operator: bytes, operands, cm, _tm) -> None:
        self.operations += 1
        if operator not in _HANDLED:  # most operators place or show text: nothing to follow
            return
        try:
            self._handle(operator, operands, cm)
        except (TypeError, ValueError, IndexError, ZeroDivisionError):
            pass  # a malformed operand leaves the state as it was

    def invisible(self) -> bool:
        return self.state.mode in _INVISIBLE_MODES or _light(self.state.fill)

    def clipped(self, x: float, y: float) -> bool:
        clip = self.state.clip
        return clip is not None and not clip.holds(x, y)

    def _handle(self, operator: bytes, operands, cm) -> None:
        state = self.state
        if operator == b"q":
            self.saved.append(_State(state.mode, state.fill, state.stroke, state.clip, state.blended))
        elif operator == b"Q":
            if self.saved:
                self.state = self.saved.pop()
        elif operator == b"Tr":
            state.mode = int(operands[0])
        elif operator == b"gs":
            state.blended = True
        elif operator in (b"rg", b"g", b"k"):
            state.fill = _colour(operator, operands) or state.fill
        elif operator in (b"RG", b"G", b"K"):
            state.stroke = _colour(operator, operands) or state.stroke
        elif operator in _PATH:
            self._build(operator, operands, cm)
        elif operator in (b"W", b"W*"):
            self.clipping = True
        elif operator in _FILL or operator in _STROKE or operator == b"n":
            self._paint(operator)

    def _build(self, operator: bytes, operands, cm) -> None:
        self.points += 1
        if self.points > MAX_PATH_POINTS:
            return

        def place(x, y):
            x, y = float(x), float(y)
            return cm[0] * x + cm[2] * y + cm[4], cm[1] * x + cm[3] * y + cm[5]

        if operator == b"m":
            self.path.append([place(operands[0], operands[1])])
        elif operator == b"l" and self.path:
            self.path[-1].append(place(operands[0], operands[1]))
        elif operator in (b"c", b"v", b"y") and self.path:
            self.path[-1].append(place(operands[-2], operands[-1]))
        elif operator == b"h" and self.path and self.path[-1]:
            self.path[-1].append(self.path[-1][0])
        elif operator == b"re":
            x, y, w, h = (float(v) for v in operands[:4])
            corners = [place(x, y), place(x + w, y), place(x + w, y + h), place(x, y + h)]
            self.path.append(corners + [corners[0]])
            xs, ys = [p[0] for p in corners], [p[1] for p in corners]
            self.rectangles.append((min(xs), min(ys), max(xs), max(ys)))

    def _paint(self, operator: bytes) -> None:
        state = self.state
        if self.clipping:
            self.clipping = False
            points = [p for sub in self.path for p in sub]
            if points:
                box = Box(min(p[0] for p in points), min(p[1] for p in points),
                          max(p[0] for p in points), max(p[1] for p in points))
                clip = state.clip
                state.clip = box if clip is None else Box(max(clip.left, box.left), max(clip.bottom, box.bottom),
                                                         min(clip.right, box.right), min(clip.top, box.top))
        if operator in _STROKE and not _light(state.stroke):
            for sub in self.path:
                for (x0, y0), (x1, y1) in itertools.pairwise(sub):
                    self._ruling(x0, y0, x1, y1)
        if operator in _FILL:
            for left, bottom, right, top in self.rectangles:
                if min(right - left, top - bottom) <= _HAIRLINE and not _light(state.fill):
                    if right - left >= top - bottom:
                        self.marks.horizontal.append(Segment((bottom + top) / 2, left, right))
                    else:
                        self.marks.vertical.append(Segment((left + right) / 2, bottom, top))
                elif not state.blended and state.mode not in _INVISIBLE_MODES:
                    self.marks.covers.append(Cover(Box(left, bottom, right, top), self.operations))
        self.path = []
        self.rectangles = []

    def _ruling(self, x0: float, y0: float, x1: float, y1: float) -> None:
        if abs(y0 - y1) <= _AXIS and abs(x1 - x0) > _AXIS:
            self.marks.horizontal.append(Segment((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
        elif abs(x0 - x1) <= _AXIS and abs(y1 - y0) > _AXIS:
            self.marks.vertical.append(Segment((x0 + x1) / 2, min(y0, y1), max(y0, y1)))
