"""Issue 22: a form printed with some approvals given has an empty row to sign for every other
role the rules require, in chain order, so that what `check` then reports is only the signatures
still to be written — exactly as for a form printed with no approvals at all."""
from __future__ import annotations

import json
import re

import pytest
from gen_support import run, sample_path
from locations import REPO

from compliance.generation.pipeline import approval_chain
from compliance.model.workspace import Workspace
from compliance.safety.data_limits import load_yaml_safely

WORKSPACE = Workspace()
APPROVAL_FORMS = sorted(form.id for form in WORKSPACE.forms.values() if form.approval_table)


def _readme_example() -> str:
    """The 报销 YAML of the README's section on generating forms, as a clerk would copy it."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Generating forms"):]
    return re.search(r"```yaml\n(.*?)```", section, re.S).group(1)


def _new(tmp_path, form: str, text: str, name: str) -> object:
    data = tmp_path / f"{name}.yaml"
    data.write_text(text, encoding="utf-8")
    out = tmp_path / f"{name}.docx"
    result = run(["new", form, "--data", data, "-o", out])
    assert result.exit_code == 0, result.output
    return out


def _extracted(path) -> dict:
    result = run(["extract", path])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["data"]


def _findings(path) -> list[dict]:
    result = run(["check", path, "--format", "json"])
    assert "内部错误" not in result.output
    return json.loads(result.stdout)["files"][0]["findings"]


def test_the_readme_example_prints_a_row_to_sign_for_each_missing_role(tmp_path):
    example = _readme_example()
    assert "部门负责人" in example and "财务审核" not in example  # the example gives one approval
    printed = _new(tmp_path, "reimbursement", example, "readme")
    rows = _extracted(printed)["approvals"]
    assert [row["role"] for row in rows] == ["部门负责人", "财务审核", "公司领导"]
    assert rows[0]["approver"] == "赵明辉" and rows[1] == {"role": "财务审核"} and rows[2] == {"role": "公司领导"}

    findings = _findings(printed)
    assert [(f["rule"], f["field"]) for f in findings] == [("approval-missing", "approvals[1]"),
                                                          ("approval-missing", "approvals[2]")]
    # The same two findings, word for word, as on a form printed before anyone approved it; no
    # content-altered: the QR code's fingerprint holds the rows as printed.
    unsigned = _new(tmp_path, "reimbursement", example.split("审批:")[0], "unsigned")
    blank = {(f["field"], f["message"], f["message_en"]) for f in _findings(unsigned)}
    assert {(f["field"], f["message"], f["message_en"]) for f in findings} <= blank


def test_a_later_role_given_alone_gets_the_earlier_rows_before_it(tmp_path):
    example = _readme_example().replace("审批环节: 部门负责人", "审批环节: 公司领导")
    printed = _new(tmp_path, "reimbursement", example, "leader")
    assert [row["role"] for row in _extracted(printed)["approvals"]] == ["部门负责人", "财务审核", "公司领导"]
    findings = _findings(printed)
    assert [(f["rule"], f["field"]) for f in findings] == [("approval-missing", "approvals[0]"),
                                                          ("approval-missing", "approvals[1]")]


def test_a_role_written_in_traditional_script_counts_as_given(tmp_path):
    example = _readme_example().replace("审批环节: 部门负责人", "审批环节: 部門負責人")
    printed = _new(tmp_path, "reimbursement", example, "traditional")
    assert [row["role"] for row in _extracted(printed)["approvals"]] == ["部門負責人", "财务审核", "公司领导"]


@pytest.mark.parametrize("form", APPROVAL_FORMS)
def test_every_form_with_only_its_first_approval_asks_only_for_the_others(tmp_path, form):
    data = load_yaml_safely(sample_path(form).read_text(encoding="utf-8"), form)
    table = WORKSPACE.form(form).approval_table
    data[table] = data[table][:1]
    printed = _new(tmp_path, form, json.dumps(data, ensure_ascii=False, default=str), "first")
    roles = [row["role"] for row in _extracted(printed)[table]]
    assert roles == approval_chain(WORKSPACE.form(form), _extracted(printed))
    findings = {(f["rule"], f["field"], f["message"]) for f in _findings(printed)}
    # Exactly what the form printed with no approvals reports, but for the first row, now signed:
    # approval-missing, or amount-threshold for a role the amount requires; no content-altered,
    # no approval-order.
    del data[table]
    unsigned = _new(tmp_path, form, json.dumps(data, ensure_ascii=False, default=str), "unsigned")
    blank = {(f["rule"], f["field"], f["message"]) for f in _findings(unsigned)}
    assert findings and findings == {finding for finding in blank if finding[1] != f"{table}[0]"}
    assert {rule for rule, _field, _message in findings} <= {"approval-missing", "amount-threshold"}
