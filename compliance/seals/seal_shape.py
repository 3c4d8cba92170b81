"""Is this red blob a seal? Size, outline and ink tests on a picture with a known scale.

A seal impression is red ink on paper, 2-6 cm across (we accept 1.4-7.5 cm), roughly round, oval
or square, with a closed outer outline (the ring or border) and marks inside it (characters, a
star). The look-alikes the tests below separate: a red title (a line of characters, or one whose
outline is broken), a red table border (too large, or hollow), a letterhead logo (too small, or
in the margin band, judged by the caller), a red object in a photograph (not on paper).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .ink import Blob, blobs, dilate, paper_level, pool, red_mask

MIN_SIDE_MM = 14.0  # longest side of the smallest seal we accept (personal seals start near 1.5 cm)
MAX_SIDE_MM = 75.0
MIN_SHORT_SIDE_MM = 9.0
MAX_ASPECT = 2.2
CELL_MM = 0.5  # pooling cell: enough to measure a seal, coarse enough to be fast on a full page
BRIDGE_MM = 1.5  # dilation that joins a worn ring's fragments and the characters inside it

SECTORS = 72
FINE_BINS = 180
MIN_SECTOR_COVER = 0.85
MIN_OUTLINE_CONTINUITY = 0.62
MIN_INTERIOR_INK = 0.02
MIN_FILL, MAX_FILL = 0.03, 0.6  # seals are outlines and strokes (~0.1-0.45); a solid red disc is ~0.8
MIN_RED_SHARE = 0.5
MIN_ROUNDNESS = 0.38  # 20th-percentile / longest outline radius; a 2.2:1 oval is about 0.45
SMALL_SEAL_MM = 25.0  # personal seals; a large isolated red character is this size too
SMALL_MIN_CONTINUITY = 0.8
SMALL_MAX_FILL = 0.52
MIN_ON_PAPER = 0.75  # of the non-red pixels in a seal's box, how many must be paper or text
PAPER_LIGHTNESS = 0.7  # relative to the picture's paper level
PAPER_MAX_CHROMA = 60


@dataclass(frozen=True)
class SealRegion:
    """A seal found in a picture: pixel box (x0, y0, x1, y1), end-exclusive, rows from the top."""

    box: tuple[int, int, int, int]
    width_mm: float
    height_mm: float
    confidence: float


def _circular_median(values: np.ndarray, half: int) -> np.ndarray:
    stacked = np.stack([np.roll(values, k) for k in range(-half, half + 1)])
    return np.median(stacked, axis=0)


def _outline_measures(crop: np.ndarray, px_mm: float) -> dict[str, float] | None:
    """Measures of the red pixels around the box centre, in polar coordinates."""
    ys, xs = np.nonzero(crop)
    if len(xs) < 30:
        return None
    h, w = crop.shape
    dx = (xs + 0.5 - w / 2) / px_mm
    dy = (ys + 0.5 - h / 2) / px_mm
    radius = np.hypot(dx, dy)
    angle = np.arctan2(dy, dx)
    frac = (angle + np.pi) / (2 * np.pi)
    sector = np.minimum((frac * SECTORS).astype(np.int32), SECTORS - 1)
    r_max = np.zeros(SECTORS)
    np.maximum.at(r_max, sector, radius)
    cover = float((r_max > 0).mean())
    if cover < 0.5:
        return {"cover": cover}
    outline = _circular_median(r_max, 4)
    if outline.max() <= 0:
        return None
    # A worn patch can take out a stretch of the ring (the outline there falls to the inner
    # characters): judge the shape on the outline's lower fifth, not its single lowest point.
    roundness = float(np.percentile(outline, 20) / outline.max())
    # The outline is continuous if, at fine angular steps, some ink lies close to it.
    on_outline = radius >= 0.86 * outline[sector]
    fine = np.minimum((frac * FINE_BINS).astype(np.int32), FINE_BINS - 1)
    hit = np.zeros(FINE_BINS, dtype=bool)
    hit[fine[on_outline]] = True
    continuity = float(hit.mean())
    # Marks inside the ring: ink well inside the outline, relative to that inner area.
    inner = radius < 0.72 * outline[sector]
    gy, gx = np.mgrid[0:h:2, 0:w:2]
    gdx = (gx + 0.5 - w / 2) / px_mm
    gdy = (gy + 0.5 - h / 2) / px_mm
    gsector = np.minimum(((np.arctan2(gdy, gdx) + np.pi) / (2 * np.pi) * SECTORS).astype(np.int32), SECTORS - 1)
    inner_area = float((np.hypot(gdx, gdy) < 0.72 * outline[gsector]).sum()) * 4 / (px_mm * px_mm)
    interior = float(inner.sum()) / (px_mm * px_mm) / max(inner_area, 1e-6)
    return {"cover": cover, "roundness": roundness, "continuity": continuity, "interior": interior}


def _on_paper(rgb: np.ndarray, red: np.ndarray, dark: np.ndarray | None, paper: float) -> float:
    """Share of the non-red pixels that are paper or dark ink (text under the seal).

    Seal ink lies on paper; a red object in a photograph lies on other colours (a blue ball, skin,
    a wooden table), which is what this separates.
    """
    others = ~red
    count = int(others.sum())
    if count == 0:
        return 1.0
    pixels = rgb[others].astype(np.int32)
    lum = (299 * pixels[:, 0] + 587 * pixels[:, 1] + 114 * pixels[:, 2]) // 1000
    chroma = pixels.max(axis=1) - pixels.min(axis=1)
    plain = (lum >= PAPER_LIGHTNESS * paper) & (chroma < PAPER_MAX_CHROMA)
    if dark is not None:
        plain |= dark[others]
    return float(plain.mean())


def _judge(rgb: np.ndarray, red: np.ndarray, dark: np.ndarray | None, box: tuple[int, int, int, int],
           px_mm: float, paper: float) -> float:
    """Confidence in 0..1 that the box holds a seal; 0 means rejected."""
    x0, y0, x1, y1 = box
    crop = red[y0:y1, x0:x1]
    width_mm, height_mm = (x1 - x0) / px_mm, (y1 - y0) / px_mm
    long_side, short_side = max(width_mm, height_mm), min(width_mm, height_mm)
    if not (MIN_SIDE_MM <= long_side <= MAX_SIDE_MM) or short_side < MIN_SHORT_SIDE_MM:
        return 0.0
    if long_side / max(short_side, 1e-6) > MAX_ASPECT:
        return 0.0
    red_count = int(crop.sum())
    fill = red_count / max(crop.size, 1)
    if not (MIN_FILL <= fill <= MAX_FILL):
        return 0.0
    if dark is not None:
        dark_count = int(dark[y0:y1, x0:x1].sum())
        if red_count / max(red_count + dark_count, 1) < MIN_RED_SHARE:
            return 0.0
    step = max(1, int(round(max(crop.shape) / 200)))
    if _on_paper(rgb[y0:y1:step, x0:x1:step], crop[::step, ::step],
                 None if dark is None else dark[y0:y1:step, x0:x1:step], paper) < MIN_ON_PAPER:
        return 0.0
    # Polar measures are scale-free; at most ~200 px across keeps them cheap on large pictures.
    measures = _outline_measures(crop[::step, ::step], px_mm / step)
    if not measures or measures["cover"] < MIN_SECTOR_COVER:
        return 0.0
    if (measures["continuity"] < MIN_OUTLINE_CONTINUITY or measures["roundness"] < MIN_ROUNDNESS
            or measures["interior"] < MIN_INTERIOR_INK):
        return 0.0
    if long_side < SMALL_SEAL_MM and (measures["continuity"] < SMALL_MIN_CONTINUITY or fill > SMALL_MAX_FILL):
        return 0.0  # at the size of a big printed character, ask for a clearly drawn border
    score = 0.5 + 0.5 * min(1.0, (measures["continuity"] - MIN_OUTLINE_CONTINUITY) / (1 - MIN_OUTLINE_CONTINUITY))
    return round(min(1.0, score), 3)


def _merge_overlapping(found: list[Blob]) -> list[Blob]:
    """Join blobs whose boxes overlap: a worn ring's arcs and the characters and star inside it."""
    boxes = [[b.row0, b.col0, b.row1, b.col1, b.cells] for b in found]
    merged = True
    while merged:
        merged = False
        out: list[list[int]] = []
        for box in sorted(boxes, key=lambda b: (b[2] - b[0]) * (b[3] - b[1]), reverse=True):
            for other in out:
                if box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3]:
                    other[0], other[1] = min(other[0], box[0]), min(other[1], box[1])
                    other[2], other[3] = max(other[2], box[2]), max(other[3], box[3])
                    other[4] += box[4]
                    merged = True
                    break
            else:
                out.append(list(box))
        boxes = out
    return [Blob(*box) for box in boxes]


