"""A PDF as the reader sees it: AcroForm fields where present, else the text layer as rows.

Each text fragment is placed by its position; fragments on one baseline form a row, and a gap
wider than about a character splits the row into cells, so label/value pairs and table columns
are recognised as in a .docx (columns by x position instead of grid index).
"""
from __future__ import annotations

import logging
from functools import partial
from pathlib import Path

from ..safety.pdf_open import check_page_content, open_pdf, safe_pdf_call
from .model import Cell, Document, Row, Table


def _width(text: str, size: float) -> float:
    return sum(size if ord(c) > 0x2E7F else size * 0.55 for c in text)


_INVISIBLE_MODES = (3, 7)  # text render modes that neither fill nor stroke the glyphs
_PAPER = 0.94  # a fill this light in every channel reads as paper
SMALLEST_VISIBLE_PT = 3.0


class _Ink:
    """The text state that decides whether glyphs show: render mode and fill colour, saved and
    restored with the graphics state (q/Q) as the content stream runs."""

    def __init__(self) -> None:
        self.mode: int = 0
        self.fill: tuple[float, ...] = (0.0, 0.0, 0.0)
        self.saved: list[tuple[int, tuple[float, ...]]] = []

    def before(self, operator: bytes, operands, _cm, _tm) -> None:
        try:
            if operator == b"Tr":
                self.mode = int(operands[0])
            elif operator == b"rg":
                self.fill = tuple(float(v) for v in operands[:3])
            elif operator == b"g":
                self.fill = (float(operands[0]),) * 3
            elif operator == b"k":
                c, m, y, k = (float(v) for v in operands[:4])
                self.fill = ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
            elif operator == b"q":
                self.saved.append((self.mode, self.fill))
            elif operator == b"Q" and self.saved:
                self.mode, self.fill = self.saved.pop()
        except (TypeError, ValueError, IndexError):
            pass  # a malformed operand leaves the state as it was

    def invisible(self) -> bool:
        return self.mode in _INVISIBLE_MODES or (len(self.fill) == 3 and min(self.fill) >= _PAPER)


def _page_rows(page, page_number: int, hidden: list[tuple[int, str]] | None = None) -> list[Row]:
    """The page's text as rows of cells; text nobody can see on paper goes to `hidden` instead."""
    fragments: list[tuple[float, float, str, float]] = []
    ink = _Ink()
    box = page.mediabox
    left, bottom, right, top = float(box.left), float(box.bottom), float(box.right), float(box.top)

    def visit(text, cm, tm, _font, size):
        if not text or not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = abs(tm[0] * cm[0]) or abs(tm[3] * cm[3]) or 1.0
        height = (size or 10) * scale
        outside = not (left - 1 <= x <= right and bottom - 1 <= y <= top)
        if ink.invisible() or outside or height < SMALLEST_VISIBLE_PT:
            if hidden is not None:
                hidden.append((page_number, text.strip()))
            return
        fragments.append((y, x, text.replace("\n", ""), max(1.0, height)))

    page.extract_text(visitor_text=visit, visitor_operand_before=ink.before)
    fragments.sort(key=lambda f: (-f[0], f[1]))
    lines: list[list[tuple[float, float, str, float]]] = []
    for fragment in fragments:
        if lines and abs(lines[-1][0][0] - fragment[0]) <= fragment[3] * 0.5:
            lines[-1].append(fragment)
        else:
            lines.append([fragment])
    rows = []
    for line in lines:
        line.sort(key=lambda f: f[1])
        cells: list[Cell] = []
        end = None
        for _y, x, text, size in line:
            if cells and end is not None and x - end < size * 0.9:
                cells[-1].text += text
                end = max(end, x + _width(text, size))
                cells[-1].span = end - cells[-1].column
                continue
            end = x + _width(text, size)
            cells.append(Cell(text, x, end - x, page_number))
        for cell in cells:
            cell.text = cell.text.strip()
        rows.append(Row([c for c in cells if c.text]))
    return [r for r in rows if r.cells]


def _bounded_page_rows(page, page_number: int, where: str, hidden: list[tuple[int, str]]) -> list[Row]:
    # The size check reads the page's content stream, which a damaged file can break in any way:
    # it runs inside the same safe call as the parsing, never outside it.
    check_page_content(page, f"{where} 第{page_number}页/page {page_number}")
    return _page_rows(page, page_number, hidden)


def read_pdf(path: Path, password: str | None = None, reader=None) -> Document:
    """The PDF's form fields and text rows; `reader` is an already opened PdfReader, if any."""
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
    for number, page in enumerate(pages, start=1):
        rows = safe_pdf_call(partial(_bounded_page_rows, page, number, where, hidden), f"{where} 第{number}页/page {number}")
        if rows:
            document.blocks.append(Table(rows, number))
    by_page: dict[int, str] = {}
    for number, text in hidden:
        by_page[number] = (by_page.get(number, "") + text)[:40]
    document.hidden = tuple(sorted(by_page.items()))
    return document
