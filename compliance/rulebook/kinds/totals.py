"""kind: total — a table column adds up to a field (合计金额) or to a fixed number (权重 = 100)."""
from __future__ import annotations

from decimal import Decimal

from ...model.amounts import format_figure, to_fen
from ...model.formulas import column_sum
from .base import Context, Rule

KIND = "total"
PARAMS = {
    "type": "object", "additionalProperties": False, "required": ["table", "column"],
    "properties": {"table": {"type": "string", "x-names": "table"},
                   "column": {"type": "string", "x-names": "column", "x-table": "table"},
                   "field": {"type": "string", "x-names": "field"}, "equals": {"type": "number"}},
    "oneOf": [{"required": ["field"]}, {"required": ["equals"]}],
}


def check(ctx: Context, rule: Rule):
    params = rule.params
    computed = column_sum(ctx.value(params["table"]), params["column"])
    if computed is None:
        return
    if "field" in params:
        given = ctx.value(params["field"])
        if given is None or to_fen(given) == computed:
            return
        where, expected = params["field"], format_figure(computed)
        yield ctx.finding(rule, "amount-total-mismatch", where,
                          f"{ctx.label(where)}「{format_figure(given)}」与明细合计「{expected}」不符",
                          f"{where} {format_figure(given)} differs from the sum of the lines, {expected}")
    elif computed != to_fen(params["equals"]):
        where = f"{params['table']}"
        total = format(computed.normalize(), "f") if computed != computed.to_integral_value() else int(computed)
        target = format(Decimal(str(params["equals"])).normalize(), "f")
        yield ctx.finding(rule, "amount-total-mismatch", where,
                          f"{ctx.label(params['table'] + '[0].' + params['column']).split(' ')[-1]}合计为 {total}，应为 {target}",
                          f"{params['column']} adds up to {total}, not {target}")
