"""kind: required_when — a value that makes another field necessary (不合格 → 整改意见).

params:
  field: the field whose value decides
  in: the values that make `require` necessary; without `in`, any value filled in does
      (a 处理结果 written down needs its 办结日期)
  passed: true — `field` is a date, and `require` is necessary once it has passed by the day of
          the check (a 处理期限 gone by without a 处理结果); not together with `in`
  require: the fields then necessary

Rows of a register: when `field` is a column of a table (`complaints[].deadline`), each row
decides for itself, and a `require` column of the same table (`complaints[].outcome`) is required
in that row only; a finding names that row's cell (`complaints[2].outcome`, on the page the row
was read from). A plain field in `require` (not a column) is required once, when any row calls for it.
"""
from __future__ import annotations

from .base import Context, Rule, blank, date_of, value_at
from .rows import column_label, in_row, one_table, rows

KIND = "required_when"
PARAMS = {"type": "object", "additionalProperties": False, "required": ["field", "require"],
          "properties": {"field": {"type": "string", "x-names": "field"}, "in": {"type": "array"},
                         "passed": {"const": True},
                         "require": {"type": "array", "items": {"type": "string", "x-names": "field"}, "minItems": 1}},
          "not": {"required": ["in", "passed"]}}


def _reason(ctx: Context, rule: Rule, value, label: str, path: str) -> tuple[str, str] | None:
    """(zh, en) of why `value` of the deciding field calls for the others, or None when it does not."""
    params = rule.params
    if "in" in params:
        return (f"{label}为“{value}”时", f"when {path} is '{value}'") if value in params["in"] else None
    if params.get("passed"):
        day = date_of(value) if not blank(value) else None
        if day is None or ctx.as_of is None or ctx.as_of <= day:
            return None
        return f"{label}（{day}）已过，", f"once {path} ({day}) has passed"
    return (f"已填写{label}，", f"once {path} is filled in") if not blank(value) else None


def _finding(ctx: Context, rule: Rule, needed: str, needed_label: str, reason: tuple[str, str], where: str = ""):
    zh, en = reason
    return ctx.finding(rule, "required-when", needed, f"{where}{zh}必须填写{needed_label}",
                       f"{needed} is required {en}")


def _row_by_row(ctx: Context, rule: Rule, table: str, column: str):
    trigger = rule.params["field"]
    elsewhere_reason = None
    for index, row in rows(ctx, table):
        label = column_label(ctx, table, index, column)
        reason = _reason(ctx, rule, value_at(row, column), label, in_row(table, index, column))
        if reason is None:
            continue
        elsewhere_reason = elsewhere_reason or reason
        for needed in rule.params["require"]:
            same = one_table(trigger, needed)
            if same is None:
                continue
            needed_column = same[1][1]
            if blank(value_at(row, needed_column)):
                yield _finding(ctx, rule, in_row(table, index, needed_column),
                               column_label(ctx, table, index, needed_column), reason,
                               f"{ctx.label(f'{table}[{index}]')}：")
    if elsewhere_reason is None:
        return
    for needed in rule.params["require"]:
        if one_table(trigger, needed) is None and blank(ctx.value(needed)):
            yield _finding(ctx, rule, needed, ctx.label(needed), elsewhere_reason)


def check(ctx: Context, rule: Rule):
    trigger = rule.params["field"]
    table = one_table(trigger)
    if table is not None:
        yield from _row_by_row(ctx, rule, table[0], table[1][0])
        return
    value = ctx.value(trigger)
    reason = _reason(ctx, rule, value, ctx.label(trigger), trigger)
    if reason is None:
        return
    for needed in rule.params["require"]:
        if blank(ctx.value(needed)):
            yield _finding(ctx, rule, needed, ctx.label(needed), reason)
