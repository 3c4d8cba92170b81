"""kind: approvals — required roles signed (name and date), in order, dates never going back.

params:
  chain: roles in the order they must approve
  extra_when: roles also required when a field has a value, e.g. 法务审核 for 合同专用章
  table: the approval table (default: the one the form's schema declares with x-approvals)
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...model.textnorm import label_key
from .base import Context, Rule, blank, date_of

KIND = "approvals"
PARAMS = {
    "type": "object", "additionalProperties": False, "required": ["chain", "table"],
    "properties": {
        "table": {"type": "string", "x-names": "table", "x-default": "approval-table", "x-columns": ["role", "approver", "date"]},
        "chain": {"type": "array", "items": {"type": "string", "x-names": "role"}, "minItems": 1},
        "extra_when": {"type": "array", "items": {
            "type": "object", "additionalProperties": False, "required": ["field", "in", "roles"],
            "properties": {"field": {"type": "string", "x-names": "field"}, "in": {"type": "array"},
                           "roles": {"type": "array", "items": {"type": "string", "x-names": "role"}}}}},
    },
}


def required_roles(rule: Rule, value: Callable[[str], Any]) -> list[str]:
    """The roles this rule demands for a form whose values `value` reads, in chain order."""
    roles = list(rule.params["chain"])
    for condition in rule.params.get("extra_when", ()):
        if value(condition["field"]) in condition["in"]:
            roles += condition["roles"]
    return roles


def rows_by_role(ctx: Context, table: str) -> dict[str, tuple[int, dict]]:
    rows = ctx.value(table) or []
    found: dict[str, tuple[int, dict]] = {}
    for index, row in enumerate(rows):
        if isinstance(row, dict) and row.get("role"):
            found.setdefault(label_key(row["role"]), (index, row))
    return found


def signed(row: dict) -> bool:
    return not blank(row.get("approver")) and not blank(row.get("date"))


def missing_role(ctx: Context, rule: Rule, table: str, role: str, code: str, zh_why: str = "", en_why: str = ""):
    yield ctx.finding(rule, code, f"{table}", f"缺少“{role}”审批{zh_why}", f"approval by '{role}' is missing{en_why}")


def unsigned(ctx: Context, rule: Rule, table: str, index: int, role: str, row: dict, code: str):
    lacking = [zh for key, zh in (("approver", "签字"), ("date", "日期")) if blank(row.get(key))]
    lacking_en = [en for key, en in (("approver", "signature"), ("date", "date")) if blank(row.get(key))]
    yield ctx.finding(rule, code, f"{table}[{index}]", f"“{role}”审批缺少{'和'.join(lacking)}",
                      f"the '{role}' approval has no {' or '.join(lacking_en)}")


def check(ctx: Context, rule: Rule):
    table = rule.params["table"]
    chain = list(rule.params["chain"])
    found = rows_by_role(ctx, table)
    for role in required_roles(rule, ctx.value):
        entry = found.get(label_key(role))
        if entry is None:
            yield from missing_role(ctx, rule, table, role, "approval-missing")
        elif not signed(entry[1]):
            yield from unsigned(ctx, rule, table, entry[0], role, entry[1], "approval-missing")
    present = [found[label_key(role)] for role in chain if label_key(role) in found]
    positions = [index for index, _ in present]
    if positions != sorted(positions):
        order = " → ".join(chain)
        yield ctx.finding(rule, "approval-order", table, f"审批顺序不符，应为 {order}", f"approvals out of order; expected {order}")
    dated = [(index, row, date_of(row.get("date"))) for index, row in sorted(present, key=lambda p: p[0])]
    previous = None
    for index, row, when in dated:
        if when is None:
            continue
        if previous is not None and when < previous:
            yield ctx.finding(rule, "approval-order", f"{table}[{index}].date",
                              f"“{row.get('role')}”的审批日期早于前一环节", f"the '{row.get('role')}' approval is dated before the previous step")
        previous = when
