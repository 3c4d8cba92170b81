"""`audit` reports: the files as `check` reports them, then the batch findings, which name every
file they rest on."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET


def summary(report) -> dict:
    from . import summary as file_summary

    counts = file_summary(report.files)
    counts["batch"] = len(report.batch)
    for found in report.batch:
        counts[f"batch_{found.severity}"] = counts.get(f"batch_{found.severity}", 0) + 1
    return counts


def render_json(report) -> str:
    files = json.loads(_file_reporter("json")(report.files))["files"]
    return json.dumps({"files": files, "batch": [f.as_dict() for f in report.batch], "summary": summary(report)},
                      ensure_ascii=False, indent=2)


def render_text(report) -> str:
    lines = [_file_reporter("text")(report.files), ""]
    if report.batch:
        lines.append(f"批量规则 / batch rules: {len(report.batch)} 项 / finding(s)")
        for found in report.batch:
            lines.append(f"  {found.severity:<7} {found.rule}")
            lines.append(f"          {found.message_zh}")
            lines.append(f"          {found.message_en}")
            if found.company_setting:
                lines.append(f"          公司设定 / company setting — compliance.toml {'、'.join(found.company_setting)}")
            lines += [f"          - {path}" for path in found.files]
    else:
        lines.append("批量规则：无问题 / batch rules: nothing found")
    return "\n".join(lines)


def render_junit(report) -> str:
    suites = ET.Element("testsuites")
    suites.append(ET.fromstring(_file_reporter("junit")(report.files).split("?>", 1)[-1]))
    batch = ET.SubElement(suites, "testsuite", name="compliance-batch", tests=str(max(1, len(report.batch))),
                          failures=str(len(report.batch)), errors="0")
    if not report.batch:
        ET.SubElement(batch, "testcase", classname="batch", name="batch rules")
    for found in report.batch:
        case = ET.SubElement(batch, "testcase", classname="batch", name=found.rule_id or found.rule)
        failure = ET.SubElement(case, "failure", type=found.rule, message=f"{found.message_zh} / {found.message_en}")
        failure.text = " ".join(found.files)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True)


def _file_reporter(name: str):
    from . import REPORTERS

    return REPORTERS[name]


AUDIT_REPORTERS = {"text": render_text, "json": render_json, "junit": render_junit}
