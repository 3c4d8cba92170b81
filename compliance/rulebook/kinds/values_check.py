"""kind: value — a field must (not) hold certain values: 附单据张数 ≥ 1, 用印文件名称 not 空白, materials provided."""
from __future__ import annotations

from ...model.textnorm import label_key
from .base import Context, Rule, blank

KIND = "value"
PARAMS = {"type": "object", "additionalProperties": False, "required": ["fields"],
          "properties": {"fields": {"type": "array", "items": {"type": "string", "x-names": "field"}, "minItems": 1},
                         "at_least": {"type": "number"}, "equals": {},
                         "not_containing": {"type": "array", "items": {"type": "string"}}}}


def check(ctx: Context, rule: Rule):
    params = rule.params
    for path in params["fields"]:
        value = ctx.value(path)
        label = ctx.label(path)
        if "equals" in params and value != params["equals"]:
            shown = {True: "是", False: "否", None: "未填"}.get(value, value) if isinstance(value, (bool, type(None))) else value
            want = {True: "是", False: "否"}.get(params["equals"], params["equals"])
            yield ctx.finding(rule, "field-invalid", path, f"{label}应为“{want}”，实为“{shown}”",
                              f"{path} must be {params['equals']!r}, found {value!r}")
        if "at_least" in params and value is not None and value < params["at_least"]:
            yield ctx.finding(rule, "field-invalid", path, f"{label}不得少于 {params['at_least']}",
                              f"{path} must be at least {params['at_least']}")
        if "not_containing" in params and not blank(value):
            words = [w for w in params["not_containing"] if label_key(w) in label_key(str(value))]
            if words or not label_key(str(value)):
                yield ctx.finding(rule, "field-invalid", path, f"{label}「{value}」不是有效内容（含“{words[0] if words else value}”）",
                                  f"{path} '{value}' is not acceptable (contains '{words[0] if words else value}')")
