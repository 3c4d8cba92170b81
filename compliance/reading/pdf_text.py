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


def _page_rows(page, page_number: int) -> list[Row]:
    fragments: list[tuple[float, float, str, float]] = []

    def visit(text, cm, tm, _font, size):
        if not text or not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = abs(tm[0] * cm[0]) or abs(tm[3] * cm[3]) or 1.0
        fragments.append((y, x, text.replace("\n", ""), max(1.0, (size or 10) * scale)))

    page.extract_text(visitor_text=visit)
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


def _bounded_page_rows(page, page_number: int, where: str) -> list[Row]:
    # The size check reads the page's content stream, which a damaged file can break in any way:
    # it runs inside the same safe call as the parsing, never outside it.
    check_page_content(page, f"{where} 第{page_number}页/page {page_number}")
    return _page_rows(page, page_number)


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
    for number, page in enumerate(pages, start=1):
        rows = safe_pdf_call(partial(_bounded_page_rows, page, number, where), f"{where} 第{number}页/page {number}")
        if rows:
            document.blocks.append(Table(rows, number))
    return document
