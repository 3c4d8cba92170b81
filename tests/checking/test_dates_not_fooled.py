"""Dates on a form must tell a possible story: expenses before the claim, the seal used after
every approval (whatever the order of the rows), returned on time, and returned at all."""
from __future__ import annotations

import copy
import json

import yaml

from .support import SAMPLES, check_json

SLIP = yaml.safe_load((SAMPLES / "reimbursement" / "valid.yaml").read_text(encoding="utf-8"))
REQUEST = yaml.safe_load((SAMPLES / "seal-use" / "valid.yaml").read_text(encoding="utf-8"))


def _file(tmp_path, form, data):
    path = tmp_path / f"{form}.json"
    path.write_text(json.dumps({"form": form, "data": data}, ensure_ascii=False), encoding="utf-8")
    return path


def _found(report):
    return {(f["rule"], f["field"]) for f in report["files"][0]["findings"]}


def test_an_expense_dated_after_the_claim_is_out_of_order(tmp_path):
    data = copy.deepcopy(SLIP)
    data["items"][2]["date"] = "2026-05-25"
    code, report = check_json(_file(tmp_path, "reimbursement", data))
    assert code == 1 and _found(report) == {("date-order", "claim_date")}


def test_the_seal_is_used_after_the_latest_approval_not_after_the_last_row(tmp_path):
    data = copy.deepcopy(REQUEST)
    # The head of department signed last, but the row is listed first: the last row (06-03) is
    # before the use (06-04), the latest approval (06-05) is not.
    data["approvals"][0]["date"] = "2026-06-05"
    data["return_date"] = "2026-06-06"
    code, report = check_json(_file(tmp_path, "seal-use", data), extra=("--as-of", "2026-07-01"))
    assert code == 1 and ("date-order", "use_date") in _found(report)


def test_a_seal_returned_before_its_use_is_out_of_order(tmp_path):
    data = copy.deepcopy(REQUEST)
    data["return_date"] = "2026-06-01"
    code, report = check_json(_file(tmp_path, "seal-use", data))
    assert code == 1 and ("date-order", "return_date") in _found(report)


def test_a_seal_returned_late_is_out_of_order_and_the_days_are_a_setting(tmp_path):
    data = copy.deepcopy(REQUEST)
    data["return_date"] = "2026-06-09"  # five days after use
    path = _file(tmp_path, "seal-use", data)
    code, report = check_json(path)
    assert code == 1 and _found(report) == {("date-order", "return_date")}
    settings = tmp_path / "compliance.toml"
    settings.write_text('[rules."seal-use.returned-after-use"]\nwithin_days = 7\n', encoding="utf-8")
    assert check_json(path, extra=("--config", str(settings)))[0] == 0


def test_a_seal_not_returned_once_the_days_have_passed_is_missing_its_return(tmp_path):
    data = copy.deepcopy(REQUEST)
    del data["return_date"]
    path = _file(tmp_path, "seal-use", data)
    assert check_json(path, extra=("--as-of", "2026-06-06"))[0] == 0  # still within three days
    code, report = check_json(path, extra=("--as-of", "2026-06-10"))
    assert code == 1 and _found(report) == {("field-missing", "return_date")}
