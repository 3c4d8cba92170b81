"""What a schema declares special — computed fields (x-derive) and the approval table
(x-approvals) — is checked by the gate, and is all a new form needs: no Python."""
from __future__ import annotations

import json
import shutil

import pytest
import yaml

from .support import BUILTIN, copy_form, edit_docx, run


def _edit_schema(ws, form_id, change):
    path = ws / "schemas" / f"{form_id}.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    change(schema)
    path.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")


def _problems(tmp_path):
    result = run("lint", "--root", tmp_path / "ws", "--format", "json")
    return result.exit_code, [(p["field"], p["code"]) for p in json.loads(result.output)["problems"]]


@pytest.mark.parametrize("change, field", [
    (lambda s: s["properties"]["total_amount"].update({"x-derive": {"product": ["items", "amount"]}}), "total_amount"),
    (lambda s: s["properties"]["total_amount"].update({"x-derive": {"sum": ["lines", "amount"]}}), "total_amount"),
    (lambda s: s["properties"]["amount_in_words"].update({"x-derive": {"capital": "grand_total"}}), "amount_in_words"),
    (lambda s: s["properties"]["claimant"].update({"x-approvals": True}), "claimant"),
    (lambda s: s["properties"]["items"].update({"x-approvals": True}), "approvals"),
], ids=["unknown-computation", "sum-of-missing-table", "capital-of-missing-field", "approvals-not-a-table",
        "two-approval-tables"])
def test_a_broken_declaration_is_named(tmp_path, change, field):
    ws = copy_form(BUILTIN, tmp_path / "ws", "reimbursement")
    _edit_schema(ws, "reimbursement", change)
    code, problems = _problems(tmp_path)
    assert code == 1 and (field, "schema-invalid") in problems, problems


def _new_form(tmp_path, form_id: str = "travel-claim"):
    """A sixth form made from files alone: reimbursement's, under another id and title, so that
    every other office's reimbursement-like form is known to work from its files."""
    ws = copy_form(BUILTIN, tmp_path / "ws", "reimbursement")
    for old, new in ((ws / "schemas/reimbursement.schema.json", ws / f"schemas/{form_id}.schema.json"),
                     (ws / "templates/reimbursement.docx", ws / f"templates/{form_id}.docx"),
                     (ws / "rules/reimbursement.yaml", ws / f"rules/{form_id}.yaml"),
                     (ws / "samples/reimbursement", ws / f"samples/{form_id}")):
        shutil.move(old, new)
    _edit_schema(ws, form_id, lambda s: s.update({"x-form-id": form_id, "title": "外勤费用结算单", "x-title-aliases": []}))
    edit_docx(ws / f"templates/{form_id}.docx", "费用报销单", "外勤费用结算单")
    rules = yaml.safe_load((ws / f"rules/{form_id}.yaml").read_text(encoding="utf-8"))
    rules["form"] = form_id
    for rule in rules["rules"]:
        rule["id"] = rule["id"].replace("reimbursement", form_id)
    (ws / f"rules/{form_id}.yaml").write_text(yaml.safe_dump(rules, allow_unicode=True), encoding="utf-8")
    for sample in (ws / f"samples/{form_id}").rglob("*.yaml"):
        text = sample.read_text(encoding="utf-8").replace("reimbursement", form_id)
        sample.write_text(text, encoding="utf-8")
    return ws


def test_a_form_with_an_approval_table_and_a_computed_total_needs_no_python(tmp_path):
    ws = _new_form(tmp_path)
    code, problems = _problems(tmp_path)
    assert (code, problems) == (0, [])
    data = tmp_path / "data.json"
    data.write_text(json.dumps({"报销人": "张伟", "部门": "市场部", "报销日期": "2026-05-11", "报销事由": "出差",
                                "费用明细": [{"日期": "2026-05-10", "费用类别": "交通费", "摘要": "高铁",
                                          "金额": "300", "单据张数": 1}]}, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "travel.docx"
    assert run("new", "travel-claim", "--root", ws, "--data", data, "-o", out).exit_code == 0
    report = json.loads(run("check", out, "--root", ws, "--format", "json").stdout)
    entry = report["files"][0]
    assert entry["form"] == "travel-claim"
    # Derived 合计金额 and 大写金额 check out; the unsigned rows are what is missing.
    assert {f["rule"] for f in entry["findings"]} == {"approval-missing"}
