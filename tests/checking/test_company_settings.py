"""Numbers the regulations do not give are the company's: findings that rest on one say so, and
name the compliance.toml key that changes it (JSON, text and JUnit)."""
from __future__ import annotations

import json

import yaml

from .support import SAMPLES, check_json, run

THRESHOLD_KEY = '[rules."reimbursement.collective-decision"] at_least'


def _findings(report: dict) -> list[dict]:
    return [f for entry in report["files"] for f in entry["findings"]]


def test_a_threshold_finding_is_marked_as_a_company_setting_with_its_key():
    code, report = check_json(SAMPLES / "reimbursement" / "invalid" / "amount-threshold.yaml")
    assert code == 1
    (finding,) = [f for f in _findings(report) if f["rule_id"] == "reimbursement.collective-decision"]
    assert finding["company_setting"] is True
    assert finding["setting_keys"] == [THRESHOLD_KEY]
    assert finding["clause"] == "000 §六(三)3"


def test_findings_the_regulations_decide_are_not_company_settings():
    folder = SAMPLES / "reimbursement" / "invalid"
    others = [p for p in sorted(folder.glob("*.yaml")) if p.stem != "amount-threshold"]
    _code, report = check_json(*others)
    findings = _findings(report)
    assert findings and all(f["company_setting"] is False and "setting_keys" not in f for f in findings)


def test_the_text_report_names_the_key_and_the_key_changes_the_outcome(tmp_path):
    sample = SAMPLES / "reimbursement" / "invalid" / "amount-threshold.yaml"
    shown = run("check", sample)
    assert shown.exit_code == 1
    assert f"公司设定 / company setting — compliance.toml {THRESHOLD_KEY}" in shown.stdout
    amount = yaml.safe_load(sample.read_text(encoding="utf-8"))["data"]["total_amount"]
    settings = tmp_path / "compliance.toml"
    settings.write_text(f'[rules."reimbursement.collective-decision"]\nat_least = {amount + 1}\n', encoding="utf-8")
    raised = run("check", sample, "--config", settings, "--format", "json")
    assert "reimbursement.collective-decision" not in {f["rule_id"] for f in _findings(json.loads(raised.stdout))}


def test_grade_bands_and_weights_are_named_as_settings_tables():
    folder = SAMPLES / "performance-review" / "invalid"
    _code, report = check_json(*sorted(folder.glob("*.yaml")))
    scored = [f for f in _findings(report) if f["rule_id"] == "performance-review.score"]
    assert scored and all(f["setting_keys"] == ["[grades]", "[score_weights]"] for f in scored)


def test_junit_carries_the_setting():
    result = run("check", SAMPLES / "reimbursement" / "invalid" / "amount-threshold.yaml", "--format", "junit")
    assert f"company_setting={THRESHOLD_KEY}" in result.stdout.replace("&quot;", '"')
