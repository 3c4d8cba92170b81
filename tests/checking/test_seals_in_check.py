"""Seal rules inside `compliance check`: they run on every document, form or not."""
from __future__ import annotations

import io
import itertools

from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Mm
from seals.seal_art import draw_seal

from .support import check_json, found, run


def _seal_png() -> io.BytesIO:
    buffer = io.BytesIO()
    draw_seal("round", 42, (214, 32, 40), seed=3).save(buffer, "PNG")
    buffer.seek(0)
    return buffer


def test_a_seal_alone_after_a_page_break_is_flagged_in_any_document(tmp_path):
    letter = Document()
    letter.add_paragraph("关于合作事项的函")
    letter.add_paragraph("兹有我公司与贵方就咨询服务达成一致，特此函告。")
    letter.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    letter.add_paragraph().add_run().add_picture(_seal_png(), width=Mm(42))
    target = tmp_path / "letter.docx"
    letter.save(target)
    code, report = check_json(target)
    assert code == 1
    assert found(report) == [("form-unknown", None), ("stamp-on-blank-page", None)]
    assert [f["page"] for f in report["files"][0]["findings"] if f["rule"] == "stamp-on-blank-page"] == [2]


def _stamped_seal_use(tmp_path, clear_applicant: bool):
    generated = tmp_path / "generated.docx"
    assert run("new", "seal-use", "--sample", "-o", generated).exit_code == 0
    form = Document(generated)
    if clear_applicant:
        for table in form.tables:
            for row in table.rows:
                cells = row.cells
                for label, value in itertools.pairwise(cells):
                    if label.text == "申请人":
                        value.text = ""
    form.add_paragraph().add_run().add_picture(_seal_png(), width=Mm(42))
    target = tmp_path / "stamped.docx"
    form.save(target)
    return target


def test_a_sealed_form_with_an_empty_required_field_is_flagged(tmp_path):
    code, report = check_json(_stamped_seal_use(tmp_path, clear_applicant=True))
    assert code == 1
    assert found(report) == [("field-missing", "applicant"), ("stamp-on-unfilled-form", None)]
    unfilled = next(f for f in report["files"][0]["findings"] if f["rule"] == "stamp-on-unfilled-form")
    assert unfilled["page"] == 1 and "applicant" in unfilled["message_en"]


def test_a_complete_sealed_form_is_clean(tmp_path):
    code, report = check_json(_stamped_seal_use(tmp_path, clear_applicant=False))
    assert (code, found(report)) == (0, [])


def test_stamps_lists_the_seal_of_a_form(tmp_path):
    import json

    result = run("stamps", _stamped_seal_use(tmp_path, clear_applicant=False), "--format", "json")
    assert result.exit_code == 0
    (entry,) = json.loads(result.stdout)["files"]
    assert [(s["page"], s["kind"]) for s in entry["stamps"]] == [(1, "image")]


def test_a_pdf_with_a_seal_alone_on_page_two_is_flagged_by_check(tmp_path):
    """The PDF is opened once; the same reader serves the text and the seal analysis."""
    import pytest

    from compliance.errors import ToolMissingError
    from compliance.libreoffice import convert

    letter = Document()
    letter.add_paragraph("关于合作事项的函：兹有我公司与贵方就咨询服务达成一致，特此函告。")
    letter.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    letter.add_paragraph().add_run().add_picture(_seal_png(), width=Mm(42))
    source = tmp_path / "letter.docx"
    letter.save(source)
    try:
        (pdf,) = convert([source], "pdf", tmp_path)
    except ToolMissingError:
        pytest.skip("LibreOffice is not installed")
    code, report = check_json(pdf)
    assert code == 1
    blank = [f for f in report["files"][0]["findings"] if f["rule"] == "stamp-on-blank-page"]
    assert [f["page"] for f in blank] == [2]
