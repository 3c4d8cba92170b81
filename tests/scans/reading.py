"""What the scan tests may ask of OCR: not luck, but never a silent misreading.

However clean the scan, OCR may misread a value now and then (2026年i0月21日 for 2026年10月21日,
4;780.50 for 4,780.50), and which values it misreads changes with the machine's fonts and
libraries and with the noise drawn onto the page. The tests therefore do not ask that every value
be read right. They ask for the contract: a value is either read as written, or reported on its
own field as uncertain — `field-invalid` marked as read by OCR (with the engine's confidence,
"compare with the paper") when what was read is no value of its type, or `handwriting-unreadable`
(a warning) when handwriting was not read at all. A misreading that passes for another valid
value would still fail the tests: the judgements (approvals, dates, arithmetic, seals) are
compared exactly.

A refused value is absent for the rules, and two rules then say so again in their own words:
the approval row whose date was refused "has no date", and the total no longer adds up when a
line's amount was refused. Those two echoes of a misreading are part of it, not judgements.
"""
from __future__ import annotations

import re

_ROW = re.compile(r"^(?P<row>[a-z_]+\[\d+\])\.(?P<cell>\w+)$")


def is_misreading(finding: dict) -> bool:
    """A value reported as read uncertainly on its own field: not a judgement of the form."""
    if finding.get("field") is None:
        return False
    if finding["rule"] == "handwriting-unreadable":
        return finding["severity"] == "warning"
    return finding["rule"] == "field-invalid" and finding.get("read_by") == "ocr"


def misread_fields(findings: list[dict]) -> set[str]:
    return {f["field"] for f in findings if is_misreading(f)}


def _echoes(finding: dict, misread: set[str]) -> bool:
    """A rule restating that a refused value is absent (see the module's docstring)."""
    if finding["rule"] == "approval-missing" and "approval has no date" in finding["message_en"]:
        return f"{finding['field']}.date" in misread
    if finding["rule"] == "amount-total-mismatch":
        return any((m := _ROW.match(field)) and m["cell"] == "amount" for field in misread)
    return False


def judgements(findings: list[dict]) -> list[dict]:
    """The findings that judge the form: all but misreadings and their echoes."""
    misread = misread_fields(findings)
    return [f for f in findings if not is_misreading(f) and not _echoes(f, misread)]


def codes(findings: list[dict]) -> set[tuple[str, str | None]]:
    return {(f["rule"], f["field"]) for f in findings}


def judged(report: dict) -> set[tuple[str, str | None]]:
    """(rule, field) of a report's judgements."""
    return codes(judgements(report["findings"]))


def exit_code(reports: list[dict]) -> int:
    """The exit code a check of these reports gives: 1 when any finding is an error."""
    return 1 if any(f["severity"] == "error" for r in reports for f in r["findings"]) else 0


def read_or_reported(read: dict, truth: dict, paths: list[str], findings: list[dict]) -> None:
    """Each value at `paths` (a.b[0].c) was read as written, or its field is reported as misread."""
    misread = misread_fields(findings)
    for path in paths:
        got, want = _at(read, path), _at(truth, path)
        assert str(got) == str(want) or path in misread, (path, got, want, [f for f in findings if f["field"] == path])


def _at(data, path: str):
    for step in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        if step.startswith("["):
            index = int(step[1:-1])
            data = data[index] if isinstance(data, list) and index < len(data) else None
        else:
            data = data.get(step) if isinstance(data, dict) else None
    return data
