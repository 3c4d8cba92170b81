"""Arithmetic the regulations imply, shared by the generator (to derive) and the checker (to verify)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .amounts import to_fen
from .settings import ScoreWeights, Settings


def column_sum(rows: list[dict] | None, key: str) -> Decimal | None:
    """Sum of one column over table rows; None when no row carries the column."""
    values = [row[key] for row in rows or () if isinstance(row, dict) and row.get(key) is not None]
    if not values:
        return None
    return sum((to_fen(v) for v in values), Decimal(0))


@dataclass(frozen=True)
class ScoreColumns:
    """Which columns of an indicator table hold its weight and the three assessments; the form's
    files name them (the x-derive of 综合得分 and the score rule), no code assumes them."""

    weight: str
    manager: str
    peer: str
    self_: str

    @classmethod
    def named(cls, spec: dict) -> ScoreColumns:
        return cls(spec["weight"], spec["manager"], spec["peer"], spec["self"])


SCORE_STEP = Decimal("0.1")  # 综合得分 is stated to one decimal, rounded half up (86.65 → 86.7)


def _exact(value) -> Decimal | None:
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        return None
    return number if number.is_finite() else None


def indicator_score(row: dict, columns: ScoreColumns, weights: ScoreWeights) -> Decimal | None:
    """One indicator's combined score from all three assessments; None if any is missing (a
    missing assessment is reported, never spread over the others)."""
    parts = [(row.get(columns.manager), weights.manager), (row.get(columns.peer), weights.peer),
             (row.get(columns.self_), weights.self_)]
    scores = [_exact(score) for score, _weight in parts]
    if any(score is None for score in scores):
        return None
    total_weight = sum((_exact(weight) or Decimal(0) for _score, weight in parts), Decimal(0))
    if total_weight == 0:
        return None
    return sum((score * (_exact(weight) or Decimal(0)) for score, (_s, weight) in zip(scores, parts) if score is not None),
               Decimal(0)) / total_weight


def weighted_score(indicators: list[dict] | None, columns: ScoreColumns, weights: ScoreWeights) -> Decimal | None:
    """综合得分 = Σ 权重/100 × indicator score, exactly, rounded half up to one decimal; None when
    any indicator cannot be scored (a missing assessment or weight)."""
    if not indicators:
        return None
    total = Decimal(0)
    for row in indicators:
        score = indicator_score(row, columns, weights)
        weight = _exact(row.get(columns.weight))
        if score is None or weight is None:
            return None
        total += weight / 100 * score
    return total.quantize(SCORE_STEP, rounding=ROUND_HALF_UP)


def grade_for(score: float | Decimal, settings: Settings) -> str:
    for lowest, grade in settings.grade_bands:
        if score >= lowest:
            return grade
    return settings.grade_bands[-1][1]
