"""Ruling lines in a page image: the table borders a printed form draws, as segments in points.

Long thin runs of dark pixels survive a morphological opening with a long flat (or tall) kernel;
text, handwriting and seals do not. Each surviving component is one stroke of a border.
"""
from __future__ import annotations

import cv2
import numpy as np

from ..rulings import Segment

_MIN_FRACTION = 1 / 40  # a border is at least this share of the page's width (or height) long
_MAX_THICKNESS_PT = 4.0  # thicker components are filled areas or shading, not lines


def dark_pixels(grey: np.ndarray) -> np.ndarray:
    """Ink as 255 on 0: a threshold that follows uneven lighting and grey paper."""
    block = max(15, (min(grey.shape) // 60) | 1)
    return cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 15)


def line_mask(ink: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The horizontal and the vertical strokes of `ink`, each as a mask of its own."""
    height, width = ink.shape
    across = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(15, int(width * _MIN_FRACTION)), 1)))
    down = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(15, int(height * _MIN_FRACTION)))))
    # A scan's lines are a little broken: close small gaps along each line.
    across = cv2.morphologyEx(across, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 1)))
    down = cv2.morphologyEx(down, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 9)))
    return across, down


def _segments(mask: np.ndarray, horizontal: bool, points_per_pixel: float, page_height_px: int) -> list[Segment]:
    count, _labels, stats, _centroids = cv2.connectedComponentsWithStats(mask, connectivity=8)
    segments = []
    for left, top, width, height, _area in stats[1:count]:
        thickness = (height if horizontal else width) * points_per_pixel
        if thickness > _MAX_THICKNESS_PT:
            continue
        if horizontal:
            y = (page_height_px - (top + height / 2)) * points_per_pixel
            segments.append(Segment(y, left * points_per_pixel, (left + width) * points_per_pixel))
        else:
            x = (left + width / 2) * points_per_pixel
            segments.append(Segment(x, (page_height_px - top - height) * points_per_pixel, (page_height_px - top) * points_per_pixel))
    return segments


def rulings(ink: np.ndarray, dpi: float) -> tuple[list[Segment], list[Segment], np.ndarray]:
    """Horizontal and vertical segments in points (y up), and the mask of every line pixel."""
    across, down = line_mask(ink)
    scale = 72.0 / dpi
    height = ink.shape[0]
    return (_segments(across, True, scale, height), _segments(down, False, scale, height),
            cv2.bitwise_or(across, down))
