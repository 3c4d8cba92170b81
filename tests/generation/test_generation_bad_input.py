"""Issue 22: nothing a clerk can put in the data ends in an internal error or a silently wrong form.

Each fault is a field problem (field-invalid) naming the file, the field's label and its path, in
Chinese and English, with exit 1 and nothing written; in a batch the good rows are still written.
"""
from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest
from gen_support import assert_bilingual, doc_text, run, sample_path, squeeze

from compliance.model.amounts import parse_figure

README_EXAMPLE = """\
报销人: 周晓琳
部门: 市场部
报销日期: 2026-05-18
报销事由: 赴深圳参加博览会
费用明细:
  - {日期: 2026-05-11, 费用类别: 交通费, 摘要: 高铁, 金额: 1386, 单据张数: 2}
审批:
  - {审批环节: 部门负责人, 审批人: 赵明辉, 意见: 同意, 日期: 2026-05-19}
"""


def _new(tmp_path, form: str, text: str, name: str = "data.yaml"):
    data = tmp_path / name
    data.write_text(text, encoding="utf-8")
    out = tmp_path / "out.docx"
    return run(["new", form, "--data", data, "-o", out]), out


def _refused(result, out, *expected: str) -> str:
    """Exit 1, nothing written, both languages, no internal error, and every expected text named."""
    output = result.output
    assert result.exit_code == 1, output
    assert not out.exists()
    assert_bilingual(output)
    assert "内部错误" not in output and "internal error" not in output and "Traceback" not in output, output
    for text in expected:
        assert text in output, (text, output)
    return output


def _example(**replacements: str) -> str:
    text = README_EXAMPLE
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


# --- 1. amounts: never negative, never beyond what capital numerals can say ----------------------

@pytest.mark.parametrize("amount, zh, en", [
    ("-1386", "不能为负数", "cannot be negative"),
    ("-0.01", "不能为负数", "cannot be negative"),
    ('"-1,386.00"', "不能为负数", "cannot be negative"),
    ('"¥-5"', "不能为负数", "cannot be negative"),
    ("1000000000000000000000000000000", "金额过大", "too large"),  # 10**30, an int to YAML
    ("1.0e+30", "金额过大", "too large"),  # a float to YAML
    ("1e30", "不是有效金额", "not a valid amount"),  # a string to YAML 1.1: no figure has an exponent
    ("1000000000000", "金额过大", "too large"),  # 万亿: past what 大写金额 can be written and read back
    ("true", "不是有效金额", "not a valid amount"),
    ("yes", "不是有效金额", "not a valid amount"),
    (".nan", "不是有限的数值", "not a finite number"),
    ("-.inf", "不是有限的数值", "not a finite number"),
    ("[1386]", "应为单个值", "should be a single value"),
    ("{元: 1386}", "应为单个值", "should be a single value"),
])
def test_an_odd_amount_in_a_line_is_a_field_problem(tmp_path, amount, zh, en):
    result, out = _new(tmp_path, "reimbursement", _example(**{"金额: 1386": f"金额: {amount}"}))
    output = _refused(result, out, "data.yaml", "费用明细 第1行 金额 (items[0].amount)", zh, en)
    # The line is the one problem: no total or capital numerals are worked out from a refused line.
    assert "合计金额 (total_amount)" not in output and "大写金额 (amount_in_words)" not in output


@pytest.mark.parametrize("form, label, key", [
    ("contract-approval", "合同金额", "amount"),
    ("project-intake", "合同金额", "contract_amount"),
    ("project-intake", "预期收益", "expected_revenue"),
    ("project-intake", "预计成本", "expected_cost"),
    ("reimbursement", "合计金额", "total_amount"),
])
@pytest.mark.parametrize("value, en", [("-1", "cannot be negative"), ("10000000000000", "too large")])
def test_a_negative_or_huge_amount_in_any_form_is_a_field_problem(tmp_path, form, label, key, value, en):
    data = _sample(form)
    data[key] = json.loads(value)
    result, out = _new(tmp_path, form, _json(data), "data.json")
    _refused(result, out, "data.json", f"{label} ({key})", en)


