"""kind: score — 综合得分 follows from the indicators, and 考核等级 from the score (000 §五(二))."""
from __future__ import annotations

from ...model.formulas import ScoreColumns, grade_for, weighted_score
from .base import Context, Rule

KIND = "score"
PARAMS = {"type": "object", "additionalProperties": False, "required": ["table", "weight", "manager", "peer", "self", "score"],
          "properties": {"table": {"type": "string", "x-names": "table"},
                         "weight": {"type": "string", "x-names": "column", "x-table": "table"},
                         "manager": {"type": "string", "x-names": "column", "x-table": "table"},
                         "peer": {"type": "string", "x-names": "column", "x-table": "table"},
                         "self": {"type": "string", "x-names": "column", "x-table": "table"},
                         "score": {"type": "string", "x-names": "field"},
                         "grade": {"type": "string", "x-names": "field"}}}


def check(ctx: Context, rule: Rule):
    params = rule.params
    settings = ctx.settings
    given = ctx.value(params["score"])
    computed = weighted_score(ctx.value(params["table"]), ScoreColumns.named(params), settings.score_weights)
    if given is not None and computed is not None and abs(float(given) - computed) > settings.score_tolerance:
        yield ctx.finding(rule, "score-mismatch", params["score"],
                          f"{ctx.label(params['score'])} {given} 与按权重计算的 {computed} 不符",
                          f"{params['score']} {given} differs from the weighted score {computed}")
    grade_path = params.get("grade")
    grade = ctx.value(grade_path) if grade_path else None
    if grade is not None and given is not None:
        expected = grade_for(float(given), settings)
        if grade != expected:
            yield ctx.finding(rule, "grade-mismatch", grade_path,
                              f"得分 {given} 对应等级“{expected}”，表上为“{grade}”",
                              f"a score of {given} means grade '{expected}', the form says '{grade}'")
