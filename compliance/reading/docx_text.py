"""A .docx body as paragraphs and tables, read with lxml straight from the (checked) zip.

python-docx's object model costs about twenty times the raw parse, so the checker reads the XML
itself. Deleted revisions (w:delText) and field codes (w:instrText) are not text and are skipped;
text boxes become paragraphs of their own; nested tables become tables of their own.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lxml import etree

from ..pages.docx_sections import break_after_starts_page, sections
from ..pages.docx_visibility import NO_STYLES, StyleLooks, document_styles, run_is_hidden
from ..safety.docx_package import DocxPackage
from .model import Cell, Document, Paragraph, Row, Table

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_T, _TAB, _BR, _CR, _SYM = (f"{{{W}}}{n}" for n in ("t", "tab", "br", "cr", "sym"))
_R = f"{{{W}}}r"
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
_PAGE_BREAK_BEFORE = f"{{{W}}}pageBreakBefore"


_HIDDEN = "compliance-hidden"
_MAY_HIDE = etree.XPath(
    ".//w:r[w:rPr[w:vanish or w:specVanish or w:color[@w:val != 'auto' and @w:val != '000000'] or w:sz[number(@w:val) < 6]]]",
    namespaces={"w": W})


def _hide_invisible_runs(root, styles: StyleLooks = NO_STYLES) -> list[str]:
    """Take invisible runs' text out of the document, marking each paragraph that had some;
    returns that text, for the report."""
    hidden = []
    # Unless a style could hide text, only runs with a property that can are looked at from
    # Python (a C-level query).
    candidates = root.iter(f"{{{W}}}r") if styles.may_hide else _MAY_HIDE(root)
    for run in candidates:
        if not run_is_hidden(run, styles):
            continue
        texts = [t for t in run.iter(_T) if t.text]
        if not texts:
            continue
        hidden.append("".join(t.text for t in texts))
        for t in texts:
            t.text = ""
        paragraph = next(run.iterancestors(_P), None)
        if paragraph is not None:
            paragraph.set(_HIDDEN, "1")
    return hidden


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
    all_sections = sections(root)
    for index, section in enumerate(all_sections[:-1]):  # the body's own sectPr ends the document
        if break_after_starts_page(all_sections, index):
            section.getparent().getparent().set(_ENDS_PAGE, "1")
    for element in root.iter(_PAGE_BREAK_BEFORE):
        properties = element.getparent()
        if properties is not None and properties.tag == _PPR and element.get(_VAL, "true") not in ("0", "false", "off"):
            properties.getparent().set(_STARTS_PAGE, "1")


# The body is flattened to one string by a single XSLT pass (C speed; visiting elements from
# Python cost twice the parse itself). Records end with RECORD; fields are split by FIELD; a
# cell's paragraphs end with PARAGRAPH. These are Unicode noncharacters, absent from real text.
RECORD, FIELD, PARAGRAPH = "\ufdd0", "\ufdd1", "\ufdd2"
_FLATTEN = f"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:w="{W}">
<xsl:output method="text" encoding="UTF-8"/>
<xsl:template match="/"><xsl:apply-templates select="w:body/*"/></xsl:template>
<xsl:template match="w:sdt"><xsl:apply-templates select="w:sdtContent/*"/></xsl:template>
<xsl:template match="w:customXml"><xsl:apply-templates select="*"/></xsl:template>
<xsl:template match="w:p">P{FIELD}<xsl:if test="@{_STARTS_PAGE}">s</xsl:if><xsl:if test="@{_ENDS_PAGE}">e</xsl:if><xsl:if test="@{_HIDDEN}">h</xsl:if>{FIELD}<xsl:call-template name="text"/>{RECORD}</xsl:template>
<xsl:template name="text"><xsl:for-each select=".//w:t|.//w:tab|.//w:br|.//w:cr|.//w:sym"><xsl:value-of select="."/></xsl:for-each></xsl:template>
<xsl:template match="w:tbl">T{RECORD}<xsl:apply-templates select="*" mode="rows"/>E{RECORD}</xsl:template>
<xsl:template match="w:tr" mode="rows">R{FIELD}<xsl:value-of select="w:trPr/w:gridBefore/@w:val"/>{RECORD}<xsl:apply-templates select="*" mode="cells"/></xsl:template>
<xsl:template match="w:sdt" mode="rows"><xsl:apply-templates select="w:sdtContent/*" mode="rows"/></xsl:template>
<xsl:template match="w:customXml" mode="rows"><xsl:apply-templates select="*" mode="rows"/></xsl:template>
<xsl:template match="*" mode="rows"/>
<xsl:template match="w:tc" mode="cells">C{FIELD}<xsl:value-of select="w:tcPr/w:gridSpan/@w:val"/>{FIELD}<xsl:if test="w:tcPr/w:vMerge[not(@w:val) or @w:val='continue']">c</xsl:if><xsl:if test=".//w:p[@{_HIDDEN}]">h</xsl:if>{FIELD}<xsl:apply-templates select="*" mode="cell-text"/>{RECORD}<xsl:apply-templates select="*" mode="cell-tables"/></xsl:template>
<xsl:template match="w:sdt" mode="cells"><xsl:apply-templates select="w:sdtContent/*" mode="cells"/></xsl:template>
<xsl:template match="w:customXml" mode="cells"><xsl:apply-templates select="*" mode="cells"/></xsl:template>
<xsl:template match="*" mode="cells"/>
<xsl:template match="w:p" mode="cell-text"><xsl:call-template name="text"/>{PARAGRAPH}</xsl:template>
<xsl:template match="w:sdt" mode="cell-text"><xsl:apply-templates select="w:sdtContent/*" mode="cell-text"/></xsl:template>
<xsl:template match="*" mode="cell-text"/>
<xsl:template match="w:tbl" mode="cell-tables"><xsl:apply-templates select="."/></xsl:template>
<xsl:template match="w:sdt" mode="cell-tables"><xsl:apply-templates select="w:sdtContent/*" mode="cell-tables"/></xsl:template>
<xsl:template match="*" mode="cell-tables"/>
<xsl:template match="*"/>
</xsl:stylesheet>"""


