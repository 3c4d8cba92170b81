"""The scan tests' contract (tests/scans/reading.py), held to what `check` really reports: a value
misread into no value of its type, and the two rules that restate its absence, are a misreading;
everything else is a judgement. Quick: the values are typed into JSON as OCR misread them."""
from __future__ import annotations

import json

import pytest
import yaml
from checking.support import check_json
from locations import BUILTIN

from scans.reading import is_misreading, judgements, read_or_reported


def _sample(form: str) -> dict:
    document = yaml.safe_load((BUILTIN / "samples" / form / "valid.yaml").read_text(encoding="utf-8"))
    return document.get("data", document)


def _as_if_scanned(tmp_path, form: str, change) -> list[dict]:
    """The findings on `form`'s sample changed by `change`, each value marked as read by OCR."""
    data = _sample(form)
    change(data)
    path = tmp_path / "submitted.json"
    path.write_text(json.dumps({"form": form, "data": data}, ensure_ascii=False, default=str), encoding="utf-8")
    _code, report = check_json(path, extra=("--as-of", "2026-12-01"))
    findings = report["files"][0]["findings"]
    return [{**f, "read_by": "ocr"} if f["field"] else f for f in findings]


MISREAD = {
    "register-date": ("seal-register", lambda d: d["uses"][1].update(date="2026年i0月21日"), {"uses[1].date"}),
    "total": ("reimbursement", lambda d: d.update(total_amount="4;780.50"), {"total_amount"}),
    "line-amount": ("reimbursement", lambda d: d["items"][0].update(amount="1;386"), {"items[0].amount"}),
    "approval-date": ("reimbursement", lambda d: d["approvals"][2].update(date="2026年5月2i日"), {"approvals[2].date"}),
}


@pytest.mark.parametrize("case", sorted(MISREAD))
def test_a_value_misread_into_no_value_is_a_misreading_not_a_judgement(tmp_path, case):
    form, change, fields = MISREAD[case]
    findings = _as_if_scanned(tmp_path, form, change)
    assert {f["field"] for f in findings if is_misreading(f)} == fields, findings
    assert judgements(findings) == [], findings


def test_a_misreading_excuses_nothing_else(tmp_path):
    # The approval row's date misread, and another row rejected: the rejection is still judged.
    def change(data):
        data["approvals"][2]["date"] = "2026年5月2i日"
        data["approvals"][1]["opinion"] = "不同意"

    findings = _as_if_scanned(tmp_path, "reimbursement", change)
    assert [(f["rule"], f["field"]) for f in judgements(findings)] == [("approval-rejected", "approvals[1].opinion")]


def test_a_value_not_read_by_ocr_is_never_a_misreading(tmp_path):
    findings = [{**f, "read_by": None} for f in _as_if_scanned(tmp_path, "reimbursement", lambda d: d.update(total_amount="x"))]
    assert [f["rule"] for f in judgements(findings)] == ["field-invalid"]


def test_a_value_is_read_as_written_or_reported():
    truth = {"total_amount": 4780.5, "approvals": [{"date": "2026-05-19"}]}
    misread = [{"rule": "field-invalid", "field": "total_amount", "severity": "error", "read_by": "ocr"}]
    read_or_reported({"total_amount": 4780.5, "approvals": [{"date": "2026-05-19"}]}, truth, ["total_amount"], [])
    read_or_reported({"approvals": [{"date": "2026-05-19"}]}, truth, ["total_amount", "approvals[0].date"], misread)
    with pytest.raises(AssertionError):  # read wrong in silence
        read_or_reported({"total_amount": 4786.5}, truth, ["total_amount"], [])
    with pytest.raises(AssertionError):  # absent, and not reported
        read_or_reported({"approvals": [{}]}, truth, ["approvals[0].date"], misread)
