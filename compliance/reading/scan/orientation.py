"""Which way up a scanned page is, and how far it is turned.

Quarter turns are judged by reading: a page read the right way up gives long lines read with
confidence, the wrong way up gives little. Small skews (a page laid a little askew on the glass)
are measured from the text lines OCR found and from the table's own borders.
"""
from __future__ import annotations

import math
from collections.abc import Callable

import cv2
import numpy as np

from .ocr_engine import TextLine


def reading_weight(lines: list[TextLine]) -> float:
    """How much was read, weighted by confidence: the right way up reads most."""
    return sum(line.confidence ** 2 * len(line.text) for line in lines)


def looks_upright(lines: list[TextLine]) -> bool:
    """Confident, mostly horizontal reading: no other turn needs to be tried."""
    if len(lines) < 3:
        return False
    flat = sum(1 for line in lines if _width(line) >= _height(line))
    mean = sum(line.confidence for line in lines) / len(lines)
    return flat >= 0.8 * len(lines) and mean >= 0.85


def _width(line: TextLine) -> float:
    (x0, y0), (x1, y1) = line.corners[0], line.corners[1]
    return math.hypot(x1 - x0, y1 - y0)


def _height(line: TextLine) -> float:
    (x1, y1), (x2, y2) = line.corners[1], line.corners[2]
    return math.hypot(x2 - x1, y2 - y1)


def skew_degrees(lines: list[TextLine], ink: Callable[[], np.ndarray] | None = None) -> float:
    """The page's tilt from the long text lines' top edges (positive: turned clockwise); on a
    page of short texts (a register of narrow columns), from the long ruled lines of `ink()`."""
    angles = []
    for line in lines:
        (x0, y0), (x1, y1) = line.corners[0], line.corners[1]
        if _width(line) >= 4 * max(1.0, _height(line)) and x1 > x0:
            angles.append(math.degrees(math.atan2(y1 - y0, x1 - x0)))
    if len(angles) >= 3:
        return float(np.median(angles))
    return _ruling_skew(ink()) if ink is not None else 0.0


_MOST_SKEW = 5.0  # degrees: a page fed more crookedly than this is not a scan we straighten


def _ruling_skew(ink: np.ndarray) -> float:
    """The median slope of the long, nearly level strokes of ink (255 on 0): a table's rules."""
    width = ink.shape[1]
    segments = cv2.HoughLinesP(ink, 1, np.pi / 1800, threshold=width // 8, minLineLength=width // 4, maxLineGap=8)
    if segments is None:
        return 0.0
    angles = [math.degrees(math.atan2(y1 - y0, x1 - x0)) for x0, y0, x1, y1 in segments.reshape(-1, 4) if x1 != x0]
    level = [angle for angle in angles if abs(angle) <= _MOST_SKEW]
    return float(np.median(level)) if len(level) >= 3 else 0.0


def turn(image: np.ndarray, quarter_turns: int) -> np.ndarray:
    codes = {1: cv2.ROTATE_90_CLOCKWISE, 2: cv2.ROTATE_180, 3: cv2.ROTATE_90_COUNTERCLOCKWISE}
    return cv2.rotate(image, codes[quarter_turns % 4]) if quarter_turns % 4 else image


def straighten(image: np.ndarray, degrees: float) -> tuple[np.ndarray, np.ndarray]:
    """The image turned back by `degrees` about its centre (paper-white corners), and the 2×3
    matrix that maps the original's pixels to the straightened ones."""
    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    border = (255, 255, 255) if image.ndim == 3 else 255
    return cv2.warpAffine(image, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=border), matrix


def moved(lines: list[TextLine], matrix: np.ndarray) -> list[TextLine]:
    out = []
    for line in lines:
        corners = tuple((float(matrix[0, 0] * x + matrix[0, 1] * y + matrix[0, 2]),
                         float(matrix[1, 0] * x + matrix[1, 1] * y + matrix[1, 2])) for x, y in line.corners)
        out.append(TextLine(corners, line.text, line.confidence))
    return out
