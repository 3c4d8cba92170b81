"""Turn a form PDF printed by `compliance new ... --pdf` into a scan of the paper after it was
signed by hand and stamped, with a known truth: what was written where.

    python tests/scans/make_scan.py OUTDIR     # a few scans of the reimbursement sample, and truth.json

The page is rendered by pdfium, handwriting is multiplied onto it cell by cell (ink darkens the
paper and the print under it, it never covers them), a red seal is multiplied over the approval
rows the way a stamp lands on the signatures and dates, and then the scanner's work is imitated:
paper tone, blur, grain, dust, skew, a page fed upside down, JPEG loss. Cells are found from the
PDF's own text and rules (cells.py), never from the `compliance` package.
"""
from __future__ import annotations

import io
import json
import random
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import yaml
from PIL import Image

if __package__ in (None, ""):  # run as a script: make `seals` and `scans` importable as under pytest
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from seals.pdf_build import degrade, render_pages
from seals.seal_art import REDS, draw_seal

from scans.cells import Box, approval_cells, cell_right_of
from scans.hand import BLUE_BLACK, handwritten_text, scribble

__all__ = ["HandFill", "Stamp", "approval_cells", "cell_right_of", "make_scan"]

MM_PER_INCH = 25.4
WHITE_PAPER, GREY_PAPER = 250, 212  # grey levels of the paper as the scanner sees it
SEAL_SIZE_MM = {"round": 40.0, "oval": 45.0, "square": 20.0}  # usual company, contract and personal seals
SAVE_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".tif": "TIFF", ".tiff": "TIFF", ".pdf": "PDF"}
JPEG_DEFAULT_QUALITY = 90  # what a .jpg or .pdf target gets when no jpeg_quality is asked for


@dataclass(frozen=True)
class HandFill:
    """What a hand writes in one cell: legible `text`, or an illegible signature (`scribble=True`)."""

    text: str = ""
    scribble: bool = False
    page: int = 0
    ink: tuple[int, int, int] = BLUE_BLACK

    def __post_init__(self) -> None:
        if bool(self.text) == self.scribble:
            raise ValueError("a HandFill has either text or scribble=True, not both or neither")


class Stamp(NamedTuple):
    """A seal pressed on the page. A plain (shape, colour, rotation) tuple converts to this.

    shape: round, oval or square (seal_art.draw_seal); colour: a key of seal_art.REDS. Without a
    centre (PDF points) the seal lands on the last approval row, over its date and opinion."""

    shape: str = "round"
    colour: str = "seal-red"
    rotation: float = 0.0
    centre: tuple[float, float] | None = None
    page: int = 0


def make_scan(pdf_path: Path | str, target_path: Path | str, *, dpi: int = 200,
              fills: Mapping[Box, HandFill] | Sequence[tuple[Box, HandFill]] = (),
              seal: tuple | None = None, angle_deg: float = 0.0, upside_down: bool = False,
              noise: float = 0.0, grey_paper: bool = False, jpeg_quality: int | None = None,
              seed: int = 0) -> None:
    """Render `pdf_path`, write `fills` into their cells, stamp `seal`, degrade, save to `target_path`.

    The target's suffix picks the format: .png and .jpg (one page only), .tif (one page or
    multi-page) or .pdf (an image-only PDF, one full-page picture per page). noise runs 0..1."""
    pdf_path, target_path = Path(pdf_path), Path(target_path)
    fmt = SAVE_FORMATS.get(target_path.suffix.lower())
    if fmt is None:
        raise ValueError(f"{target_path}: unknown scan format; use one of {', '.join(SAVE_FORMATS)}")
    rng = random.Random(seed)
    pages = [np.asarray(page, dtype=np.float32) for page in render_pages(pdf_path, dpi)]
    if len(pages) > 1 and fmt in ("PNG", "JPEG"):
        raise ValueError(f"{pdf_path} has {len(pages)} pages; a {target_path.suffix} holds one, use .tif or .pdf")
    fill_list = list(fills.items()) if isinstance(fills, Mapping) else list(fills)
    stamp = Stamp(*seal) if seal is not None else None
    for page_index in [fill.page for _, fill in fill_list] + ([stamp.page] if stamp else []):
        if not 0 <= page_index < len(pages):
            raise ValueError(f"{pdf_path} has {len(pages)} page(s); there is no page index {page_index}")
    scale = dpi / 72
    for box, fill in fill_list:
        _write_in_cell(pages[fill.page], _to_pixels(box, scale, pages[fill.page].shape[0]), fill, dpi,
                       random.Random(rng.randrange(1 << 30)))
    if stamp is not None:
        _press_seal(pages, pdf_path, stamp, dpi, random.Random(rng.randrange(1 << 30)))
    scanned = []
    for page in pages:
        image = degrade(Image.fromarray(np.clip(page, 0, 255).astype(np.uint8)), rng, dpi, angle=angle_deg,
                        noise=18 * noise, paper=GREY_PAPER if grey_paper else WHITE_PAPER, dust=int(150 * noise))
        if upside_down:
            image = image.transpose(Image.Transpose.ROTATE_180)
        if jpeg_quality is not None and fmt not in ("JPEG", "PDF"):  # those two compress when saved
            image = _jpeg_round_trip(image, jpeg_quality)
        scanned.append(image)
    _save(scanned, target_path, fmt, dpi, jpeg_quality or JPEG_DEFAULT_QUALITY)


