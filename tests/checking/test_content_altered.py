"""Forms that prove themselves: every generated form carries a serial (编号) and a QR code with a
fingerprint of its typed values; a value changed after printing is `content-altered`, named.

The forgery that arithmetic cannot catch is the one tested first: a line amount, the total and
its capital numerals all rewritten to agree with each other.
"""
from __future__ import annotations

import subprocess

import pytest
from docx import Document

from .support import FORM_IDS, check_json, run


def _replace(document, old: str, new: str) -> None:
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    for run_ in paragraph.runs:
                        if old in run_.text:
                            run_.text = run_.text.replace(old, new)
                            return
    raise AssertionError(f"{old} is not printed")


CONSISTENT_FORGERY = [("1,386.00", "2,386.00"), ("4,780.50", "5,780.50"), ("肆仟柒佰捌拾元伍角整", "伍仟柒佰捌拾元伍角整")]


def _printed(tmp_path, script: str):
    out = tmp_path / "slip.docx"
    assert run("new", "reimbursement", "--sample", "-o", out, "--script", script).exit_code == 0
    return out


def _forged(source, target):
    document = Document(source)
    for old, new in CONSISTENT_FORGERY:  # capital numerals are written alike in either script
        _replace(document, old, new)
    document.save(target)
    return target


def _codes(report) -> set[tuple[str, str | None]]:
    return {(f["rule"], f["field"]) for f in report["files"][0]["findings"]}


@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_a_consistent_rewrite_of_amounts_is_content_altered(tmp_path, script):
    forged = _forged(_printed(tmp_path, script), tmp_path / "forged.docx")
    code, report = check_json(forged)
    assert code == 1
    assert _codes(report) == {("content-altered", "items[0].amount"), ("content-altered", "total_amount"),
                              ("content-altered", "amount_in_words")}
    assert all(f["page"] == 1 for f in report["files"][0]["findings"])


@pytest.mark.parametrize("form", FORM_IDS)
def test_every_generated_form_carries_a_code_that_matches_it(tmp_path, form):
    out = tmp_path / f"{form}.docx"
    assert run("new", form, "--sample", "-o", out).exit_code == 0
    code, report = check_json(out)
    assert (code, report["files"][0]["findings"]) == (0, [])
    header = "".join(p.text for p in Document(out).sections[0].first_page_header.paragraphs)
    assert "编号：" in header


def test_the_code_names_the_form_even_when_its_title_is_gone(tmp_path):
    document = Document(_printed(tmp_path, "simplified"))
    for paragraph in document.paragraphs:
        if "费用报销单" in paragraph.text:
            for run_ in paragraph.runs:
                run_.text = ""
    target = tmp_path / "untitled.docx"
    document.save(target)
    _code, report = check_json(target)
    assert report["files"][0]["form"] == "reimbursement"


def test_handwritten_parts_are_not_in_the_fingerprint(tmp_path):
    document = Document(_printed(tmp_path, "simplified"))
    _replace(document, "孙丽娟", "钱晓东")  # the 财务审核 signature, written by hand on paper
    target = tmp_path / "signed.docx"
    document.save(target)
    code, report = check_json(target)
    assert (code, report["files"][0]["findings"]) == (0, [])


def test_a_form_without_a_code_is_checked_as_before(tmp_path):
    document = Document(_printed(tmp_path, "simplified"))
    section = document.sections[0]
    for paragraph in section.first_page_header.paragraphs:
        paragraph._p.getparent().remove(paragraph._p)
    target = tmp_path / "no-code.docx"
    document.save(target)
    code, report = check_json(target)
    assert (code, report["files"][0]["findings"]) == (0, [])


@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_a_rewritten_pdf_is_content_altered(tmp_path, soffice, script):
    forged = _forged(_printed(tmp_path, script), tmp_path / "forged.docx")
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(forged)], check=True, capture_output=True, timeout=180)
    code, report = check_json(tmp_path / "forged.pdf")
    assert code == 1
    assert {("content-altered", "total_amount"), ("content-altered", "items[0].amount")} <= _codes(report)


def test_a_total_rewritten_on_a_scan_is_content_altered(tmp_path, soffice):
    """A scan of paper on which the amounts were covered and printed over again."""
    from scans.make_scan import make_scan
    from scans.reading import misread_fields

    forged = _forged(_printed(tmp_path, "simplified"), tmp_path / "forged.docx")
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(forged)], check=True, capture_output=True, timeout=180)
    scan = tmp_path / "scan.png"
    make_scan(tmp_path / "forged.pdf", scan, noise=0.2, seed=4)
    code, report = check_json(scan, extra=("--as-of", "2026-12-01", "--timeout", "300"))
    assert code == 1
    findings = report["files"][0]["findings"]
    if "total_amount" in misread_fields(findings):  # OCR misread the total, and said so: another forged value is named
        assert any(rule == "content-altered" for rule, _field in _codes(report)), findings
    else:
        assert ("content-altered", "total_amount") in _codes(report), findings
