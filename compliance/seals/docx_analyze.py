"""Seals and blank pages in a .docx: pictures in the body, judged by their pixels."""
from __future__ import annotations

import io
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image

from ..pages.docx_visibility import document_styles
from ..pages.pdf_images import MAX_PIXELS
from ..safety.docx_package import DocxPackage
from .docx_pages import DocxPage, DocxPicture, image_targets, split_pages
from .ink import dark_mask, ink_marks, red_mask, to_array
from .model import PageReport, Stamp
from .seal_shape import SealRegion, find_seals

PT_PER_MM = 72 / 25.4
PX_MM = 6.0
MAX_SIDE_PX = 2600
MIN_SEAL_LONG_MM, MIN_SEAL_SHORT_MM = 12.0, 7.0
MIN_CONTENT_MM = 3.0
SEAL_MARGIN_MM = 2.0
MIN_INK_MM2 = 5.0
MAX_PICTURES = 300  # distinct pictures looked at per document; the rest count as unreadable


@dataclass(frozen=True)
class _Look:
    """What one picture shows: its seals (pixel boxes at px_mm) and whether it shows more ink."""

    readable: bool
    regions: tuple[SealRegion, ...] = ()
    px_mm: float = PX_MM
    other_ink: bool = True


def _look(data: bytes, width_mm: float, height_mm: float, want_blank: bool) -> _Look:
    """Decode a picture at PX_MM pixels per mm of its displayed size and look for seals in it."""
    could_be_seal = max(width_mm, height_mm) >= MIN_SEAL_LONG_MM and min(width_mm, height_mm) >= MIN_SEAL_SHORT_MM
    px_mm = min(PX_MM, MAX_SIDE_PX / max(width_mm, height_mm, 1e-6))
    size = (max(1, round(width_mm * px_mm)), max(1, round(height_mm * px_mm)))
    try:
        img: Image.Image = Image.open(io.BytesIO(data))  # reads the header only
        if img.width * img.height > MAX_PIXELS:
            return _Look(False)
        colour = img.mode not in ("1", "L", "LA", "I", "I;16", "F")
        if not want_blank and not (could_be_seal and colour):
            return _Look(True)  # cannot be a seal, and nobody asked what else it shows
        if img.format == "JPEG":
            img.draft("RGB", size)  # decode at 1/2..1/8 scale when the picture is shown small
        img.load()
        if img.mode not in ("RGB", "L"):
            img = img.convert("RGBA")  # keep transparency: transparent pixels are paper
        rgb = to_array(img.resize(size, Image.Resampling.BILINEAR, reducing_gap=2.0))
    except MemoryError:
        return _Look(False)
    except Exception:
        return _Look(False)
    red, dark = red_mask(rgb), dark_mask(rgb)
    regions = tuple(find_seals(rgb, px_mm, red=red, dark=dark)) if could_be_seal and colour else ()
    other_ink = True
    if want_blank:
        margin = int(round(SEAL_MARGIN_MM * px_mm))
        exclude = [(r.box[0] - margin, r.box[1] - margin, r.box[2] + margin, r.box[3] + margin) for r in regions]
        other_ink = sum(area for _box, area in ink_marks(red | dark, px_mm, exclude)) >= MIN_INK_MM2
    return _Look(True, regions, px_mm, other_ink)


def _stamp(page: DocxPage, picture: DocxPicture, look: _Look, region: SealRegion) -> Stamp:
    x0, y0, x1, y1 = region.box
    scale = PT_PER_MM / look.px_mm
    left, right = picture.x_pt + x0 * scale, picture.x_pt + x1 * scale
    top, bottom = picture.y_pt + y0 * scale, picture.y_pt + y1 * scale
    # Same convention as PDF stamps: points from the page's bottom-left corner, y up.
    height = page.geometry.height
    return Stamp(page.number, (left, height - bottom, right, height - top), "image", region.confidence, exact=False)


def analyze_docx(path: Path, *, want_blank: bool) -> list[PageReport]:
    """Pages split at explicit breaks; seals and, on stamped pages, other content per page."""
    with DocxPackage(path) as package:
        return analyze_docx_package(package, package.xml("word/document.xml"), want_blank=want_blank)


def analyze_docx_package(package: DocxPackage, document: Any, *, want_blank: bool) -> list[PageReport]:
    """The same, of a package already open and its word/document.xml already parsed (and not yet
    changed by a reader): `check` opens and parses each .docx once for its text and its seals."""
    pages = split_pages(document, document_styles(package))
    rels_name = "word/_rels/document.xml.rels"
    targets = image_targets(package.xml(rels_name) if package.has(rels_name) else None)
    looks: dict[tuple[str, float, float], _Look] = {}
    reports = []
    for page in pages:
        report = PageReport(page.number)
        content: list[str] = ["text"] if "".join(page.text).strip() else []
        for picture in page.pictures:
            width_mm, height_mm = picture.width_pt / PT_PER_MM, picture.height_pt / PT_PER_MM
            if max(width_mm, height_mm) < MIN_CONTENT_MM:
                continue
            name = targets.get(picture.rel_id) or ""
            key = (name, round(width_mm, 1), round(height_mm, 1))
            if key not in looks:
                if not name or not package.has(name) or len(looks) >= MAX_PICTURES:
                    looks[key] = _Look(False)
                else:
                    looks[key] = _look(package.read(name), width_mm, height_mm, want_blank)
            look = looks[key]
            report.stamps.extend(_stamp(page, picture, look, region) for region in look.regions)
            # A picture that cannot be read is assumed to show something: never "blank" on a guess.
            if not look.readable or look.other_ink:
                if "image" not in content:
                    content.append("image")
        if want_blank and report.stamps:
            report.content = tuple(content)
            report.blank = not content
        reports.append(report)
    return reports


def analyze_docx_rendered(path: Path, *, want_blank: bool) -> list[PageReport]:
    """Exact pages: lay the document out with LibreOffice, then read the PDF like any other."""
    from ..pages.pdf_reader import guarded, open_pdf
    from .layout import lay_out_with_libreoffice
    from .pdf_analyze import analyze_reader

    with DocxPackage(path):
        pass  # the same size and zip-bomb checks as the unrendered path, before LibreOffice sees it
    with tempfile.TemporaryDirectory(prefix="compliance-seals-") as workdir:
        pdf = lay_out_with_libreoffice(Path(path), Path(workdir))
        reader = open_pdf(pdf)
        return guarded(lambda: analyze_reader(reader, want_blank=want_blank), Path(path))
