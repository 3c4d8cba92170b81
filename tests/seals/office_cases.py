"""The office documents of the seal test set: python-docx builders, each with its page labels.

Every builder returns (document, [(blank_with_seal, seal_count) per page]); the labels say what
the builder put on each page, so they are right by construction (make_seal_set checks that
LibreOffice kept the intended number of pages).
"""
from __future__ import annotations

import random

if __package__ in (None, ""):  # imported by make_seal_set run as a script
    from docx_build import (  # type: ignore
        add_anchored_picture,
        add_inline_picture,
        add_red_title,
        add_signature_block,
        add_table,
        add_text,
        new_document,
        page_break,
        page_break_before,
        section_break,
    )
    from seal_art import REDS, draw_seal, photo_with_red, red_logo, red_title_image, signature_image  # type: ignore
else:
    from .docx_build import (
        add_anchored_picture,
        add_inline_picture,
        add_red_title,
        add_signature_block,
        add_table,
        add_text,
        new_document,
        page_break,
        page_break_before,
        section_break,
    )
    from .seal_art import REDS, draw_seal, photo_with_red, red_logo, red_title_image, signature_image

PX_MM = 10


def random_seal(rng: random.Random, shape: str | None = None, colour: str | None = None):
    """A seal picture and its width on paper in mm, drawn with random shape, red, wear and turn."""
    shape = shape or rng.choice(["round", "round", "oval", "square"])
    size = {"round": rng.uniform(38, 46), "oval": rng.uniform(40, 48), "square": rng.uniform(18, 26)}[shape]
    colour = colour or rng.choice(list(REDS))
    wear = rng.choice([0.0, 0.0, 0.3, 0.6, 0.8])
    if colour in ("pink", "faded"):
        wear = min(wear, 0.6)
    img = draw_seal(shape, size, REDS[colour], px_per_mm=PX_MM, rotation=rng.uniform(-30, 30),
                    wear=wear, seed=rng.randrange(1 << 20))
    return img, img.width / PX_MM


def _doc(rng: random.Random, *, furniture: bool = True, logo: bool = False):
    footer = rng.choice(["page-of", "dash", None]) if furniture else None
    header = rng.choice(["华东示例科技有限公司  采购合同", "合同编号：HD-2024-0173", None]) if furniture else None
    return new_document(header=header if header or not logo else "华东示例科技有限公司", footer=footer,
                        logo=red_logo(9) if logo else None)


def _seal_on_page(doc, rng: random.Random, *, anchored: bool | None = None, fmt: str = "PNG",
                  colour: str | None = None) -> None:
    seal, width = random_seal(rng, colour=colour)
    if anchored is None:
        anchored = rng.random() < 0.5
    if anchored:
        p = doc.add_paragraph()
        add_anchored_picture(p, seal, width, rng.uniform(25, 120), rng.uniform(50, 190),
                             h_from="page", v_from="page", fmt=fmt)
    else:
        for _ in range(rng.randrange(0, 12)):
            doc.add_paragraph("")  # empty paragraphs push the seal down the page
        add_inline_picture(doc, seal, width, fmt=fmt)


def _seal_over(paragraph, rng: random.Random) -> None:
    seal, width = random_seal(rng, shape=rng.choice(["round", "oval"]))
    add_anchored_picture(paragraph, seal, width, rng.uniform(5, 45), -rng.uniform(6, 16))


# Each builder returns (document, labels per page). True = the page holds a seal and nothing else.

def contract_blank_last_page(rng):
    doc = _doc(rng)
    add_text(doc, rng, rng.randrange(3, 7), title="办公设备采购合同")
    add_signature_block(doc)
    page_break(doc)
    _seal_on_page(doc, rng)
    return doc, [(False, 0), (True, 1)]


def seal_over_signature(rng):
    doc = _doc(rng)
    add_text(doc, rng, rng.randrange(3, 7), title="服务协议")
    _seal_over(add_signature_block(doc), rng)
    return doc, [(False, 1)]


def signature_page_with_seal(rng):
    doc = _doc(rng)
    add_text(doc, rng, 6, title="租赁合同")
    page_break(doc)
    _seal_over(add_signature_block(doc), rng)
    return doc, [(False, 0), (False, 1)]


def seal_alone(rng):
    doc = _doc(rng, furniture=rng.random() < 0.7)
    _seal_on_page(doc, rng)
    return doc, [(True, 1)]


def red_title_text(rng):
    doc = _doc(rng)
    add_red_title(doc, "关于印发采购管理办法的通知")
    add_text(doc, rng, 4)
    if rng.random() < 0.5:
        add_table(doc, 4, 5, red=True, rng=rng)
    return doc, [(False, 0)]


def red_title_picture(rng, with_seal: bool):
    doc = _doc(rng, furniture=False)
    add_inline_picture(doc, red_title_image("示例市人民政府文件", 14), 150)
    if with_seal:
        _seal_on_page(doc, rng, anchored=True)
    return doc, [(False, 1 if with_seal else 0)]


