"""What the form works out itself: 合计金额, 大写金额, 附单据张数, 综合得分, 考核等级 — and contradictions."""
from __future__ import annotations

import json

import pytest
import yaml
from docx import Document
from gen_support import assert_bilingual, doc_text, reimbursement_data, run, sample_path, write_json


def _lines(amounts):
    return [{"日期": "2026-05-10", "费用类别": "交通费", "金额": amount, "单据张数": 1} for amount in amounts]


def _generate(tmp_path, form_id, data):
    out = tmp_path / "out.docx"
    result = run(["new", form_id, "--data", write_json(tmp_path / "data.json", data), "-o", out])
    return result, out


@pytest.mark.parametrize("amounts, total, capital", [
    (["1386.00", 1440, "1,200", 186.5, "¥568"], "4,780.50", "肆仟柒佰捌拾元伍角整"),
    ([1000, 5], "1,005.00", "壹仟零伍元整"),
    (["10.05"], "10.05", "壹拾元零伍分"),
])
def test_total_and_capital_derived_from_lines(tmp_path, amounts, total, capital):
    result, out = _generate(tmp_path, "reimbursement", reimbursement_data(费用明细=_lines(amounts)))
    assert result.exit_code == 0, result.output
    lines = doc_text(out).splitlines()
    assert lines[lines.index("合计金额") + 1] == total
    assert lines[lines.index("大写金额") + 1] == capital
    assert lines[lines.index("附单据张数") + 1] == str(len(amounts))  # from the receipts


@pytest.mark.parametrize("total, capital", [
    ("4780.50", "肆仟柒佰捌拾元伍角整"), (1005, "壹仟零伍元整"), ("10.05", "壹拾元零伍分"),
])
def test_capital_derived_from_given_total(tmp_path, total, capital):
    lines = [{"日期": "2026-05-10", "费用类别": "差旅费", "金额": total, "单据张数": 3}]
    result, out = _generate(tmp_path, "reimbursement", reimbursement_data(费用明细=lines, 合计金额=total))
    assert result.exit_code == 0, result.output
    lines = doc_text(out).splitlines()
    assert lines[lines.index("大写金额") + 1] == capital


def test_given_total_disagreeing_with_lines_is_refused(tmp_path):
    result, out = _generate(tmp_path, "reimbursement", reimbursement_data(合计金额="999.00"))
    assert result.exit_code == 1, result.output
    assert not out.exists()
    assert_bilingual(result.output)
    assert "合计金额 (total_amount)" in result.output
    assert "1,005.00" in result.output  # the computed figure is shown
    assert "不一致" in result.output and "disagrees" in result.output


def test_given_capital_disagreeing_with_total_is_refused(tmp_path):
    result, out = _generate(tmp_path, "reimbursement", reimbursement_data(大写金额="玖佰元整"))
    assert result.exit_code == 1, result.output
    assert not out.exists()
    assert_bilingual(result.output)
    assert "大写金额 (amount_in_words)" in result.output
    assert "壹仟零伍元整" in result.output
    assert "不一致" in result.output and "disagrees" in result.output


def test_given_capital_in_another_writing_is_accepted_and_kept(tmp_path):
    result, out = _generate(tmp_path, "reimbursement", reimbursement_data(大写金额="人民币壹仟零伍圆整"))
    assert result.exit_code == 0, result.output
    assert "人民币壹仟零伍圆整" in doc_text(out)


def test_given_attachments_disagreeing_with_receipts_is_refused(tmp_path):
    result, out = _generate(tmp_path, "reimbursement", reimbursement_data(附单据张数=9))
    assert result.exit_code == 1, result.output
    assert "附单据张数 (attachments)" in result.output
    assert not out.exists()


def _review(scores, **extra):
    self_score, peer, manager = scores
    data = {
        "员工姓名": "张三", "部门": "一部", "岗位": "顾问", "考核周期": "2026年第二季度", "考核人": "李四",
        "考核指标": [{"类别": "工作业绩", "指标": "交付", "权重": 100, "自评分": self_score, "同事评分": peer,
                      "上级评分": manager}],
        "员工确认": {"姓名": "张三", "日期": "2026-07-01"},
    }
    data.update(extra)
    return data


