"""kind: threshold — at or above an amount, more roles must approve (000 §六(三)3: 大额资金支出需经公司管理层集体决策).

A role missing only because of the amount is `amount-threshold`, not `approval-missing`.
params: field (the amount), at_least, roles, table (default approvals); or_when (field/in) to
also require the roles for another reason, reported as approval-missing.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...model.amounts import to_fen
from ...model.textnorm import label_key
from .approvals import judge, rows_by_role, signed
from .base import Context, Rule

KIND = "threshold"
PARAMS = {
    "type": "object", "additionalProperties": False, "required": ["field", "at_least", "roles", "table"],
    "properties": {
        "field": {"type": "string", "x-names": "field"}, "at_least": {"type": "number", "minimum": 0},
        "roles": {"type": "array", "items": {"type": "string", "x-names": "role"}, "minItems": 1},
        "table": {"type": "string", "x-names": "table", "x-default": "approval-table", "x-columns": ["role", "approver", "date"]},
        "conditional_severity": {"enum": ["info", "warning", "error"], "default": "error"},
        "or_when": {"type": "object", "additionalProperties": False, "required": ["field", "in"],
                    "properties": {"field": {"type": "string", "x-names": "field"}, "in": {"type": "array"}}},
    },
}


def _reached(rule: Rule, value: Callable[[str], Any]) -> tuple[bool, bool]:
    """(the amount reaches the threshold, the other condition holds)."""
    amount = value(rule.params["field"])
    condition = rule.params.get("or_when")
    over = amount is not None and to_fen(amount) >= to_fen(rule.params["at_least"])
    return over, condition is not None and value(condition["field"]) in condition["in"]


def required_roles(rule: Rule, value: Callable[[str], Any]) -> list[str]:
    """The roles this rule demands for a form whose values `value` reads."""
    return list(rule.params["roles"]) if any(_reached(rule, value)) else []


def check(ctx: Context, rule: Rule):
    params = rule.params
    table = params["table"]
    over, because = _reached(rule, ctx.value)
    condition = params.get("or_when")
    if not over and not because:
        return
    found = rows_by_role(ctx, table, params["roles"])
    for role in params["roles"]:
        entry = found.get(label_key(role))
        if entry is not None and signed(entry[1]):
            # Signed: it must also approve, without condition.
            yield from judge(ctx, rule, table, entry[0], role, entry[1], "approval-missing")
            continue
        if over:
            limit = f"{params['at_least']:,.2f}"
            yield ctx.finding(rule, "amount-threshold", params["field"],
                              f"{ctx.label(params['field'])} 达到 {limit} 元，须经“{role}”",
                              f"{params['field']} reaches {limit}; '{role}' must approve")
        elif condition is not None:
            yield ctx.finding(rule, "approval-missing", table,
                              f"{ctx.label(condition['field'])}为“{ctx.value(condition['field'])}”，须经“{role}”",
                              f"{condition['field']} is '{ctx.value(condition['field'])}'; '{role}' must approve")