def _sample(form: str) -> dict:
    from compliance.safety.data_limits import load_yaml_safely

    return load_yaml_safely(sample_path(form).read_text(encoding="utf-8"), form)


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, default=str)


def test_lines_that_add_up_past_the_largest_amount_make_the_total_the_problem(tmp_path):
    line = "{日期: 2026-05-11, 费用类别: 交通费, 金额: 999999999999, 单据张数: 1}"
    text = _example(**{"  - {日期: 2026-05-11, 费用类别: 交通费, 摘要: 高铁, 金额: 1386, 单据张数: 2}":
                       f"  - {line}\n  - {line}"})
    result, out = _new(tmp_path, "reimbursement", text)
    _refused(result, out, "合计金额 (total_amount)", "计算结果", "the computed value", "too large")


@pytest.mark.parametrize("amount, total, capital", [
    ("0", "0.00", "零元整"),
    ("999999999999.99", "999,999,999,999.99", "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
    ("12.345", "12.35", "壹拾贰元叁角伍分"),  # rounded half up to the fen, as every amount is
    ("0.001", "0.00", "零元整"),
])
def test_zero_the_largest_amount_and_many_decimals_are_printed(tmp_path, amount, total, capital):
    result, out = _new(tmp_path, "reimbursement", _example(**{"金额: 1386": f"金额: {amount}"}))
    assert result.exit_code == 0, result.output
    text = squeeze(doc_text(out))
    assert total in text and capital in text


def test_a_negative_amount_in_a_csv_batch_fails_its_row_only(tmp_path):
    def items(amount) -> str:
        return json.dumps([{"日期": "2026-05-10", "费用类别": "交通费", "金额": amount, "单据张数": 1}], ensure_ascii=False)

    rows = [["报销人", "部门", "报销日期", "报销事由", "费用明细"],
            ["张伟", "市场部", "2026-05-11", "参展", items(-1386)],
            ["李娜", "财务部", "2026-05-12", "培训", items("1,005")],
            ["王芳", "行政部", "2026-05-13", "采购", items(10**30)],
            ["赵敏", "行政部", "2026-05-13", "采购", items(12.5)]]
    sheet = tmp_path / "报销.csv"
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    sheet.write_text(buffer.getvalue(), encoding="utf-8")
    out = tmp_path / "out"
    result = run(["new", "reimbursement", "--data", sheet, "--out-dir", out, "--name", "{报销人}"])
    assert result.exit_code == 1, result.output
    assert sorted(p.name for p in out.iterdir()) == ["李娜.docx", "赵敏.docx"]
    for row, en in ((2, "cannot be negative"), (4, "too large")):
        assert f"报销.csv 第 {row} 行 / row {row}" in result.output
        assert en in result.output
    assert "费用明细 第1行 金额 (items[0].amount)" in result.output
    assert "4 rows: 2 written, 2 failed" in result.output
    assert "内部错误" not in result.output and "internal error" not in result.output


@pytest.mark.parametrize("weight", ["1e999999", "9999999999999999", "-1"])
def test_odd_numbers_in_a_score_table_are_field_problems(tmp_path, weight):
    data = _sample("performance-review")
    data["indicators"][0]["weight"] = weight
    result, out = _new(tmp_path, "performance-review", _json(data), "data.json")
    _refused(result, out, "indicators[0].weight")


@pytest.mark.parametrize("receipts, en", [("1" * 5000, "too large"), (10**20, "too large"), (True, "not a whole number")])
def test_odd_counts_are_field_problems(tmp_path, receipts, en):
    data = _sample("reimbursement")
    data["items"][0]["receipts"] = receipts
    result, out = _new(tmp_path, "reimbursement", _json(data), "data.json")
    _refused(result, out, "费用明细 第1行 单据张数 (items[0].receipts)", en)


# --- 2. impossible dates, unquoted in YAML -------------------------------------------------------

@pytest.mark.parametrize("date", ["2026-13-45", "2026-02-30", "2026-00-10", "2026-04-31", "2025-02-29"])
def test_an_impossible_unquoted_date_names_its_field(tmp_path, date):
    result, out = _new(tmp_path, "reimbursement", _example(**{"报销日期: 2026-05-18": f"报销日期: {date}"}))
    _refused(result, out, "data.yaml", "报销日期 (claim_date)", f"「{date}」不是有效日期", f"'{date}' is not a valid date")


def test_an_impossible_date_in_a_table_row_and_an_explicit_timestamp_tag(tmp_path):
    text = _example(**{"{日期: 2026-05-11,": "{日期: 2026-02-30,", "报销日期: 2026-05-18": "报销日期: !!timestamp 2026-13-45"})
    result, out = _new(tmp_path, "reimbursement", text)
    _refused(result, out, "费用明细 第1行 日期 (items[0].date)", "报销日期 (claim_date)", "2026-02-30", "2026-13-45")


def test_yaml_numbers_nobody_means_stay_as_written(tmp_path):
    """YAML 1.1 reads 0574 as octal 380 and 9:30 as 570: on a form they are what was typed."""
    text = _example(**{"摘要: 高铁": "摘要: 9:30", "部门: 市场部": "部门: 0574"})
    result, out = _new(tmp_path, "reimbursement", text)
    assert result.exit_code == 0, result.output
    lines = doc_text(out).splitlines()
    assert "0574" in lines and "9:30" in lines


def test_bad_explicit_yaml_tags_name_their_field(tmp_path):
    text = _example(**{"金额: 1386": "金额: !!float abc", "单据张数: 2": "单据张数: !!int x2"})
    result, out = _new(tmp_path, "reimbursement", text)
    _refused(result, out, "费用明细 第1行 金额 (items[0].amount)", "'abc' is not a valid amount",
             "费用明细 第1行 单据张数 (items[0].receipts)", "'x2' is not a whole number")


# --- 3. one value where one value belongs; amounts written properly ---------------------------

@pytest.mark.parametrize("replacement, where, en", [
    ({"报销人: 周晓琳": "报销人: [王小明, 李四]"}, "报销人 (claimant)", "not a list"),
    ({"部门: 市场部": "部门: {名称: 市场部}"}, "部门 (department)", "not a mapping"),
    ({"报销人: 周晓琳": "报销人: yes"}, "报销人 (claimant)", "yes/no value"),
    ({"部门: 市场部": "部门: !!binary 5biC5Zy66YOo"}, "部门 (department)", "binary data"),
    ({"摘要: 高铁": "摘要: [高铁, [二等座]]"}, "费用明细 第1行 摘要 (items[0].summary)", "not a list"),
    ({"审批人: 赵明辉": "审批人: {姓名: 赵明辉}"}, "审批 第1行 审批人 (approvals[0].approver)", "not a mapping"),
    ({"报销日期: 2026-05-18": "报销日期: [2026-05-18]"}, "报销日期 (claim_date)", "not a list"),
    ({"金额: 1386": '金额: "1,2.3"'}, "费用明细 第1行 金额 (items[0].amount)", "groups of three"),
    ({"金额: 1386": '金额: "12,34"'}, "费用明细 第1行 金额 (items[0].amount)", "groups of three"),
    ({"金额: 1386": '金额: "1,3860"'}, "费用明细 第1行 金额 (items[0].amount)", "groups of three"),
    ({"金额: 1386": '金额: "1，38，6"'}, "费用明细 第1行 金额 (items[0].amount)", "not a valid amount"),
])
def test_a_list_mapping_or_misgrouped_amount_is_refused(tmp_path, replacement, where, en):
    result, out = _new(tmp_path, "reimbursement", _example(**replacement))
    _refused(result, out, where, en)


def test_nested_lists_in_a_table_are_refused_naming_the_row(tmp_path):
    text = _example(**{"  - {日期: 2026-05-11, 费用类别: 交通费, 摘要: 高铁, 金额: 1386, 单据张数: 2}": "  - [[1, 2]]"})
    result, out = _new(tmp_path, "reimbursement", text)
    output = _refused(result, out, "费用明细 第1行 (items[0])", "should be a mapping")
    assert "费用明细 (items)：必填项未填写" not in output  # the refused row explains the empty table


def test_a_json_cell_with_a_list_for_one_value_fails_its_row(tmp_path):
    sheet = tmp_path / "rows.csv"
    items = json.dumps([{"日期": "2026-05-10", "费用类别": "交通费", "金额": "1,2.3", "单据张数": 1}], ensure_ascii=False)
    good = json.dumps([{"日期": "2026-05-10", "费用类别": "交通费", "金额": "60,000.00", "单据张数": 1}], ensure_ascii=False)
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["报销人", "部门", "报销日期", "报销事由", "费用明细"],
                                  ['["王小明", "李四"]', "市场部", "2026-05-11", "参展", good],
                                  ["张伟", "市场部", "2026-05-11", "参展", items],
                                  ["李娜", '{"名称": "财务部"}', "2026-05-11", "参展", good],
                                  ["王芳", "行政部", "2026-05-11", "参展", good]])
    sheet.write_text(buffer.getvalue(), encoding="utf-8")
    out = tmp_path / "out"
    result = run(["new", "reimbursement", "--data", sheet, "--out-dir", out])
    assert result.exit_code == 1, result.output
    assert [p.name for p in out.iterdir()] == ["reimbursement-5.docx"]
    for text in ("第 2 行", "报销人 (claimant)", "not a list", "第 3 行", "items[0].amount", "groups of three",
                 "第 4 行", "部门 (department)", "not a mapping"):
        assert text in result.output, text
    assert "60,000.00" in doc_text(out / "reimbursement-5.docx")


