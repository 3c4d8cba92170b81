"""JUnit XML for CI dashboards: one test case per file, one failure per finding."""
from __future__ import annotations

from xml.etree import ElementTree as ET


def render(results) -> str:
    from . import summary

    counts = summary(results)
    suite = ET.Element("testsuite", name="compliance", tests=str(len(results)),
                       failures=str(sum(1 for r in results if r.findings)), errors="0")
    for result in results:
        case = ET.SubElement(suite, "testcase", classname=result.form or "unknown", name=result.path)
        for finding in result.findings:
            failure = ET.SubElement(case, "failure", type=finding.rule,
                                    message=f"{finding.message_zh} / {finding.message_en}")
            failure.text = f"page={finding.page} field={finding.field} severity={finding.severity} rule_id={finding.rule_id}"
            if finding.row is not None:
                failure.text += f" sheet={finding.sheet} row={finding.row}"
            if finding.company_setting:
                failure.text += f" company_setting={' '.join(finding.company_setting)}"
    suite.set("findings", str(counts["findings"]))
    return ET.tostring(suite, encoding="unicode", xml_declaration=True)