def red_table_empty(rng):
    doc = _doc(rng, furniture=False)
    add_table(doc, 6, 4, red=True, filled=False)
    return doc, [(False, 0)]


def red_table_text_seal(rng):
    doc = _doc(rng)
    add_table(doc, 6, 5, red=True, rng=rng)
    _seal_over(add_signature_block(doc), rng)
    return doc, [(False, 1)]


def logo_header_blank(rng):
    doc = _doc(rng, logo=True)
    add_text(doc, rng, 5, title="采购订单")
    page_break(doc)
    _seal_on_page(doc, rng)
    return doc, [(False, 0), (True, 1)]


def logo_header_text_pages(rng):
    doc = _doc(rng, logo=True)
    add_text(doc, rng, 5, title="会议纪要")
    page_break(doc)
    add_text(doc, rng, 2)
    return doc, [(False, 0), (False, 0)]


def two_seals_text(rng):
    doc = _doc(rng)
    add_text(doc, rng, 4, title="补充协议")
    p = add_signature_block(doc)
    _seal_over(p, rng)
    seal, width = random_seal(rng, shape="round")
    add_anchored_picture(p, seal, width, rng.uniform(85, 110), -10)
    return doc, [(False, 2)]


def three_pages_section(rng):
    doc = _doc(rng)
    add_text(doc, rng, 5, title="技术协议")
    page_break(doc)
    add_text(doc, rng, 2)
    _seal_over(add_signature_block(doc), rng)
    section_break(doc)
    _seal_on_page(doc, rng)
    return doc, [(False, 0), (False, 1), (True, 1)]


def page_break_before_seal(rng):
    doc = _doc(rng)
    add_text(doc, rng, 4, title="委托书")
    seal, width = random_seal(rng)
    add_inline_picture(doc, seal, width, paragraph=page_break_before(doc))
    return doc, [(False, 0), (True, 1)]


def signature_image_and_seal(rng):
    doc = _doc(rng)
    add_text(doc, rng, 5, title="确认函")
    page_break(doc)
    p = add_inline_picture(doc, signature_image(45, rng.randrange(99)), 45)
    _seal_over(p, rng)
    return doc, [(False, 0), (False, 1)]


def no_body_text_note(rng):
    doc = _doc(rng)
    add_text(doc, rng, 5, title="采购合同")
    page_break(doc)
    doc.add_paragraph("（本页无正文，为《采购合同》签署页）")
    _seal_on_page(doc, rng, anchored=True)
    return doc, [(False, 0), (False, 1)]


def seal_then_text(rng):
    doc = _doc(rng)
    _seal_on_page(doc, rng, anchored=False)
    add_text(doc, rng, 2)
    return doc, [(False, 1)]


def seal_jpeg_on_blank(rng):
    doc = _doc(rng, furniture=False)
    _seal_on_page(doc, rng, fmt="JPEG")
    return doc, [(True, 1)]


def table_page_with_seal(rng):
    doc = _doc(rng)
    add_table(doc, 8, 5, rng=rng)
    _seal_over(add_signature_block(doc), rng)
    return doc, [(False, 1)]


def red_title_with_seal(rng):
    doc = _doc(rng, furniture=False)
    add_red_title(doc, "示例集团有限公司")
    _seal_on_page(doc, rng, anchored=True)
    return doc, [(False, 1)]


def header_footer_then_empty(rng):
    doc = new_document(header="华东示例科技有限公司  采购合同", footer="page-of")
    add_text(doc, rng, 4, title="采购合同")
    page_break(doc)
    doc.add_paragraph("")
    return doc, [(False, 0), (False, 0)]


def short_line_and_seal(rng):
    """Hard negative: a second page holding one short line ("同意。", a date) and a seal."""
    doc = _doc(rng)
    add_text(doc, rng, 4, title="请示")
    page_break(doc)
    for _ in range(rng.randrange(2, 10)):
        doc.add_paragraph("")
    doc.add_paragraph(rng.choice(["同意。", "日期：2024 年 5 月 20 日", "经办人：王芳"]))
    _seal_on_page(doc, rng, anchored=True)
    return doc, [(False, 0), (False, 1)]


def seal_over_body_text(rng):
    """A seal pressed over the middle of running text."""
    doc = _doc(rng)
    add_text(doc, rng, 3, title="证明")
    p = doc.add_paragraph("特此证明。")
    _seal_over(p, rng)
    add_text(doc, rng, 2)
    return doc, [(False, 1)]


def faded_seal_alone(rng):
    doc = _doc(rng)
    add_text(doc, rng, 3, title="收据")
    page_break(doc)
    _seal_on_page(doc, rng, colour=rng.choice(["pink", "faded"]))
    return doc, [(False, 0), (True, 1)]


def two_seals_blank(rng):
    """Two seals (both parties) on an otherwise empty last page."""
    doc = _doc(rng)
    add_text(doc, rng, 4, title="合作协议")
    page_break(doc)
    p = doc.add_paragraph()
    for x in (rng.uniform(25, 40), rng.uniform(110, 125)):
        seal, width = random_seal(rng, shape="round")
        add_anchored_picture(p, seal, width, x, rng.uniform(60, 150), h_from="page", v_from="page")
    return doc, [(False, 0), (True, 2)]