def _in_text_line(blob: Blob, others: list[Blob]) -> bool:
    """A big red character next to others of its height is a title, not a seal."""
    height = blob.height
    centre = (blob.row0 + blob.row1) / 2
    for other in others:
        if other is blob or not (0.6 * height <= other.height <= 1.6 * height):
            continue
        if abs((other.row0 + other.row1) / 2 - centre) > 0.25 * height:
            continue
        gap = max(other.col0 - blob.col1, blob.col0 - other.col1)
        if gap < 1.0 * height:
            return True
    return False


def find_seals(rgb: np.ndarray, px_mm: float, *, red: np.ndarray | None = None,
               dark: np.ndarray | None = None) -> list[SealRegion]:
    """Seals in an RGB picture (flattened on white) drawn at px_mm pixels per millimetre."""
    if red is None:
        red = red_mask(rgb)
    if not red.any():
        return []
    cell = max(1, int(round(px_mm * CELL_MM)))
    cell_mm = cell / px_mm
    coarse = dilate(pool(red, cell), max(1, int(round(BRIDGE_MM / cell_mm))))
    groups = _merge_overlapping([b for b in blobs(coarse) if b.cells * cell_mm * cell_mm >= 2.0])
    min_cells = MIN_SIDE_MM / cell_mm
    regions: list[SealRegion] = []
    h, w = red.shape
    paper = paper_level(rgb)
    for blob in groups:
        if max(blob.height, blob.width) < min_cells:
            continue
        if max(blob.height, blob.width) * cell_mm < 30 and _in_text_line(blob, groups):
            continue
        box = (blob.col0 * cell, blob.row0 * cell, min(w, blob.col1 * cell), min(h, blob.row1 * cell))
        tightened = _tighten(red, box)
        if tightened is None:
            continue
        box = tightened
        confidence = _judge(rgb, red, dark, box, px_mm, paper)
        if confidence > 0:
            x0, y0, x1, y1 = box
            regions.append(SealRegion(box, (x1 - x0) / px_mm, (y1 - y0) / px_mm, confidence))
    return regions


def _tighten(red: np.ndarray, box: tuple[int, int, int, int]) -> tuple[int, int, int, int] | None:
    """Shrink a pooled, dilated box to the red pixels it holds, so sizes are measured on the ink."""
    x0, y0, x1, y1 = box
    crop = red[y0:y1, x0:x1]
    rows = np.flatnonzero(crop.any(axis=1))
    cols = np.flatnonzero(crop.any(axis=0))
    if len(rows) == 0:
        return None
    return (x0 + int(cols[0]), y0 + int(rows[0]), x0 + int(cols[-1]) + 1, y0 + int(rows[-1]) + 1)
