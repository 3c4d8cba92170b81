"""kind: covers — a table column must include each listed value (all three assessment categories)."""
from __future__ import annotations

from .base import Context, Rule

KIND = "covers"
PARAMS = {"type": "object", "additionalProperties": False, "required": ["table", "column", "values"],
          "properties": {"table": {"type": "string", "x-names": "table"},
                         "column": {"type": "string", "x-names": "column", "x-table": "table"},
                         "values": {"type": "array", "minItems": 1}}}


def check(ctx: Context, rule: Rule):
    rows = ctx.value(rule.params["table"]) or []
    present = {row.get(rule.params["column"]) for row in rows if isinstance(row, dict)}
    for value in rule.params["values"]:
        if value not in present:
            path = rule.params["table"]
            yield ctx.finding(rule, "field-missing", path, f"{ctx.label(path)}缺少“{value}”类指标",
                              f"{path} has no row with {rule.params['column']} '{value}'")