def _to_pixels(box: Box, scale: float, page_height_px: int) -> tuple[int, int, int, int]:
    """PDF points, origin bottom left, to pixels, origin top left: (left, top, right, bottom)."""
    x0, y0, x1, y1 = box
    return (round(x0 * scale), round(page_height_px - y1 * scale), round(x1 * scale), round(page_height_px - y0 * scale))


def _write_in_cell(page: np.ndarray, cell: tuple[int, int, int, int], fill: HandFill, dpi: int,
                   rng: random.Random) -> None:
    left, top, right, bottom = cell
    width, height = right - left, bottom - top
    margin = max(2, round(0.8 * dpi / MM_PER_INCH))  # keep clear of the rules by about a millimetre
    if fill.scribble:
        ink_w = int(width * rng.uniform(0.55, 0.8))
        ink = scribble(ink_w, int(min(height * 0.8, ink_w * rng.uniform(0.3, 0.45))), rng.randrange(1 << 30), fill.ink)
    else:
        # People write about 4.5-6 mm tall, smaller in a cramped cell.
        char_px = min(height * rng.uniform(0.42, 0.52), rng.uniform(4.5, 6.0) * dpi / MM_PER_INCH)
        ink = handwritten_text(fill.text, int(char_px), rng.randrange(1 << 30), fill.ink)
    room_w, room_h = width - 2 * margin, height - 2 * margin
    shrink = min(1.0, room_w / ink.width, room_h / ink.height)
    if shrink < 1.0:
        ink = ink.resize((max(1, int(ink.width * shrink)), max(1, int(ink.height * shrink))), Image.Resampling.LANCZOS)
    # Nobody centres handwriting exactly: start somewhere in the left half, a little off the middle line.
    x = left + margin + int(rng.uniform(0.05, 0.5) * max(0, room_w - ink.width))
    y = top + margin + int(max(0, room_h - ink.height) * rng.uniform(0.35, 0.65))
    _multiply(page, ink, x, y)


def _press_seal(pages: list[np.ndarray], pdf_path: Path, stamp: Stamp, dpi: int, rng: random.Random) -> None:
    if stamp.shape not in SEAL_SIZE_MM or stamp.colour not in REDS:
        raise ValueError(f"seal {stamp}: shape is one of {sorted(SEAL_SIZE_MM)}, colour one of {sorted(REDS)}")
    centre = stamp.centre
    if centre is None:
        last_row = list(approval_cells(pdf_path, stamp.page).values())[-1]
        x0, y0, x1, y1 = last_row["date"]
        centre = (x0 + 0.3 * (x1 - x0), (y0 + y1) / 2 + rng.uniform(-0.2, 0.2) * (y1 - y0))
    image = draw_seal(stamp.shape, SEAL_SIZE_MM[stamp.shape], REDS[stamp.colour], px_per_mm=dpi / MM_PER_INCH,
                      rotation=stamp.rotation, wear=rng.uniform(0.15, 0.35), seed=rng.randrange(1 << 30))
    page = pages[stamp.page]
    scale = dpi / 72
    cx, cy = centre[0] * scale, page.shape[0] - centre[1] * scale
    _multiply(page, image, int(cx - image.width / 2), int(cy - image.height / 2))


def _multiply(page: np.ndarray, ink: Image.Image, left: int, top: int) -> None:
    """Multiply RGBA `ink` onto the page at (left, top): ink darkens what is under it, as on paper."""
    rgba = np.asarray(ink.convert("RGBA"), dtype=np.float32) / 255
    h, w = rgba.shape[:2]
    y0, x0 = max(0, top), max(0, left)
    y1, x1 = min(page.shape[0], top + h), min(page.shape[1], left + w)
    if y1 <= y0 or x1 <= x0:
        return
    part = rgba[y0 - top:y1 - top, x0 - left:x1 - left]
    alpha = part[..., 3:4]
    page[y0:y1, x0:x1] *= 1 - alpha * (1 - part[..., :3])


