"""What a reviewer needs to know about findings on scanned pages.

A value OCR read may be misread: each finding about one says so, with the engine's confidence,
so the reviewer knows which cell to look at on paper. A page with pixels but no readable text is
reported rather than passed over.
"""
from __future__ import annotations

import dataclasses

from ..model.findings import Finding

PAGE_UNREADABLE = "page-unreadable"


def _confidence_for(path: str | None, confidence: dict[str, float]) -> float | None:
    """The OCR confidence of the value at `path`, of the values under it (a row), or of the value
    it is part of; the lowest where there are several."""
    if not path or not confidence:
        return None
    if path in confidence:
        return confidence[path]
    under = [value for key, value in confidence.items() if key.startswith((path + ".", path + "["))]
    if under:
        return min(under)
    while "." in path or "[" in path:
        path = path[:max(path.rfind("."), path.rfind("["))]
        if path in confidence:
            return confidence[path]
    return None


def with_ocr_notes(findings: list[Finding], confidence: dict[str, float]) -> list[Finding]:
    noted = []
    for finding in findings:
        level = _confidence_for(finding.field, confidence)
        if level is None:
            noted.append(finding)
            continue
        noted.append(dataclasses.replace(
            finding, ocr_confidence=round(level, 2),
            message_zh=f"{finding.message_zh}（OCR 识读，置信度 {level:.0%}，请对照原件）",
            message_en=f"{finding.message_en} (read by OCR, confidence {level:.0%}; compare with the paper)"))
    return noted


def unreadable_page_findings(file: str, pages: tuple[int, ...]) -> list[Finding]:
    return [Finding(file, page, None, PAGE_UNREADABLE, "warning",
                    f"第{page}页没有文字层，OCR 也未能读出文字，请人工查看",
                    f"page {page} has no text layer and OCR read no text from it; a person should look at it")
            for page in pages]
