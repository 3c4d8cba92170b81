"""The template gate: a forms workspace checked before its forms reach anyone.

One module per kind of check, each returning LintProblems: `schemas` (JSON Schema, Chinese
titles), `rules` (rule files and the fields they name), `templates` (Jinja syntax, placeholders,
required fields shown), `samples` (valid samples render and check clean, invalid ones give their
declared findings). `runner` puts them together; `report` formats the result.
"""
from __future__ import annotations

from .problem import CODES, LintProblem
from .runner import LintReport, lint_workspace

__all__ = ["CODES", "LintProblem", "LintReport", "lint_workspace"]
