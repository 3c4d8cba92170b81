"""Fill what the form can work out itself (x-derive in the schema), and refuse contradictions.

合计金额 from the lines, 大写金额 from the figure, 附单据张数 from the receipts, 综合得分 from the
indicators, 考核等级 from the score. A value the clerk wrote that disagrees is a problem, not
something to overwrite silently. A computed value is held to what a given one would be (an amount
within bounds), and a computation that cannot be done is a problem on its field, never a crash.
"""
from __future__ import annotations

from decimal import Decimal

from ..model.canonical import FIELD_INVALID, DataProblem
from ..model.fields import Field, FieldTree
from ..model.settings import Settings
from ..model.values import ValueProblem, coerce
from ..rulebook.computations import COMPUTATIONS

# What a computation may raise on odd data that coercion let through; anything else is a bug.
_CANNOT_COMPUTE = (ArithmeticError, ValueError, TypeError)


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


def _problem(field: Field, code: str, zh: str, en: str) -> DataProblem:
    return DataProblem(field.key, field.title, code, zh, en)


def _compute(field: Field, name: str, argument, data: dict, settings: Settings):
    """(computed, value as the field holds it, problem): computed is None when the inputs are not
    there to compute from, or when the computation cannot be done (then the problem says why)."""
    try:
        computed = COMPUTATIONS[name].compute(argument, data, settings)
        if computed is None:
            return None, None, None
        return computed, coerce(field, _as_field_value(field.schema.get("type", ""), computed)), None
    except ValueProblem as problem:
        return None, None, _problem(field, FIELD_INVALID, f"计算结果：{problem.message_zh}",
                                    f"the computed value: {problem.message_en}")
    except _CANNOT_COMPUTE as error:
        return None, None, _problem(field, FIELD_INVALID, f"无法由所填数据计算（{error}）",
                                    f"cannot be computed from the data given ({error})")


def _disagreement(field: Field, name: str, given, computed, settings: Settings) -> DataProblem | None:
    computation = COMPUTATIONS[name]
    try:
        if computation.agrees(given, computed, settings):
            return None
    except _CANNOT_COMPUTE:
        pass  # a given value that cannot even be compared with the computation disagrees with it
    shown = format(computed, ",.2f") if isinstance(computed, Decimal) else computed
    return _problem(field, computation.MISMATCH, f"填写的「{given}」与计算结果「{shown}」不一致",
                    f"the given '{given}' disagrees with the computed '{shown}'")


def derive(tree: FieldTree, data: dict, settings: Settings,
           refused: frozenset[str] = frozenset()) -> tuple[dict, list[DataProblem]]:
    """The data with computed fields filled in, and the problems found. `refused` holds the
    top-level fields whose values (or a row's) were refused: nothing is computed from them, as a
    total of the lines that were readable would be a wrong total."""
    result = dict(data)
    problems = []
    unknown = set(refused)
    derived = [(f, name, argument) for f in tree.fields for name, argument in f.schema.get("x-derive", {}).items()]
    for field, name, argument in _in_dependency_order(derived):
        if unknown & set(COMPUTATIONS[name].inputs(argument)):
            unknown.add(field.key)
            continue
        computed, value, problem = _compute(field, name, argument, result, settings)
        if problem is not None:
            problems.append(problem)
            unknown.add(field.key)
        if computed is None:
            continue
        given = result.get(field.key)
        if given is None:
            result[field.key] = value
            continue
        disagreement = _disagreement(field, name, given, computed, settings)
        if disagreement is not None:
            problems.append(disagreement)
    return result, problems
