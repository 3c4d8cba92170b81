"""An approval chain may hold roles it does not itself require (approvals `optional`): another
rule, or the chain's own `extra_when`, demands them; when a row for one is there, it keeps its
place in the chain. 法务审核 of the contract form is demanded by a threshold (amount, or 是否重要合同),
档案管理部门 and 公司领导 of the archive form by copying or taking the archive out.

Checked through the CLI, as submitted data, and on the blank form `compliance new` prints.
"""
from __future__ import annotations

import copy
import json

import yaml

from .support import SAMPLES, check_json, run

CONTRACT = yaml.safe_load((SAMPLES / "contract-approval" / "valid.yaml").read_text(encoding="utf-8"))
ARCHIVE = yaml.safe_load((SAMPLES / "archive-access" / "valid.yaml").read_text(encoding="utf-8"))
HEAD, LEGAL, LEADER = 0, 1, 2  # the rows of the contract sample


def _check(tmp_path, form, base, change):
    data = copy.deepcopy(base)
    change(data)
    path = tmp_path / f"{form}.json"
    path.write_text(json.dumps({"form": form, "data": data}, ensure_ascii=False), encoding="utf-8")
    code, report = check_json(path)
    return code, sorted((f["rule"], f["field"]) for f in report["files"][0]["findings"])


def _small(data):
    """A contract under the amount setting, not marked important: 法务审核 is not demanded."""
    data.update(amount=86000.00, important="否")


def test_an_optional_role_not_demanded_may_be_absent(tmp_path):
    def change(data):
        _small(data)
        del data["approvals"][LEGAL]

    assert _check(tmp_path, "contract-approval", CONTRACT, change) == (0, [])


def test_an_optional_role_present_keeps_its_place_in_the_rows(tmp_path):
    def change(data):
        _small(data)
        rows = data["approvals"]
        rows[LEGAL], rows[LEADER] = {**rows[LEADER], "date": "2026-06-10"}, {**rows[LEGAL], "date": "2026-06-11"}

    assert _check(tmp_path, "contract-approval", CONTRACT, change) == (1, [("approval-order", "approvals")])


def test_an_optional_role_present_keeps_its_place_in_the_dates(tmp_path):
    def change(data):
        _small(data)
        data["approvals"][LEGAL]["date"] = "2026-06-12"  # after 公司领导 (06-11), placed before it

    assert _check(tmp_path, "contract-approval", CONTRACT, change) == (1, [("approval-order", f"approvals[{LEADER}].date")])


def test_an_optional_role_demanded_by_another_rule_is_reported_by_that_rule(tmp_path):
    def change(data):
        del data["approvals"][LEGAL]

    # Over the amount setting: the threshold reports it, the chain says nothing more.
    assert _check(tmp_path, "contract-approval", CONTRACT, change) == (1, [("amount-threshold", "amount")])


def test_an_optional_role_demanded_by_extra_when_is_required_and_ordered(tmp_path):
    assert _check(tmp_path, "archive-access", ARCHIVE, lambda data: data["approvals"].pop()) == (
        1, [("approval-missing", "approvals")])

    def leader_before_archive_office(data):
        data["take_out"] = "是"
        data["approvals"].insert(1, {"role": "公司领导", "approver": "李卫东", "opinion": "同意带出。", "date": "2026-03-10"})

    assert _check(tmp_path, "archive-access", ARCHIVE, leader_before_archive_office) == (
        1, [("approval-order", "approvals")])


def _printed_roles(tmp_path, form, data) -> list[str]:
    source, target = tmp_path / f"{form}.yaml", tmp_path / f"{form}.docx"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert run("new", form, "--data", source, "-o", target, "--force").exit_code == 0
    extracted = json.loads(run("extract", target).stdout)
    return [row["role"] for row in extracted["data"]["approvals"]]


def test_the_blank_form_prints_signing_rows_in_chain_order(tmp_path):
    """法务审核 comes from the threshold rule, yet its row is printed where the chain puts it."""
    data = {key: value for key, value in CONTRACT.items() if key not in ("approvals", "signing_date")}
    assert _printed_roles(tmp_path, "contract-approval", data) == ["部门负责人", "法务审核", "公司领导"]
    _small(data)
    assert _printed_roles(tmp_path, "contract-approval", data) == ["部门负责人", "公司领导"]


def test_the_blank_archive_form_prints_the_rows_its_answers_demand(tmp_path):
    data = {key: value for key, value in ARCHIVE.items() if key not in ("approvals", "actual_date")}
    data.update(copy_requested="是", take_out="是")
    assert _printed_roles(tmp_path, "archive-access", data) == ["部门负责人", "档案管理部门", "公司领导"]
    data.update(copy_requested="否", take_out="否")
    assert _printed_roles(tmp_path, "archive-access", data) == ["部门负责人"]
