"""JUnit XML for CI dashboards: one test case per file. Findings at or above --fail-on are its
failures; a file whose findings are all below it (warnings, by default) passes, and its findings
are a note in <system-out>, so a dashboard turns red only where the exit code does."""
from __future__ import annotations

from xml.etree import ElementTree as ET

from .about import ReportOptions
from .names import raw_bytes, read_as_gbk, shown, xml_text


def failing(findings, fail_on: str) -> tuple[list, list]:
    """(findings that fail the case, findings that are only noted), split at `fail_on`."""
    from ..model.findings import severity_rank

    threshold = severity_rank(fail_on)
    return ([f for f in findings if severity_rank(f.severity) >= threshold],
            [f for f in findings if severity_rank(f.severity) < threshold])


def _detail(finding) -> str:
    text = f"page={finding.page} field={finding.field} severity={finding.severity} rule_id={finding.rule_id}"
    if finding.row is not None:
        text += f" sheet={finding.sheet} row={finding.row}"
    if finding.company_setting:
        text += f" company_setting={' '.join(finding.company_setting)}"
    if finding.files:
        text += " files=" + " ".join(shown(path) for path in finding.files)
    return text


def add_findings(case: ET.Element, findings, fail_on: str) -> bool:
    """A <failure> per finding that fails, the others as lines of <system-out>; True if it failed."""
    failures, notes = failing(findings, fail_on)
    for finding in failures:
        failure = ET.SubElement(case, "failure", type=finding.rule, message=f"{finding.message_zh} / {finding.message_en}")
        failure.text = _detail(finding)
    if notes:
        out = ET.SubElement(case, "system-out")
        out.text = "\n".join(f"{f.severity} {f.rule}: {f.message_zh} / {f.message_en} ({_detail(f)})" for f in notes)
    return bool(failures)


def properties(parent: ET.Element, values: dict) -> None:
    holder = ET.SubElement(parent, "properties")
    for name, value in values.items():
        ET.SubElement(holder, "property", name=name, value=str(value))


def suite(results, options: ReportOptions) -> ET.Element:
    from . import summary

    counts = summary(results)
    element = ET.Element("testsuite", name="compliance", tests=str(len(results)), failures="0", errors="0",
                         skipped="0", time=f"{sum(r.seconds or 0 for r in results):.3f}",
                         timestamp=options.about.made.isoformat())
    properties(element, {**options.about.as_dict(), "fail_on": options.fail_on})
    failed = 0
    for result in results:
        case = ET.SubElement(element, "testcase", classname=result.form or "unknown", name=shown(result.path))
        if result.seconds is not None:
            case.set("time", f"{result.seconds:.3f}")
        if raw_bytes(result.path) is not None:  # a name that is not UTF-8: its bytes, and its GBK reading
            gbk = read_as_gbk(result.path)
            properties(case, {"path_bytes": raw_bytes(result.path), **({"path_gbk": gbk} if gbk else {})})
        failed += add_findings(case, result.findings, options.fail_on)
    element.set("failures", str(failed))
    element.set("findings", str(counts["findings"]))
    return element


def tostring(root: ET.Element) -> str:
    """The document, every text and attribute made fit for XML 1.0 (raw bytes and control
    characters of file names and documents as `\\xNN`)."""
    for element in root.iter():
        element.attrib.update({key: xml_text(value) for key, value in element.attrib.items()})
        if element.text:
            element.text = xml_text(element.text)
    return ET.tostring(root, encoding="unicode", xml_declaration=True)


def render(results, options: ReportOptions | None = None) -> str:
    return tostring(suite(results, options or ReportOptions()))
