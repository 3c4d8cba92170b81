"""A seal stamped across the signatures and dates, as seals usually are, is still found: turned
at any angle, faded or pink, over black text, on a printed form that was scanned."""
from __future__ import annotations

import json

import numpy
import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from PIL import Image, ImageChops

from compliance.cli import main

from .seal_art import REDS, draw_seal

DPI = 200


@pytest.fixture(scope="module")
def printed_page(tmp_path_factory, soffice) -> Image.Image:
    folder = tmp_path_factory.mktemp("printed")
    out = folder / "slip.docx"
    made = CliRunner().invoke(main, ["new", "reimbursement", "--sample", "-o", str(out), "--pdf"])
    assert made.exit_code == 0, made.output
    return pdfium.PdfDocument(str(out.with_suffix(".pdf")))[0].render(scale=DPI / 72).to_pil().convert("RGB")


def _approvals_box(page: Image.Image) -> tuple[int, int]:
    """Where the approval rows are printed: the lowest dark rows of the page's upper part."""
    grey = numpy.asarray(page.convert("L"))
    dark_rows = numpy.flatnonzero(grey.min(axis=1) < 100)
    return grey.shape[1] * 2 // 3, int(dark_rows[-1]) - DPI  # about an inch above the last printed line


@pytest.mark.parametrize("shape, colour, rotation, wear", [
    ("round", "seal-red", 25, 0.3),
    ("round", "faded", -40, 0.6),
    ("oval", "pink", 170, 0.5),
    ("square", "crimson", 8, 0.4),
])
def test_a_seal_over_text_is_found(printed_page, tmp_path, shape, colour, rotation, wear):
    seal = draw_seal(shape, 40 if shape != "square" else 20, REDS[colour], px_per_mm=DPI / 25.4,
                     rotation=rotation, wear=wear, seed=rotation)
    x, y = _approvals_box(printed_page)
    ink = Image.new("RGB", printed_page.size, (255, 255, 255))
    ink.paste(seal, (x - seal.width // 2, y - seal.height // 2), seal)
    scanned = ImageChops.multiply(printed_page, ink)  # ink on printed paper darkens what is under it
    target = tmp_path / "scanned.pdf"
    scanned.save(target, resolution=DPI)
    result = CliRunner().invoke(main, ["stamps", "--format", "json", str(target)])
    assert result.exit_code == 0, result.output
    (report,) = json.loads(result.stdout)["files"]
    seals = report["stamps"]
    assert len(seals) == 1
    x0, y0, x1, y1 = seals[0]["bbox"]
    centre_x, centre_y = x * 72 / DPI, (printed_page.height - y) * 72 / DPI
    assert x0 < centre_x < x1 and y0 < centre_y < y1
