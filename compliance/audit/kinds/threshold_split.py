"""kind: threshold_split — one claimant's slips, each under the amount that needs a collective
decision, together at or over it, their expenses within a window of days of each other, and
none of them decided collectively: a claim split to stay under the threshold.

params:
  form: the slips' form (reimbursement); person: the claimant's field; dates: the expense date
  column (`items[].date`); amounts: the lines' amounts (`items[].amount`), added up when a slip
  submitted as data leaves its total out; threshold_rule: the form's rule that sets the amount and the roles of
  the collective decision (its `field`, `at_least` and `roles` are used, with the company's
  overrides: one number, in one place); window_days: how close the expenses must lie (a company
  setting).
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ...model.dates import parse_date
from ..facts import approved_by, fen, person_key
from ..model import finding

KIND = "threshold_split"
PARAMS = {"type": "object", "additionalProperties": False,
          "required": ["form", "person", "dates", "amounts", "threshold_rule", "window_days"],
          "properties": {"form": {"type": "string", "x-names": "form"},
                         "person": {"type": "string", "x-names": "field", "x-form": "form"},
                         "dates": {"type": "string", "x-names": "field", "x-form": "form"},
                         "amounts": {"type": "string", "x-names": "field", "x-form": "form"},
                         "threshold_rule": {"type": "string", "x-names": "rule", "x-form": "form"},
                         "window_days": {"type": "integer", "minimum": 0}}}


def _column(data: dict, path: str) -> list:
    table, _, column = path.partition("[].")
    if not column:
        return [data.get(path)]
    return [row.get(column) for row in data.get(table) or () if isinstance(row, dict)]


def _dates(data: dict, path: str) -> list[dt.date]:
    return [day for day in (parse_date(str(v)) if v not in (None, "") else None for v in _column(data, path))
            if day is not None]


def _total(data: dict, field: str, lines: str) -> Decimal | None:
    total = fen(data.get(field))
    if total is not None:
        return total
    amounts = [fen(value) for value in _column(data, lines)]
    return sum((a for a in amounts if a is not None), Decimal(0)) if any(a is not None for a in amounts) else None


def facts(rule, result, context):
    if result.form != rule.params["form"] or not isinstance(result.data, dict):
        return None
    threshold = context.rule(rule.params["form"], rule.params["threshold_rule"])
    data = result.data
    amount = _total(data, threshold.params["field"], rule.params["amounts"])
    who, dates = person_key(data.get(rule.params["person"])), _dates(data, rule.params["dates"])
    if amount is None or not who or not dates:
        return None
    table = threshold.params.get("table", "approvals")
    return who, amount, min(dates), max(dates), approved_by(data.get(table), threshold.params["roles"])


def check(rule, gathered, context):
    threshold = context.rule(rule.params["form"], rule.params["threshold_rule"])
    limit = Decimal(str(threshold.params["at_least"]))
    window = dt.timedelta(days=rule.params["window_days"])
    by_person: dict[str, list] = {}
    for path, (who, amount, first, last, collective) in gathered:
        if amount < limit and not collective:
            by_person.setdefault(who, []).append((first, last, amount, path))
    for slips in by_person.values():
        slips.sort()
        reported: set[str] = set()
        for start, (first, _last, _amount, path) in enumerate(slips):
            if path in reported:
                continue
            group = []
            for slip in slips[start:]:  # sorted by first date: past the window, no later slip fits
                if slip[0] - first > window:
                    break
                if slip[1] - first <= window and slip[3] not in reported:
                    group.append(slip)
            total = sum((slip[2] for slip in group), Decimal(0))
            if len(group) >= 2 and total >= limit:
                paths = [slip[3] for slip in group]
                reported.update(paths)
                yield finding(rule, "threshold-split", paths,
                              f"{len(paths)} 张报销单同一报销人、费用在 {rule.params['window_days']} 天内，各自低于 {limit:,.2f}，"
                              f"合计 {total:,.2f} 达到集体决策标准，均无{'、'.join(threshold.params['roles'])}审批",
                              f"{len(paths)} slips of one claimant with expenses within {rule.params['window_days']} days, each "
                              f"under {limit:,.2f}, together {total:,.2f}, reach the collective-decision threshold, and none "
                              f"has a {'/'.join(threshold.params['roles'])} approval", threshold.company_setting)
