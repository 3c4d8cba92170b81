"""kind: duty_conflict — incompatible duties held by one person (001 §八: 不相容职务相互分离).

params: person (a field), against: other person fields; and/or approvals: true to forbid the
person from approving anything on their own form.
"""
from __future__ import annotations

from ...model.approval_text import signature_name
from .base import Context, Rule, blank

KIND = "duty_conflict"
PARAMS = {"type": "object", "additionalProperties": False, "required": ["person"],
          "properties": {"person": {"type": "string", "x-names": "field"},
                         "against": {"type": "array", "items": {"type": "string", "x-names": "field"}},
                         "approvals": {"type": "boolean"},
                         "table": {"type": "string", "x-names": "table", "x-default": "approval-table",
                                   "x-columns": ["approver"]}},
          # Comparing with the approvers needs an approval table: the form's, or one named here.
          "if": {"required": ["approvals"], "properties": {"approvals": {"const": True}}},
          "then": {"required": ["table"]}}


def _same(a, b) -> bool:
    """One person: names compared after script, width, spacing, invisible characters and notes
    such as （代） — but never by a placeholder, which names nobody."""
    first, second = signature_name(a), signature_name(b)
    return first is not None and first == second


def check(ctx: Context, rule: Rule):
    person_path = rule.params["person"]
    person = ctx.value(person_path)
    if blank(person):
        return
    for other in rule.params.get("against", ()):
        if _same(person, ctx.value(other)):
            yield ctx.finding(rule, "duty-conflict", other,
                              f"{ctx.label(person_path)}与{ctx.label(other)}为同一人（{person}）",
                              f"{person_path} and {other} are the same person ({person})")
    if rule.params.get("approvals"):
        table = rule.params["table"]
        for index, row in enumerate(ctx.value(table) or ()):
            if isinstance(row, dict) and _same(person, row.get("approver")):
                yield ctx.finding(rule, "duty-conflict", f"{table}[{index}].approver",
                                  f"{ctx.label(person_path)}（{person}）审批了自己的表单（{row.get('role')}）",
                                  f"{person_path} ({person}) approves their own form as '{row.get('role')}'")
