"""kind: date_order — one date may not come before another (用印日期 after every approval), and
may have to follow it within a number of days (印章 returned within 3 days of use).

params:
  earlier, later: date fields; `approvals[].date` stands for every row's date (the latest counts),
                  so the order cannot be dodged by the order of the rows
  within_days: `later` must come at most this many days after `earlier` (a company setting)
  required_by_then: once `within_days` have passed since `earlier` (by the day of the check),
                    an empty `later` is `field-missing` (a seal used and not yet returned)
  finding_at: `later` (the default) or `earlier`: the date a finding names, the one to correct
              (办结日期 after its 处理期限: earlier 办结日期, later 处理期限, finding_at earlier)

Rows of a register: when `earlier` and `later` are columns of the same table (`uses[].date` and
`uses[].returned_at`), each row is judged on its own dates, never against another row's, and a
finding names that row's cell (`uses[2].returned_at`, on the page the row was read from). A row
without an `earlier` date is passed over (the schema rule reports it when it is required).
Otherwise a column in `earlier` stands for all its rows, as above.
"""
from __future__ import annotations

import datetime as dt

from .base import Context, Rule, blank, date_of, value_at, values_at
from .rows import column_label, in_row, one_table, rows

KIND = "date_order"
PARAMS = {"type": "object", "additionalProperties": False, "required": ["earlier", "later"],
          "properties": {"earlier": {"type": "string", "x-names": "field"}, "later": {"type": "string", "x-names": "field"},
                         "within_days": {"type": "integer", "minimum": 0},
                         "required_by_then": {"type": "boolean"},
                         "finding_at": {"enum": ["earlier", "later"]}},
          "dependentRequired": {"required_by_then": ["within_days"]}}


def _latest(data: dict, path: str) -> tuple[dt.date | None, int | None]:
    """The latest date `path` reaches, and for a table column the index of the row holding it."""
    if "[]" in path:
        table, _, rest = path.partition("[].")
        found = value_at(data, table)
        dated = [(d, i) for i, row in enumerate(found if isinstance(found, list) else ()) if isinstance(row, dict)
                 for d in (date_of(v) for v in values_at(row, rest)) if d is not None]
        if not dated:
            return None, None
        latest = max(d for d, _i in dated)
        return latest, next(i for d, i in dated if d == latest)
    dates = [d for d in (date_of(v) for v in values_at(data, path)) if d is not None]
    return (max(dates) if dates else None), None


class _Pair:
    """The two dates compared, with the paths and labels a finding shows."""

    def __init__(self, earlier: dt.date, earlier_path: str, earlier_label: str,
                 later_value, later_path: str, later_label: str, where: str = "") -> None:
        self.earlier, self.earlier_path, self.earlier_label = earlier, earlier_path, earlier_label
        self.later_value, self.later, self.later_path, self.later_label = later_value, date_of(later_value), later_path, later_label
        self.where = where  # the row, for a register: `用印记录 第3行：` (the English path names it)


def _judge(ctx: Context, rule: Rule, pair: _Pair):
    params = rule.params
    name_earlier = params.get("finding_at") == "earlier"
    at = pair.earlier_path if name_earlier else pair.later_path
    later, earlier = pair.later, pair.earlier
    if later is not None and later < earlier:
        if name_earlier:
            zh = f"{pair.where}{pair.earlier_label}（{earlier}）晚于{pair.later_label}（{later}）"
            en = f"{pair.earlier_path} ({earlier}) is after {pair.later_path} ({later})"
        else:
            zh = f"{pair.where}{pair.later_label}（{later}）早于{pair.earlier_label}（{earlier}）"
            en = f"{pair.later_path} ({later}) is before {pair.earlier_path} ({earlier})"
        yield ctx.finding(rule, "date-order", at, zh, en)
        return
    days = params.get("within_days")
    if days is None:
        return
    deadline = earlier + dt.timedelta(days=days)
    if later is not None and later > deadline:
        yield ctx.finding(rule, "date-order", at,
                          f"{pair.where}{pair.later_label}（{later}）晚于{pair.earlier_label}后 {days} 天（{deadline}）",
                          f"{pair.later_path} ({later}) is more than {days} days after {pair.earlier_path} ({earlier})")
    elif blank(pair.later_value) and params.get("required_by_then") and ctx.as_of is not None and ctx.as_of > deadline:
        yield ctx.finding(rule, "field-missing", pair.later_path,
                          f"{pair.where}{pair.earlier_label}（{earlier}）后 {days} 天已过，{pair.later_label}仍未填写",
                          f"{days} days have passed since {pair.earlier_path} ({earlier}) "
                          f"and {pair.later_path} is still empty")


def _row_by_row(ctx: Context, rule: Rule, table: str, earlier_column: str, later_column: str):
    for index, row in rows(ctx, table):
        earlier = max((d for d in (date_of(v) for v in values_at(row, earlier_column)) if d is not None), default=None)
        if earlier is None:
            continue
        where = ctx.label(f"{table}[{index}]")
        yield from _judge(ctx, rule, _Pair(
            earlier, in_row(table, index, earlier_column), column_label(ctx, table, index, earlier_column),
            value_at(row, later_column), in_row(table, index, later_column), column_label(ctx, table, index, later_column),
            f"{where}："))


def check(ctx: Context, rule: Rule):
    params = rule.params
    earlier_path, later_path = params["earlier"], params["later"]
    same_table = one_table(earlier_path, later_path)
    if same_table is not None:
        table, (earlier_column, later_column) = same_table
        yield from _row_by_row(ctx, rule, table, earlier_column, later_column)
        return
    earlier, row = _latest(ctx.data, earlier_path)
    if earlier is None:
        return
    # A finding that names `earlier` names the row holding the latest date.
    shown = earlier_path.replace("[]", f"[{row}]", 1) if row is not None and params.get("finding_at") == "earlier" else earlier_path
    yield from _judge(ctx, rule, _Pair(earlier, shown, ctx.label(shown),
                                       ctx.value(later_path), later_path, ctx.label(later_path)))
