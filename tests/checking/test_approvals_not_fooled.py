"""An approval is a named person approving without condition, in order, on a date that makes sense.

Each case alters the built-in reimbursement slip the way a hurried clerk or a forger would, and
is checked through the CLI: as submitted data, and as a .docx printed in either script.
"""
from __future__ import annotations

import copy
import json

import pytest
import yaml
from locations import first_quick

from .support import SAMPLES, check_json, run

VALID = yaml.safe_load((SAMPLES / "reimbursement" / "valid.yaml").read_text(encoding="utf-8"))
FINANCE = 1  # the 财务审核 row of the sample


def _with(tmp_path, change, name="slip.json"):
    data = copy.deepcopy(VALID)
    change(data)
    path = tmp_path / name
    path.write_text(json.dumps({"form": "reimbursement", "data": data}, ensure_ascii=False), encoding="utf-8")
    return path


def _opinion(text):
    return lambda data: data["approvals"][FINANCE].update(opinion=text)


def _approver(text):
    return lambda data: data["approvals"][FINANCE].update(approver=text)


def _codes(report) -> set[tuple[str, str | None]]:
    return {(f["rule"], f["field"]) for f in report["files"][0]["findings"]}


@pytest.mark.parametrize("opinion", first_quick(["不同意", "不 同 意", "不同意。", "不予批准", "驳回", "退回重填", "拒绝报销", "不予報銷",
                                     "不通過", "财务审核不通过，请重新提交", "不\u200b同意"]))
def test_a_rejecting_opinion_is_no_approval(tmp_path, opinion):
    code, report = check_json(_with(tmp_path, _opinion(opinion)))
    assert code == 1 and _codes(report) == {("approval-rejected", "approvals[1].opinion")}


@pytest.mark.parametrize("opinion", first_quick(["拟同意", "原则同意，但须补充发票", "同意，但须补齐行程单", "待定", "请补充住宿清单",
                                     "擬同意", "同意但需核实金额"]))
def test_a_conditional_or_pending_opinion_is_no_approval_yet(tmp_path, opinion):
    code, report = check_json(_with(tmp_path, _opinion(opinion)))
    assert code == 1 and _codes(report) == {("approval-conditional", "approvals[1].opinion")}


def test_the_severity_of_a_conditional_opinion_is_a_company_setting(tmp_path):
    settings = tmp_path / "compliance.toml"
    settings.write_text('[rules."reimbursement.approval-chain"]\nconditional_severity = "warning"\n', encoding="utf-8")
    code, report = check_json(_with(tmp_path, _opinion("拟同意")), extra=("--config", str(settings)))
    assert code == 0
    assert [(f["rule"], f["severity"]) for f in report["files"][0]["findings"]] == [("approval-conditional", "warning")]


@pytest.mark.parametrize("opinion", first_quick(["同意", "同 意", "同意。", "情况属实，同意报销。", "", None, "无异议", "同意报销（不含招待费超标部分已剔除）"]))
def test_an_approving_or_empty_opinion_with_a_name_and_date_approves(tmp_path, opinion):
    code, report = check_json(_with(tmp_path, _opinion(opinion)))
    assert (code, _codes(report)) == (0, set())


@pytest.mark.parametrize("signature", first_quick(["/", "—", "-", "无", "待签", "见附件", "（签字）", "签字：", "______", "   ", "\u200b\u200b",
                                       "审批人", "财务审核", "財務審核", "N/A"]))
def test_a_placeholder_in_the_signature_cell_is_no_signature(tmp_path, signature):
    code, report = check_json(_with(tmp_path, _approver(signature)))
    assert code == 1 and ("approval-missing", "approvals[1]") in _codes(report), report


@pytest.mark.parametrize("signature", first_quick(["孙丽娟（代）", "孙丽娟(代签)", "孫麗娟", " 孙丽娟 ", "孙\u200b丽娟"]))
def test_a_name_with_a_note_or_in_another_script_is_a_signature(tmp_path, signature):
    code, report = check_json(_with(tmp_path, _approver(signature)))
    assert (code, _codes(report)) == (0, set())


