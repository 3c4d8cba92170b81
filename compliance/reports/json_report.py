"""JSON for machines: every input file exactly once, findings in (page, field, rule) order, and
under "report" when it was made, by which version and as of which day."""
from __future__ import annotations

import json

from .about import ReportOptions
from .names import escaped, raw_bytes, read_as_gbk, shown


def entry(result, verbose: bool = False) -> dict:
    """One file's object. A name that is not shown as it is (not UTF-8) also carries its bytes."""
    named = {"path": shown(result.path)}
    raw = raw_bytes(result.path)
    if raw is not None:
        named["path_bytes"] = raw  # hex of the name's bytes: the file can be found again
        gbk = read_as_gbk(result.path)
        if gbk is not None:
            named["path_gbk"] = gbk
    return {**named, "form": result.form, **({"forms": list(result.forms)} if result.forms else {}),
            **({"recognised": {"by": result.recognised_by, "confidence": result.confidence}} if result.recognised_by else {}),
            **({"read": read_facts(result)} if verbose else {}),
            "findings": [finding_dict(f) for f in result.findings]}


def read_facts(result) -> dict:
    """--verbose: what the file was read as, its size and pages, and the seconds its check took."""
    return {"kind": result.kind or None, "pages": result.pages, "bytes": result.size, "seconds": result.seconds}


def finding_dict(finding) -> dict:
    found = finding.as_dict()
    if "files" in found:
        found["files"] = [shown(path) for path in found["files"]]
    return found


def dumps(report: dict) -> str:
    """The report as UTF-8-safe JSON: a raw byte quoted in a message becomes `\\xNN`."""
    return json.dumps(_clean(report), ensure_ascii=False, indent=2)


def _clean(value):
    if isinstance(value, str):
        return escaped(value)
    if isinstance(value, dict):
        return {_clean(key): _clean(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(item) for item in value]
    return value


def render(results, options: ReportOptions | None = None) -> str:
    from . import summary

    options = options or ReportOptions()
    return dumps({"report": options.about.as_dict(), "files": [entry(r, options.verbose) for r in results],
                  "summary": summary(results)})
