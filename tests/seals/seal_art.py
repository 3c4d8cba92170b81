"""Draw seal impressions and other page art with Pillow, for the generated seal test set.

Nothing here is a real company's seal: the characters are generic words, the shapes are the usual
Chinese seal shapes (round with a star, oval, square), drawn in the reds real ink pads leave.
"""
from __future__ import annotations

import math
import random
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIR = Path("/usr/share/fonts/opentype/noto")
SANS = FONT_DIR / "NotoSansCJK-Regular.ttc"
SANS_BOLD = FONT_DIR / "NotoSansCJK-Bold.ttc"
SERIF_BOLD = FONT_DIR / "NotoSerifCJK-Bold.ttc"

# From vermilion (orange-red) through seal red to crimson, then faded / pinkish pad colours.
REDS = {
    "vermilion": (228, 66, 40),
    "seal-red": (214, 32, 38),
    "crimson": (186, 18, 52),
    "dark-red": (160, 22, 30),
    "faded": (226, 104, 104),
    "pink": (236, 128, 140),
}

ORG_NAMES = ["华东示例科技有限公司", "北方样本贸易有限公司", "测试物流股份有限公司", "某某建设工程有限公司"]
CENTER_WORDS = ["合同专用章", "财务专用章", "公章", "业务专用章"]
PERSON_SEALS = ["张伟之印", "李娜印信", "王芳之印", "刘洋私印"]


@lru_cache(maxsize=32)
def font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size=max(4, int(size)), index=2)  # face 2 = Simplified Chinese


def _char_image(char: str, size_px: int, color: tuple[int, int, int], bold: bool = True) -> Image.Image:
    f = font(SANS_BOLD if bold else SANS, size_px)
    tile = Image.new("RGBA", (int(size_px * 1.4), int(size_px * 1.4)), (0, 0, 0, 0))
    d = ImageDraw.Draw(tile)
    d.text((tile.width / 2, tile.height / 2), char, font=f, fill=color + (255,), anchor="mm")
    return tile


def _arc_text(img: Image.Image, text: str, center: tuple[float, float], rx: float, ry: float,
              start_deg: float, end_deg: float, size_px: int, color) -> None:
    """Characters along the upper arc, each turned to face the centre, as seal engravers do."""
    n = len(text)
    for i, char in enumerate(text):
        t = i / max(1, n - 1)
        ang = math.radians(start_deg + (end_deg - start_deg) * t)
        x = center[0] + rx * math.cos(ang)
        y = center[1] + ry * math.sin(ang)
        tile = _char_image(char, size_px, color)
        rot = -math.degrees(ang) - 90
        tile = tile.rotate(rot, resample=Image.BICUBIC, expand=True)
        img.alpha_composite(tile, (int(x - tile.width / 2), int(y - tile.height / 2)))


def _star(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float, color) -> None:
    pts = []
    for k in range(10):
        rad = r if k % 2 == 0 else r * 0.38
        a = math.radians(-90 + k * 36)
        pts.append((cx + rad * math.cos(a), cy + rad * math.sin(a)))
    draw.polygon(pts, fill=color + (255,))


def _hline_text(img: Image.Image, text: str, cx: float, cy: float, size_px: int, color) -> None:
    f = font(SANS_BOLD, size_px)
    d = ImageDraw.Draw(img)
    d.text((cx, cy), text, font=f, fill=color + (255,), anchor="mm")


def _wear(img: Image.Image, rng: random.Random, amount: float) -> Image.Image:
    """Uneven ink: a smooth random field thins the alpha, plus dropouts, like a dry pad or soft paper."""
    if amount <= 0:
        return img
    w, h = img.size
    nrng = np.random.default_rng(rng.randrange(1 << 30))
    coarse = nrng.random((6, 6)).astype(np.float32)
    field = np.asarray(Image.fromarray((coarse * 255).astype(np.uint8)).resize((w, h), Image.BICUBIC), dtype=np.float32) / 255
    speck = nrng.random((h, w)).astype(np.float32)
    alpha = np.asarray(img.getchannel("A"), dtype=np.float32)
    keep = 1.0 - amount * (0.55 * field + 0.45 * (speck < 0.25))
    # Where the pad was dry the paper took no ink at all: a few patches with nothing printed.
    holes = field > 1.0 - 0.12 * amount
    keep[holes] = 0.0
    alpha = np.clip(alpha * keep, 0, 255).astype(np.uint8)
    out = img.copy()
    out.putalpha(Image.fromarray(alpha))
    return out


