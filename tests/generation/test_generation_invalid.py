"""Invalid data: every problem named at once (label and path, Chinese and English), nothing written."""
from __future__ import annotations

import pytest
from gen_support import assert_bilingual, reimbursement_data, run, write_json


def _fail(tmp_path, form_id, data):
    out = tmp_path / "out.docx"
    result = run(["new", form_id, "--data", write_json(tmp_path / "data.json", data), "-o", out])
    assert result.exit_code == 1, result.output
    assert not out.exists()
    assert not list(tmp_path.glob("*.docx")) and not list(tmp_path.glob(".*.part"))
    assert_bilingual(result.output)
    return result.output


def test_reimbursement_several_problems_all_named(tmp_path):
    data = reimbursement_data(报销人=None, 报销日期="2026-13-45", 颜色="红色")
    data["费用明细"][0]["金额"] = "一千块"
    output = _fail(tmp_path, "reimbursement", data)
    assert "data.json" in output
    for expected in (
        "报销人 (claimant)", "必填项未填写", "required field is missing",
        "报销日期 (claim_date)", "「2026-13-45」不是有效日期", "'2026-13-45' is not a valid date",
        "费用明细 第1行 金额 (items[0].amount)", "「一千块」不是有效金额", "'一千块' is not a valid amount",
        "颜色", "未知字段「颜色」", "unknown field '颜色'",
    ):
        assert expected in output, expected


def test_project_intake_several_problems_including_enum(tmp_path):
    data = {
        "项目名称": "门店咨询", "客户名称": "禾丰超市", "承接部门": "咨询一部",  # 申请人 missing
        "申请日期": "2026/02/30", "项目需求": "调研", "合同金额": "三十八万六", "计划开始日期": "2026-04-01",
        "计划完成日期": "2026-08-31", "合法性评估": "合法", "可行性评估": "可行", "风险程度": "极高",
        "预算科目": "咨询费",
    }
    output = _fail(tmp_path, "project-intake", data)
    for expected in (
        "申请人 (applicant)", "必填项未填写",
        "申请日期 (application_date)", "2026/02/30", "not a valid date",
        "合同金额 (contract_amount)", "三十八万六", "not a valid amount",
        "风险程度 (risk_level)", "「极高」不在可选值内（低、中、高）", "'极高' is not one of: 低, 中, 高",
        "未知字段「预算科目」", "unknown field '预算科目'",
    ):
        assert expected in output, expected


def test_performance_review_unknown_enum_in_table_row(tmp_path):
    data = {
        "员工姓名": "张三", "部门": "一部", "岗位": "顾问", "考核周期": "2026Q2", "考核人": "李四",
        "考核指标": [{"类别": "工作优秀", "指标": "交付", "权重": 100, "上级评分": 90}],
        "员工确认": {"姓名": "张三", "日期": "2026-07-01"},
    }
    output = _fail(tmp_path, "performance-review", data)
    assert "考核指标 第1行 类别 (indicators[0].category)" in output
    assert "「工作优秀」不在可选值内" in output and "is not one of" in output


def test_every_missing_required_field_is_named(tmp_path):
    # Regression: validation.py once named the first missing key of the whole required list for
    # every missing field, so 部门 and 报销事由 were both reported as 报销人.
    data = reimbursement_data(报销人=None, 部门=None, 报销事由=None)
    output = _fail(tmp_path, "reimbursement", data)
    for expected in ("报销人 (claimant)", "部门 (department)", "报销事由 (purpose)"):
        assert output.count(f"{expected}：必填项未填写 / required field is missing") == 1, expected
    assert "数据有 3 处问题" in output and "3 problem(s)" in output


def test_control_character_in_value_is_refused(tmp_path):
    data = reimbursement_data(报销人="张\x07伟")
    output = _fail(tmp_path, "reimbursement", data)
    assert "报销人" in output
    assert "U+0007" in output
    assert "控制字符" in output and "control character" in output


def test_control_character_in_table_cell_is_refused(tmp_path):
    data = reimbursement_data()
    data["费用明细"][1]["摘要"] = "工作\x00餐"
    output = _fail(tmp_path, "reimbursement", data)
    assert "费用明细 第2行 摘要 (items[1].summary)" in output and "U+0000" in output


def test_control_character_problem_names_label_and_path(tmp_path):
    data = reimbursement_data()
    # Regression: the control-character problem once used the raw data key as label and path.
    data["claimant"] = data.pop("报销人") + "\x07"
    output = _fail(tmp_path, "reimbursement", data)
    assert "报销人 (claimant)" in output and "U+0007" in output


def test_raw_control_character_in_yaml_file_is_an_input_error(tmp_path):
    data = tmp_path / "data.yaml"
    data.write_bytes("报销人: 张\x07伟\n部门: 市场部\n".encode())
    out = tmp_path / "out.docx"
    result = run(["new", "reimbursement", "--data", data, "-o", out])  # once: internal error, exit 2
    assert result.exit_code == 1, result.output
    assert_bilingual(result.output)
    assert "data.yaml" in result.output and "U+0007" in result.output and "line 1, column 7" in result.output
    assert not out.exists()


@pytest.mark.parametrize("text, zh, en", [
    ("报销人: [unclosed\n", "YAML", "YAML"),
    ("- 一\n- 二\n", "顶层应为", "top level must be a mapping"),
])
def test_unreadable_data_is_an_input_error(tmp_path, text, zh, en):
    data = tmp_path / "data.yaml"
    data.write_text(text, encoding="utf-8")
    out = tmp_path / "out.docx"
    result = run(["new", "reimbursement", "--data", data, "-o", out])
    assert result.exit_code == 1, result.output
    assert_bilingual(result.output)
    zh_line, en_line = result.output.split("\nerror:", 1)
    assert zh in zh_line and en in en_line and "data.yaml" in en_line
    assert not out.exists()


def test_a_refused_value_is_not_also_reported_missing(tmp_path):
    data = reimbursement_data()
    data["报销日期"] = "2026-13-45"
    source = write_json(tmp_path / "data.json", data)
    result = run(["new", "reimbursement", "--data", source, "-o", tmp_path / "out.docx"])
    assert result.exit_code == 1
    assert "2026-13-45" in result.output
    assert "必填项未填写" not in result.output and "required field is missing" not in result.output
