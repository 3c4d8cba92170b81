"""A PDF as the reader sees it: AcroForm fields where present, else the text layer as rows.

Each text fragment is placed by its position and read into the table cell its ruling lines
close (positional.py), so label/value pairs and table columns are recognised as in a .docx
(columns by x position instead of grid index). Text a reader of the paper cannot see is kept
apart: invisible render modes, paper-white fills, tiny sizes, text outside the page or its
clipping area, and text painted over by a later opaque shape.
"""
from __future__ import annotations

import logging
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from ..integrity.find_codes import codes_in_pdf_page
from ..pages.pdf_reader import open_pdf
from ..safety.pdf_open import check_page_content, safe_pdf_call
from .model import Document, Row, Table
from .pdf_marks import PageTracker
from .positional import Fragment, page_rows
from .rulings import cells_from_rulings

if TYPE_CHECKING:
    from ..pages.page_image import PageRenderer

SMALLEST_VISIBLE_PT = 3.0


def _page_rows(page, page_number: int, hidden: list[tuple[int, str]] | None = None) -> list[Row]:
    """The page's text as rows of cells; text nobody can see on paper goes to `hidden` instead."""
    tracker = PageTracker()
    drawn: list[tuple[Fragment, int]] = []
    box = page.mediabox
    left, bottom, right, top = float(box.left), float(box.bottom), float(box.right), float(box.top)

    def hide(text: str) -> None:
        if hidden is not None:
            hidden.append((page_number, text.strip()))

    def visit(text, cm, tm, _font, size):
        if not text or not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = abs(tm[0] * cm[0]) or abs(tm[3] * cm[3]) or 1.0
        height = (size or 10) * scale
        outside = not (left - 1 <= x <= right and bottom - 1 <= y <= top)
        if tracker.invisible() or outside or height < SMALLEST_VISIBLE_PT or tracker.clipped(x, y + height * 0.35):
            hide(text)
            return
        drawn.append((Fragment(x, y, text.replace("\n", ""), max(1.0, height)), tracker.operations))

    page.extract_text(visitor_text=visit, visitor_operand_before=tracker.before)
    marks = tracker.marks
    fragments = []
    for fragment, when in drawn:
        x, y = fragment.anchor
        if any(cover.after > when and cover.box.holds(x, y) for cover in marks.covers):
            hide(fragment.text)  # painted over: a white box on a figure, a black bar on a name
        else:
            fragments.append(fragment)
    return page_rows(fragments, cells_from_rulings(marks.horizontal, marks.vertical), page_number)


def _bounded_page_rows(page, page_number: int, where: str, hidden: list[tuple[int, str]]) -> list[Row]:
    # The size check reads the page's content stream, which a damaged file can break in any way:
    # it runs inside the same safe call as the parsing, never outside it.
    check_page_content(page, f"{where} 第{page_number}页/page {page_number}")
    return _page_rows(page, page_number, hidden)


def read_pdf(path: Path, password: str | None = None, reader=None) -> Document:
    """The PDF's form fields and text rows; `reader` is an already opened PdfReader, if any.

    A page with no visible text (a scan, or text drawn as outlines) is drawn and read by OCR.
    """
    # pypdf logs every oddity of a damaged file; what matters reaches the report as a finding.
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    reader = reader if reader is not None else open_pdf(path, password)
    where = path.name
    document = Document(positional=True)
    fields = safe_pdf_call(lambda: reader.get_fields() or {}, where)
    for name, field in fields.items():
        value = field.get("/V") if hasattr(field, "get") else None
        if value is not None and str(value).strip():
            document.form_fields[str(field.get("/TU") or name)] = str(value)
            document.form_fields.setdefault(str(name), str(value))
    pages = safe_pdf_call(lambda: list(reader.pages), where)
    document.pages = max(1, len(pages))
    hidden: list[tuple[int, str]] = []
    scans = _Scans(reader, password, where)
    codes: list = []
    for number, page in enumerate(pages, start=1):
        rows = safe_pdf_call(partial(_bounded_page_rows, page, number, where, hidden), f"{where} 第{number}页/page {number}")
        if not rows:
            rows = scans.read(number)
        else:
            codes += [(number, code) for code in safe_pdf_call(partial(codes_in_pdf_page, page), where)]
        if rows:
            document.blocks.append(Table(rows, number))
    scans.close()
    by_page: dict[int, str] = {}
    for number, text in hidden:
        if number not in scans.read_pages:  # a scan's own OCR text layer hides nothing we read
            by_page[number] = (by_page.get(number, "") + text)[:40]
    document.hidden = tuple(sorted(by_page.items()))
    document.ocr_pages = tuple(scans.read_pages)
    document.unreadable_pages = tuple(scans.unreadable_pages)
    document.codes = tuple(codes + scans.codes)
    return document


class _Scans:
    """Pages read from their pixels: drawn by pdfium only when a page needs it."""

    def __init__(self, reader, password: str | None, where: str) -> None:
        self.reader, self.password, self.where = reader, password, where
        self.renderer: PageRenderer | None = None
        self.read_pages: list[int] = []
        self.unreadable_pages: list[int] = []
        self.codes: list = []

    def read(self, number: int) -> list[Row]:
        from ..pages.page_image import PageRenderer
        from .scan.ocr_engine import start
        from .scan.read_page import page_has_ink, read_scanned_page

        if self.renderer is None:
            start()
            self.renderer = PageRenderer(self.reader.stream.getvalue(), self.password, self.where)
        page = self.reader.pages[number - 1]
        image, dpi = self.renderer.native(page, self.reader) or self.renderer.render(number - 1)
        if not page_has_ink(image):
            return []  # a blank page: nothing to read, and nothing missed
        self.read_pages.append(number)
        scanned = read_scanned_page(image, number, dpi)
        self.codes += [(number, code) for code in scanned.codes]
        if not scanned.readable:
            self.unreadable_pages.append(number)
        return scanned.rows

    def close(self) -> None:
        if self.renderer is not None:
            self.renderer.close()
