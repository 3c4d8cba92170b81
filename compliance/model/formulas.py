"""Arithmetic the regulations imply, shared by the generator (to derive) and the checker (to verify)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

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


def indicator_score(row: dict, columns: ScoreColumns, weights: ScoreWeights) -> float | None:
    """One indicator's combined score; the weights of missing scores are spread over the others."""
    parts = [(row.get(columns.manager), weights.manager), (row.get(columns.peer), weights.peer),
             (row.get(columns.self_), weights.self_)]
    present = [(float(score), weight) for score, weight in parts if score is not None]
    total_weight = sum(weight for _, weight in present)
    if not present or total_weight == 0:
        return None
    return sum(score * weight for score, weight in present) / total_weight


def weighted_score(indicators: list[dict] | None, columns: ScoreColumns, weights: ScoreWeights) -> float | None:
    """综合得分 = Σ 权重/100 × indicator score; None when any indicator cannot be scored."""
    total = 0.0
    for row in indicators or ():
        score = indicator_score(row, columns, weights)
        if score is None or row.get(columns.weight) is None:
            return None
        total += float(row[columns.weight]) / 100 * score
    return round(total, 1) if indicators else None


def grade_for(score: float, settings: Settings) -> str:
    for lowest, grade in settings.grade_bands:
        if score >= lowest:
            return grade
    return settings.grade_bands[-1][1]
