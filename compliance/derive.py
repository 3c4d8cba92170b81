"""Fill what the form can work out itself (x-derive in the schema), and refuse contradictions.

合计金额 from the lines, 大写金额 from the figure, 附单据张数 from the receipts, 综合得分 from the
indicators, 考核等级 from the score. A value the clerk wrote that disagrees is a problem, not
something to overwrite silently.
"""
from __future__ import annotations

from decimal import Decimal

from .amounts import format_capital, parse_capital, to_fen
from .fields import FieldTree
from .formulas import column_sum, grade_for, weighted_score
from .records import FIELD_INVALID, DataProblem
from .settings import Settings

AMOUNT_TOTAL_MISMATCH = "amount-total-mismatch"
AMOUNT_CAPITAL_MISMATCH = "amount-capital-mismatch"
_ORDER = ("sum", "weighted_score", "capital", "grade")


def _compute(kind: str, argument, data: dict, settings: Settings):
    if kind == "sum":
        table, column = argument
        return column_sum(data.get(table), column)
    if kind == "weighted_score":
        return weighted_score(data.get(argument), settings.score_weights)
    if kind == "capital":
        figure = data.get(argument)
        return format_capital(figure) if figure is not None else None
    if kind == "grade":
        score = data.get(argument)
        return grade_for(float(score), settings) if score is not None else None
    raise ValueError(f"unknown x-derive kind {kind}")


def _agrees(kind: str, given, computed, settings: Settings) -> bool:
    if kind == "sum":
        return to_fen(given) == computed
    if kind == "weighted_score":
        return abs(float(given) - computed) <= settings.score_tolerance
    if kind == "capital":
        return parse_capital(str(given)) == parse_capital(computed)
    return given == computed


def _as_field_value(field_type: str, computed):
    if isinstance(computed, Decimal):
        return int(computed) if field_type == "integer" or computed == computed.to_integral_value() else float(computed)
    return computed


def derive(tree: FieldTree, data: dict, settings: Settings) -> tuple[dict, list[DataProblem]]:
    result = dict(data)
    problems = []
    derived = [(f, kind, arg) for f in tree.fields for kind, arg in f.schema.get("x-derive", {}).items()]
    for field, kind, argument in sorted(derived, key=lambda item: _ORDER.index(item[1])):
        computed = _compute(kind, argument, result, settings)
        if computed is None:
            continue
        given = result.get(field.key)
        if given is None:
            result[field.key] = _as_field_value(field.schema.get("type", ""), computed)
        elif not _agrees(kind, given, computed, settings):
            code = {"sum": AMOUNT_TOTAL_MISMATCH, "capital": AMOUNT_CAPITAL_MISMATCH}.get(kind, FIELD_INVALID)
            shown = format(computed, ",.2f") if isinstance(computed, Decimal) else computed
            problems.append(DataProblem(
                field.key, field.title, code,
                f"填写的「{given}」与计算结果「{shown}」不一致",
                f"the given '{given}' disagrees with the computed '{shown}'",
            ))
    return result, problems
