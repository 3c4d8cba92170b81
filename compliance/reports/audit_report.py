"""`audit` reports: the files as `check` reports them, then the batch findings, which name every
file they rest on."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from .about import ReportOptions
from .names import escaped, shown


def summary(report) -> dict:
    from . import summary as file_summary

    counts = file_summary(report.files)
    counts["batch"] = len(report.batch)
    for found in report.batch:
        counts[f"batch_{found.severity}"] = counts.get(f"batch_{found.severity}", 0) + 1
    return counts


def render_json(report, options: ReportOptions | None = None) -> str:
    from .json_report import dumps, entry, finding_dict

    options = options or ReportOptions()
    return dumps({"report": options.about.as_dict(), "files": [entry(r, options.verbose) for r in report.files],
                  "batch": [finding_dict(f) for f in report.batch], "summary": summary(report)})


def render_text(report, options: ReportOptions | None = None) -> str:
    from .text_report import render

    options = options or ReportOptions()
    files = render(report.files, options)
    lines = [files, ""] if files else []
    if report.batch:
        lines.append(f"批量规则 / batch rules: {len(report.batch)} 项 / finding(s)")
        for found in report.batch:
            lines.append(f"  {found.severity:<7} {found.rule}")
            lines.append(f"          {found.message_zh}")
            lines.append(f"          {found.message_en}")
            if found.company_setting:
                lines.append(f"          公司设定 / company setting — compliance.toml {'、'.join(found.company_setting)}")
            lines += [f"          - {shown(path)}" for path in found.files]
    elif not options.quiet:
        lines.append("批量规则：无问题 / batch rules: nothing found")
    return escaped("\n".join(lines))


def render_junit(report, options: ReportOptions | None = None) -> str:
    from .junit_report import add_findings, properties, suite, tostring

    options = options or ReportOptions()
    files = suite(report.files, options)
    batch = ET.Element("testsuite", name="compliance-batch", tests=str(max(1, len(report.batch))), failures="0",
                       errors="0", skipped="0", timestamp=options.about.made.isoformat())
    properties(batch, {**options.about.as_dict(), "fail_on": options.fail_on})
    if not report.batch:
        ET.SubElement(batch, "testcase", classname="batch", name="batch rules")
    failed = 0
    for found in report.batch:
        case = ET.SubElement(batch, "testcase", classname="batch", name=found.rule_id or found.rule)
        failed += add_findings(case, [found], options.fail_on)
    batch.set("failures", str(failed))
    suites = ET.Element("testsuites", name="compliance", tests=str(int(files.get("tests", "0")) + int(batch.get("tests", "0"))),
                        failures=str(int(files.get("failures", "0")) + failed), errors="0", skipped="0",
                        time=files.get("time", "0"), timestamp=options.about.made.isoformat())
    suites.extend([files, batch])
    return tostring(suites)


AUDIT_REPORTERS = {"text": render_text, "json": render_json, "junit": render_junit}