def _jpeg_round_trip(image: Image.Image, quality: int) -> Image.Image:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    buffer.seek(0)
    return Image.open(buffer).convert("RGB")


def _save(pages: list[Image.Image], target: Path, fmt: str, dpi: int, quality: int) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    first, rest = pages[0], pages[1:]
    if fmt == "PDF":
        # Page size follows from pixels and resolution: the A4 page rendered at dpi comes back A4.
        first.save(target, "PDF", resolution=dpi, save_all=True, append_images=rest, quality=quality)
    elif fmt == "TIFF":
        first.save(target, "TIFF", dpi=(dpi, dpi), compression="tiff_lzw", save_all=True, append_images=rest)
    elif fmt == "JPEG":
        first.save(target, "JPEG", dpi=(dpi, dpi), quality=quality)
    else:
        first.save(target, "PNG", dpi=(dpi, dpi))


# -- self-check: a few scans of the reimbursement sample ------------------------------------------

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "compliance" / "builtin" / "samples" / "reimbursement" / "valid.yaml"


def blank_approvals_pdf(workdir: Path) -> tuple[Path, list[dict]]:
    """The reimbursement sample printed with approvers and dates left blank, for hands to fill in;
    returns the PDF and the sample's approvals (the truth to write)."""
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    truth = [dict(row) for row in data["approvals"]]
    for row in data["approvals"]:
        row["approver"], row["date"] = "", ""
    workdir.mkdir(parents=True, exist_ok=True)
    data_path = workdir / "reimbursement-blank.json"
    data_path.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    docx = workdir / "reimbursement-blank.docx"
    subprocess.run([sys.executable, "-m", "compliance", "new", "reimbursement", "--data", str(data_path),
                    "-o", str(docx), "--pdf", "--force"], check=True, capture_output=True)
    return docx.with_suffix(".pdf"), truth


def written_date(iso: str, style: int) -> str:
    """The ways people write a date by hand: 2026.5.19, 2026年5月19日, 2026-05-19."""
    year, month, day = iso.split("-")
    return [f"{year}.{int(month)}.{int(day)}", f"{year}年{int(month)}月{int(day)}日", iso][style % 3]


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    outdir = Path(argv[1])
    pdf, approvals = blank_approvals_pdf(outdir / "source")
    cells = approval_cells(pdf)
    legible: list[tuple[Box, HandFill]] = []
    for index, row in enumerate(approvals):
        legible.append((cells[row["role"]]["signer"], HandFill(text=row["approver"])))
        legible.append((cells[row["role"]]["date"], HandFill(text=written_date(str(row["date"]), index))))
    signed = [(box, HandFill(scribble=True)) if n == 0 else (box, fill) for n, (box, fill) in enumerate(legible)]
    round_seal = ("round", "seal-red", -12.0)
    variants: dict[str, dict[str, Any]] = {
        "handwritten-200dpi.png": dict(fills=legible, seal=round_seal, noise=0.2),
        "scribble-200dpi.png": dict(fills=signed, seal=("oval", "crimson", 8.0), noise=0.2),
        "skew2-200dpi.png": dict(fills=legible, seal=round_seal, angle_deg=2.0, noise=0.3),
        "upside-down-200dpi.png": dict(fills=legible, seal=round_seal, upside_down=True, noise=0.2),
        "low-150dpi.jpg": dict(fills=legible, seal=round_seal, dpi=150, noise=0.3, jpeg_quality=75),
        "fine-300dpi.tif": dict(fills=legible, seal=("round", "vermilion", 20.0), dpi=300, noise=0.15),
        "jpeg60-200dpi.png": dict(fills=legible, seal=round_seal, noise=0.3, jpeg_quality=60),
        "grey-paper-200dpi.pdf": dict(fills=legible, seal=round_seal, grey_paper=True, angle_deg=-1.0,
                                      noise=0.4, jpeg_quality=70),
    }
    truth = {}
    for seed, (name, options) in enumerate(variants.items()):
        make_scan(pdf, outdir / name, seed=seed, **options)
        truth[name] = {
            "options": {k: v for k, v in options.items() if k != "fills"},
            "fills": [{"box": [round(v, 2) for v in box], **asdict(fill)} for box, fill in options["fills"]],
        }
        print(outdir / name)
    (outdir / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
