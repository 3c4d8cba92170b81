"""sum: a column added up over a table's rows — 合计金额 from 费用明细.金额. Argument: [table, column]."""
from __future__ import annotations

from decimal import Decimal

from ...model.amounts import to_fen
from ...model.formulas import column_sum
from ...model.settings import Settings

NAME = "sum"
MISMATCH = "amount-total-mismatch"


def inputs(argument: list[str]) -> list[str]:
    return [argument[0]]


def compute(argument: list[str], data: dict, settings: Settings) -> Decimal | None:
    table, column = argument
    return column_sum(data.get(table), column)


def agrees(given, computed: Decimal, settings: Settings) -> bool:
    return to_fen(given) == computed
