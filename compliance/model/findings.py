"""The one thing the checker says: a Finding, frozen and ordered for deterministic reports."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

SEVERITIES = ("info", "warning", "error")

# Finding codes for problems that are not rule violations; they travel the same path to reporters.
FILE_UNREADABLE = "file-unreadable"
FORM_UNKNOWN = "form-unknown"


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


@dataclass(frozen=True, order=True)
class Finding:
    """One breach or problem, located by file, page and field.

    Ordering and equality use (file, page, field, rule) and ignore the messages, so tests can
    compare findings without repeating message text and reports sort deterministically.
    """

    file: str
    page: int | None
    field: str | None
    rule: str
    severity: str = dataclasses.field(default="error", compare=False)
    message_zh: str = dataclasses.field(default="", compare=False)
    message_en: str = dataclasses.field(default="", compare=False)
    rule_id: str | None = dataclasses.field(default=None, compare=False)
    clause: str | None = dataclasses.field(default=None, compare=False)
    ocr_confidence: float | None = dataclasses.field(default=None, compare=False)  # the value was read by OCR
    # compliance.toml keys of the numbers the finding rests on that are the company's choice
    company_setting: tuple[str, ...] = dataclasses.field(default=(), compare=False)
    # In a workbook (a register kept in Excel), where the finding is: the sheet and its row.
    sheet: str | None = dataclasses.field(default=None, compare=False)
    row: int | None = dataclasses.field(default=None, compare=False)
    # A batch finding (`audit`) rests on several files, not on one: it names them all here and
    # leaves `file` empty.
    files: tuple[str, ...] = dataclasses.field(default=(), compare=True)

    def sort_key(self) -> tuple:
        return (self.file, self.page or 0, self.field or "", self.rule)

    def as_dict(self) -> dict:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message_zh,
            "message_en": self.message_en,
            "field": self.field,
            "page": self.page,
            "rule_id": self.rule_id,
            "clause": self.clause,
            "company_setting": bool(self.company_setting),
            **({"setting_keys": list(self.company_setting)} if self.company_setting else {}),
            **({"sheet": self.sheet, "row": self.row} if self.row is not None else {}),
            **({"read_by": "ocr", "ocr_confidence": self.ocr_confidence} if self.ocr_confidence is not None else {}),
            **({"files": list(self.files)} if self.files else {}),
        }
