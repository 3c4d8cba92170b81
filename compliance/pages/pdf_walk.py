"""Walk a PDF page's content: where each image is drawn, and whether any text is visibly painted.

Images are found by following the content stream (so their placement on the page is known), into
form XObjects recursively with a depth limit and cycle protection. Object names are never used to
decide anything. Every lookup in the untrusted file is guarded: a broken object is skipped.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

from pypdf.generic import ContentStream, DictionaryObject

from .pdf_images import image_size, inline_stream, may_hold_colour
from .pdf_reader import content_too_large

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MAX_FORM_DEPTH = 12
MAX_OPERATIONS = 400_000  # per page, forms included: more is not a document but an attack or a map
_TEXT_SHOW = {b"Tj", b"TJ", b"'", b'"'}


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """m then n, in PDF's row-vector convention (cm: CTM' = M x CTM)."""
    a1, b1, c1, d1, e1, f1 = m
    a2, b2, c2, d2, e2, f2 = n
    return (a1 * a2 + b1 * c2, a1 * b2 + b1 * d2, c1 * a2 + d1 * c2, c1 * b2 + d1 * d2,
            e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2)


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def unit_box(m: Matrix, u0: float = 0.0, v0: float = 0.0, u1: float = 1.0, v1: float = 1.0) -> tuple[float, float, float, float]:
    """Bounding box on the page of a rectangle in image space (the unit square, v up)."""
    pts = [apply(m, u, v) for u in (u0, u1) for v in (v0, v1)]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return min(xs), min(ys), max(xs), max(ys)


@dataclass
class Placement:
    """One image painted on the page: its stream, the matrix mapping the unit square to the page."""

    stream: Any
    ctm: Matrix
    resources: Any
    inline: bool
    key: int | None  # for caching what the image shows; None: do not cache

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return unit_box(self.ctm)

    @property
    def size_pt(self) -> tuple[float, float]:
        """Drawn width and height (lengths of the image's u and v edges), whatever the rotation."""
        a, b, c, d, _e, _f = self.ctm
        return (a * a + b * b) ** 0.5, (c * c + d * d) ** 0.5

    @property
    def area_pt2(self) -> float:
        a, b, c, d, _e, _f = self.ctm
        return abs(a * d - b * c)


@dataclass
class PageWalk:
    placements: list[Placement] = field(default_factory=list)
    visible_text_ops: int = 0
    invisible_text_ops: int = 0
    truncated: bool = False


def _get(obj: Any, key: str) -> Any:
    try:
        value = obj.get(key)
        return value.get_object() if value is not None and hasattr(value, "get_object") else value
    except Exception:
        return None


def _numbers(operands: list[Any], count: int) -> tuple[float, ...] | None:
    if len(operands) < count:
        return None
    try:
        return tuple(float(x) for x in operands[-count:])
    except (TypeError, ValueError):
        return None


def _key(obj: Any) -> int | None:
    """A stable identity for caching: the object number, or None for a direct object."""
    ref = getattr(obj, "indirect_reference", None)
    if ref is not None:
        return hash((ref.idnum, ref.generation))
    return None


class _Walker:
    def __init__(self, reader: Any) -> None:
        self.reader = reader
        self.result = PageWalk()
        self.ops = 0
        self.parsed: dict[int, list] = {}  # a form drawn many times is parsed once

    def _operations(self, content: Any, key: int | None) -> list | None:
        if key is not None and key in self.parsed:
            return self.parsed[key]
        try:
            operations = content.operations if isinstance(content, ContentStream) else ContentStream(content, self.reader).operations
        except Exception:
            return None
        if key is not None:
            self.parsed[key] = operations
        return operations

    def run(self, content: Any, resources: Any, ctm: Matrix, stack: tuple[int, ...]) -> None:
        if self.ops > MAX_OPERATIONS:
            return
        operations = self._operations(content, stack[-1] if stack else None)
        if operations is None:
            self.result.truncated = True
            return
        ctm_stack: list[tuple[Matrix, int]] = []
        render_mode = 0
        for operands, operator in operations:
            self.ops += 1
            if self.ops > MAX_OPERATIONS:
                self.result.truncated = True
                return
            if operator == b"q":
                ctm_stack.append((ctm, render_mode))
            elif operator == b"Q":
                if ctm_stack:
                    ctm, render_mode = ctm_stack.pop()
            elif operator == b"cm":
                numbers = _numbers(operands, 6)
                if numbers is not None:
                    ctm = multiply(numbers, ctm)  # type: ignore[arg-type]
            elif operator == b"Tr":
                numbers = _numbers(operands, 1)
                render_mode = int(numbers[0]) if numbers else 0
            elif operator in _TEXT_SHOW:
                if any(_has_glyphs(x) for x in operands):
                    # Mode 3 paints nothing (an OCR layer); mode 7 only clips.
                    if render_mode in (3, 7):
                        self.result.invisible_text_ops += 1
                    else:
                        self.result.visible_text_ops += 1
            elif operator == b"Do" and operands:
                self._do(operands[0], resources, ctm, stack)
            elif operator == b"INLINE IMAGE":
                self._inline(operands, resources, ctm)

    def _do(self, name: Any, resources: Any, ctm: Matrix, stack: tuple[int, ...]) -> None:
        xobjects = _get(resources, "/XObject") if resources is not None else None
        if not isinstance(xobjects, DictionaryObject):
            return
        obj = _get(xobjects, str(name))
        if obj is None:
            return
        subtype = str(_get(obj, "/Subtype"))
        if subtype == "/Image":
            self.result.placements.append(Placement(obj, ctm, resources, False, _key(obj)))
        elif subtype == "/Form":
            key = _key(obj)
            if key is None:
                key = id(obj)  # a direct stream (invalid PDF, but seen): alive for this walk
            if key in stack or len(stack) >= MAX_FORM_DEPTH:
                return  # a form drawing itself, directly or through others
            matrix = _numbers(list(_get(obj, "/Matrix") or []), 6) or IDENTITY
            inner = _get(obj, "/Resources")
            self.run(obj, inner if isinstance(inner, DictionaryObject) else resources,
                     multiply(matrix, ctm), stack + (key,))  # type: ignore[arg-type]

    def _inline(self, operands: Any, resources: Any, ctm: Matrix) -> None:
        try:
            stream = inline_stream(operands["settings"], operands["data"], resources)
        except Exception:
            return
        self.result.placements.append(Placement(stream, ctm, resources, True, None))


def _has_glyphs(operand: Any) -> bool:
    """A text-showing operand that paints something (TJ arrays hold strings and kerning numbers)."""
    if isinstance(operand, list):
        return any(_has_glyphs(x) for x in operand)
    if isinstance(operand, str):
        return bool(operand.strip())
    if isinstance(operand, bytes):
        return bool(operand.strip(b" \t\r\n\x00"))
    return False


def walk_page(page: Any, reader: Any) -> PageWalk:
    """All image placements and text-painting counts of one page; never raises."""
    walker = _Walker(reader)
    if content_too_large(page):
        walker.result.truncated = True
        return walker.result
    try:
        content = page.get_contents()
    except Exception:
        walker.result.truncated = True
        content = None
    if content is not None:
        walker.run(content, _get(page, "/Resources"), IDENTITY, ())
    return walker.result


def appearance_stream(annotation: Any) -> Any:
    """The normal appearance (/AP /N) of an annotation, choosing the /AS state if there are several."""
    appearances = _get(annotation, "/AP")
    normal = _get(appearances, "/N") if isinstance(appearances, DictionaryObject) else None
    if normal is not None and not hasattr(normal, "get_data") and isinstance(normal, DictionaryObject):
        state = _get(annotation, "/AS")
        normal = _get(normal, str(state)) if state is not None else None
    return normal if normal is not None and hasattr(normal, "get_data") else None


def walk_appearance(annotation: Any, reader: Any) -> PageWalk:
    """Images an annotation's appearance draws (an e-signature field's seal picture), on the page.

    The appearance is a form whose /BBox, transformed by its /Matrix, is fitted onto the
    annotation's /Rect (PDF 32000 §12.5.5); that fit is the matrix the walk starts from.
    """
    walker = _Walker(reader)
    form = appearance_stream(annotation)
    rect = _numbers(list(_get(annotation, "/Rect") or []), 4)
    bbox = _numbers(list(_get(form, "/BBox") or []), 4) if form is not None else None
    if form is None or rect is None or bbox is None:
        return walker.result
    matrix = cast(Matrix, _numbers(list(_get(form, "/Matrix") or []), 6) or IDENTITY)
    bx0, by0, bx1, by1 = unit_box(multiply((bbox[2] - bbox[0], 0, 0, bbox[3] - bbox[1], bbox[0], bbox[1]), matrix))
    rx0, ry0, rx1, ry1 = min(rect[0], rect[2]), min(rect[1], rect[3]), max(rect[0], rect[2]), max(rect[1], rect[3])
    if bx1 - bx0 <= 0 or by1 - by0 <= 0:
        return walker.result
    sx, sy = (rx1 - rx0) / (bx1 - bx0), (ry1 - ry0) / (by1 - by0)
    fit: Matrix = (sx, 0.0, 0.0, sy, rx0 - bx0 * sx, ry0 - by0 * sy)
    inner = _get(form, "/Resources")
    key = _key(form)
    walker.run(form, inner if isinstance(inner, DictionaryObject) else None, multiply(matrix, fit),
               (key if key is not None else id(form),))
    return walker.result


def has_candidate_images(page: Any, reader: Any, min_pixels: int = 16) -> bool:
    """Cheap test before parsing content: could this page draw a coloured image at all?

    Looks at the resource dictionaries (forms recursively) and for an inline-image marker in the
    raw content; decodes nothing. Grey pictures (a form's QR code, a logo in black) cannot be a
    seal: a page with only those has no picture seal to find, and a page that has a seal of
    another kind (an annotation) is walked whole for its content anyway.
    """
    seen: set[int] = set()

    def scan(resources: Any, depth: int) -> bool:
        xobjects = _get(resources, "/XObject") if isinstance(resources, DictionaryObject) else None
        if not isinstance(xobjects, DictionaryObject):
            return False
        for name in list(xobjects.keys()):
            obj = _get(xobjects, name)
            if obj is None:
                continue
            key = _key(obj)
            key = key if key is not None else id(obj)
            if key in seen:
                continue
            seen.add(key)
            subtype = str(_get(obj, "/Subtype"))
            try:
                if subtype == "/Image":
                    w, h = image_size(obj)
                    if w >= min_pixels and h >= min_pixels and may_hold_colour(obj, resources):
                        return True
                elif subtype == "/Form" and depth < MAX_FORM_DEPTH and scan(_get(obj, "/Resources"), depth + 1):
                    return True
            except Exception:
                continue
        return False

    if scan(_get(page, "/Resources"), 0):
        return True
    try:
        content = page.get_contents()
        data = content.get_data() if content is not None else b""
    except Exception:
        return False
    return b"BI" in data and b"ID" in data


def colour_candidate(placement: Placement) -> bool:
    try:
        return may_hold_colour(placement.stream, placement.resources)
    except Exception:
        return False
