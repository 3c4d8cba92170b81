"""Regulation 001 §七(四)3: never put a seal on a blank sheet — as findings, for callers that
have only a document's seals (`compliance stamps`, and `seal_findings` for Python).

The rule itself is the `seal_blank_page` kind, held by the document rules (builtin
document-rules.yaml) like every other rule; this asks it.
"""
from __future__ import annotations

from pathlib import Path

from ..model.config import DEFAULT_CONFIG
from ..model.fields import FieldTree
from ..model.findings import Finding
from ..seals.model import PageReport


def blank_page_findings(file: str, reports: list[PageReport]) -> list[Finding]:
    from ..rulebook import document_rules
    from ..rulebook.kinds import KINDS
    from ..rulebook.kinds.base import Context

    context = Context(file, "", FieldTree(()), {}, {}, {}, DEFAULT_CONFIG.settings, tuple(reports))
    findings = [finding for rule in document_rules(DEFAULT_CONFIG) if rule.kind == "seal_blank_page"
                for finding in KINDS[rule.kind].check(context, rule)]
    return sorted(findings, key=Finding.sort_key)


def seal_findings(path: Path, *, render: bool = False, password: str | None = None) -> list[Finding]:
    """`stamp-on-blank-page` findings (severity error), one per blank stamped page."""
    from ..seals import analyze

    return blank_page_findings(str(path), analyze(path, render=render, password=password))
