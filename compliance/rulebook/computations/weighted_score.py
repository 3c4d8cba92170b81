"""weighted_score: 综合得分 from an indicator table, by weight and the company's score weights
(superior, peer and self; 000 §五(二)2). Argument: the table and the columns holding each part,
{"table": ..., "weight": ..., "manager": ..., "peer": ..., "self": ...}."""
from __future__ import annotations

from decimal import Decimal

from ...model.formulas import ScoreColumns, weighted_score
from ...model.settings import Settings

NAME = "weighted_score"
MISMATCH = "field-invalid"


def inputs(argument: dict) -> list[str]:
    ScoreColumns.named(argument)  # every column must be named: a KeyError here is a schema problem
    return [argument["table"]]


def compute(argument: dict, data: dict, settings: Settings) -> Decimal | None:
    return weighted_score(data.get(argument["table"]), ScoreColumns.named(argument), settings.score_weights)


def agrees(given, computed: Decimal, settings: Settings) -> bool:
    """Exactly: the score is stated to one decimal, rounded half up, and nothing else passes."""
    try:
        return Decimal(str(given)) == computed
    except ArithmeticError:
        return False
