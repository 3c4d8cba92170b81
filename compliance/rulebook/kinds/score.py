"""kind: score — 综合得分 follows from the indicators, and 考核等级 from the score (000 §五(二))."""
from __future__ import annotations

from decimal import Decimal

from ...model.formulas import ScoreColumns, grade_for, weighted_score
from .base import Context, Rule, blank

KIND = "score"
PARAMS = {"type": "object", "additionalProperties": False, "required": ["table", "weight", "manager", "peer", "self", "score"],
          "properties": {"table": {"type": "string", "x-names": "table"},
                         "weight": {"type": "string", "x-names": "column", "x-table": "table"},
                         "manager": {"type": "string", "x-names": "column", "x-table": "table"},
                         "peer": {"type": "string", "x-names": "column", "x-table": "table"},
                         "self": {"type": "string", "x-names": "column", "x-table": "table"},
                         "score": {"type": "string", "x-names": "field"},
                         "grade": {"type": "string", "x-names": "field"}}}


_RATERS = (("manager", "上级评价", "the superior's assessment"), ("peer", "同事评价", "the peers' assessment"),
           ("self", "自我评价", "the self-assessment"))


def _rows(ctx: Context, rule: Rule):
    """Each indicator that cannot count as it stands: an assessment missing, or no weight."""
    params = rule.params
    table = params["table"]
    for index, row in enumerate(ctx.value(table) or ()):
        if not isinstance(row, dict):
            continue
        for key, zh, en in _RATERS:
            if blank(row.get(params[key])):
                yield ctx.finding(rule, "field-invalid", f"{table}[{index}].{params[key]}",
                                  f"第 {index + 1} 项指标缺少{zh}：三种评价相结合，缺一不可",
                                  f"indicator {index + 1} lacks {en}: all three assessments are combined")
        weight = row.get(params["weight"])
        if weight is not None and not isinstance(weight, bool) and float(weight) <= 0:
            yield ctx.finding(rule, "field-invalid", f"{table}[{index}].{params['weight']}",
                              f"第 {index + 1} 项指标的权重为 {weight}：不计权重的指标不能列入考核",
                              f"indicator {index + 1} has a weight of {weight}: an indicator that weighs nothing is no indicator")


def check(ctx: Context, rule: Rule):
    params = rule.params
    settings = ctx.settings
    yield from _rows(ctx, rule)
    given = ctx.value(params["score"])
    computed = weighted_score(ctx.value(params["table"]), ScoreColumns.named(params), settings.score_weights)
    if given is not None and computed is not None and Decimal(str(given)) != computed:
        yield ctx.finding(rule, "score-mismatch", params["score"],
                          f"{ctx.label(params['score'])} {given} 与按权重计算的 {computed} 不符（保留一位小数，四舍五入）",
                          f"{params['score']} {given} differs from the weighted score {computed} (one decimal, half up)")
    grade_path = params.get("grade")
    grade = ctx.value(grade_path) if grade_path else None
    basis = computed if computed is not None else given
    if grade is not None and basis is not None:
        # From the computed score, never from the written one: 89.6 written as 90 stays 良好.
        expected = grade_for(Decimal(str(basis)), settings)
        if grade != expected:
            yield ctx.finding(rule, "grade-mismatch", grade_path,
                              f"得分 {basis} 对应等级“{expected}”，表上为“{grade}”",
                              f"a score of {basis} means grade '{expected}', the form says '{grade}'")
