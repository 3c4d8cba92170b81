"""Rule files: valid against the rule meta-schema, and naming only fields the form has.

A rule naming a field that was renamed or dropped from the schema checks nothing: the value is
always absent, so the rule either never fires or always does.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import ConfigError
from ..model.field_paths import is_table, resolve
from ..model.workspace import FormSpec
from ..rulebook import load_rules, named_in
from ..rulebook.kinds.base import Rule
from ..rulebook.kinds.meaning import COLUMN, FIELD, TABLE, Named
from .problem import RULE_INVALID, RULE_UNKNOWN_FIELD, LintProblem


def _paths(rule_id: str, name: Named) -> list[tuple[str, str, bool]]:
    """(rule id, field path, must be a table) for one thing a rule names; roles name no field."""
    if name.what == FIELD:
        return [(rule_id, name.value, False)]
    if name.what == TABLE:
        return [(rule_id, name.value, True)] + [(rule_id, f"{name.value}[].{c}", False) for c in name.columns]
    if name.what == COLUMN and name.table is not None:
        return [(rule_id, f"{name.table}[].{name.value}", False)]
    return []


def _read_form_key(path: Path) -> object:
    from ..safety.data_limits import load_yaml_safely

    document = load_yaml_safely(path.read_text(encoding="utf-8"), str(path))
    return document.get("form") if isinstance(document, dict) else None


def check(form: FormSpec) -> tuple[tuple[Rule, ...] | None, list[LintProblem]]:
    """(the form's rules, or None when the file is broken; problems). No file means no rules."""
    path = form.rules_path
    if not path.is_file():
        return (), []
    try:
        rules = load_rules(path, approval_table=form.approval_table)
    except ConfigError as error:
        return None, [LintProblem(str(path), None, RULE_INVALID, error.message_zh, error.message_en)]
    problems = []
    named = _read_form_key(path)
    if named != form.id:
        problems.append(LintProblem(str(path), "form", RULE_INVALID,
                                    f"规则文件的 form 为 {named}，应为 {form.id}（与文件名一致）",
                                    f"the rule file's form is {named}; it should be {form.id}, as the file name says"))
    seen = set()
    paths = [path for rule_id, name in named_in(rules) for path in _paths(rule_id, name)]
    for rule_id, field_path, table in paths:
        if (rule_id, field_path) in seen:
            continue
        seen.add((rule_id, field_path))
        if resolve(form.fields, field_path) is None:
            problems.append(LintProblem(
                str(path), field_path, RULE_UNKNOWN_FIELD,
                f"规则 {rule_id} 引用的字段 {field_path} 在表单结构 {form.schema_path.name} 中不存在",
                f"rule {rule_id} names field {field_path}, which {form.schema_path.name} does not have"))
        elif table and not is_table(form.fields, field_path):
            problems.append(LintProblem(
                str(path), field_path, RULE_UNKNOWN_FIELD,
                f"规则 {rule_id} 把 {field_path} 当作表格，但它在表单结构中不是表格（数组）",
                f"rule {rule_id} uses {field_path} as a table, but the schema does not make it one (an array)"))
    return rules, problems
