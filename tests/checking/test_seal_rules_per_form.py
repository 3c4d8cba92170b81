"""Seal rules are rules like the others: a form's rule file may hold its own (another severity,
other fields), compliance.toml may change their parameters, and the template gate checks them."""
from __future__ import annotations

import json

import yaml

from .support import BUILTIN, check_json, found, run
from .test_seals_in_check import _stamped_seal_use

OWN_RULE = {
    "id": "seal-use.sealed-only-when-described", "kind": "seal_unfilled_form", "severity": "warning",
    "clause": "001 §七(四)3", "message": {"zh": "用印前写明用途", "en": "state the purpose before sealing"},
    "params": {"fields": ["applicant", "document_name"]},
}


def _workspace_with(tmp_path, extra_rule):
    ws = tmp_path / "ws"
    for folder in ("schemas", "templates", "rules"):
        (ws / folder).mkdir(parents=True)
    suffix = {"schemas": ".schema.json", "templates": ".docx", "rules": ".yaml"}
    for folder, end in suffix.items():
        (ws / folder / f"seal-use{end}").write_bytes((BUILTIN / folder / f"seal-use{end}").read_bytes())
    rules = yaml.safe_load((ws / "rules/seal-use.yaml").read_text(encoding="utf-8"))
    rules["rules"].append(extra_rule)
    (ws / "rules/seal-use.yaml").write_text(yaml.safe_dump(rules, allow_unicode=True), encoding="utf-8")
    return ws


def test_a_form_may_hold_its_own_seal_rule_which_replaces_the_default(tmp_path):
    ws = _workspace_with(tmp_path, OWN_RULE)
    code, report = check_json(_stamped_seal_use(tmp_path, clear_applicant=True), extra=("--root", str(ws)))
    assert code == 1  # the empty applicant is still a field-missing error
    unfilled = [f for f in report["files"][0]["findings"] if f["rule"] == "stamp-on-unfilled-form"]
    assert [(f["rule_id"], f["severity"]) for f in unfilled] == [("seal-use.sealed-only-when-described", "warning")]
    assert "用印前写明用途" in unfilled[0]["message"]


def test_the_settings_change_a_document_rule_by_its_id(tmp_path):
    settings = tmp_path / "compliance.toml"
    settings.write_text('[rules."seal.no-unfilled-form"]\nfields = ["keeper"]\n', encoding="utf-8")
    target = _stamped_seal_use(tmp_path, clear_applicant=True)
    assert ("stamp-on-unfilled-form", None) in found(check_json(target)[1])
    # Only 保管人 must be filled before sealing now, and it is: the seal is no longer a finding.
    assert ("stamp-on-unfilled-form", None) not in found(check_json(target, extra=("--config", str(settings)))[1])


def test_the_gate_checks_the_fields_a_seal_rule_names(tmp_path):
    ws = _workspace_with(tmp_path, {**OWN_RULE, "params": {"fields": ["no_such_field"]}})
    result = run("lint", "--root", ws, "--format", "json")
    problems = [(p["field"], p["code"]) for p in json.loads(result.stdout)["problems"]]
    assert result.exit_code == 1 and ("no_such_field", "rule-unknown-field") in problems
