"""What the batch rules say, and what a file tells them."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BatchFinding:
    """A breach that only shows across files: it names every file it rests on."""

    rule: str
    severity: str
    message_zh: str
    message_en: str
    files: tuple[str, ...]
    rule_id: str = ""
    clause: str = ""
    company_setting: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        return {"rule": self.rule, "severity": self.severity, "message": self.message_zh,
                "message_en": self.message_en, "files": list(self.files), "rule_id": self.rule_id,
                "clause": self.clause, "company_setting": bool(self.company_setting),
                **({"setting_keys": list(self.company_setting)} if self.company_setting else {})}


def finding(rule, code: str, files, zh: str, en: str, settings: tuple[str, ...] = ()) -> BatchFinding:
    """`settings`: company settings the finding also rests on, from the rules it borrows numbers from."""
    return BatchFinding(code, rule.severity, f"{zh}（{rule.message_zh}，{rule.clause}）",
                        f"{en} ({rule.message_en}; {rule.clause})", tuple(sorted(files)), rule.id, rule.clause,
                        rule.company_setting + settings)
