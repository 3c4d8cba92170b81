"""Regulation 001 §七(印章管理)3: never put a seal on a blank sheet — as findings."""
from __future__ import annotations

from ..model.findings import Finding
from .model import PageReport

RULE = "stamp-on-blank-page"
RULE_ID = "seal.no-blank-page"
CLAUSE = "001 §七(印章管理)3"


def blank_page_findings(file: str, reports: list[PageReport]) -> list[Finding]:
    findings = []
    for report in reports:
        if not report.stamps or not report.blank:
            continue
        kinds = "、".join(sorted({_KIND_ZH[s.kind] for s in report.stamps}))
        kinds_en = ", ".join(sorted({s.kind for s in report.stamps}))
        findings.append(Finding(
            file=file,
            page=report.page,
            field=None,
            rule=RULE,
            severity="error",
            message_zh=(f"第 {report.page} 页除印章（{kinds}）外没有其他内容：严禁在空白纸张上加盖印章"
                        f"（制度 001 第七条 印章管理 第 3 款）"),
            message_en=(f"page {report.page} holds nothing but a seal ({kinds_en}): sealing a blank "
                        f"sheet is forbidden (regulation 001 §7 seal management, item 3)"),
            rule_id=RULE_ID,
            clause=CLAUSE,
        ))
    return sorted(findings, key=Finding.sort_key)


_KIND_ZH = {"image": "印章图片", "annotation": "电子印章批注", "scan": "扫描件中的印章"}