def photo_page(rng, with_seal: bool):
    """Hard negative: a colour photograph with a red ball, a red ring and a red book."""
    doc = _doc(rng, furniture=False)
    add_inline_picture(doc, photo_with_red(rng.randrange(1 << 20)), rng.uniform(110, 150), fmt="JPEG")
    if with_seal:  # below the photograph: a seal pressed onto a photo is not ink on paper
        seal, width = random_seal(rng)
        add_inline_picture(doc, seal, width)
    return doc, [(False, 1 if with_seal else 0)]


OFFICE_CASES = [
    ("contract-blank-last-page", contract_blank_last_page, 4),
    ("seal-over-signature", seal_over_signature, 3),
    ("signature-page-with-seal", signature_page_with_seal, 2),
    ("seal-alone", seal_alone, 4),
    ("red-title-text", red_title_text, 2),
    ("red-title-picture", lambda rng: red_title_picture(rng, False), 1),
    ("red-title-picture-seal", lambda rng: red_title_picture(rng, True), 1),
    ("red-table-empty", red_table_empty, 1),
    ("red-table-text-seal", red_table_text_seal, 1),
    ("logo-header-blank", logo_header_blank, 3),
    ("logo-header-text-pages", logo_header_text_pages, 1),
    ("two-seals-text", two_seals_text, 1),
    ("three-pages-section", three_pages_section, 2),
    ("page-break-before-seal", page_break_before_seal, 2),
    ("signature-image-and-seal", signature_image_and_seal, 2),
    ("no-body-text-note", no_body_text_note, 2),
    ("seal-then-text", seal_then_text, 1),
    ("seal-jpeg-on-blank", seal_jpeg_on_blank, 2),
    ("table-page-with-seal", table_page_with_seal, 1),
    ("red-title-with-seal", red_title_with_seal, 1),
    ("header-footer-then-empty", header_footer_then_empty, 1),
    ("short-line-and-seal", short_line_and_seal, 2),
    ("seal-over-body-text", seal_over_body_text, 1),
    ("faded-seal-alone", faded_seal_alone, 2),
    ("two-seals-blank", two_seals_blank, 1),
    ("photo-page", lambda rng: photo_page(rng, False), 2),
    ("photo-and-seal", lambda rng: photo_page(rng, True), 1),
]

# Office documents that are also scanned: (case, instance) → scanner settings chosen per document.
SCANNED = [("contract-blank-last-page", i) for i in range(4)] + [
    ("seal-over-signature", 0), ("seal-over-signature", 1), ("signature-page-with-seal", 0),
    ("seal-alone", 0), ("seal-alone", 1), ("seal-alone", 2), ("red-title-text", 0), ("red-title-picture", 0),
    ("red-table-empty", 0), ("logo-header-blank", 0), ("logo-header-blank", 1), ("logo-header-text-pages", 0),
    ("three-pages-section", 0), ("page-break-before-seal", 0), ("signature-image-and-seal", 0),
    ("no-body-text-note", 0), ("seal-jpeg-on-blank", 0), ("red-title-with-seal", 0),
    ("short-line-and-seal", 0), ("short-line-and-seal", 1), ("seal-over-body-text", 0),
    ("faded-seal-alone", 0), ("faded-seal-alone", 1), ("two-seals-blank", 0),
    ("photo-page", 0), ("photo-and-seal", 0),
]


def acceptance_docs() -> dict:
    """The issue's acceptance cases, all with the same seal: (a) a two-page contract whose second
    page holds only the seal, (b) the seal over the signature block of a text page, (f) a red
    title page and a red-bordered table page without any seal."""
    rng = random.Random(4)
    seal = draw_seal("round", 42, REDS["seal-red"], px_per_mm=PX_MM, rotation=8, wear=0.3, seed=7)
    width = seal.width / PX_MM
    a = new_document(header="华东示例科技有限公司  采购合同", footer="page-of")
    add_text(a, rng, 5, title="办公设备采购合同")
    add_signature_block(a)
    page_break(a)
    for _ in range(6):
        a.add_paragraph("")
    add_inline_picture(a, seal, width)
    b = new_document(header="华东示例科技有限公司  采购合同", footer="page-of")
    add_text(b, rng, 5, title="办公设备采购合同")
    add_anchored_picture(add_signature_block(b), seal, width, 25, -12)
    title = new_document(footer="dash")
    add_red_title(title, "示例市人民政府文件")
    add_text(title, rng, 4)
    border = new_document(header="华东示例科技有限公司", logo=red_logo(9))
    add_table(border, 6, 5, red=True, rng=rng)
    add_text(border, rng, 2)
    docs = {"accept-a": a, "accept-b": b, "accept-f-title": title, "accept-f-border": border}
    assert tuple(docs) == ACCEPTANCE
    return docs


ACCEPTANCE = ("accept-a", "accept-b", "accept-f-title", "accept-f-border")
