"""A document as the reader sees it: paragraphs and tables in order, each with its page.

Text is kept as written (for messages); `key` fields hold the comparable form (Simplified,
NFKC, no spaces or label punctuation), computed once per document in bulk.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Cell:
    text: str
    column: float  # first grid column the cell covers (a .docx grid index, a PDF x in points)
    span: float = 1
    page: int = 1
    key: str = ""
    simplified: str = ""
    confidence: float | None = None  # the lowest OCR confidence of its text; None when not read by OCR
    handwritten: bool = False  # empty of read text, yet written in by hand (a scan)


@dataclass
class Row:
    cells: list[Cell]

    @property
    def page(self) -> int:
        return self.cells[0].page if self.cells else 1


@dataclass
class Table:
    rows: list[Row]
    page: int = 1


@dataclass
class Paragraph:
    text: str
    page: int = 1
    key: str = ""
    simplified: str = ""


@dataclass
class Document:
    blocks: list[Paragraph | Table] = field(default_factory=list)
    pages: int = 1
    # Named fields from a fillable PDF (AcroForm), by their field name.
    form_fields: dict[str, str] = field(default_factory=dict)
    # True for text placed by position (PDF): a value may run over several lines there.
    positional: bool = False
    # (page, a sample of the text) for each page where text invisible on paper was left out.
    hidden: tuple[tuple[int, str], ...] = ()
    # Pages read by OCR from their pixels, and those of them where nothing could be read.
    ocr_pages: tuple[int, ...] = ()
    unreadable_pages: tuple[int, ...] = ()
    # (page, identity) for each QR code of a generated form found in the document.
    codes: tuple[tuple[int, Any], ...] = ()

    def paragraphs(self):
        return (b for b in self.blocks if isinstance(b, Paragraph))

    def tables(self):
        return (b for b in self.blocks if isinstance(b, Table))

    def all_texts(self):
        """Every text holder (paragraphs and cells), for bulk normalisation."""
        for block in self.blocks:
            if isinstance(block, Paragraph):
                yield block
            else:
                for row in block.rows:
                    yield from row.cells
