"""Report formats, one module each, behind one function: render(results, options) -> str.

`options` (about.ReportOptions) carries what every report states about itself — when it was made,
by which version, as of which day — and what shapes it (--fail-on, --quiet, --verbose)."""
from __future__ import annotations

from . import json_report, junit_report, text_report

REPORTERS = {"text": text_report.render, "json": json_report.render, "junit": junit_report.render}


def summary(results) -> dict:
    counts = {"files": len(results), "findings": 0, "error": 0, "warning": 0, "info": 0,
              "clean": 0, "unreadable": 0, "unknown_form": 0}
    for result in results:
        counts["findings"] += len(result.findings)
        for finding in result.findings:
            counts[finding.severity] += 1
        codes = {f.rule for f in result.findings}
        counts["clean"] += not result.findings
        counts["unreadable"] += "file-unreadable" in codes
        counts["unknown_form"] += "form-unknown" in codes
    return counts