ACCEPTED = {
    "¥60,000.00": "60000", "￥60,000.00": "60000", "60000元": "60000", "6万元": "60000", "人民币陆万元整": "60000",
    "60000元整": "60000", "60,000.00元整": "60000", "人民币4780.50元整": "4780.50", "6万元整": "60000",
    "1,234,567": "1234567", "60，000.00": "60000", "６０，０００．００": "60000", "RMB 60,000": "60000",
    "肆仟柒佰捌拾元伍角整": "4780.50", "陆万元": "60000", "60000.5元": "60000.50",
}


@pytest.mark.parametrize("written", ACCEPTED)
def test_amounts_written_as_offices_write_them_still_parse(written):
    """parse_figure serves the checker too: what a clerk or a reviewer reads stays an amount."""
    assert parse_figure(written) == Decimal(ACCEPTED[written])


@pytest.mark.parametrize("written", ["1,2.3", "12,34", "1,2345", ",100", "100,", "1e3", "0x10", "¥", "元整", "--5"])
def test_misgrouped_or_odd_figures_are_not_amounts(written):
    assert parse_figure(written) is None


@pytest.mark.parametrize("written", sorted(ACCEPTED))
def test_accepted_amounts_are_printed_and_checked(tmp_path, written):
    result, out = _new(tmp_path, "reimbursement", _example(**{"金额: 1386": f'金额: "{written}"'}))
    assert result.exit_code == 0, result.output
    figure = Decimal(ACCEPTED[written])
    assert f"{figure:,.2f}" in doc_text(out)
    # The same text in a data file given to `check` is read as the same amount: no field-invalid.
    data = tmp_path / "check.yaml"
    data.write_text(_example(**{"金额: 1386": f'金额: "{written}"'}) + f'合计金额: "{written}"\n', encoding="utf-8")
    checked = run(["check", data, "--form", "reimbursement", "--format", "json"])
    rules = {f["rule"] for f in json.loads(checked.stdout)["files"][0]["findings"]}
    assert not rules & {"field-invalid", "amount-total-mismatch"}, checked.stdout
