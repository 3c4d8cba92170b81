"""Build a plain docxtpl template from a schema: a title, a label/value table, an approvals table.

The same shape as the built-in templates (tools/build_templates.py), in fewer lines: labels are the
schema titles, so the checker finds every field of a filled form by them; each placeholder is one
run, so Word and docxtpl agree on it.
"""
from __future__ import annotations

import io

FONT_LATIN, FONT_CJK = "Times New Roman", "宋体"
WIDTHS_CM = (2.8, 5.7, 2.8, 5.7)  # label | value | label | value: 17 cm, A4 less 2 cm margins
APPROVAL_WIDTHS_CM = (3.0, 2.6, 7.8, 3.6)  # role | approver | opinion | date
LABEL_FILL = "F2F2F2"


def set_fonts(rpr) -> None:
    """Explicit Latin and East Asian fonts on an rPr; theme attributes would win over them, so they go."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for slot in ("ascii", "hAnsi", "cs"):
        fonts.set(qn(f"w:{slot}"), FONT_LATIN)
    fonts.set(qn("w:eastAsia"), FONT_CJK)


def _borders(table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = OxmlElement(f"w:{edge}")
        for key, value in (("val", "single"), ("sz", "6"), ("space", "0"), ("color", "auto")):
            border.set(qn(f"w:{key}"), value)
        borders.append(border)
    properties = table._tbl.tblPr
    later = [e for e in properties if e.tag in (qn("w:shd"), qn("w:tblLayout"), qn("w:tblCellMar"), qn("w:tblLook"))]
    if later:
        later[0].addprevious(borders)
    else:
        properties.append(borders)


def _write(cell, text: str, *, label: bool = False) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    paragraph = cell.paragraphs[0]
    if text:
        run = paragraph.add_run(text)  # one run per text: a placeholder is never split
        run.bold = label
    if label:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        shading = OxmlElement("w:shd")
        for key, value in (("val", "clear"), ("color", "auto"), ("fill", LABEL_FILL)):
            shading.set(qn(f"w:{key}"), value)
        cell._tc.get_or_add_tcPr().append(shading)


def _table(doc, widths: tuple[float, ...]):
    from docx.shared import Cm

    table = doc.add_table(rows=0, cols=len(widths))
    table.autofit = False
    _borders(table)
    for column, cm in zip(table.columns, widths):
        column.width = Cm(cm)
    return table, widths


def _row(table, widths, cells: list[tuple[str, bool]], spans: list[int] | None = None, height_cm: float = 0.8):
    from docx.enum.table import WD_ROW_HEIGHT_RULE
    from docx.shared import Cm

    row = table.add_row()
    row.height, row.height_rule = Cm(height_cm), WD_ROW_HEIGHT_RULE.AT_LEAST
    for index, cell in enumerate(row.cells):
        cell.width = Cm(widths[index])
    spans = spans or [1] * len(cells)
    start = 0
    for (text, label), span in zip(cells, spans):
        cell = row.cells[start]
        if span > 1:
            cell = cell.merge(row.cells[start + span - 1])
        _write(cell, text, label=label)
        start += span


def build(schema: dict, layout: tuple, table_key: str) -> bytes:
    """The template as .docx bytes: `layout` rows are a key (spanning the row) or a pair of keys."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = Document()
    set_fonts(doc.styles["Normal"].element.get_or_add_rPr())
    doc.styles["Normal"].font.size = Pt(10.5)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Cm(2)
    doc.core_properties.title = schema["title"]
    doc.core_properties.author = "compliance"

    title = doc.paragraphs[0] if doc.paragraphs else doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(schema["title"])
    run.bold, run.font.size = True, Pt(18)

    props = schema["properties"]
    table, widths = _table(doc, WIDTHS_CM)
    for entry in layout:
        if isinstance(entry, tuple):
            left, right = entry
            _row(table, widths, [(props[left]["title"], True), ("{{ %s }}" % left, False),
                                 (props[right]["title"], True), ("{{ %s }}" % right, False)])
        else:
            tall = 2.2 if props[entry].get("x-multiline") else 0.8
            _row(table, widths, [(props[entry]["title"], True), ("{{ %s }}" % entry, False)], [1, 3], tall)

    doc.add_paragraph()  # Word merges tables that touch
    rows = props[table_key]
    columns = rows["items"]["properties"]
    same = len(columns) == len(APPROVAL_WIDTHS_CM)
    loop, widths = _table(doc, APPROVAL_WIDTHS_CM if same else (sum(WIDTHS_CM) / len(columns),) * len(columns))
    _row(loop, widths, [(rows["title"], True)], [len(columns)])
    _row(loop, widths, [(c["title"], True) for c in columns.values()])
    # docxtpl replaces each {%tr %} row by its tag, so only the row between them repeats.
    _row(loop, widths, [("{%%tr for row in %s %%}" % table_key, False)], [len(columns)])
    _row(loop, widths, [("{{ row.%s }}" % key, False) for key in columns], height_cm=1.3)
    _row(loop, widths, [("{%tr endfor %}", False)], [len(columns)])

    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
