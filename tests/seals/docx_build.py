"""Build Word documents with python-docx for the seal test set: text, tables, headers, seal pictures.

Floating (anchored) pictures are not in python-docx's API; `add_anchored_picture` turns the inline
picture python-docx makes into a `wp:anchor`, the same markup Word writes for "in front of text".
"""
from __future__ import annotations

import io
import random

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor
from PIL import Image

EMU_PER_MM = 36000

CLAUSES = [
    "甲乙双方本着平等互利的原则，经友好协商，就办公设备采购事宜达成如下协议，以资共同遵守。",
    "乙方应于合同签订之日起十五个工作日内将货物送达甲方指定地点，并负责安装调试。",
    "甲方应在验收合格后三十日内支付合同总价款的百分之九十五，余款作为质量保证金。",
    "质量保证期为十二个月，自验收合格之日起计算；保证期内出现质量问题，乙方负责免费维修或更换。",
    "任何一方违反本合同约定的，应向守约方支付合同总价款百分之五的违约金。",
    "因本合同引起的争议，双方应协商解决；协商不成的，提交甲方所在地人民法院诉讼解决。",
    "本合同一式四份，甲乙双方各执两份，自双方签字盖章之日起生效。",
    "The parties agree that the delivery schedule in Annex 1 is binding and forms part of this contract.",
]


def png_bytes(img: Image.Image, fmt: str = "PNG") -> io.BytesIO:
    buf = io.BytesIO()
    if fmt == "JPEG":
        img = img.convert("RGB") if img.mode != "RGBA" else _flatten(img)
        img.save(buf, "JPEG", quality=92)
    else:
        img.save(buf, fmt)
    buf.seek(0)
    return buf


def _flatten(img: Image.Image) -> Image.Image:
    base = Image.new("RGBA", img.size, (255, 255, 255, 255))
    base.alpha_composite(img)
    return base.convert("RGB")


def _field_run(paragraph, instr: str, shown: str) -> None:
    """A complex field (PAGE, NUMPAGES): begin, instruction, separator, cached result, end."""
    for xml in (
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>',
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>',
        f'<w:r {nsdecls("w")}><w:t>{shown}</w:t></w:r>',
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        paragraph._p.append(parse_xml(xml))


def new_document(*, header: str | None = None, footer: str | None = None,
                 logo: Image.Image | None = None, cjk_font: str = "Noto Serif CJK SC") -> Document:
    """A4 document; footer "page-of" → 第 X 页 共 Y 页, "dash" → - X -, None → no footer."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(25.4)
    section.left_margin = section.right_margin = Mm(28)
    style = doc.styles["Normal"]
    style.font.size = Pt(11)
    style.font.name = cjk_font
    style.element.rPr.rFonts.set(qn("w:eastAsia"), cjk_font)
    if header or logo is not None:
        para = section.header.paragraphs[0]
        if logo is not None:
            para.add_run().add_picture(png_bytes(logo), height=Mm(9))
            para.add_run("  ")
        if header:
            para.add_run(header)
    if footer:
        para = section.footer.paragraphs[0]
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if footer == "page-of":
            para.add_run("第 ")
            _field_run(para, "PAGE", "1")
            para.add_run(" 页 共 ")
            _field_run(para, "NUMPAGES", "1")
            para.add_run(" 页")
        elif footer == "dash":
            para.add_run("- ")
            _field_run(para, "PAGE", "1")
            para.add_run(" -")
    return doc


def add_text(doc, rng: random.Random, paragraphs: int, title: str | None = None) -> None:
    if title:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        r = p.add_run(title)
        r.bold = True
        r.font.size = Pt(16)
    for i in range(paragraphs):
        doc.add_paragraph(f"第{i + 1}条  " + rng.choice(CLAUSES) + rng.choice(CLAUSES))


def add_red_title(doc, text: str) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run(text)
    r.bold = True
    r.font.size = Pt(26)
    r.font.color.rgb = RGBColor(0xD0, 0x10, 0x1E)


def add_table(doc, rows: int, cols: int, *, red: bool = False, filled: bool = True, rng: random.Random | None = None) -> None:
    table = doc.add_table(rows=rows, cols=cols)
    color = "D0101E" if red else "000000"
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="12" w:space="0" w:color="{color}"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    tbl_pr = table._tbl.tblPr
    tbl_pr.append(parse_xml(f'<w:tblBorders {nsdecls("w")}>{borders}</w:tblBorders>'))
    rng = rng or random.Random(0)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = (["序号", "物品名称", "数量", "单价（元）", "备注"][c % 5] if r == 0 else f"{rng.randrange(1, 999)}") if filled else ""


def add_signature_block(doc) -> object:
    """The closing lines of a contract; returns the paragraph a seal is usually placed over."""
    doc.add_paragraph("")
    p = doc.add_paragraph("甲方（盖章）：________________        乙方（盖章）：________________")
    doc.add_paragraph("法定代表人（签字）：__________        法定代表人（签字）：__________")
    doc.add_paragraph("日期：2024 年 5 月 20 日                  日期：2024 年 5 月 20 日")
    return p


def page_break(doc) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def page_break_before(doc) -> object:
    """A paragraph with w:pageBreakBefore, the other way Word starts a new page."""
    p = doc.add_paragraph()
    p.paragraph_format.page_break_before = True
    return p


def section_break(doc) -> None:
    """A next-page section break: w:sectPr inside the last paragraph's pPr."""
    from docx.enum.section import WD_SECTION

    doc.add_section(WD_SECTION.NEW_PAGE)


def add_inline_picture(doc, img: Image.Image, width_mm: float, *, fmt: str = "PNG", paragraph=None, center: bool = True):
    p = paragraph if paragraph is not None else doc.add_paragraph()
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run().add_picture(png_bytes(img, fmt), width=Mm(width_mm))
    return p


def add_anchored_picture(paragraph, img: Image.Image, width_mm: float, x_mm: float, y_mm: float, *,
                         h_from: str = "column", v_from: str = "paragraph", fmt: str = "PNG") -> None:
    """A floating picture in front of the text, positioned relative to the column/paragraph or page."""
    run = paragraph.add_run()
    run.add_picture(png_bytes(img, fmt), width=Mm(width_mm))
    inline = run._r.xpath(".//wp:inline")[0]
    parts = {child.tag.split("}")[1]: child for child in inline}
    cx, cy = parts["extent"].get("cx"), parts["extent"].get("cy")
    from lxml import etree

    anchor = parse_xml(
        f'<wp:anchor {nsdecls("wp", "a", "pic", "r")} distT="0" distB="0" distL="0" distR="0" simplePos="0" '
        f'relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        f'<wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="{h_from}"><wp:posOffset>{int(x_mm * EMU_PER_MM)}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="{v_from}"><wp:posOffset>{int(y_mm * EMU_PER_MM)}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        f"</wp:anchor>"
    )
    for name in ("docPr", "cNvGraphicFramePr", "graphic"):
        if name in parts:
            anchor.append(etree.fromstring(etree.tostring(parts[name])))
    inline.getparent().replace(inline, anchor)
