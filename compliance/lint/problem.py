"""One thing the template gate says: a LintProblem, naming the file and the field or placeholder."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

# Stable codes, one per kind of breakage; reporters and CI annotations use them as titles.
SCHEMA_INVALID = "schema-invalid"
SCHEMA_TITLE_MISSING = "schema-title-missing"
RULE_INVALID = "rule-invalid"
RULE_UNKNOWN_FIELD = "rule-unknown-field"
TEMPLATE_MISSING = "template-missing"
TEMPLATE_SYNTAX = "template-syntax"
TEMPLATE_UNKNOWN_FIELD = "template-unknown-field"
TEMPLATE_MISSING_FIELD = "template-missing-field"
SAMPLE_MISSING = "sample-missing"
SAMPLE_INVALID = "sample-invalid"
SAMPLE_NOT_CLEAN = "sample-not-clean"
SAMPLE_FINDINGS_DIFFER = "sample-findings-differ"
FILE_ORPHAN = "file-orphan"
CONFIG_INVALID = "config-invalid"
CLAUSE_UNKNOWN = "clause-unknown"

CODES = (SCHEMA_INVALID, SCHEMA_TITLE_MISSING, RULE_INVALID, RULE_UNKNOWN_FIELD, TEMPLATE_MISSING,
         TEMPLATE_SYNTAX, TEMPLATE_UNKNOWN_FIELD, TEMPLATE_MISSING_FIELD, SAMPLE_MISSING, SAMPLE_INVALID,
         SAMPLE_NOT_CLEAN, SAMPLE_FINDINGS_DIFFER, FILE_ORPHAN, CONFIG_INVALID, CLAUSE_UNKNOWN)


@dataclass(frozen=True, order=True)
class LintProblem:
    """Equality and order use (file, field, code) and ignore the messages, as Finding does."""

    file: str
    field: str | None
    code: str
    message_zh: str = dataclasses.field(default="", compare=False)
    message_en: str = dataclasses.field(default="", compare=False)

    def sort_key(self) -> tuple:
        return (self.file, self.field or "", self.code)

    def as_dict(self) -> dict:
        return {"file": self.file, "field": self.field, "code": self.code,
                "message": self.message_zh, "message_en": self.message_en}
