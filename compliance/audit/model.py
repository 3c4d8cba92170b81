"""What a batch rule says: a Finding like any other, naming every file it rests on."""
from __future__ import annotations

from ..model.findings import Finding


def finding(rule, code: str, files, zh: str, en: str, settings: tuple[str, ...] = ()) -> Finding:
    """`settings`: company settings the finding also rests on, from the rules it borrows numbers from."""
    return Finding("", None, None, code, rule.severity, f"{zh}（{rule.message_zh}，{rule.clause}）",
                   f"{en} ({rule.message_en}; {rule.clause})", rule.id, rule.clause,
                   company_setting=rule.company_setting + settings, files=tuple(sorted(files)))
