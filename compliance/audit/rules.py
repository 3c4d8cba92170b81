"""The batch rules (`batch-rules.yaml` of the built-in workspace), loaded like every rule file,
and checked against the forms whose fields and rules they name."""
from __future__ import annotations

from ..errors import ConfigError
from ..model.config import Config
from ..model.field_paths import is_table, resolve
from ..model.workspace import Workspace, builtin_root
from ..rulebook import BATCH_RULES_FILE
from ..rulebook.kinds.meaning import COLUMN, FIELD, FORM, RULE, TABLE, named
from .kinds import BATCH_KINDS


def batch_rules(config: Config):
    from ..rulebook import load_rules

    return load_rules(builtin_root() / BATCH_RULES_FILE, config.overrides(), dict(config.roles), kinds=BATCH_KINDS,
                      settings_file=config.path)


def unknown_names(rules, workspace: Workspace, config: Config) -> list[tuple[str, str, str, str]]:
    """(rule id, what it names, zh, en) for every form, field, table, column or rule a batch rule
    names that the workspace does not have: such a rule would read nothing and never fire."""
    from ..rulebook import rules_for

    forms = workspace.forms
    problems = []
    missing: set[tuple[str, str]] = set()
    for rule in rules:
        for name in named(BATCH_KINDS[rule.kind].PARAMS, rule.params):
            if name.what == FORM:
                if name.value not in forms:
                    problems.append((rule.id, name.value, f"批量规则 {rule.id} 引用的表单 {name.value} 不存在",
                                     f"batch rule {rule.id} names form {name.value}, which does not exist"))
                continue
            form = forms.get(name.form or "")
            if form is None:
                continue  # the form itself is reported above
            if name.what == RULE:
                try:
                    theirs = rules_for(form, config)
                except ConfigError:
                    continue  # a broken rule file is reported for itself, by lint and by every command
                if all(other.id != name.value for other in theirs):
                    problems.append((rule.id, name.value, f"批量规则 {rule.id} 引用的规则 {name.value} 不在表单 {form.id} 中",
                                     f"batch rule {rule.id} names rule {name.value}, which form {form.id} does not have"))
                continue
            if name.what == COLUMN and (rule.id, name.table) in missing:
                continue  # a column of a table that is not there: the table is the one mistake
            path = f"{name.table}[].{name.value}" if name.what == COLUMN and name.table else name.value
            found = resolve(form.fields, path) if name.what in (FIELD, TABLE, COLUMN) else True
            if found is None or (name.what == TABLE and not is_table(form.fields, path)):
                missing.add((rule.id, path))
                problems.append((rule.id, path, f"批量规则 {rule.id} 引用的字段 {path} 在表单 {form.id} 中不存在",
                                 f"batch rule {rule.id} names field {path}, which form {form.id} does not have"))
    return problems


class AuditContext:
    """What a batch kind may ask of the workspace: another rule, as the company configured it."""

    def __init__(self, workspace: Workspace, config: Config) -> None:
        self.workspace, self.config = workspace, config

    def rule(self, form_id: str, rule_id: str):
        from ..rulebook import rules_for

        if form_id not in self.workspace.forms:
            raise ConfigError(f"批量规则引用的表单 {form_id} 不存在", f"a batch rule names form {form_id}, which does not exist")
        for rule in rules_for(self.workspace.form(form_id), self.config):
            if rule.id == rule_id:
                return rule
        raise ConfigError(f"批量规则引用的规则 {rule_id} 不在表单 {form_id} 中",
                          f"a batch rule names rule {rule_id}, which form {form_id} does not have")
