"""The closed set of computations a schema can ask for with `x-derive`, one module each.

`"x-derive": {"sum": ["items", "amount"]}` on 合计金额 names the computation `sum` and its
argument. Each module has NAME, INPUTS(argument) (the top-level fields it reads, so computations
run after what they depend on), compute(argument, data, settings) and agrees(given, computed,
settings), and MISMATCH, the finding code when a given value disagrees. A new computed field of
an existing kind needs only its schema; a new kind is one module here and one line below.
"""
from __future__ import annotations

from types import ModuleType

from . import capital, grade, sum_column, weighted_score

COMPUTATIONS: dict[str, ModuleType] = {module.NAME: module for module in (sum_column, weighted_score, capital, grade)}
