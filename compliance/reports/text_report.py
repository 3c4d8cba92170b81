"""Text for people: grouped by file, each finding in Chinese and English, then a summary line."""
from __future__ import annotations


def _where(finding) -> str:
    parts = []
    if finding.page:
        parts.append(f"第{finding.page}页/p.{finding.page}")
    if finding.row is not None:
        parts.append(f"{finding.sheet} 第{finding.row}行/row {finding.row}")
    if finding.field:
        parts.append(finding.field)
    return " ".join(parts) or "-"


def render(results) -> str:
    from . import summary

    lines = []
    for result in results:
        form = result.form or "?"
        if result.recognised_by in ("title-meaning", "labels") and result.confidence is not None:
            form += f" ~{result.confidence:.0%}"  # told from what the title means or the labels: how sure
        status = "通过 / clean" if not result.findings else f"{len(result.findings)} 项 / finding(s)"
        lines.append(f"{result.path}  [{form}]  {status}")
        for finding in result.findings:
            lines.append(f"  {finding.severity:<7} {finding.rule:<24} {_where(finding)}")
            lines.append(f"          {finding.message_zh}")
            lines.append(f"          {finding.message_en}")
            if finding.company_setting:  # the regulations give no number here: the company chose it
                lines.append(f"          公司设定 / company setting — compliance.toml {'、'.join(finding.company_setting)}")
    counts = summary(results)
    lines.append(
        f"共 {counts['files']} 个文件，{counts['clean']} 个通过，{counts['error']} 个错误，{counts['warning']} 个警告 / "
        f"{counts['files']} files, {counts['clean']} clean, {counts['error']} errors, {counts['warning']} warnings"
    )
    return "\n".join(lines)
