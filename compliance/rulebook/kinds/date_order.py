"""kind: date_order — one date may not come before another (用印日期 after every approval), and
may have to follow it within a number of days (印章 returned within 3 days of use).

params:
  earlier, later: date fields; `approvals[].date` stands for every row's date (the latest counts),
                  so the order cannot be dodged by the order of the rows
  within_days: `later` must come at most this many days after `earlier` (a company setting)
  required_by_then: once `within_days` have passed since `earlier` (by the day of the check),
                    an empty `later` is `field-missing` (a seal used and not yet returned)
"""
from __future__ import annotations

import datetime as dt

from .base import Context, Rule, blank, date_of, values_at

KIND = "date_order"
PARAMS = {"type": "object", "additionalProperties": False, "required": ["earlier", "later"],
          "properties": {"earlier": {"type": "string", "x-names": "field"}, "later": {"type": "string", "x-names": "field"},
                         "within_days": {"type": "integer", "minimum": 0},
                         "required_by_then": {"type": "boolean"}},
          "dependentRequired": {"required_by_then": ["within_days"]}}


def _latest(ctx: Context, path: str) -> dt.date | None:
    dates = [d for d in (date_of(v) for v in values_at(ctx.data, path)) if d is not None]
    return max(dates) if dates else None


def check(ctx: Context, rule: Rule):
    params = rule.params
    earlier_path, later_path = params["earlier"], params["later"]
    earlier = _latest(ctx, earlier_path)
    later_value = ctx.value(later_path)
    later = date_of(later_value)
    if earlier is None:
        return
    if later is not None and later < earlier:
        yield ctx.finding(rule, "date-order", later_path,
                          f"{ctx.label(later_path)}（{later}）早于{ctx.label(earlier_path)}（{earlier}）",
                          f"{later_path} ({later}) is before {earlier_path} ({earlier})")
        return
    days = params.get("within_days")
    if days is None:
        return
    deadline = earlier + dt.timedelta(days=days)
    if later is not None and later > deadline:
        yield ctx.finding(rule, "date-order", later_path,
                          f"{ctx.label(later_path)}（{later}）晚于{ctx.label(earlier_path)}后 {days} 天（{deadline}）",
                          f"{later_path} ({later}) is more than {days} days after {earlier_path} ({earlier})")
    elif blank(later_value) and params.get("required_by_then") and ctx.as_of is not None and ctx.as_of > deadline:
        yield ctx.finding(rule, "field-missing", later_path,
                          f"{ctx.label(earlier_path)}（{earlier}）后 {days} 天已过，{ctx.label(later_path)}仍未填写",
                          f"{days} days have passed since {earlier_path} ({earlier}) and {later_path} is still empty")
