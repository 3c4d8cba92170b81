"""Fill what the form can work out itself (x-derive in the schema), and refuse contradictions.

合计金额 from the lines, 大写金额 from the figure, 附单据张数 from the receipts, 综合得分 from the
indicators, 考核等级 from the score. A value the clerk wrote that disagrees is a problem, not
something to overwrite silently.
"""
from __future__ import annotations

from decimal import Decimal

from ..model.canonical import DataProblem
from ..model.fields import Field, FieldTree
from ..model.settings import Settings
from ..rulebook.computations import COMPUTATIONS


def _as_field_value(field_type: str, computed):
    if isinstance(computed, Decimal):
        return int(computed) if field_type == "integer" or computed == computed.to_integral_value() else float(computed)
    return computed


def _in_dependency_order(derived: list[tuple[Field, str, object]]) -> list[tuple[Field, str, object]]:
    """Each computed field after the computed fields it reads (大写金额 after 合计金额)."""
    produced = {field.key for field, _name, _argument in derived}
    ordered: list[tuple[Field, str, object]] = []
    pending = list(derived)
    while pending:
        done = {field.key for field, _name, _argument in ordered}
        ready = [item for item in pending
                 if all(key not in produced or key in done for key in COMPUTATIONS[item[1]].inputs(item[2]))]
        if not ready:  # a cycle: the template gate reports it; here, keep the schema's order
            ready = pending[:1]
        ordered += ready
        pending = [item for item in pending if item not in ready]
    return ordered


def derive(tree: FieldTree, data: dict, settings: Settings) -> tuple[dict, list[DataProblem]]:
    result = dict(data)
    problems = []
    derived = [(f, name, argument) for f in tree.fields for name, argument in f.schema.get("x-derive", {}).items()]
    for field, name, argument in _in_dependency_order(derived):
        computation = COMPUTATIONS[name]
        computed = computation.compute(argument, result, settings)
        if computed is None:
            continue
        given = result.get(field.key)
        if given is None:
            result[field.key] = _as_field_value(field.schema.get("type", ""), computed)
        elif not computation.agrees(given, computed, settings):
            shown = format(computed, ",.2f") if isinstance(computed, Decimal) else computed
            problems.append(DataProblem(
                field.key, field.title, computation.MISMATCH,
                f"填写的「{given}」与计算结果「{shown}」不一致",
                f"the given '{given}' disagrees with the computed '{shown}'",
            ))
    return result, problems
