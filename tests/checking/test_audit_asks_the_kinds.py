"""`audit` counts as approved exactly what `check` does, and its rules name only what exists.

A collective decision that is conditional, undated or refused is no decision in `check`; a split
claim carrying such a row is still a split. A batch rule whose parameter names a field, table or
rule the forms lack would read nothing and never fire: `lint` and `audit` both refuse it, blaming
compliance.toml when the name came from there."""
from __future__ import annotations

import copy

import pytest

from .support import run
from .test_audit_cli import SLIP, _audit, _batch, _printed, _slip, _submitted


def _collective(opinion: str, date: str | None) -> list[dict]:
    row = {"role": "管理层集体决策", "approver": "总经理办公会", "opinion": opinion}
    if date is not None:
        row["date"] = date
    return [*copy.deepcopy(SLIP["approvals"]), row]


@pytest.mark.parametrize(("opinion", "date"), [
    ("原则同意，但须补充三家比价", "2026-05-22"),   # conditional
    ("拟同意", "2026-05-22"),                       # pending
    ("同意", None),                                  # undated
    ("不同意", "2026-05-22"),                         # refused
])
def test_a_collective_row_that_is_no_approval_in_check_does_not_excuse_a_split(tmp_path, opinion, date):
    slips = []
    for index, day in enumerate(("2026-05-11", "2026-05-15")):
        data = _slip(30000, day, approvals=_collective(opinion, date))
        data["approvals"][-1].pop("date", None) if date is None else None
        slips.append(_submitted(tmp_path, f"slip-{index}", "reimbursement", data))
    code, report = _audit(*slips)
    assert ("threshold-split", ["slip-0.json", "slip-1.json"]) in _batch(report)
    assert code == 1


def test_an_approving_collective_row_still_excuses_it(tmp_path):
    slips = [_submitted(tmp_path, f"slip-{index}", "reimbursement", _slip(30000, day, approvals=_collective("同意", "2026-05-22")))
             for index, day in enumerate(("2026-05-11", "2026-05-15"))]
    assert _batch(_audit(*slips)[1]) == []


def test_a_conditional_seal_request_covers_nothing(tmp_path):
    from .test_audit_cli import _request, _sealed_contract

    contract = _sealed_contract(tmp_path, "contract")
    request = _request()
    request["approvals"][1]["opinion"] = "同意，但须法务复核后方可用印"
    code, report = _audit(contract, _submitted(tmp_path, "request", "seal-use", request))
    assert code == 1 and _batch(report) == [("seal-unrequested", ["contract.docx"])]


@pytest.mark.parametrize(("rule", "setting"), [
    ("batch.threshold-split", 'person = "claimnt"'),
    ("batch.threshold-split", 'dates = "items[].dat"'),
    ("batch.threshold-split", 'threshold_rule = "reimbursement.colective-decision"'),
    ("batch.claim-duplicate", 'columns = ["date", "categroy"]'),
    ("batch.claim-duplicate", 'table = "item"'),
    ("batch.seal-unrequested", 'register_column = "uses[].documnet"'),
    ("batch.seal-unrequested", 'request_form = "seal-usage"'),
])
def test_a_batch_rule_naming_what_the_forms_lack_is_refused_by_lint_and_audit(tmp_path, rule, setting):
    settings = tmp_path / "compliance.toml"
    settings.write_text(f'[rules."{rule}"]\n{setting}\n', encoding="utf-8")
    linted = run("lint", "--config", settings, "--format", "json")
    assert linted.exit_code == 1, linted.output
    import json

    problems = json.loads(linted.stdout)["problems"]
    assert [p["code"] for p in problems] == ["config-invalid"]
    assert problems[0]["file"].endswith("compliance.toml") and rule in problems[0]["message_en"]

    slip = _printed(tmp_path, "slip", "reimbursement", _slip(100, "2026-05-11"))
    audited = run("audit", slip, "--config", settings)
    assert audited.exit_code == 2
    assert rule in audited.stderr and "compliance.toml" in audited.stderr
    assert "Traceback" not in audited.stderr


def test_batch_findings_are_findings_in_json(tmp_path):
    slips = [_submitted(tmp_path, f"slip-{index}", "reimbursement", _slip(30000, day))
             for index, day in enumerate(("2026-05-11", "2026-05-15"))]
    (found,) = _audit(*slips)[1]["batch"]
    # The same keys as a file's finding, and the files it rests on.
    assert {"rule", "severity", "message", "message_en", "field", "page", "rule_id", "clause", "files"} <= set(found)
