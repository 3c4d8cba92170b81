"""Text for people: when and by what it was made, then the files, each finding in Chinese and
English, then a summary line. --quiet keeps only the files with findings."""
from __future__ import annotations

from .about import ReportOptions
from .names import escaped, labelled


def _where(finding) -> str:
    parts = []
    if finding.page:
        parts.append(f"第{finding.page}页/p.{finding.page}")
    if finding.row is not None:
        parts.append(f"{finding.sheet} 第{finding.row}行/row {finding.row}")
    if finding.field:
        parts.append(finding.field)
    return " ".join(parts) or "-"


def file_lines(result) -> list[str]:
    form = result.form or "?"
    if result.recognised_by in ("title-meaning", "labels") and result.confidence is not None:
        form += f" ~{result.confidence:.0%}"  # told from what the title means or the labels: how sure
    status = "通过 / clean" if not result.findings else f"{len(result.findings)} 项 / finding(s)"
    lines = [f"{labelled(result.path)}  [{form}]  {status}"]
    for finding in result.findings:
        lines.append(f"  {finding.severity:<7} {finding.rule:<24} {_where(finding)}")
        lines.append(f"          {finding.message_zh}")
        lines.append(f"          {finding.message_en}")
        if finding.company_setting:  # the regulations give no number here: the company chose it
            lines.append(f"          公司设定 / company setting — compliance.toml {'、'.join(finding.company_setting)}")
    return lines


def render(results, options: ReportOptions | None = None) -> str:
    from . import summary

    options = options or ReportOptions()
    lines = [] if options.quiet else [options.about.line()]
    for result in results:
        if result.findings or not options.quiet:
            lines += file_lines(result)
    if not options.quiet:
        lines.append(summary_line(summary(results)))
    return escaped("\n".join(lines))


def summary_line(counts: dict) -> str:
    line = (f"共 {counts['files']} 个文件，{counts['clean']} 个通过，{counts['error']} 个错误，{counts['warning']} 个警告 / "
            f"{counts['files']} files, {counts['clean']} clean, {counts['error']} errors, {counts['warning']} warnings")
    if "batch" in counts:  # audit: what was found across files
        line += f"; 批量问题 / batch findings: {counts['batch']}"
    return line
