"""Batches: one document per CSV/Excel row; bad rows named by spreadsheet row number, good rows still written."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from gen_support import doc_text, run

HEADER = ["报销人", "部门", "报销日期", "报销事由", "费用明细"]


def _items(*rows):
    return json.dumps([{"日期": date, "费用类别": category, "金额": amount, "单据张数": receipts}
                       for date, category, amount, receipts in rows], ensure_ascii=False)


ROWS = [
    ["张伟", "市场部", "2026-05-11", "赴深圳参展", _items(("2026-05-10", "交通费", "1386.00", 2),
                                                    ("2026-05-10", "住宿费", 1440, 1))],
    ["李娜", "财务部", "2026/5/12", "年度审计培训", _items(("2026-05-12", "培训费", "1,005", 1))],
    ["王芳", "行政部", "2026年5月13日", "采购办公用品", _items(("2026-05-13", "办公费", 10.05, 3))],
]


def _write_csv(path, rows, encoding):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def _lines(path):
    return doc_text(path).splitlines()


def _after(lines, label):
    return lines[lines.index(label) + 1]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gbk"])
def test_csv_batch_in_every_encoding_with_json_cells(tmp_path, encoding):
    sheet = _write_csv(tmp_path / "报销.csv", [HEADER, *ROWS], encoding)
    out = tmp_path / "out"
    out.mkdir()
    result = run(["new", "reimbursement", "--data", sheet, "--out-dir", out, "--name", "{报销人}-{row}"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["张伟-2.docx", "李娜-3.docx", "王芳-4.docx"]
    assert "3 rows: 3 written, 0 failed" in result.output and "成功 3" in result.output
    expected = {
        "张伟-2.docx": ("张伟", "市场部", "2026年5月11日", "赴深圳参展", "2,826.00", "贰仟捌佰贰拾陆元整", "3"),
        "李娜-3.docx": ("李娜", "财务部", "2026年5月12日", "年度审计培训", "1,005.00", "壹仟零伍元整", "1"),
        "王芳-4.docx": ("王芳", "行政部", "2026年5月13日", "采购办公用品", "10.05", "壹拾元零伍分", "3"),
    }
    for name, (claimant, department, date, purpose, total, capital, receipts) in expected.items():
        lines = _lines(out / name)
        assert _after(lines, "报销人") == claimant
        assert _after(lines, "部门") == department
        assert _after(lines, "报销日期") == date
        assert _after(lines, "报销事由") == purpose
        assert _after(lines, "合计金额") == total
        assert _after(lines, "大写金额") == capital
        assert _after(lines, "附单据张数") == receipts


def test_csv_batch_with_explicit_encoding_option(tmp_path):
    sheet = _write_csv(tmp_path / "rows.csv", [HEADER, ROWS[0]], "gb18030")
    out = tmp_path / "out"
    out.mkdir()
    result = run(["new", "reimbursement", "--data", sheet, "--out-dir", out, "--encoding", "gb18030"])
    assert result.exit_code == 0, result.output
    assert "张伟" in doc_text(out / "reimbursement-2.docx")


def test_csv_batch_with_repeated_columns(tmp_path):
    header = ["報銷人", "部门", "报销日期", "事由",
              "费用明细.1.日期", "费用明细.1.费用类别", "费用明细.1.金额", "费用明细.1.单据张数",
              "费用明细[2].日期", "费用明细[2].类别", "费用明细[2].金額", "费用明细[2].单据张数",
              "审批.1.审批环节", "审批.1.审批人"]
    rows = [
        header,
        ["赵六", "市场部", "2026-05-11", "出差", "2026-05-11", "交通费", "1000", "1",
         "2026-05-12", "住宿费", "5", "2", "部门负责人", "赵明辉"],
        ["钱七", "市场部", "2026-05-11", "出差", "2026-05-11", "交通费", "50", "1", "", "", "", "", "", ""],
    ]
    sheet = _write_csv(tmp_path / "rows.csv", rows, "utf-8-sig")
    out = tmp_path / "out"
    out.mkdir()
    result = run(["new", "reimbursement", "--data", sheet, "--out-dir", out])
    assert result.exit_code == 0, result.output
    first, second = _lines(out / "reimbursement-2.docx"), _lines(out / "reimbursement-3.docx")
    assert _after(first, "报销人") == "赵六"
    assert "交通费" in first and "住宿费" in first and "赵明辉" in first
    assert _after(first, "合计金额") == "1,005.00" and _after(first, "大写金额") == "壹仟零伍元整"
    assert _after(first, "附单据张数") == "3"
    assert _after(second, "报销人") == "钱七"
    assert "住宿费" not in second
    assert _after(second, "合计金额") == "50.00"


def test_csv_bad_row_is_named_and_good_rows_still_written(tmp_path):
    rows = [HEADER, ROWS[0], ["李娜", "财务部", "2026-13-45", "年度审计培训", ROWS[1][4]], ROWS[2]]
    sheet = _write_csv(tmp_path / "rows.csv", rows, "utf-8-sig")
    out = tmp_path / "out"
    out.mkdir()
    result = run(["new", "reimbursement", "--data", sheet, "--out-dir", out, "--name", "{报销人}-{row}"])
    assert result.exit_code == 1, result.output
    assert "第 3 行" in result.output and "row 3" in result.output
    assert "报销日期 (claim_date)" in result.output and "2026-13-45" in result.output
    assert "第 2 行" not in result.output and "第 4 行" not in result.output
    assert "3 rows: 2 written, 1 failed" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["张伟-2.docx", "王芳-4.docx"]
    assert "王芳" in doc_text(out / "王芳-4.docx")


def test_csv_row_numbers_count_blank_lines(tmp_path):
    rows = [HEADER, ROWS[0], [], ["李娜", "", "2026-05-12", "培训", ROWS[1][4]]]
    sheet = _write_csv(tmp_path / "rows.csv", rows, "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    result = run(["new", "reimbursement", "--data", sheet, "--out-dir", out])
    assert result.exit_code == 1, result.output
    assert "第 4 行" in result.output and "row 4" in result.output and "部门 (department)" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["reimbursement-2.docx"]


def test_batch_existing_output_fails_only_that_row(tmp_path):
    sheet = _write_csv(tmp_path / "rows.csv", [HEADER, *ROWS[:2]], "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "reimbursement-3.docx").write_bytes(b"keep me")
    result = run(["new", "reimbursement", "--data", sheet, "--out-dir", out])
    assert result.exit_code == 1, result.output
    assert "row 3" in result.output and "already exists" in result.output and "已存在" in result.output
    assert (out / "reimbursement-3.docx").read_bytes() == b"keep me"
    assert "张伟" in doc_text(out / "reimbursement-2.docx")


def test_excel_batch_with_date_and_number_cells(tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["报销人", "部门", "報銷日期", "报销事由", "费用明细.1.日期", "费用明细.1.费用类别",
                  "费用明细.1.金额", "费用明细.1.单据张数", "费用明细.2.日期", "费用明细.2.费用类别",
                  "费用明细.2.金额", "费用明细.2.单据张数"])
    sheet.append(["张伟", "市场部", dt.date(2026, 5, 11), "赴深圳参展", dt.datetime(2026, 5, 10), "交通费",
                  1386.5, 2, dt.date(2026, 5, 10), "住宿费", 1440, 1])
    sheet.append(["李娜", "财务部", dt.datetime(2026, 5, 12, 0, 0), "培训", dt.date(2026, 5, 12), "培训费",
                  1005, 1, None, None, None, None])
    sheet.append(["王芳", "行政部", "不是日期", "采购", dt.date(2026, 5, 13), "办公费", 10.05, 3,
                  None, None, None, None])
    path = tmp_path / "报销.xlsx"
    workbook.save(path)
    out = tmp_path / "out"
    out.mkdir()
    result = run(["new", "reimbursement", "--data", path, "--out-dir", out, "--name", "{报销人}-{row}"])
    assert result.exit_code == 1, result.output
    assert "第 4 行" in result.output and "row 4" in result.output and "不是日期" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["张伟-2.docx", "李娜-3.docx"]
    first, second = _lines(out / "张伟-2.docx"), _lines(out / "李娜-3.docx")
    assert _after(first, "报销日期") == "2026年5月11日"
    assert "2026年5月10日" in first and "1,386.50" in first and "1,440.00" in first
    assert _after(first, "合计金额") == "2,826.50" and _after(first, "大写金额") == "贰仟捌佰贰拾陆元伍角整"
    assert _after(first, "附单据张数") == "3"
    assert _after(second, "报销日期") == "2026年5月12日"
    assert _after(second, "合计金额") == "1,005.00" and _after(second, "大写金额") == "壹仟零伍元整"


def test_csv_value_under_empty_header_fails_that_row_only(tmp_path):
    # Regression: datainput._nest once raised IndexError here (internal error, exit 2).
    rows = [[*HEADER, ""], [*ROWS[0], "备注：已核对"], [*ROWS[1], ""]]
    sheet = _write_csv(tmp_path / "rows.csv", rows, "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    result = run(["new", "reimbursement", "--data", sheet, "--out-dir", out])
    assert result.exit_code == 1, result.output
    assert "第 2 行" in result.output and "row 2" in result.output
    assert "第 6 列有内容但没有表头" in result.output and "column 6 has a value but no header" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["reimbursement-3.docx"]


def test_csv_json_cell_and_repeated_column_for_same_table_is_not_silently_dropped(tmp_path):
    rows = [[*HEADER, "费用明细.2.金额"], [*ROWS[0], "50"]]
    sheet = _write_csv(tmp_path / "rows.csv", rows, "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    result = run(["new", "reimbursement", "--data", sheet, "--out-dir", out])
    # Regression: the repeated column was once dropped silently and the document written (exit 0).
    assert result.exit_code == 1, result.output
    assert "费用明细.2.金额" in result.output and "row 2" in result.output
    assert "JSON 列" in result.output and "JSON column" in result.output
    assert not list(out.iterdir())
