"""kind: schema — the form's required fields are present and every value is well-formed."""
from __future__ import annotations

from ...model.validation import validate
from .base import Context, Rule

KIND = "schema"
PARAMS = {"type": "object", "additionalProperties": False, "properties": {}}


def check(ctx: Context, rule: Rule):
    for problem in validate(ctx.schema, ctx.tree, ctx.data):
        yield ctx.finding(rule, problem.code, problem.path or None,
                          f"{problem.label}：{problem.message_zh}", f"{problem.label}: {problem.message_en}")
