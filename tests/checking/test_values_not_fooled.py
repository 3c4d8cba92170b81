"""Numbers that are not numbers — NaN, infinities — never switch a check off: they are
`field-invalid` wherever a number is read, and refused where a company setting is read."""
from __future__ import annotations

import copy
import json

import pytest
import yaml
from locations import first_quick

from .support import SAMPLES, check_json, run

REIMBURSEMENT = yaml.safe_load((SAMPLES / "reimbursement" / "valid.yaml").read_text(encoding="utf-8"))
REVIEW = yaml.safe_load((SAMPLES / "performance-review" / "valid.yaml").read_text(encoding="utf-8"))
NOT_FINITE = [".nan", ".NaN", ".inf", "-.inf", "'NaN'", "'nan'", "'inf'", "'-Infinity'", "'∞'", "'sNaN'", "1e400",
              "'Infinity元'"]


def _yaml_with(tmp_path, form, data, path, literal):
    """The sample as YAML text with one value replaced by a literal, so YAML itself reads `.nan`."""
    marker = "__REPLACED__"
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = marker
    text = yaml.safe_dump({"form": form, "data": data}, allow_unicode=True).replace(f"'{marker}'", literal)
    text = text.replace(marker, literal)
    file = tmp_path / "case.yaml"
    file.write_text(text, encoding="utf-8")
    return file


@pytest.mark.parametrize("literal", first_quick(NOT_FINITE))
@pytest.mark.parametrize("path", [("items", 0, "amount"), ("total_amount",)], ids=["line-amount", "total"])
def test_not_a_number_in_an_amount_is_invalid(tmp_path, literal, path):
    file = _yaml_with(tmp_path, "reimbursement", copy.deepcopy(REIMBURSEMENT), path, literal)
    code, report = check_json(file)
    fields = {f["field"] for f in report["files"][0]["findings"] if f["rule"] == "field-invalid"}
    where = "items[0].amount" if path[0] == "items" else "total_amount"
    assert code == 1 and where in fields, report


@pytest.mark.parametrize("literal", [".nan", ".inf", "'NaN'"])
def test_not_a_number_in_a_score_is_invalid(tmp_path, literal):
    file = _yaml_with(tmp_path, "performance-review", copy.deepcopy(REVIEW), ("indicators", 0, "manager_score"), literal)
    code, report = check_json(file)
    assert code == 1 and ("field-invalid", "indicators[0].manager_score") in {
        (f["rule"], f["field"]) for f in report["files"][0]["findings"]}


def test_the_generator_refuses_not_a_number(tmp_path):
    data = copy.deepcopy(REIMBURSEMENT)
    data["items"][0]["amount"] = "NaN"
    del data["total_amount"], data["amount_in_words"]
    source = tmp_path / "data.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run("new", "reimbursement", "--data", source, "-o", tmp_path / "out.docx")
    assert result.exit_code == 1 and "not a finite number" in result.stderr
    assert not (tmp_path / "out.docx").exists()


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_a_setting_that_is_not_a_number_stops_the_run(tmp_path, value):
    settings = tmp_path / "compliance.toml"
    settings.write_text(f'[rules."reimbursement.collective-decision"]\nat_least = {value}\n', encoding="utf-8")
    result = run("check", SAMPLES / "reimbursement" / "valid.yaml", "--config", settings)
    assert result.exit_code == 2 and "at_least" in result.stderr and "error:" in result.stderr
