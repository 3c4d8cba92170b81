"""Rule files: valid against the rule meta-schema, and naming only fields the form has.

A rule naming a field that was renamed or dropped from the schema checks nothing: the value is
always absent, so the rule either never fires or always does.
"""
from __future__ import annotations

from pathlib import Path

from ..checks.base import Rule
from ..errors import ConfigError
from ..rulebook import field_paths, load_rules
from ..workspace import FormSpec
from .fieldpaths import is_table, resolve
from .problem import RULE_INVALID, RULE_UNKNOWN_FIELD, LintProblem

# Kinds that read approval rows: the table (default `approvals`) and the columns they use.
_APPROVAL_COLUMNS = {"approvals": ("role", "approver", "date"), "threshold": ("role", "approver", "date")}


def _implicit_paths(rule: Rule) -> list[tuple[str, str, bool]]:
    """(rule id, path, must be a table) for fields a rule uses without naming them all."""
    params = rule.params
    found: list[tuple[str, str, bool]] = []
    table = params.get("table", "approvals")
    columns: tuple[str, ...] = ()
    if rule.kind in _APPROVAL_COLUMNS:
        columns = _APPROVAL_COLUMNS[rule.kind]
    elif rule.kind == "duty_conflict" and params.get("approvals"):
        columns = ("approver",)
    elif rule.kind in ("total", "covers", "score"):
        columns = (params["column"],) if "column" in params else ()
    else:
        return found
    found.append((rule.id, table, True))
    found += [(rule.id, f"{table}[].{column}", False) for column in columns]
    return found


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
        rules = load_rules(path)
    except ConfigError as error:
        return None, [LintProblem(str(path), None, RULE_INVALID, error.message_zh, error.message_en)]
    problems = []
    named = _read_form_key(path)
    if named != form.id:
        problems.append(LintProblem(str(path), "form", RULE_INVALID,
                                    f"规则文件的 form 为 {named}，应为 {form.id}（与文件名一致）",
                                    f"the rule file's form is {named}; it should be {form.id}, as the file name says"))
    seen = set()
    tables = {(r.id, r.params["table"]) for r in rules if isinstance(r.params.get("table"), str)}
    paths = [(rule_id, p, (rule_id, p) in tables) for rule_id, p in field_paths(rules)]
    for rule in rules:
        paths += _implicit_paths(rule)
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
