"""`value` with `not_empty: true`: a table with no row, or a text with nothing in it, is
`field-missing` on that field — however the emptiness is written, in data or on a printed form —
and a field that holds something is left alone."""
from __future__ import annotations

import copy
import json
import shutil

import pytest
import yaml

from .support import BUILTIN, SAMPLES, check_json, run

TRAINING = yaml.safe_load((SAMPLES / "training-record" / "valid.yaml").read_text(encoding="utf-8"))
INTAKE = yaml.safe_load((SAMPLES / "project-intake" / "valid.yaml").read_text(encoding="utf-8"))


def _request(tmp_path, form: str, data: dict):
    path = tmp_path / "request.json"
    path.write_text(json.dumps({"form": form, "data": data}, ensure_ascii=False), encoding="utf-8")
    return path


def _found(report) -> list[tuple[str, str, str]]:
    return sorted((f["rule"], f["field"], f["rule_id"]) for f in report["files"][0]["findings"])


@pytest.mark.parametrize("participants", [[], None, "", "absent"], ids=["empty-list", "null", "empty-text", "absent"])
def test_a_training_record_without_participants_names_the_table(tmp_path, participants):
    data = copy.deepcopy(TRAINING)
    if participants == "absent":
        del data["participants"]
    else:
        data["participants"] = participants
    code, report = check_json(_request(tmp_path, "training-record", data))
    assert code == 1
    assert _found(report) == [("field-missing", "participants", "training-record.participants")]
    finding = report["files"][0]["findings"][0]
    assert "参与人员" in finding["message"] and "000 §四(二)3" in finding["message"]


def test_one_participant_is_enough(tmp_path):
    data = copy.deepcopy(TRAINING)
    data["participants"] = data["participants"][:1]
    code, report = check_json(_request(tmp_path, "training-record", data))
    assert (code, _found(report)) == (0, [])


@pytest.mark.parametrize("field, rule_id", [("evaluation", "training-record.evaluated"),
                                            ("recorder", "training-record.recorded-by")])
@pytest.mark.parametrize("value", [None, "", " \u3000 ", "absent"], ids=["null", "empty", "blank", "absent"])
def test_an_empty_text_is_missing_once(tmp_path, field, rule_id, value):
    data = copy.deepcopy(TRAINING)
    if value == "absent":
        del data[field]
    else:
        data[field] = value
    code, report = check_json(_request(tmp_path, "training-record", data))
    # Once: the schema does not also call it missing, since the rule is what asks for it.
    assert (code, _found(report)) == (1, [("field-missing", field, rule_id)])


@pytest.mark.parametrize("value", ["无", "暂无", "N/A", "/"])
def test_a_placeholder_evaluation_is_no_evaluation(tmp_path, value):
    data = copy.deepcopy(TRAINING)
    data["evaluation"] = value
    code, report = check_json(_request(tmp_path, "training-record", data))
    assert (code, _found(report)) == (1, [("field-invalid", "evaluation", "training-record.evaluated")])


def test_each_empty_field_of_the_list_is_named(tmp_path):
    """One rule over several fields (项目承接: 003 §2.1) names each empty one, numbers included."""
    data = copy.deepcopy(INTAKE)
    del data["client_qualification"], data["expected_revenue"]
    data["expected_cost"] = 0  # zero is a value, not an empty field
    code, report = check_json(_request(tmp_path, "project-intake", data))
    assert (code, _found(report)) == (1, [("field-missing", "client_qualification", "project-intake.assessment-contents"),
                                          ("field-missing", "expected_revenue", "project-intake.assessment-contents")])


def test_the_printed_form_is_held_to_the_same(tmp_path):
    data = copy.deepcopy(TRAINING)
    del data["participants"]
    source = tmp_path / "data.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    printed = tmp_path / "record.docx"
    assert run("new", "training-record", "--data", source, "-o", printed).exit_code == 0
    code, report = check_json(printed)
    assert (code, _found(report)) == (1, [("field-missing", "participants", "training-record.participants")])


def _workspace(tmp_path, rule: dict):
    """The seal-use form alone, with one more rule of kind `value`."""
    ws = tmp_path / "ws"
    for name in ("templates/seal-use.docx", "schemas/seal-use.schema.json", "rules/seal-use.yaml"):
        (ws / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(BUILTIN / name, ws / name)
    rules = yaml.safe_load((ws / "rules/seal-use.yaml").read_text(encoding="utf-8"))
    rules["rules"].append({"id": "seal-use.keeper-named", "kind": "value", "clause": "001 §七(四)1",
                           "message": {"zh": "印章由专人负责保管", "en": "a named person keeps the seal"}, "params": rule})
    (ws / "rules/seal-use.yaml").write_text(yaml.safe_dump(rules, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return ws


def test_any_form_may_ask_for_a_field_it_does_not_require(tmp_path):
    ws = _workspace(tmp_path, {"fields": ["return_date"], "not_empty": True})
    data = copy.deepcopy(yaml.safe_load((SAMPLES / "seal-use" / "valid.yaml").read_text(encoding="utf-8")))
    del data["return_date"]
    code, report = check_json(_request(tmp_path, "seal-use", data), extra=("--root", ws))
    assert code == 1
    assert ("field-missing", "return_date", "seal-use.keeper-named") in _found(report)


def test_not_empty_false_is_refused_rather_than_ignored(tmp_path):
    ws = _workspace(tmp_path, {"fields": ["keeper"], "not_empty": False})
    result = run("check", SAMPLES / "seal-use" / "valid.yaml", "--root", ws)
    assert result.exit_code == 2 and "not_empty" in result.stderr
