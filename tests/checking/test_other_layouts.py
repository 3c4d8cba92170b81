"""Other offices' forms: told by what their title means, their labels read in the words those
offices use, and a blank form never passes a label, a placeholder or an instruction as a value.

Each form here is laid out the way another office might, with python-docx, and checked through
the CLI.
"""
from __future__ import annotations

import json

import pytest
from docx import Document

from .support import check_json, run


def _form(path, title: str, rows: list[list[str]], paragraphs: tuple[str, ...] = ()):
    document = Document()
    document.add_paragraph(title)
    for text in paragraphs:
        document.add_paragraph(text)
    table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    for row, cells in zip(table.rows, rows):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    document.save(path)
    return path


def _report(path, *extra):
    code, report = check_json(path, extra=extra)
    return code, report["files"][0]


def _codes(entry) -> set[tuple[str, str | None]]:
    return {(f["rule"], f["field"]) for f in entry["findings"]}


PERFORMANCE_ROWS = [
    ["员工姓名", "林嘉怡", "部门名称", "咨询业务一部"],
    ["岗位", "高级咨询顾问", "考核周期", "2019年3月"],
    ["考核人", "王建国", "", ""],
]


@pytest.mark.parametrize("title, form", [
    ("2019年月度工作业绩考核表（ 月）", "performance-review"),
    ("投资项目立项申请表", "project-intake"),
    ("费用报销单（差旅）", "reimbursement"),
    ("杭州分公司用印审批单", "seal-use"),
    ("项目结题验收报告书", "acceptance-report"),
])
def test_a_title_is_recognised_by_what_it_means(tmp_path, title, form):
    path = _form(tmp_path / "form.docx", title, [["备注", "无"]])
    _code, entry = _report(path)
    assert entry["form"] == form
    assert entry["recognised"]["by"] == "title-meaning"
    assert 0 < entry["recognised"]["confidence"] <= 1


def test_how_sure_is_shown_and_option_form_still_overrides(tmp_path):
    path = _form(tmp_path / "form.docx", "2019年月度工作业绩考核表（ 月）", PERFORMANCE_ROWS)
    text = run("check", path).stdout
    assert "[performance-review ~" in text
    _code, entry = _report(path, "--form", "reimbursement")
    assert entry["form"] == "reimbursement" and entry["recognised"]["by"] == "option"


def test_label_variants_of_other_offices_are_read(tmp_path):
    path = _form(tmp_path / "slip.docx", "费用报销单（差旅）", [
        ["报销人", "周晓琳", "报销部门", "市场部"],
        ["报销日期", "2026-05-18", "附单据张数", "2"],
        ["合计金额（元）", "1,386.00", "大写金额", "壹仟叁佰捌拾陆元整"],
    ])
    data = json.loads(run("extract", path).stdout)["data"]
    assert data["department"] == "市场部"
    assert data["total_amount"] == 1386
    assert data["attachments"] == 2


def test_a_value_that_ends_like_a_label_stays_a_value(tmp_path):
    path = _form(tmp_path / "slip.docx", "费用报销单", [["报销人", "周晓琳", "部门", "市场部门"]])
    assert json.loads(run("extract", path).stdout)["data"]["department"] == "市场部门"


def test_a_blank_form_is_missing_every_required_field(tmp_path):
    path = _form(tmp_path / "blank.docx", "印章使用申请表", [
        ["申请人", "{{ applicant }}", "使用部门", "（请填写部门全称）"],
        ["申请日期", "____年__月__日", "印章类型", "«印章类型»"],
        ["用印文件名称", "________", "用印份数", ""],
        ["使用事由", "【请填写】", "用印日期", "  年   月   日"],
        ["印章保管人", "（签字）", "归还日期", ""],
    ])
    code, entry = _report(path)
    missing = {field for rule, field in _codes(entry) if rule == "field-missing"}
    assert {"applicant", "department", "application_date", "seal_type", "document_name", "copies", "purpose",
            "use_date", "keeper"} <= missing
    assert not {rule for rule, _ in _codes(entry)} & {"field-invalid"}
    assert code == 1


def test_labels_are_never_values_of_their_neighbours(tmp_path):
    # A form printed with two labels side by side and nothing filled in.
    path = _form(tmp_path / "blank.docx", "项目承接申请表", [
        ["项目名称", "客户名称"],
        ["承接部门", "申请人"],
        ["申请日期", "合同金额"],
    ])
    data = json.loads(run("extract", path).stdout)["data"]
    assert not {"project_name", "client_name", "department", "applicant"} & set(data)


def test_a_form_nobody_knows_says_which_came_closest(tmp_path):
    path = _form(tmp_path / "vehicle.docx", "车辆使用审批表", [
        ["用车事由", "拜访客户"], ["合同金额", "120,000.00"], ["经办人", "周晓琳"], ["用印日期", "2026-06-02"],
    ])
    _code, entry = _report(path)
    (unknown,) = [f for f in entry["findings"] if f["rule"] == "form-unknown"]
    assert "closest" in unknown["message_en"] and "最接近" in unknown["message"]
    assert any(form in unknown["message_en"] for form in ("seal-use", "project-intake", "contract-approval"))


def test_a_page_of_prose_is_unknown_without_a_guess(tmp_path):
    document = Document()
    document.add_paragraph("关于召开年度总结会议的通知")
    document.add_paragraph("各部门：公司定于下周五召开年度总结会议，请各部门负责人准时参加。")
    path = tmp_path / "notice.docx"
    document.save(path)
    _code, entry = _report(path)
    (unknown,) = [f for f in entry["findings"] if f["rule"] == "form-unknown"]
    assert "closest" not in unknown["message_en"]


OFFICE_ALIASES = """
[aliases.titles]
reimbursement = ["差旅费用结算单"]
[aliases.labels.reimbursement]
department = ["科室"]
"items.amount" = ["开支"]
"""


def test_an_office_adds_its_own_titles_and_labels(tmp_path):
    config = tmp_path / "compliance.toml"
    config.write_text(OFFICE_ALIASES, encoding="utf-8")
    path = _form(tmp_path / "slip.docx", "差旅费用结算单", [["报销人", "周晓琳", "科室", "市场部"]])
    result = run("extract", path, "--config", config)
    extracted = json.loads(result.stdout)
    assert extracted["form"] == "reimbursement" and extracted["data"]["department"] == "市场部"
    _code, entry = _report(path, "--config", str(config))
    assert entry["recognised"]["by"] == "title"
    without = json.loads(run("extract", path).stdout)
    assert without.get("form") != "reimbursement" or "department" not in without.get("data", {})


@pytest.mark.parametrize("text, named", [
    ('[aliases.titles]\nreimbursment = ["报销单二"]\n', "reimbursment"),
    ('[aliases.labels.reimbursement]\ndepartmnt = ["科室"]\n', "departmnt"),
    ('[aliases]\ntitle = {}\n', "[aliases]"),
])
def test_an_alias_for_nothing_is_a_usage_error_naming_it(tmp_path, text, named):
    config = tmp_path / "compliance.toml"
    config.write_text(text, encoding="utf-8")
    path = _form(tmp_path / "slip.docx", "费用报销单", [["报销人", "周晓琳"]])
    result = run("check", path, "--config", config)
    assert result.exit_code == 2
    assert named in result.stderr
