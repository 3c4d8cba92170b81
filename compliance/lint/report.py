"""Lint reports: text for people, JSON for scripts, GitHub workflow commands for pull requests."""
from __future__ import annotations

import json

from .runner import LintReport


def _summary(report: LintReport) -> str:
    count, forms = len(report.problems), len(report.forms)
    if not count:
        return f"{report.root}：{forms} 个表单，没有问题 / {forms} forms, no problems"
    return f"{report.root}：{forms} 个表单，{count} 个问题 / {forms} forms, {count} problem(s)"


def render_text(report: LintReport) -> str:
    lines = []
    for problem in report.problems:
        lines.append(f"{problem.file}  {problem.field or '-'}  [{problem.code}]")
        lines.append(f"    {problem.message_zh}")
        lines.append(f"    {problem.message_en}")
    lines.append(_summary(report))
    return "\n".join(lines)


def render_json(report: LintReport) -> str:
    return json.dumps({"root": report.root, "forms": list(report.forms),
                       "problems": [p.as_dict() for p in report.problems],
                       "summary": {"forms": len(report.forms), "problems": len(report.problems)}},
                      ensure_ascii=False, indent=2)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(report: LintReport) -> str:
    """`::error file=…,title=…::message` per problem: GitHub shows each on the file in the pull request."""
    lines = []
    for p in report.problems:
        title = f"{p.code} {p.field}" if p.field else p.code
        lines.append(f"::error file={_escape_property(p.file)},title={_escape_property(title)}::"
                     f"{_escape_data(p.message_zh)} / {_escape_data(p.message_en)}")
    lines.append(_summary(report))
    return "\n".join(lines)


REPORTERS = {"text": render_text, "json": render_json, "github": render_github}
