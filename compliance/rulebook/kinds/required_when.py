"""kind: required_when — a value that makes another field necessary (不合格 → 整改意见)."""
from __future__ import annotations

from .base import Context, Rule, blank

KIND = "required_when"
PARAMS = {"type": "object", "additionalProperties": False, "required": ["field", "in", "require"],
          "properties": {"field": {"type": "string", "x-names": "field"}, "in": {"type": "array"},
                         "require": {"type": "array", "items": {"type": "string", "x-names": "field"}, "minItems": 1}}}


def check(ctx: Context, rule: Rule):
    trigger = rule.params["field"]
    value = ctx.value(trigger)
    if value not in rule.params["in"]:
        return
    for needed in rule.params["require"]:
        if blank(ctx.value(needed)):
            yield ctx.finding(rule, "required-when", needed,
                              f"{ctx.label(trigger)}为“{value}”时必须填写{ctx.label(needed)}",
                              f"{needed} is required when {trigger} is '{value}'")
