"""Narrow page margins do not turn a signed page into a blank one, and a running header alone
beside a seal still leaves the page blank."""
from __future__ import annotations

from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Mm

from compliance.libreoffice import convert

from .support import check_json
from .test_seals_in_check import _seal_png


def _letter(tmp_path, name: str, margin_mm: float, second_page_line: str | None, header: str | None = None):
    document = Document()
    for section in document.sections:
        section.top_margin = section.bottom_margin = Mm(margin_mm)
        section.left_margin = section.right_margin = Mm(max(margin_mm, 10))
        if header:
            section.header.paragraphs[0].text = header
    document.add_paragraph("关于合作事项的函：兹有我公司与贵方就咨询服务达成一致，特此函告。")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    if second_page_line:
        document.add_paragraph(second_page_line)
    document.add_paragraph().add_run().add_picture(_seal_png(), width=Mm(42))
    source = tmp_path / f"{name}.docx"
    document.save(source)
    (pdf,) = convert([source], "pdf", tmp_path)
    return pdf


def _blank_pages(report) -> list[int]:
    return [f["page"] for f in report["files"][0]["findings"] if f["rule"] == "stamp-on-blank-page"]


def test_a_signature_line_at_the_top_of_a_narrow_margined_page_is_content(tmp_path, soffice):
    for margin in (6, 8, 12):
        pdf = _letter(tmp_path, f"narrow-{margin}", margin, "甲方（盖章）：浙江某某咨询有限公司    日期：2026年6月1日")
        assert _blank_pages(check_json(pdf)[1]) == [], margin


def test_a_running_header_alone_beside_a_seal_leaves_the_page_blank(tmp_path, soffice):
    for margin in (8, 25):
        pdf = _letter(tmp_path, f"header-{margin}", margin, None, header="浙江某某咨询有限公司  合作函")
        assert _blank_pages(check_json(pdf)[1]) == [2], margin
