"""capital: 大写金额 from the figure (肆仟柒佰捌拾元伍角整). Argument: the amount field."""
from __future__ import annotations

from ...model.amounts import format_capital, parse_capital
from ...model.settings import Settings

NAME = "capital"
MISMATCH = "amount-capital-mismatch"


def inputs(argument: str) -> list[str]:
    return [argument]


def compute(argument: str, data: dict, settings: Settings) -> str | None:
    figure = data.get(argument)
    return format_capital(figure) if figure is not None else None


def agrees(given, computed: str, settings: Settings) -> bool:
    # Written another way (参 for 叁, no 整) is the same amount.
    return parse_capital(str(given)) == parse_capital(computed)
