"""One scanned page, read: OCR text lines placed into the cells the page's ruling lines close.

The same positional reader serves a PDF's text layer and a scan (reading/positional.py); what
is particular to paper happens here first: the seal's red ink is looked through so it is not
read as text, the page is turned the right way up and straightened, and cells that hold handwriting no
engine could read are marked as written.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from ...integrity.find_codes import codes_on_scanned_page
from ..model import Row
from ..positional import Fragment, page_rows
from ..rulings import Box, cells_from_rulings
from .handwriting import holds_handwriting
from .lines import dark_pixels, rulings
from .ocr_engine import TextLine, read_lines
from .orientation import looks_upright, moved, reading_weight, skew_degrees, straighten, turn

_SKEW_WORTH_FIXING = 0.25  # degrees; less shifts a line by under a pixel across a cell
_INK_BLACK, _PAPER_LIGHT = 40.0, 175.0  # red-channel levels taken as black and as paper
_LEAST_READING = 6.0  # about six characters read with confidence: less is a sketch, a logo, noise


@dataclass
class ScannedPage:
    rows: list[Row]
    readable: bool  # OCR read some words with confidence; else the page's pixels hold no text it knows
    quarter_turns: int  # how the page was turned to read it (2: it was upside down)
    skew: float  # degrees it was straightened by
    codes: list = field(default_factory=list)  # QR codes of generated forms found on the page


def page_has_ink(image: np.ndarray) -> bool:
    """Whether anything at all is printed, written or stamped on the page."""
    darkest = image.min(axis=2)
    return bool((darkest < 160).mean() > 0.0005)


def seal_blind(image: np.ndarray) -> np.ndarray:
    """The page in grey as its red channel, levelled: red and pink seal ink is as light as the paper
    there, while black print and blue or black handwriting stay dark — under the seal too, where
    the two inks darken each other. The table's lines must not break where a seal lies on them."""
    red = image[..., 2].astype(np.float32)
    # Levels: the lightest seal reds and grey paper become white; print and ink keep their black.
    return np.clip((red - _INK_BLACK) * (255.0 / (_PAPER_LIGHT - _INK_BLACK)), 0, 255).astype(np.uint8)


def without_seal_ink(image: np.ndarray, grey: np.ndarray) -> np.ndarray:
    """`grey` (seal_blind) with whatever is clearly red turned to paper as well: a dark seal red is
    still grey in the red channel, and a seal's characters are neither the form's text nor a
    signature."""
    red = image[..., 2].astype(np.int16)
    others = np.maximum(image[..., 0], image[..., 1]).astype(np.int16)
    cleaned = grey.copy()
    cleaned[red - others > 60] = 255
    return cleaned


def _read(image: np.ndarray) -> list[TextLine]:
    return read_lines(cv2.cvtColor(without_seal_ink(image, seal_blind(image)), cv2.COLOR_GRAY2BGR))


def _upright(image: np.ndarray) -> tuple[np.ndarray, list[TextLine], int]:
    """The page turned the way up it reads best, with what was read from it."""
    lines = _read(image)
    if looks_upright(lines):
        return image, lines, 0
    best = (reading_weight(lines), image, lines, 0)
    for quarter in (2, 1, 3):
        turned = turn(image, quarter)
        tried = _read(turned)
        weight = reading_weight(tried)
        if weight > best[0]:
            best = (weight, turned, tried, quarter)
        if looks_upright(tried):
            break
    return best[1], best[2], best[3]


def _split_at_borders(line: TextLine, box: tuple[float, float, float, float], borders: list[float]) -> list[tuple[float, float, str]]:
    """A read line that runs across a cell border is two values: cut its text where the border
    falls, in proportion (Chinese characters are of one width)."""
    left, _top, right, _bottom = box
    cuts = [x for x in borders if left + 4 < x < right - 4]
    if not cuts or len(line.text) < 2:
        return [(left, right, line.text)]
    pieces, start_x, start_i = [], left, 0
    for x in cuts:
        index = round((x - left) / (right - left) * len(line.text))
        if start_i < index < len(line.text):
            pieces.append((start_x, x, line.text[start_i:index]))
            start_x, start_i = x, index
    pieces.append((start_x, right, line.text[start_i:]))
    return [p for p in pieces if p[2].strip()]


def _fragments(lines: list[TextLine], cells: list[Box], height_px: int, dpi: float) -> list[Fragment]:
    scale = 72.0 / dpi
    fragments = []
    for line in lines:
        xs, ys = [c[0] for c in line.corners], [c[1] for c in line.corners]
        left, right, top, bottom = min(xs), max(xs), min(ys), max(ys)
        size = max(1.0, (bottom - top) * scale * 0.8)
        baseline = (height_px - bottom) * scale + (bottom - top) * scale * 0.1
        middle = (height_px - (top + bottom) / 2) * scale
        borders = sorted({edge for cell in cells if cell.bottom <= middle <= cell.top
                          for edge in (cell.left / scale, cell.right / scale)})
        for start, _end, text in _split_at_borders(line, (left, top, right, bottom), borders):
            fragments.append(Fragment(start * scale, baseline, text.strip(), size, line.confidence))
    return fragments


def read_scanned_page(image: np.ndarray, page: int, dpi: float) -> ScannedPage:
    """Rows of a page image (H×W×3 BGR) as the reader of a text layer would give them."""
    image, lines, quarter = _upright(image)
    skew = skew_degrees(lines, lambda: dark_pixels(seal_blind(image)))
    if abs(skew) >= _SKEW_WORTH_FIXING:
        image, matrix = straighten(image, skew)
        lines = moved(lines, matrix)
    grey = seal_blind(image)
    horizontal, vertical, line_pixels = rulings(dark_pixels(grey), dpi)
    cells = cells_from_rulings(horizontal, vertical)
    fragments = _fragments(lines, cells, grey.shape[0], dpi)
    written = _handwritten_cells(dark_pixels(without_seal_ink(image, grey)), line_pixels, cells, fragments, dpi)
    readable = reading_weight(lines) >= _LEAST_READING
    codes = codes_on_scanned_page(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY))
    return ScannedPage(page_rows(fragments, cells, page, written), readable, quarter, skew, codes)


def _handwritten_cells(ink: np.ndarray, line_pixels: np.ndarray, cells: list[Box], fragments: list[Fragment],
                       dpi: float) -> frozenset[int]:
    """Cells that no read text falls in but that hold handwriting."""
    grown = cv2.dilate(line_pixels, cv2.getStructuringElement(cv2.MORPH_RECT, (5, 5)))
    strokes = cv2.bitwise_and(ink, cv2.bitwise_not(grown))
    occupied = set()
    for fragment in fragments:
        x, y = fragment.anchor
        for index, cell in enumerate(cells):
            if cell.holds(x, y):
                occupied.add(index)
    return frozenset(index for index, cell in enumerate(cells)
                     if index not in occupied and holds_handwriting(strokes, cell, dpi))
