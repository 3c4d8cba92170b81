"""Every field a rule names is known to the template gate, whichever parameter names it.

The oracle is the form's own schema, not the code under test: any string in a built-in rule's
parameters that is a field of the form must be reported by the kind as naming a field, a table
or a column. Then each such field, renamed in the schema, must make `compliance lint` fail
naming the rule's file and that field.
"""
from __future__ import annotations

import json

import pytest
import yaml

from compliance.model.workspace import Workspace
from compliance.rulebook.kinds import KINDS
from compliance.rulebook.kinds.meaning import named

from .support import BUILTIN, copy_form, run

FORMS = Workspace().forms


def _strings(value):
    """Every string in a parameter value, with the table a bare column name may belong to."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _schema_paths(form) -> set[str]:
    paths = set()
    for key, spec in form.schema["properties"].items():
        paths.add(key)
        columns = spec.get("items", {}).get("properties", {}) if spec.get("type") == "array" else {}
        paths.update(f"{key}[].{column}" for column in columns)
        paths.update(columns)  # a column named on its own, beside its table
        paths.update(f"{key}.{sub}" for sub in spec.get("properties", {}))
    return paths


RULES = [(form_id, rule) for form_id, form in FORMS.items()
         for rule in yaml.safe_load(form.rules_path.read_text(encoding="utf-8"))["rules"]]


@pytest.mark.parametrize("form_id, rule", RULES, ids=[rule["id"] for _form, rule in RULES])
def test_every_field_a_rule_names_is_declared_by_its_kind(form_id, rule):
    form = FORMS[form_id]
    params = rule.get("params", {})
    declared = {n.value for n in named(KINDS[rule["kind"]].PARAMS, params)}
    fields = _schema_paths(form)
    undeclared = [s for s in _strings(params) if s in fields and s not in declared]
    assert not undeclared, f"{rule['id']}: {undeclared} name fields but the kind does not say so"


def _top_level_fields_named(form_id: str) -> list[tuple[str, str]]:
    form = FORMS[form_id]
    found = []
    for rule in yaml.safe_load(form.rules_path.read_text(encoding="utf-8"))["rules"]:
        for n in named(KINDS[rule["kind"]].PARAMS, rule.get("params", {})):
            if n.value in form.schema["properties"] and n.what in ("field", "table"):
                found.append((rule["id"], n.value))
    return sorted(set(found))


CASES = [(form_id, rule_id, field) for form_id in FORMS for rule_id, field in _top_level_fields_named(form_id)]


@pytest.mark.parametrize("form_id, rule_id, field", CASES, ids=[f"{r}:{f}" for _form, r, f in CASES])
def test_a_field_renamed_in_the_schema_fails_the_gate_for_each_rule_naming_it(tmp_path, monkeypatch, form_id, rule_id, field):
    monkeypatch.chdir(tmp_path)
    ws = copy_form(BUILTIN, tmp_path / "ws", form_id)
    path = ws / "schemas" / f"{form_id}.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["properties"][f"{field}_renamed"] = schema["properties"].pop(field)
    schema["required"] = [f"{field}_renamed" if key == field else key for key in schema.get("required", [])]
    # The schema stays consistent (its computations follow the rename): only the rules lag behind.
    for spec in schema["properties"].values():
        for name, argument in spec.get("x-derive", {}).items():
            if argument == field:
                spec["x-derive"][name] = f"{field}_renamed"
            elif isinstance(argument, list) and argument[0] == field:
                spec["x-derive"][name] = [f"{field}_renamed", *argument[1:]]
            elif isinstance(argument, dict) and argument.get("table") == field:
                spec["x-derive"][name] = {**argument, "table": f"{field}_renamed"}
    path.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    result = run("lint", "--root", "ws", "--format", "json")
    assert result.exit_code == 1
    problems = json.loads(result.output)["problems"]
    rule_file = f"ws/rules/{form_id}.yaml"
    assert any(p["file"].endswith(rule_file) and p["field"] is not None and p["field"].startswith(field)
               and rule_id in p["message_en"] for p in problems), problems
