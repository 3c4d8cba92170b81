"""kind: date_order — one date may not come before another (用印日期 after the last approval)."""
from __future__ import annotations

from .base import Context, Rule, date_of

KIND = "date_order"
PARAMS = {"type": "object", "additionalProperties": False, "required": ["earlier", "later"],
          "properties": {"earlier": {"type": "string", "x-names": "field"}, "later": {"type": "string", "x-names": "field"}}}


def check(ctx: Context, rule: Rule):
    earlier_path, later_path = rule.params["earlier"], rule.params["later"]
    earlier, later = date_of(ctx.value(earlier_path)), date_of(ctx.value(later_path))
    if earlier is None or later is None or later >= earlier:
        return
    yield ctx.finding(rule, "date-order", later_path,
                      f"{ctx.label(later_path)}（{later}）早于{ctx.label(earlier_path)}（{earlier}）",
                      f"{later_path} ({later}) is before {earlier_path} ({earlier})")
