"""Settings an office may change in compliance.toml: grade bands and score weights.

Rule thresholds and role names live in the rule files and are overridden per rule (see config).
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ScoreWeights:
    """000 §五(二)2: superior, peer and self assessment combined; the superior weighs most."""

    manager: float = 0.6
    peer: float = 0.2
    self_: float = 0.2


@dataclass(frozen=True)
class Settings:
    # (lowest score, grade), highest band first.
    grade_bands: tuple[tuple[float, str], ...] = ((90, "优秀"), (80, "良好"), (60, "合格"), (0, "不合格"))
    score_weights: ScoreWeights = field(default_factory=ScoreWeights)


DEFAULT_SETTINGS = Settings()
