"""Reading documents back: LibreOffice round trips, PDFs, hand-made Traditional forms."""
from __future__ import annotations

import json

import pytest
import yaml
from docx import Document
from docx.shared import Pt

from .support import FORM_IDS, SAMPLES, check_json, found, run


def _extracted(path, *extra) -> dict:
    result = run("extract", path, *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("form", FORM_IDS)
def test_extract_reads_back_exactly_what_was_generated(generated, form, tmp_path):
    expected = _extracted(SAMPLES / form / "valid.yaml", "--form", form)["data"]
    assert _extracted(generated[form]) == {"form": form, "data": expected}


@pytest.mark.parametrize("form", FORM_IDS)
def test_libreoffice_resaved_docx_extracts_the_same_and_checks_clean(libreoffice_copies, generated, form):
    resaved = libreoffice_copies[form]["docx"]
    assert _extracted(resaved) == _extracted(generated[form])
    code, report = check_json(resaved)
    assert (code, found(report)) == (0, [])


@pytest.mark.parametrize("form", FORM_IDS)
def test_pdf_exported_by_libreoffice_is_recognised_and_checks_clean(libreoffice_copies, form):
    code, report = check_json(libreoffice_copies[form]["pdf"])
    assert report["files"][0]["form"] == form
    assert (code, found(report)) == (0, [])


def test_pdf_keeps_scalar_and_table_values(libreoffice_copies, generated):
    from_pdf = _extracted(libreoffice_copies["reimbursement"]["pdf"])["data"]
    from_docx = _extracted(generated["reimbursement"])["data"]
    for key in ("claimant", "department", "claim_date", "total_amount", "amount_in_words", "items", "approvals"):
        assert from_pdf[key] == from_docx[key], key


def _hand_made_traditional(path, capital: str) -> None:
    """A slip typed by another office: Traditional, spaced labels with colons, 4 columns,
    its own item table, approvals laid out as one row per role."""
    document = Document()
    title = document.add_paragraph("費 用 報 銷 單")
    title.runs[0].font.size = Pt(18)
    head = document.add_table(rows=4, cols=4)
    rows = [("報　銷　人：", "周曉琳", "部　　門：", "市場部"),
            ("報銷日期：", "2026年5月18日", "附單據張數：", "3 張"),
            ("報銷事由：", "赴深圳參加博覽會", "", ""),
            ("合計金額：", "¥3,280.00", "大寫金額：", capital)]
    for row, values in zip(head.rows, rows):
        for cell, value in zip(row.cells, values):
            cell.text = value
    items = document.add_table(rows=3, cols=5)
    for row, values in zip(items.rows, [("日期", "費用類別", "摘要", "金額", "單據張數"),
                                        ("2026/5/11", "交通費", "高鐵", "1,280.00", "2"),
                                        ("2026/5/12", "住宿費", "酒店", "2,000.00", "1")]):
        for cell, value in zip(row.cells, values):
            cell.text = value
    approvals = document.add_table(rows=3, cols=2)
    for row, values in zip(approvals.rows, [("部門負責人意見", "同意。 簽字：趙明輝 2026年5月19日"),
                                            ("財務審核意見", "票據齊全。 簽字：孫麗娟 2026年5月20日"),
                                            ("公司領導審批", "同意。 簽字：李衛東 2026年5月21日")]):
        for cell, value in zip(row.cells, values):
            cell.text = value
    document.save(path)


def test_hand_made_traditional_four_column_form_is_checked_like_a_generated_one(tmp_path):
    good, bad = tmp_path / "good.docx", tmp_path / "bad.docx"
    _hand_made_traditional(good, "叄仟貳佰捌拾元整")  # 叄 for 叁, as many offices write it
    _hand_made_traditional(bad, "叁仟贰佰元整")
    _code, report = check_json(good, bad)
    assert [f["form"] for f in report["files"]] == ["reimbursement", "reimbursement"]
    assert found(report, 0) == []
    assert found(report, 1) == [("amount-capital-mismatch", "amount_in_words")]
    data = _extracted(good)["data"]
    assert data["claimant"] == "周曉琳" and data["total_amount"] == 3280
    assert [a["role"] for a in data["approvals"]] == ["部门负责人", "财务审核", "公司领导"]
    assert [a["approver"] for a in data["approvals"]] == ["趙明輝", "孫麗娟", "李衛東"]


def test_submitted_json_names_its_form(tmp_path):
    data = yaml.safe_load((SAMPLES / "seal-use" / "valid.yaml").read_text(encoding="utf-8"))
    data["keeper"] = data["applicant"]
    submission = tmp_path / "submission.json"
    submission.write_text(json.dumps({"form": "seal-use", "data": data}, ensure_ascii=False), encoding="utf-8")
    assert found(check_json(submission)[1]) == [("duty-conflict", "keeper")]


def _fillable_pdf(path, fields: dict[str, str]) -> None:
    """A PDF form whose fields are named by their labels, as a web form export would make it."""
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, TextStringObject

    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    annotations, references = ArrayObject(), ArrayObject()
    for index, (name, value) in enumerate(fields.items()):
        widget = DictionaryObject({
            NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/FT"): NameObject("/Tx"), NameObject("/T"): TextStringObject(name),
            NameObject("/V"): TextStringObject(value), NameObject("/F"): NumberObject(4),
            NameObject("/Rect"): ArrayObject([NumberObject(50), NumberObject(800 - 25 * index),
                                              NumberObject(300), NumberObject(818 - 25 * index)]),
        })
        reference = writer._add_object(widget)
        annotations.append(reference)
        references.append(reference)
    page[NameObject("/Annots")] = annotations
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject({NameObject("/Fields"): references})
    with open(path, "wb") as stream:
        writer.write(stream)


def test_fillable_pdf_fields_are_read_by_their_names(tmp_path):
    fields = {"申請人": "王磊", "使用部門": "市场部", "申请日期": "2026-03-02", "印章类型": "公章",
              "用印文件名称": "合作协议", "用印份数": "2", "使用事由": "签署合作协议",
              "用印日期": "2026-03-05", "印章保管人": "王磊"}
    target = tmp_path / "filled.pdf"
    _fillable_pdf(target, fields)
    data = _extracted(target)
    assert data["form"] == "seal-use"
    assert data["data"]["applicant"] == "王磊" and data["data"]["copies"] == 2
    assert ("duty-conflict", "keeper") in found(check_json(target)[1])


def test_a_form_without_its_title_is_recognised_by_its_labels(tmp_path):
    document = Document()
    document.add_paragraph("用印审批")  # not the form's title nor one of its other names
    values = [("申请人", "王磊"), ("使用部门", "市场部"), ("申请日期", "2026-03-02"), ("印章类型", "公章"),
              ("用印文件名称", "合作协议"), ("用印份数", "2"), ("使用事由", "签署合作协议"),
              ("用印日期", "2026-03-05"), ("印章保管人", "李娜")]
    table = document.add_table(rows=len(values), cols=2)
    for row, pair in zip(table.rows, values):
        for cell, text in zip(row.cells, pair):
            cell.text = text
    target = tmp_path / "untitled.docx"
    document.save(target)
    assert _extracted(target)["form"] == "seal-use"
    # Checked the day after use, before the seal is due back: only the missing approvals remain.
    report = check_json(target, extra=("--as-of", "2026-03-06"))[1]
    assert found(report) == [("approval-missing", "approvals"), ("approval-missing", "approvals")]
