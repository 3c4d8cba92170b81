"""Citations: every clause a rule cites must exist in the regulations (`lint --regulations DIR`).

A clause is cited in one numbered form — document, chapter, part, item: `001 §七(四)3`, or
`003 §2.4` where a regulation numbers its sections — and a rule may cite several, separated by
`；` or `,`. A part cited by its title (`§七(印章管理)`) or a clause past where the text ends is unknown.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ..rulebook.kinds.base import Rule
from .problem import CLAUSE_UNKNOWN, LintProblem

_SEPARATORS = re.compile(r"\s*[；;，,、]\s*|\s+(?:and|及|和)\s+")


def cited(clause: str) -> list[str]:
    """The clauses one citation names."""
    return [part.strip() for part in _SEPARATORS.split(clause) if part.strip()]


def check(path: Path, rules: Iterable[Rule], regulations: dict[str, frozenset[str]]) -> list[LintProblem]:
    problems = []
    for rule in rules:
        for clause in cited(rule.clause):
            document = clause.split(" ", 1)[0]
            if clause in regulations.get(document, frozenset()):
                continue
            if document not in regulations:
                why_zh, why_en = f"没有编号为 {document} 的制度", f"no regulation is numbered {document}"
            else:
                why_zh, why_en = f"制度 {document} 中没有这一条", f"regulation {document} has no such clause"
            problems.append(LintProblem(
                str(path), rule.id, CLAUSE_UNKNOWN,
                f"规则 {rule.id} 引用的条款 “{clause}” 不存在：{why_zh}（条款写作“001 §七(四)3”：文件、章、节、条）",
                f"rule {rule.id} cites '{clause}', which does not exist: {why_en} "
                f"(clauses are written '001 §七(四)3': document, chapter, part, item)"))
    return problems