@pytest.mark.parametrize("first, second", first_quick([("赵明辉", "赵明辉"), ("赵明辉", "趙明輝"), ("赵明辉", "赵 明 辉"),
                                           ("赵明辉", "赵明辉（代）"), ("赵明辉", "赵\u200b明辉")]))
def test_one_person_in_two_roles_of_the_chain_is_a_duty_conflict(tmp_path, first, second):
    def change(data):
        data["approvals"][0]["approver"] = first
        data["approvals"][FINANCE]["approver"] = second
    code, report = check_json(_with(tmp_path, change))
    assert code == 1 and ("duty-conflict", "approvals[1].approver") in _codes(report)


@pytest.mark.parametrize("first, second", [("於明", "于明"), ("範志遠", "范志远")])
def test_surnames_distinct_in_traditional_usage_stay_different_people(tmp_path, first, second):
    def change(data):
        data["approvals"][0]["approver"] = first
        data["approvals"][FINANCE]["approver"] = second
    code, report = check_json(_with(tmp_path, change))
    assert (code, _codes(report)) == (0, set())


@pytest.mark.parametrize("approver", first_quick(["周晓琳", "周曉琳", "周\u200b晓琳", "周晓琳（代）"]))
def test_the_claimant_approving_their_own_slip_is_a_duty_conflict(tmp_path, approver):
    code, report = check_json(_with(tmp_path, _approver(approver)))
    assert code == 1 and ("duty-conflict", "approvals[1].approver") in _codes(report)


def test_an_approval_dated_before_the_claim_is_out_of_order(tmp_path):
    code, report = check_json(_with(tmp_path, lambda data: data["approvals"][0].update(date="2026-05-17")))
    assert code == 1 and _codes(report) == {("approval-order", "approvals[0].date")}


def test_an_approval_dated_after_the_day_of_the_check_is_out_of_order(tmp_path):
    path = _with(tmp_path, lambda data: None)
    code, report = check_json(path, extra=("--as-of", "2026-05-19"))
    assert code == 1 and _codes(report) == {("approval-order", "approvals[1].date"), ("approval-order", "approvals[2].date")}
    assert check_json(path, extra=("--as-of", "2026年5月30日"))[0] == 0


def test_a_bad_as_of_date_is_a_usage_error(tmp_path):
    result = run("check", _with(tmp_path, lambda data: None), "--as-of", "soon")
    assert result.exit_code == 2 and "--as-of" in result.stderr


def _printed(tmp_path, change, *options):
    """The altered slip printed by `compliance new` (printing is allowed: judging is the checker's)."""
    data = copy.deepcopy(VALID)
    change(data)
    source = tmp_path / "data.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    printed = tmp_path / "slip.docx"
    made = run("new", "reimbursement", "--data", source, "-o", printed, *options)
    assert made.exit_code == 0, made.output
    return printed


@pytest.mark.slow  # prints a .docx per case
@pytest.mark.parametrize("script", ["simplified", "traditional"])
@pytest.mark.parametrize("change, expected", [
    (_opinion("不同意"), ("approval-rejected", "approvals[1].opinion")),
    (_opinion("原则同意，但须补充发票"), ("approval-conditional", "approvals[1].opinion")),
    (_approver("（签字）"), ("approval-missing", "approvals[1]")),
    (_approver("周晓琳"), ("duty-conflict", "approvals[1].approver")),
], ids=["rejected", "conditional", "placeholder-signature", "self-approval"])
def test_printed_forms_in_either_script_are_held_to_the_same(tmp_path, script, change, expected):
    code, report = check_json(_printed(tmp_path, change, "--script", script))
    assert code == 1 and expected in _codes(report), report


@pytest.mark.parametrize("change, expected", [
    (_opinion("不 同 意"), ("approval-rejected", "approvals[1].opinion")),
    (_opinion("同意，但须补充发票"), ("approval-conditional", "approvals[1].opinion")),
], ids=["rejected", "conditional"])
def test_printed_pdfs_are_held_to_the_same(tmp_path, soffice, change, expected):
    code, report = check_json(_printed(tmp_path, change, "--pdf").with_suffix(".pdf"))
    assert code == 1 and _codes(report) == {expected}, report
