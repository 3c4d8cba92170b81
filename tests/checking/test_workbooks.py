"""Forms kept in Excel: `new … -o X.xlsx` writes a workbook, `check X.xlsx` reads it back through
the same extractor as a .docx, and every finding from a table row names its sheet and row.

Oracles come from the workbook itself, read with openpyxl: which row holds what is looked up in
the sheet, never taken from our reader.
"""
from __future__ import annotations

import datetime as dt
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from .support import check_json, run


def _new(tmp_path, form: str = "reimbursement", *extra) -> object:
    target = tmp_path / f"{form}.xlsx"
    result = run("new", form, "--sample", "-o", target, *extra)
    assert result.exit_code == 0, result.output
    return target


def _row_of(path, first_cell: str) -> int:
    sheet = openpyxl.load_workbook(path).active
    return next(row[0].row for row in sheet.iter_rows() if row[0].value == first_cell)


@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_a_form_written_as_a_workbook_reads_back_clean(tmp_path, script):
    path = _new(tmp_path, "reimbursement", "--script", script)
    code, report = check_json(path)
    assert code == 0, report
    (entry,) = report["files"]
    assert entry["form"] == "reimbursement" and entry["findings"] == []


def test_a_fault_in_a_table_row_names_that_sheet_row(tmp_path):
    path = _new(tmp_path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    row = _row_of(path, "财务审核")
    sheet.cell(row, 2).value = None  # the finance approver's signature
    workbook.save(path)
    code, report = check_json(path)
    assert code == 1
    (finding,) = report["files"][0]["findings"]
    assert (finding["rule"], finding["field"]) == ("approval-missing", "approvals[1]")
    assert (finding["sheet"], finding["row"], finding["page"]) == (sheet.title, row, None)
    text = run("check", path).stdout
    assert f"{sheet.title} 第{row}行/row {row}" in text


def test_values_typed_in_excel_as_dates_and_numbers_are_read(tmp_path):
    path = _new(tmp_path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    typed = []
    for row in sheet.iter_rows():
        for cell in row:
            value = cell.value
            if isinstance(value, str) and value.endswith("日") and "年" in value and "月" in value:
                year, rest = value.split("年")
                month, day = rest[:-1].split("月")
                cell.value = dt.datetime(int(year), int(month), int(day))  # a date cell, as Excel stores it
                typed.append(cell.coordinate)
            elif isinstance(value, str) and value.replace(",", "").replace(".", "", 1).isdigit() and "." in value:
                cell.value = float(Decimal(value.replace(",", "")))
                typed.append(cell.coordinate)
    assert len(typed) >= 10  # the claim date, five expense dates and amounts, the total, three approval dates
    workbook.save(path)
    code, report = check_json(path)
    assert code == 0, report["files"][0]["findings"]


def test_a_hidden_row_is_not_read_and_is_reported_where_it_is(tmp_path):
    path = _new(tmp_path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    row = _row_of(path, "部门")
    sheet.row_dimensions[row].hidden = True
    workbook.save(path)
    code, report = check_json(path)
    assert code == 1
    findings = {(f["rule"], f["field"], f.get("row")) for f in report["files"][0]["findings"]}
    assert ("hidden-text", None, row) in findings
    assert ("field-missing", "department", None) in findings


def test_a_second_sheet_with_a_hidden_state_is_hidden_text(tmp_path):
    path = _new(tmp_path)
    workbook = openpyxl.load_workbook(path)
    extra = workbook.create_sheet("备注")
    extra["A1"], extra["B1"] = "合计金额", "1.00"
    extra.sheet_state = "veryHidden"
    workbook.save(path)
    code, report = check_json(path)
    assert code == 1
    (finding,) = report["files"][0]["findings"]
    assert (finding["rule"], finding["sheet"], finding["row"]) == ("hidden-text", "备注", 1)


def test_broken_and_disguised_workbooks_are_refused_by_name(tmp_path):
    docx = tmp_path / "form.docx"
    assert run("new", "reimbursement", "--sample", "-o", docx).exit_code == 0
    disguised = tmp_path / "disguised.xlsx"
    disguised.write_bytes(docx.read_bytes())
    text = tmp_path / "text.xlsx"
    text.write_text("报销人,周晓琳\n", encoding="utf-8")
    huge = tmp_path / "huge.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "费用报销单"
    workbook.active.cell(50_000, 1).value = "x"
    workbook.save(huge)
    code, report = check_json(disguised, text, huge)
    assert code == 1
    reasons = {entry["path"].rsplit("/", 1)[-1]: entry["findings"][0] for entry in report["files"]}
    assert all(f["rule"] == "file-unreadable" for f in reasons.values())
    assert "xl/workbook.xml" in reasons["disguised.xlsx"]["message_en"]
    assert "not an .xlsx file" in reasons["text.xlsx"]["message_en"]
    assert "too large" in reasons["huge.xlsx"]["message_en"] and "50000 rows" in reasons["huge.xlsx"]["message_en"]


def test_a_zip_bomb_named_xlsx_is_refused_before_openpyxl_inflates_it(tmp_path):
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (300 * 1024 * 1024))
    code, report = check_json(bomb)
    assert code == 1
    assert report["files"][0]["findings"][0]["rule"] == "file-unreadable"


def test_folders_include_workbooks_and_pdf_is_refused_for_them(tmp_path):
    _new(tmp_path)
    code, report = check_json(tmp_path)
    assert code == 0
    assert [entry["path"].rsplit("/", 1)[-1] for entry in report["files"]] == ["reimbursement.xlsx"]
    refused = run("new", "reimbursement", "--sample", "-o", tmp_path / "again.xlsx", "--pdf")
    assert refused.exit_code == 2 and "--pdf" in refused.stderr
    assert not (tmp_path / "again.xlsx").exists()
