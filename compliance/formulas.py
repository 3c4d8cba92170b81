"""Arithmetic the regulations imply, shared by the generator (to derive) and the checker (to verify)."""
from __future__ import annotations

from decimal import Decimal

from .amounts import to_fen
from .settings import ScoreWeights, Settings


def column_sum(rows: list[dict] | None, key: str) -> Decimal | None:
    """Sum of one column over table rows; None when no row carries the column."""
    values = [row[key] for row in rows or () if isinstance(row, dict) and row.get(key) is not None]
    if not values:
        return None
    return sum((to_fen(v) for v in values), Decimal(0))


def indicator_score(row: dict, weights: ScoreWeights) -> float | None:
    """One indicator's combined score; the weights of missing scores are spread over the others."""
    parts = [(row.get("manager_score"), weights.manager), (row.get("peer_score"), weights.peer),
             (row.get("self_score"), weights.self_)]
    present = [(float(score), weight) for score, weight in parts if score is not None]
    total_weight = sum(weight for _, weight in present)
    if not present or total_weight == 0:
        return None
    return sum(score * weight for score, weight in present) / total_weight


def weighted_score(indicators: list[dict] | None, weights: ScoreWeights) -> float | None:
    """综合得分 = Σ 权重/100 × indicator score; None when any indicator cannot be scored."""
    total = 0.0
    for row in indicators or ():
        score = indicator_score(row, weights)
        if score is None or row.get("weight") is None:
            return None
        total += float(row["weight"]) / 100 * score
    return round(total, 1) if indicators else None


def grade_for(score: float, settings: Settings) -> str:
    for lowest, grade in settings.grade_bands:
        if score >= lowest:
            return grade
    return settings.grade_bands[-1][1]