def draw_seal(shape: str, size_mm: float, color: tuple[int, int, int], *, px_per_mm: float = 10,
              rotation: float = 0.0, wear: float = 0.0, seed: int = 0) -> Image.Image:
    """A seal impression as an RGBA image with a transparent background.

    shape: "round" (ring, star, arc text), "oval" (double ring, arc text, centre line) or
    "square" (thick border, 2x2 characters). size_mm is the seal's width on paper.
    """
    rng = random.Random(seed)
    w = int(size_mm * px_per_mm)
    h = int(w * 0.7) if shape == "oval" else w
    pad = int(0.04 * w) + 2
    img = Image.new("RGBA", (w + 2 * pad, h + 2 * pad), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    cx, cy = img.width / 2, img.height / 2
    ring = max(2, int(w * rng.uniform(0.025, 0.035)))
    ink = color + (255,)
    if shape == "round":
        d.ellipse((pad, pad, pad + w, pad + h), outline=ink, width=ring)
        r = w / 2
        _star(d, cx, cy, r * 0.27, color)
        _arc_text(img, rng.choice(ORG_NAMES), (cx, cy), r * 0.72, r * 0.72, 150, 390, int(r * 0.3), color)
        _hline_text(img, rng.choice(CENTER_WORDS), cx, cy + r * 0.55, int(r * 0.17), color)
    elif shape == "oval":
        d.ellipse((pad, pad, pad + w, pad + h), outline=ink, width=ring)
        inner = int(w * 0.06)
        d.ellipse((pad + inner, pad + inner, pad + w - inner, pad + h - inner), outline=ink, width=max(1, ring // 3))
        _arc_text(img, rng.choice(ORG_NAMES)[:8], (cx, cy), w * 0.36, h * 0.33, 160, 380, int(h * 0.14), color)
        _hline_text(img, rng.choice(CENTER_WORDS), cx, cy + h * 0.02, int(h * 0.13), color)
        _hline_text(img, "".join(str(rng.randrange(10)) for _ in range(13)), cx, cy + h * 0.28, int(h * 0.075), color)
    elif shape == "square":
        border = max(3, int(w * rng.uniform(0.05, 0.08)))
        d.rectangle((pad, pad, pad + w, pad + h), outline=ink, width=border)
        chars = rng.choice(PERSON_SEALS)
        cell = (w - 2 * border) / 2
        f = font(SERIF_BOLD, int(cell * 0.9))
        order = [(1, 0), (1, 1), (0, 0), (0, 1)]  # read right column first, top to bottom
        for ch, (col, row) in zip(chars, order):
            x = pad + border + cell * (col + 0.5)
            y = pad + border + cell * (row + 0.5)
            d.text((x, y), ch, font=f, fill=ink, anchor="mm")
    else:
        raise ValueError(shape)
    img = img.filter(ImageFilter.GaussianBlur(0.5))  # ink bleeds a little into paper
    img = _wear(img, rng, wear)
    if rotation:
        img = img.rotate(rotation, resample=Image.BICUBIC, expand=True)
    return img


def on_white(img: Image.Image) -> Image.Image:
    """Flatten an RGBA seal onto white (a scanned or photographed seal has no transparency)."""
    base = Image.new("RGBA", img.size, (255, 255, 255, 255))
    base.alpha_composite(img)
    return base.convert("RGB")


def red_logo(size_mm: float, color=(206, 24, 36), px_per_mm: float = 10) -> Image.Image:
    """A company logo for a letterhead: a filled red disc with white initials and a swoosh."""
    s = int(size_mm * px_per_mm)
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.ellipse((0, 0, s - 1, s - 1), fill=color + (255,))
    d.text((s / 2, s / 2), "HX", font=font(SANS_BOLD, int(s * 0.45)), fill=(255, 255, 255, 255), anchor="mm")
    d.arc((s * 0.1, s * 0.55, s * 0.9, s * 1.1), 200, 340, fill=(255, 255, 255, 255), width=max(1, s // 20))
    return img


def red_title_image(text: str, height_mm: float, color=(210, 20, 30), px_per_mm: float = 10) -> Image.Image:
    """A red letterhead title ("红头") as a picture, the way some templates carry it."""
    size = int(height_mm * px_per_mm)
    f = font(SERIF_BOLD, size)
    left, top, right, bottom = f.getbbox(text)
    img = Image.new("RGBA", (right - left + 8, bottom - top + 8), (0, 0, 0, 0))
    ImageDraw.Draw(img).text((4 - left, 4 - top), text, font=f, fill=color + (255,))
    return img


def signature_image(width_mm: float, seed: int, px_per_mm: float = 10) -> Image.Image:
    """A handwritten-looking signature scribble in dark blue ink."""
    rng = random.Random(seed)
    w, h = int(width_mm * px_per_mm), int(width_mm * px_per_mm * 0.35)
    img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    pts = []
    for i in range(40):
        x = w * (0.05 + 0.9 * i / 39)
        y = h * (0.5 + 0.35 * math.sin(i * rng.uniform(0.6, 1.4)) * rng.uniform(0.5, 1.0))
        pts.append((x, y))
    d.line(pts, fill=(20, 30, 90, 255), width=max(2, w // 90), joint="curve")
    return img


def photo_with_red(seed: int, width: int = 900, height: int = 650) -> Image.Image:
    """A colour "photograph" with red things in it: a shaded red ball, a red ring (a life buoy),
    a red book, on a wall-and-table background. Red and round, but not ink on paper."""
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    y = np.linspace(0, 1, height)[:, None, None]
    wall = np.array([rng.randrange(90, 200), rng.randrange(120, 210), rng.randrange(150, 230)], dtype=np.float32)
    table = np.array([rng.randrange(110, 160), rng.randrange(70, 100), rng.randrange(40, 70)], dtype=np.float32)
    horizon = rng.uniform(0.5, 0.7)
    arr = np.where(y < horizon, wall * (0.8 + 0.3 * y), table * (1.1 - 0.3 * y)) * np.ones((1, width, 1))
    arr += nrng.normal(0, 6, arr.shape)
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    d = ImageDraw.Draw(img)
    cx, cy, r = width * rng.uniform(0.2, 0.35), height * rng.uniform(0.55, 0.7), height * rng.uniform(0.14, 0.2)
    for k in range(30, 0, -1):  # a shaded ball: darker at the rim, light highlight
        f = k / 30
        d.ellipse((cx - r * f, cy - r * f, cx + r * f, cy + r * f), fill=(int(150 + 90 * (1 - f)), int(20 + 40 * (1 - f)), int(25 + 30 * (1 - f))))
    bx, by, br = width * rng.uniform(0.6, 0.75), height * rng.uniform(0.3, 0.45), height * rng.uniform(0.15, 0.22)
    d.ellipse((bx - br, by - br, bx + br, by + br), outline=(214, 30, 36), width=int(br * 0.35))
    for a in range(0, 360, 90):  # the buoy's white bands
        ang = math.radians(a + 45)
        d.line((bx + 0.6 * br * math.cos(ang), by + 0.6 * br * math.sin(ang), bx + 1.05 * br * math.cos(ang), by + 1.05 * br * math.sin(ang)), fill=(240, 240, 240), width=int(br * 0.25))
    d.rectangle((width * 0.42, height * 0.72, width * 0.58, height * 0.9), fill=(190, 24, 40))
    return img.filter(ImageFilter.GaussianBlur(1.2))
