"""grade: 考核等级 from the score, by the company's grade bands. Argument: the score field."""
from __future__ import annotations

from ...model.formulas import grade_for
from ...model.settings import Settings

NAME = "grade"
MISMATCH = "field-invalid"


def inputs(argument: str) -> list[str]:
    return [argument]


def compute(argument: str, data: dict, settings: Settings) -> str | None:
    score = data.get(argument)
    return grade_for(float(score), settings) if score is not None else None


def agrees(given, computed: str, settings: Settings) -> bool:
    return given == computed