@lru_cache(maxsize=1)
def _flattener():
    # Our own stylesheet; access control off all the same, so no document() call can read a file.
    return etree.XSLT(etree.XML(_FLATTEN), access_control=etree.XSLTAccessControl.DENY_ALL)


def _number(text: str, default: int) -> int:
    return int(text) if text.isdigit() and int(text) > 0 else default


def _blocks(stream: str, blocks: list[Paragraph | Table], hidden_pages: set[int]) -> int:
    """Paragraphs and tables from the flattened body; returns the page count and adds to
    `hidden_pages` each page that had invisible text taken out."""
    page = 1
    tables: list[list] = []  # [table, its page, current row, next grid column]; nested tables stack
    for record in stream.split(RECORD):
        kind = record[:1]
        if kind == "P":
            _, flags, text = (record.split(FIELD, 2) + ["", ""])[:3]
            page += "s" in flags
            if "h" in flags:
                hidden_pages.add(page)
            if text.strip():
                blocks.append(Paragraph(text, page))
            page += "e" in flags
        elif kind == "T":
            table = Table([], page)
            blocks.append(table)  # before any nested table, as it stands before it on paper
            tables.append([table, page, None, 0])
        elif kind == "E" and tables:
            tables.pop()
        elif kind == "R" and tables:
            row = Row([])
            tables[-1][0].rows.append(row)
            tables[-1][2], tables[-1][3] = row, _number(record[2:], 0)
        elif kind == "C" and tables and tables[-1][2] is not None:
            _, span_text, merged, text = (record.split(FIELD, 3) + ["", "", ""])[:4]
            span = _number(span_text, 1)
            text = "" if "c" in merged else "\n".join(text.split(PARAGRAPH)[:-1]).strip()
            current = tables[-1]
            if "h" in merged:
                hidden_pages.add(current[1])
            current[2].cells.append(Cell(text, current[3], span, current[1]))
            current[3] += span
    return page


def _lift_text_boxes(root, blocks: list[Paragraph | Table]) -> None:
    """Text boxes hold their own paragraphs; read them apart, once (mc:Fallback repeats them)."""
    for fallback in list(root.iter(_FALLBACK)):
        fallback.getparent().remove(fallback)
    for box in list(root.iter(_TXBX)):
        box.getparent().remove(box)
        for p in box.iter(_P):
            text = "".join(p.itertext(_T, _TAB, _BR, _CR, _SYM, with_tail=False))
            if text.strip():
                blocks.append(Paragraph(text, 1))


_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def links_an_image(package: DocxPackage) -> bool:
    """Whether the body links any picture: every picture (DrawingML or VML) has a .../image
    relationship, so a body without one cannot show a seal."""
    name = "word/_rels/document.xml.rels"
    if not package.has(name):
        return False
    return any((rel.get("Type") or "").endswith("/image") for rel in package.xml(name).iter(_RELATIONSHIP))


def read_docx(path: Path, package: DocxPackage | None = None, root=None) -> Document:
    """The document's text, tables and hidden text. `root`, word/document.xml already parsed, is
    read in place: what does not show is taken out of it."""
    own = package is None
    package = package or DocxPackage(path)
    try:
        if package.has("[Content_Types].xml"):
            package.xml("[Content_Types].xml")  # a DOCTYPE there marks a file made to hurt: refuse it
        root = root if root is not None else package.xml("word/document.xml")
        styles = document_styles(package)
    finally:
        if own:
            package.close()
    body = root.find(f"{{{W}}}body")
    if body is None:
        return Document([], 1)
    hidden = _hide_invisible_runs(body, styles)
    _prepare_text(body)
    blocks: list[Paragraph | Table] = []
    _lift_text_boxes(body, blocks)
    hidden_pages: set[int] = set()
    pages = _blocks(str(_flattener()(body)), blocks, hidden_pages)
    if hidden and not hidden_pages:
        hidden_pages.add(1)  # in a text box or a part of the body the flattening does not place
    return Document(blocks, pages, hidden=tuple((page, "".join(hidden)[:40]) for page in sorted(hidden_pages)))
