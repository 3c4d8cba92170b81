"""Regulation 001 §七(四)3: never put a seal on a blank sheet — as findings, for callers
that have only a document's seal pages (`compliance.seals.seal_findings`).

The rule itself is the `seal_blank_page` kind, held by the document rules (builtin
document-rules.yaml) like every other rule; this asks it.
"""
from __future__ import annotations

from ..model.config import DEFAULT_CONFIG
from ..model.fields import FieldTree
from ..model.findings import Finding
from .model import PageReport


def blank_page_findings(file: str, reports: list[PageReport]) -> list[Finding]:
    from ..rulebook import document_rules
    from ..rulebook.kinds import KINDS
    from ..rulebook.kinds.base import Context

    context = Context(file, "", FieldTree(()), {}, {}, {}, DEFAULT_CONFIG.settings, tuple(reports))
    findings = [finding for rule in document_rules(DEFAULT_CONFIG) if rule.kind == "seal_blank_page"
                for finding in KINDS[rule.kind].check(context, rule)]
    return sorted(findings, key=Finding.sort_key)
