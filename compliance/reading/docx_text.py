"""A .docx body as paragraphs and tables, read with lxml straight from the (checked) zip.

python-docx's object model costs about twenty times the raw parse, so the checker reads the XML
itself. Deleted revisions (w:delText) and field codes (w:instrText) are not text and are skipped;
text boxes become paragraphs of their own; nested tables become tables of their own.
"""
from __future__ import annotations

from pathlib import Path

from lxml import etree

from ..safety.docx_package import DocxPackage
from .model import Cell, Document, Paragraph, Row, Table

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_T, _TAB, _BR, _CR, _SYM = (f"{{{W}}}{n}" for n in ("t", "tab", "br", "cr", "sym"))
_P, _TBL, _SDT, _PPR, _TCPR = (f"{{{W}}}{n}" for n in ("p", "tbl", "sdt", "pPr", "tcPr"))
_TXBX, _FALLBACK = f"{{{W}}}txbxContent", f"{{{MC}}}Fallback"
_TYPE, _VAL, _CHAR = f"{{{W}}}type", f"{{{W}}}val", f"{{{W}}}char"

_TR, _TC, _TRPR = f"{{{W}}}tr", f"{{{W}}}tc", f"{{{W}}}trPr"
_SDT_CONTENT, _CUSTOM_XML = f"{{{W}}}sdtContent", f"{{{W}}}customXml"
_GRID_BEFORE = f"{{{W}}}gridBefore"


def _children(element, wanted: tuple[str, ...]):
    """Direct children with one of the wanted tags, looking through content controls
    (w:sdt/w:sdtContent) and custom XML wrappers, which Word puts around rows, cells and paragraphs."""
    for child in element:
        tag = child.tag
        if tag in wanted:
            yield child
        elif tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _children(content, wanted)
        elif tag == _CUSTOM_XML:
            yield from _children(child, wanted)

# Tick boxes drawn with symbol fonts (Wingdings, Wingdings 2) in forms made in Word.
_SYMBOLS = {"F0FE": "☑", "F078": "☒", "F0FD": "☒", "F0A8": "☐", "F06F": "☐", "F0A3": "☐",
            "F052": "☑", "F053": "☒", "F054": "☒", "F0A2": "☐", "F030": "☐", "F050": "√", "F0FC": "√"}


# Private marker attributes on our own parsed copy, set in one pass instead of looked up per paragraph.
_ENDS_PAGE, _STARTS_PAGE = "compliance-ends-page", "compliance-starts-page"
_SECT_PR, _PAGE_BREAK_BEFORE = f"{{{W}}}sectPr", f"{{{W}}}pageBreakBefore"


def _prepare_text(root) -> None:
    """Give tabs, breaks and symbols their text, so lxml gathers a paragraph's text in C.

    Run once per document; the tree is our own parsed copy. A page break marks its paragraph
    instead of adding text.
    """
    for element in root.iter(_TAB, _BR, _CR, _SYM):
        tag = element.tag
        if tag == _TAB:
            element.text = "\t"
        elif tag == _CR:
            element.text = "\n"
        elif tag == _SYM:
            element.text = _SYMBOLS.get((element.get(_CHAR) or "").upper(), "")
        elif element.get(_TYPE) == "page":
            element.text = ""
            paragraph = next(element.iterancestors(_P), None)
            if paragraph is not None:
                paragraph.set(_ENDS_PAGE, "1")
        else:
            element.text = "\n"
    for element in root.iter(_SECT_PR, _PAGE_BREAK_BEFORE):
        properties = element.getparent()
        if properties is None or properties.tag != _PPR:
            continue  # the body's final sectPr ends the document, not a page
        if element.tag == _SECT_PR:
            properties.getparent().set(_ENDS_PAGE, "1")
        elif element.get(_VAL, "true") not in ("0", "false", "off"):
            properties.getparent().set(_STARTS_PAGE, "1")


