"""The batch rules (`batch-rules.yaml` of the built-in workspace), loaded like every rule file,
and checked against the forms whose rules they borrow numbers from."""
from __future__ import annotations

from ..errors import ConfigError
from ..model.config import Config
from ..model.workspace import Workspace, builtin_root
from .kinds import BATCH_KINDS

BATCH_RULES_FILE = "batch-rules.yaml"


def batch_rules(config: Config):
    from ..rulebook import load_rules

    return load_rules(builtin_root() / BATCH_RULES_FILE, config.overrides(), dict(config.roles), kinds=BATCH_KINDS)


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
