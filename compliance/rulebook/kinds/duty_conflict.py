"""kind: duty_conflict — incompatible duties held by one person (001 §八: 不相容职务相互分离), or one
person signing for both parties where two must sign (the acceptance report's 客户代表 and 公司代表).

params: person (a field), against: other person fields; and/or approvals: true to forbid the
person from approving anything on their own form.
"""
from __future__ import annotations

from ...model.approval_text import signature_name
from .approvals import signer
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


def check(ctx: Context, rule: Rule):
    person_path = rule.params["person"]
    person = ctx.value(person_path)
    # One person: names compared after script, width, look-alike characters (⻢ is 马), spacing,
    # invisible characters and notes such as （代） — never by a placeholder, which names nobody.
    me = signature_name(person) if not blank(person) else None
    if me is None:
        return
    for other in rule.params.get("against", ()):
        if signature_name(ctx.value(other)) == me:
            yield ctx.finding(rule, "duty-conflict", other,
                              f"{ctx.label(person_path)}与{ctx.label(other)}为同一人（{person}）",
                              f"{person_path} and {other} are the same person ({person})")
    if rule.params.get("approvals"):
        table = rule.params["table"]
        for index, row in enumerate(ctx.value(table) or ()):
            if isinstance(row, dict) and signer(row) == me:
                yield ctx.finding(rule, "duty-conflict", f"{table}[{index}].approver",
                                  f"{ctx.label(person_path)}（{person}）审批了自己的表单（{row.get('role')}）",
                                  f"{person_path} ({person}) approves their own form as '{row.get('role')}'")
