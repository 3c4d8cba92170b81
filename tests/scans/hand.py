"""Ink that looks written by hand: legible handwritten words and illegible signature scribbles.

Both return an RGBA image with a transparent background, the same picture for the same seed, so
a scan built from them has a known truth. The words are a CJK font bent out of type: every glyph
turned, scaled and shifted a little, its strokes warped by a smooth random field, the line slanted
and drifting, the ink uneven. The scribble is a few smooth pen strokes whose width follows the
pen's speed, the way a quick signature looks; it has no glyphs in it, so no reader should find text.
"""
from __future__ import annotations

import itertools
import math
import random
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

BLUE_BLACK = (20, 30, 90)
BLACK_INK = (25, 25, 30)

FONT_ROOT = Path("/usr/share/fonts")
# Sans first: its even strokes are closer to a ballpoint line than serif's thick-and-thin.
FONT_FILES = ("NotoSansCJK-Regular.ttc", "NotoSansCJK-DemiLight.ttc", "NotoSerifCJK-Regular.ttc",
              "NotoSansCJK-Bold.ttc")
SIMPLIFIED_FACE = 2  # face order in the Noto CJK collections: JP, KR, SC, TC, HK
SUPERSAMPLE = 3  # ink is drawn this much larger, then shrunk, for smooth edges


@lru_cache(maxsize=1)
def cjk_font_path() -> Path:
    for name in FONT_FILES:
        found = sorted(FONT_ROOT.rglob(name))
        if found:
            return found[0]
    raise FileNotFoundError(f"no Noto CJK font under {FONT_ROOT} (install fonts-noto-cjk)")


@lru_cache(maxsize=16)
def _font(size_px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(cjk_font_path()), size=max(6, size_px), index=SIMPLIFIED_FACE)


def _smooth_field(rng: np.random.Generator, shape: tuple[int, int], knots: int) -> np.ndarray:
    """Values in [-1, 1] that change slowly across the image: a few random knots, interpolated."""
    coarse = rng.uniform(-1, 1, (knots, knots)).astype(np.float32)
    return cv2.resize(coarse, (shape[1], shape[0]), interpolation=cv2.INTER_CUBIC)


def _warp(alpha: np.ndarray, rng: np.random.Generator, amount_px: float) -> np.ndarray:
    """Bend the strokes: a hand never draws the straight, even lines a font has."""
    h, w = alpha.shape
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    # Two scales: the whole glyph leans and bulges, and each stroke wobbles along its length.
    dx = amount_px * (_smooth_field(rng, (h, w), 3) + 0.4 * _smooth_field(rng, (h, w), 7))
    dy = amount_px * (_smooth_field(rng, (h, w), 3) + 0.4 * _smooth_field(rng, (h, w), 7))
    return cv2.remap(alpha, xs + dx, ys + dy, interpolation=cv2.INTER_LINEAR, borderValue=0)


def _thin(mask: np.ndarray) -> np.ndarray:
    """Zhang-Suen thinning: the one-pixel centre lines of a glyph's strokes.

    A font's strokes have shaped ends and corners; a pen's have none. Redrawing the centre lines
    with a round pen is what turns type into something that looks written."""
    image = np.pad(mask.astype(np.uint8), 1)
    while True:
        changed = False
        for first_pass in (True, False):
            p = [image[0:-2, 1:-1], image[0:-2, 2:], image[1:-1, 2:], image[2:, 2:],  # N, NE, E, SE
                 image[2:, 1:-1], image[2:, 0:-2], image[1:-1, 0:-2], image[0:-2, 0:-2]]  # S, SW, W, NW
            neighbours = sum(q.astype(np.int32) for q in p)
            transitions = sum(((p[k] == 0) & (p[(k + 1) % 8] == 1)).astype(np.int32) for k in range(8))
            n, e, s, w = p[0], p[2], p[4], p[6]
            if first_pass:
                clear = (n * e * s == 0) & (e * s * w == 0)
            else:
                clear = (n * e * w == 0) & (n * s * w == 0)
            remove = (image[1:-1, 1:-1] == 1) & (neighbours >= 2) & (neighbours <= 6) & (transitions == 1) & clear
            if remove.any():
                image[1:-1, 1:-1][remove] = 0
                changed = True
        if not changed:
            break
    skeleton = image[1:-1, 1:-1]
    # Thinning erases a blob small enough to have no centre line (a full stop, the dot of a
    # decimal point); put back one pixel at its middle so the pen still dots it.
    count, labels, _, centres = cv2.connectedComponentsWithStats(mask.astype(np.uint8))
    kept = set(np.unique(labels[skeleton == 1]).tolist())
    for label in range(1, count):
        if label not in kept:
            cx, cy = centres[label]
            skeleton[int(round(cy)), int(round(cx))] = 1
    return skeleton