@pytest.mark.parametrize("scores, overall, grade", [
    ((95, 95, 95), "95", "优秀"),
    ((70, 80, 90), "84", "良好"),  # 0.2×70 + 0.2×80 + 0.6×90
    ((60, 60, 60), "60", "合格"),
    ((50, 50, 50), "50", "不合格"),
])
def test_performance_review_score_and_grade_derived(tmp_path, scores, overall, grade):
    result, out = _generate(tmp_path, "performance-review", _review(scores))
    assert result.exit_code == 0, result.output
    lines = doc_text(out).splitlines()
    assert lines[lines.index("综合得分") + 1] == overall
    assert lines[lines.index("考核等级") + 1] == grade


def test_performance_review_sample_without_score_derives_86_7(tmp_path):
    data = yaml.safe_load(sample_path("performance-review").read_text(encoding="utf-8"))
    del data["overall_score"], data["grade"]
    result, out = _generate(tmp_path, "performance-review", data)
    assert result.exit_code == 0, result.output
    text = doc_text(out)
    assert "86.7" in text and "良好" in text


def test_performance_review_contradicting_score_and_grade_refused(tmp_path):
    result, out = _generate(tmp_path, "performance-review", _review((95, 95, 95), 综合得分=70, 考核等级="合格"))
    assert result.exit_code == 1, result.output
    assert not out.exists()
    assert "综合得分 (overall_score)" in result.output
    assert_bilingual(result.output)


def test_performance_review_grade_contradicting_score_refused(tmp_path):
    result, out = _generate(tmp_path, "performance-review", _review((95, 95, 95), 考核等级="不合格"))
    assert result.exit_code == 1, result.output
    assert not out.exists()
    assert "考核等级 (grade)" in result.output and "优秀" in result.output


def test_a_form_printed_before_approval_has_a_row_to_sign_for_each_required_role(tmp_path):
    """Without approvals in the data, the 审批 table lists the roles of the form's rule file."""
    data = reimbursement_data()
    data.pop("审批", None)
    out = tmp_path / "unsigned.docx"
    result = run(["new", "reimbursement", "--data", write_json(tmp_path / "data.json", data), "-o", out])
    assert result.exit_code == 0, result.output
    rows = [[cell.text for cell in row.cells] for table in Document(out).tables for row in table.rows]
    roles = [row[0] for row in rows if row and row[0] in ("部门负责人", "财务审核", "公司领导")]
    assert roles == ["部门负责人", "财务审核", "公司领导"]
    assert all(row[1:] == ["", "", ""] for row in rows if row and row[0] in roles)
    checked = run(["check", out, "--format", "json"])
    findings = json.loads(checked.stdout)["files"][0]["findings"]
    assert [(f["rule"], f["field"]) for f in findings] == [
        ("approval-missing", f"approvals[{i}]") for i in range(3)]


@pytest.mark.parametrize("change, extra", [
    ({"seal_type": "合同专用章"}, "法务审核"),
])
def test_signing_rows_include_the_roles_the_values_call_for(tmp_path, change, extra):
    data = yaml.safe_load(sample_path("seal-use").read_text(encoding="utf-8"))
    data.pop("approvals")
    data.update(change)
    out = tmp_path / "unsigned.docx"
    assert run(["new", "seal-use", "--data", write_json(tmp_path / "data.json", data), "-o", out]).exit_code == 0
    first_cells = [row.cells[0].text for table in Document(out).tables for row in table.rows]
    assert first_cells[first_cells.index("审批环节") + 1:][:3] == ["部门负责人", "公司领导", extra]


def test_signing_rows_include_collective_decision_above_the_amount(tmp_path):
    data = reimbursement_data()
    data.pop("审批", None)
    data["费用明细"] = [{"日期": "2026-05-11", "费用类别": "会务费", "金额": 60000, "单据张数": 1}]
    out = tmp_path / "unsigned.docx"
    assert run(["new", "reimbursement", "--data", write_json(tmp_path / "data.json", data), "-o", out]).exit_code == 0
    assert "管理层集体决策" in doc_text(out)