class _Reader:
    def __init__(self) -> None:
        self.page = 1
        self.blocks: list[Paragraph | Table] = []

    def paragraph_text(self, p) -> tuple[str, bool]:
        """The paragraph's text and whether it ends its page (see _prepare_text)."""
        text = "".join(p.itertext(_T, _TAB, _BR, _CR, _SYM, with_tail=False))
        return text, p.get(_ENDS_PAGE) is not None

    def starts_new_page(self, p) -> bool:
        return p.get(_STARTS_PAGE) is not None

    def read_paragraph(self, p) -> None:
        if self.starts_new_page(p):
            self.page += 1
        text, breaks_page = self.paragraph_text(p)
        if text.strip():
            self.blocks.append(Paragraph(text, self.page))
        if breaks_page:
            self.page += 1

    def read_cell(self, tc, column: int, page: int) -> tuple[Cell, int]:
        span = 1
        tcpr = tc.find(_TCPR)
        continued = False
        if tcpr is not None:
            grid_span = tcpr.find(f"{{{W}}}gridSpan")
            if grid_span is not None and (grid_span.get(_VAL) or "1").isdigit():
                span = max(1, int(grid_span.get(_VAL)))
            merge = tcpr.find(f"{{{W}}}vMerge")
            continued = merge is not None and merge.get(_VAL, "continue") == "continue"
        lines = []
        for block in _children(tc, (_P, _TBL)):
            if block.tag == _TBL:
                self.read_table(block)
            else:
                text, _ = self.paragraph_text(block)
                lines.append(text)
        text = "" if continued else "\n".join(lines).strip()
        return Cell(text, column, span, page), span

    def read_table(self, tbl) -> None:
        page = self.page
        table = Table([], page)
        self.blocks.append(table)  # before nested tables, which read_cell appends
        for tr in _children(tbl, (_TR,)):
            column = 0
            properties = tr.find(_TRPR)
            if properties is not None:
                before = properties.find(_GRID_BEFORE)
                value = before.get(_VAL) if before is not None else None
                column = int(value) if value and value.isdigit() else 0
            cells = []
            for tc in _children(tr, (_TC,)):
                cell, span = self.read_cell(tc, column, page)
                cells.append(cell)
                column += span
            table.rows.append(Row(cells))

    def read_body(self, body) -> None:
        for block in _children(body, (_P, _TBL)):
            if block.tag == _P:
                self.read_paragraph(block)
            else:
                self.read_table(block)


def _lift_text_boxes(root, reader: _Reader) -> None:
    """Text boxes hold their own paragraphs; read them apart, once (mc:Fallback repeats them)."""
    for fallback in list(root.iter(_FALLBACK)):
        fallback.getparent().remove(fallback)
    for box in list(root.iter(_TXBX)):
        parent = box.getparent()
        parent.remove(box)
        for p in box.iter(_P):
            text, _ = reader.paragraph_text(p)
            if text.strip():
                reader.blocks.append(Paragraph(text, reader.page))


_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def links_an_image(package: DocxPackage) -> bool:
    """Whether the body links any picture: every picture (DrawingML or VML) has a .../image
    relationship, so a body without one cannot show a seal."""
    name = "word/_rels/document.xml.rels"
    if not package.has(name):
        return False
    return any((rel.get("Type") or "").endswith("/image") for rel in package.xml(name).iter(_RELATIONSHIP))


def read_docx(path: Path, package: DocxPackage | None = None) -> Document:
    own = package is None
    package = package or DocxPackage(path)
    try:
        if package.has("[Content_Types].xml"):
            package.xml("[Content_Types].xml")  # a DOCTYPE there marks a file made to hurt: refuse it
        root = package.xml("word/document.xml")
    finally:
        if own:
            package.close()
    body = root.find(f"{{{W}}}body")
    reader = _Reader()
    if body is None:
        return Document([], 1)
    _prepare_text(body)
    _lift_text_boxes(body, reader)
    reader.read_body(body)
    return Document(reader.blocks, reader.page)


def read_docx_and_pictures(path: Path) -> tuple[Document, bool]:
    """The document and whether it links any picture, from one opening of the package."""
    with DocxPackage(path) as package:
        return read_docx(path, package), links_an_image(package)