def _glyph(char: str, size_px: int, rng: random.Random, nrng: np.random.Generator) -> np.ndarray:
    """One character as an alpha mask: its centre lines redrawn with a round pen, bent and turned."""
    big = size_px * SUPERSAMPLE
    font = _font(big)
    tile = Image.new("L", (int(big * 1.6), int(big * 1.6)), 0)
    # Anchored on the baseline so a full stop sits low and a dash mid-height, as written; the
    # em box's middle is about 0.38 em above the baseline, which puts a full-width glyph centred.
    ImageDraw.Draw(tile).text((tile.width / 2, tile.height / 2 + 0.38 * big), char, font=font, fill=255, anchor="ms")
    skeleton = _thin(np.asarray(tile) > 127)
    pen = max(3, int(round(big * rng.uniform(0.07, 0.09))))
    strokes = cv2.dilate(skeleton * np.float32(255), cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (pen, pen)))
    strokes = _warp(strokes, nrng, big * 0.05)
    small = cv2.resize(strokes, (tile.width // SUPERSAMPLE, tile.height // SUPERSAMPLE), interpolation=cv2.INTER_AREA)
    turned = Image.fromarray(np.clip(small, 0, 255).astype(np.uint8)).rotate(
        rng.uniform(-6, 6), resample=Image.Resampling.BICUBIC, fillcolor=0)
    return np.asarray(turned, dtype=np.float32)


def _advance(char: str, size_px: int) -> float:
    return _font(size_px).getlength(char) if char.strip() else size_px * 0.45


def handwritten_text(text: str, height_px: int, seed: int, ink: tuple[int, int, int] = BLUE_BLACK) -> Image.Image:
    """`text` as if written by hand, about `height_px` tall (the height of a full-width character)."""
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    height_px = max(8, int(height_px))
    pad = height_px  # glyph tiles overhang their advance; trimmed at the end
    width = int(sum(_advance(c, height_px) for c in text) * 1.25) + 2 * pad
    canvas = np.zeros((height_px * 3, width), dtype=np.float32)
    baseline_slope = math.tan(math.radians(rng.uniform(-2.0, 2.0)))  # a line written without a ruler drifts
    x = float(pad)
    for char in text:
        size = int(height_px * rng.uniform(0.9, 1.1))
        advance = _advance(char, size) * rng.uniform(0.88, 1.12)
        if char.strip():
            mask = _glyph(char, size, rng, nrng)
            # Sizes vary about the baseline, not the middle, so small marks stay on the line.
            baseline_y = canvas.shape[0] / 2 + 0.38 * height_px + (x - pad) * baseline_slope
            centre_y = baseline_y - 0.38 * size + rng.uniform(-0.04, 0.04) * height_px
            top = int(round(centre_y - mask.shape[0] / 2))
            left = int(round(x + advance / 2 - mask.shape[1] / 2))
            _stamp_max(canvas, mask, top, left)
        x += advance
    canvas = _slant(canvas, rng.uniform(0.06, 0.2))
    # Pressure: the pen presses harder in some strokes; the ink never reaches full density everywhere.
    pressure = 0.82 + 0.18 * _smooth_field(nrng, canvas.shape, 9)
    alpha = np.clip(canvas * pressure, 0, 255).astype(np.uint8)
    image = _ink_image(alpha, ink).filter(ImageFilter.GaussianBlur(max(0.4, height_px / 70)))
    return _trim(image, margin=max(2, height_px // 10))


def _stamp_max(canvas: np.ndarray, mask: np.ndarray, top: int, left: int) -> None:
    """Overlay `mask` on `canvas` at (top, left), clipped; overlapping strokes do not add up."""
    h, w = mask.shape
    y0, x0 = max(0, top), max(0, left)
    y1, x1 = min(canvas.shape[0], top + h), min(canvas.shape[1], left + w)
    if y1 <= y0 or x1 <= x0:
        return
    region = canvas[y0:y1, x0:x1]
    np.maximum(region, mask[y0 - top:y1 - top, x0 - left:x1 - left], out=region)


def _slant(alpha: np.ndarray, shear: float) -> np.ndarray:
    """Lean the line to the right, as most writers' hands do."""
    h, w = alpha.shape
    matrix = np.array([[1, -shear, shear * h / 2], [0, 1, 0]], dtype=np.float32)
    return cv2.warpAffine(alpha, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=0)


def _ink_image(alpha: np.ndarray, ink: tuple[int, int, int]) -> Image.Image:
    rgba = np.zeros(alpha.shape + (4,), dtype=np.uint8)
    rgba[..., :3] = ink
    rgba[..., 3] = alpha
    return Image.fromarray(rgba, "RGBA")


def _trim(image: Image.Image, margin: int) -> Image.Image:
    box = image.getchannel("A").point(lambda v: 255 if v > 8 else 0).getbbox()
    if box is None:
        return image
    x0, y0, x1, y1 = box
    return image.crop((max(0, x0 - margin), max(0, y0 - margin),
                       min(image.width, x1 + margin), min(image.height, y1 + margin)))


# -- signatures ------------------------------------------------------------------------------------


def _smooth_series(rng: random.Random, count: int, knots: int, low: float, high: float) -> np.ndarray:
    """`count` values wandering smoothly between low and high (cubic through random knots)."""
    values = np.array([rng.uniform(low, high) for _ in range(knots)], dtype=np.float32)
    return cv2.resize(values[None, :], (count, 1), interpolation=cv2.INTER_CUBIC)[0]


def _cursive_stroke(rng: random.Random, start: float, end: float, mid_y: float, height: float,
                    samples: int) -> np.ndarray:
    """The body of a signature: joined-up loops and zigzags, fast and uneven.

    A point runs right while circling; where its circling speed beats its forward speed the path
    crosses itself and makes a loop, elsewhere it only zigzags. Loop spacing, width, height and a
    second harmonic all wander along the stroke, so no two loops match and none reads as a letter."""
    t = np.linspace(0, 1, samples, dtype=np.float32)
    turns = rng.uniform(2.5, 6.0)
    wander = np.cumsum(_smooth_series(rng, samples, 6, 0.4, 1.6))
    phase = 2 * math.pi * turns * wander / wander[-1] + rng.uniform(0, 2 * math.pi)
    swing_x = _smooth_series(rng, samples, 5, 0.0, 1.0) * (end - start) / turns * rng.uniform(0.3, 0.7)
    swing_y = _smooth_series(rng, samples, 6, 0.15, 1.0) * height * 0.5
    sharpness = rng.uniform(0.0, 0.35)  # a second harmonic turns round loops into peaks
    x = start + (end - start) * t + swing_x * np.cos(phase)
    y = (mid_y + swing_y * (np.sin(phase) + sharpness * np.sin(2 * phase + 1.0))
         + _smooth_series(rng, samples, 4, -0.2, 0.2) * height)
    return np.stack([x, y], axis=1)


def _bezier(points: list[tuple[float, float]], samples: int) -> np.ndarray:
    """A cubic Bezier curve through four control points."""
    p = np.array(points, dtype=np.float32)
    t = np.linspace(0, 1, samples, dtype=np.float32)[:, None]
    return ((1 - t) ** 3) * p[0] + 3 * ((1 - t) ** 2) * t * p[1] + 3 * (1 - t) * t * t * p[2] + (t ** 3) * p[3]


def _draw_stroke(canvas: np.ndarray, path: np.ndarray, base_width: float) -> None:
    """Lay ink along `path`: thin where the pen moved fast, tapering where it landed and lifted."""
    steps = np.linalg.norm(np.diff(path, axis=0), axis=1)
    speed = steps / (steps.mean() + 1e-6)
    n = len(steps)
    taper = np.minimum(1.0, np.minimum(np.arange(n) + 1, n - np.arange(n)) / (0.08 * n + 1))
    widths = base_width * np.clip(1.35 - 0.45 * speed, 0.45, 1.3) * (0.35 + 0.65 * taper)
    for (x0, y0), (x1, y1), width in zip(path[:-1], path[1:], widths):
        cv2.line(canvas, (int(x0 * 4), int(y0 * 4)), (int(x1 * 4), int(y1 * 4)), 255.0,
                 thickness=max(1, int(round(width))), lineType=cv2.LINE_AA, shift=2)


def scribble(width_px: int, height_px: int, seed: int, ink: tuple[int, int, int] = BLUE_BLACK) -> Image.Image:
    """An illegible signature filling about `width_px` x `height_px`: loops, a flourish, pen lifts."""
    rng = random.Random(seed)
    scale = SUPERSAMPLE
    w, h = int(width_px) * scale, int(height_px) * scale
    canvas = np.zeros((h, w), dtype=np.float32)
    pen = max(1.5, h * 0.035)
    # One to three joined runs, left to right, each starting a little lower or higher than the last.
    runs = rng.choice([1, 2, 2, 3])
    edges = sorted(rng.uniform(0.08, 0.92) for _ in range(runs - 1))
    bounds = [0.04] + edges + [0.96]
    for left, right in itertools.pairwise(bounds):
        start = w * (left + (0.0 if left == 0.04 else 0.03))
        stroke = _cursive_stroke(rng, start, w * right, h * rng.uniform(0.42, 0.58), h * rng.uniform(0.55, 0.85), 500)
        if left == 0.04:
            # A tall opening loop, like the capital most signers begin with.
            lead = _bezier([(start, h * 0.75), (start - w * 0.03, h * 0.02), (start + w * 0.12, h * 0.05),
                            tuple(stroke[0])], 120)
            stroke = np.concatenate([lead, stroke])
        _draw_stroke(canvas, stroke, pen * rng.uniform(0.85, 1.2))
    if rng.random() < 0.75:
        # The closing flourish: a fast sweep back under the name, thin in the middle.
        y = h * rng.uniform(0.78, 0.9)
        sweep = _bezier([(w * rng.uniform(0.7, 0.95), h * 0.55), (w * 0.98, y + h * 0.1),
                         (w * 0.5, y + h * 0.08), (w * rng.uniform(0.05, 0.3), y - h * 0.05)], 300)
        _draw_stroke(canvas, sweep, pen * 0.8)
    canvas = _slant(canvas, rng.uniform(0.1, 0.3))
    alpha = cv2.resize(canvas, (int(width_px), int(height_px)), interpolation=cv2.INTER_AREA)
    image = _ink_image(np.clip(alpha, 0, 255).astype(np.uint8), ink)
    return image.filter(ImageFilter.GaussianBlur(0.5))
