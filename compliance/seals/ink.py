"""Pixel analysis: which pixels are red seal ink, which are dark ink, and their connected blobs.

Everything works on RGB arrays that are already flattened onto white paper (a transparent pixel is
paper, not ink) and resampled to a known number of pixels per millimetre, so that every threshold
below is a physical size on paper rather than a pixel count.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PIL import Image

from ..pages.pdf_images import flatten_on_white

# Red seal ink: red clearly above both green and blue, and a hue between crimson (slightly towards
# magenta) and vermilion (slightly towards orange). Faded or pinkish impressions still have
# r - max(g, b) of 60+; orange, brown and magenta fall outside the hue window.
RED_MIN_EXCESS = 32
RED_MIN_R = 110
HUE_MAX_ORANGE = 25  # degrees towards yellow
HUE_MAX_MAGENTA = 32  # degrees towards blue
# Seal edges blur into pink and, after JPEG chroma subsampling, into brownish greys: anything this
# reddish is never counted as dark (text) ink.
REDDISH_EXCESS = 22
# Dark ink relative to the paper: scans of grey recycled paper or with uneven light still work.
DARK_FRACTION_OF_PAPER = 0.58


@dataclass(frozen=True)
class Blob:
    """A connected component on a (pooled) mask: bbox in mask cells, end-exclusive, and its size."""

    row0: int
    col0: int
    row1: int
    col1: int
    cells: int

    @property
    def height(self) -> int:
        return self.row1 - self.row0

    @property
    def width(self) -> int:
        return self.col1 - self.col0


def to_array(img: Image.Image) -> np.ndarray:
    return np.asarray(flatten_on_white(img), dtype=np.uint8)


def red_mask(rgb: np.ndarray) -> np.ndarray:
    r = rgb[..., 0].astype(np.int16)
    g = rgb[..., 1].astype(np.int16)
    b = rgb[..., 2].astype(np.int16)
    gb_max = np.maximum(g, b)
    chroma = r - np.minimum(g, b)
    # hue = 60 * (g - b) / chroma for a red-dominant pixel; compare without dividing.
    hue_ok = (60 * (g - b) <= HUE_MAX_ORANGE * chroma) & (60 * (b - g) <= HUE_MAX_MAGENTA * chroma)
    return (r - gb_max >= RED_MIN_EXCESS) & (r >= RED_MIN_R) & hue_ok


def paper_level(rgb: np.ndarray) -> float:
    """Brightness of the paper: a high percentile of luminance on a subsample (ink is the minority)."""
    sample = rgb[::4, ::4].reshape(-1, 3).astype(np.float32)
    if sample.size == 0:
        return 255.0
    lum = sample @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
    return max(96.0, float(np.percentile(lum, 90)))


def dark_mask(rgb: np.ndarray, paper: float | None = None) -> np.ndarray:
    r = rgb[..., 0].astype(np.int32)
    g = rgb[..., 1].astype(np.int32)
    b = rgb[..., 2].astype(np.int32)
    lum = (299 * r + 587 * g + 114 * b) // 1000
    level = paper_level(rgb) if paper is None else paper
    reddish = r - np.maximum(g, b) >= REDDISH_EXCESS
    return (lum < DARK_FRACTION_OF_PAPER * level) & ~reddish


def pool(mask: np.ndarray, cell: int, min_fraction: float = 0.0) -> np.ndarray:
    """Shrink a mask by `cell` in both directions; a cell is set if more than min_fraction is set."""
    if cell <= 1:
        return mask.copy()
    h, w = mask.shape
    ph, pw = -h % cell, -w % cell
    padded = np.pad(mask, ((0, ph), (0, pw)))
    blocks = padded.reshape(padded.shape[0] // cell, cell, padded.shape[1] // cell, cell)
    if min_fraction <= 0:
        return np.asarray(blocks.any(axis=(1, 3)))
    return blocks.mean(axis=(1, 3), dtype=np.float32) > min_fraction


def dilate(mask: np.ndarray, radius: int) -> np.ndarray:
    """Square dilation by shifting (separable); radius is small, a millimetre or two in cells."""
    if radius <= 0:
        return mask
    h, w = mask.shape
    horizontal = mask.copy()
    for d in range(1, min(radius, w - 1) + 1):
        horizontal[:, d:] |= mask[:, :-d]
        horizontal[:, :-d] |= mask[:, d:]
    out = horizontal.copy()
    for d in range(1, min(radius, h - 1) + 1):
        out[d:, :] |= horizontal[:-d, :]
        out[:-d, :] |= horizontal[d:, :]
    return out


def blobs(mask: np.ndarray, max_runs: int = 400_000) -> list[Blob]:
    """8-connected components by run-length union-find: cheap for the sparse masks of a page.

    A mask with more runs than max_runs is not a page of ink but noise or a photo; it yields one
    blob covering everything, which no seal or text test accepts as small ink.
    """
    h, w = mask.shape
    if h == 0 or w == 0:
        return []
    framed = np.zeros((h, w + 2), dtype=np.int8)
    framed[:, 1:-1] = mask
    edges = np.diff(framed, axis=1)
    start_rows, start_cols = np.nonzero(edges == 1)
    _end_rows, end_cols = np.nonzero(edges == -1)
    n = len(start_rows)
    if n == 0:
        return []
    if n > max_runs:
        return [Blob(0, 0, h, w, int(mask.sum()))]
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    rows = start_rows.tolist()
    starts = start_cols.tolist()
    ends = end_cols.tolist()
    row_first = np.searchsorted(start_rows, np.arange(h + 1)).tolist()
    for row in range(1, h):
        a, a_end = row_first[row - 1], row_first[row]
        b, b_end = row_first[row], row_first[row + 1]
        while a < a_end and b < b_end:
            # 8-connectivity: runs touch if they overlap or meet diagonally.
            if starts[a] <= ends[b] and starts[b] <= ends[a]:
                ra, rb = find(a), find(b)
                if ra != rb:
                    parent[rb] = ra
            if ends[a] < ends[b]:
                a += 1
            else:
                b += 1
    boxes: dict[int, list[int]] = {}
    for i in range(n):
        root = find(i)
        box = boxes.get(root)
        length = ends[i] - starts[i]
        if box is None:
            boxes[root] = [rows[i], starts[i], rows[i] + 1, ends[i], length]
        else:
            box[0] = min(box[0], rows[i])
            box[1] = min(box[1], starts[i])
            box[2] = max(box[2], rows[i] + 1)
            box[3] = max(box[3], ends[i])
            box[4] += length
    return [Blob(*box) for box in boxes.values()]


SPECKLE_MM2 = 1.0  # a blob of ink smaller than this is dust or scanner noise, not a mark
JOIN_MM = 0.5  # strokes of one character are this close; dust specks are usually farther apart


def ink_marks(ink: np.ndarray, px_mm: float, exclude: Sequence[tuple[int, int, int, int]] = (),
              *, drop_edges: bool = False, cell_mm: float = 0.5) -> list[tuple[tuple[int, int, int, int], float]]:
    """Marks on a picture: (pixel box x0, y0, x1, y1; inked area in mm²), speckle removed.

    `exclude` boxes (seals, with a margin) are blanked first. A cell counts as inked when at least
    a third of its pixels are, so single noisy pixels do not add up. Inked cells within JOIN_MM of
    each other form one mark (the strokes of a character); a mark with less than SPECKLE_MM2 of
    ink is dust. With drop_edges (scans), marks touching the picture's edge are the dark borders
    and corners a skewed scan leaves, not marks on the paper.
    """
    mask = ink.copy()
    for x0, y0, x1, y1 in exclude:
        mask[max(0, y0):max(0, y1), max(0, x0):max(0, x1)] = False
    cell = max(1, int(round(px_mm * cell_mm)))
    pooled = pool(mask, cell, min_fraction=0.3 if cell > 1 else 0.0)
    area_per_cell = (cell / px_mm) ** 2
    rows, cols = pooled.shape
    inked = int(pooled.sum())
    if inked > 0.25 * pooled.size:  # a photo or a dark scan: ink everywhere, not countable marks
        return [((0, 0, cols * cell, rows * cell), inked * area_per_cell)]
    joined = dilate(pooled, max(1, int(round(JOIN_MM / (cell / px_mm)))))
    marks = []
    for blob in blobs(joined):
        if drop_edges and (blob.row0 == 0 or blob.col0 == 0 or blob.row1 >= rows or blob.col1 >= cols):
            continue
        area = int(pooled[blob.row0:blob.row1, blob.col0:blob.col1].sum()) * area_per_cell
        if area < SPECKLE_MM2:
            continue
        box = (blob.col0 * cell, blob.row0 * cell, blob.col1 * cell, blob.row1 * cell)
        marks.append((box, area))
    return marks
