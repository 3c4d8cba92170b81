"""Samples: each valid sample renders and checks clean; each invalid one gives exactly its findings.

A valid sample goes the clerk's whole way (data → document) and then the reviewer's (document →
findings): a template that prints a field under the wrong label, or a rule that no longer fits
the form, shows up as a finding on a form that should have none. `samples/<id>/invalid/*.yaml`
declare the findings that breaking one rule must give, no more and no fewer.
"""
from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

from ..checking.pipeline import CheckOptions, FileResult, check_file
from ..errors import ComplianceError
from ..model.workspace import FormSpec, Workspace
from .problem import SAMPLE_FINDINGS_DIFFER, SAMPLE_INVALID, SAMPLE_MISSING, SAMPLE_NOT_CLEAN, LintProblem

DATA_SUFFIXES = (".yaml", ".yml", ".json")

INVALID_SAMPLE_SCHEMA = {
    "type": "object", "additionalProperties": False, "required": ["form", "expected_findings", "data"],
    "properties": {
        "form": {"type": "string"},
        "description": {"type": "string"},
        "expected_findings": {"type": "array", "minItems": 1, "items": {
            "type": "object", "additionalProperties": False, "required": ["rule", "field"],
            "properties": {"rule": {"type": "string"}, "field": {"type": ["string", "null"]}}}},
        "data": {"type": "object"},
    },
}


def valid_samples(form: FormSpec) -> list[Path]:
    folder = form.samples_dir
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in DATA_SUFFIXES) if folder.is_dir() else []


def invalid_samples(form: FormSpec) -> list[Path]:
    folder = form.samples_dir / "invalid"
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in DATA_SUFFIXES) if folder.is_dir() else []


def _error(path: Path, code: str, field: str | None, error: ComplianceError) -> LintProblem:
    return LintProblem(str(path), field, code, error.message_zh, error.message_en)


def _finding_problems(path: Path, result: FileResult, code: str, form: FormSpec) -> list[LintProblem]:
    problems = []
    if result.form != form.id:
        problems.append(LintProblem(str(path), None, code, f"未被识别为表单 {form.id}（识别为 {result.form}）",
                                    f"not recognised as form {form.id} (recognised as {result.form})"))
    return problems


def _check_valid(path: Path, form: FormSpec, workspace: Workspace) -> list[LintProblem]:
    from ..generation.data_input import load_record
    from ..generation.pipeline import InvalidData, build_document, prepare

    try:
        data = prepare(form, load_record(str(path)), str(path))
    except InvalidData as error:
        return [LintProblem(str(path), p.path or None, SAMPLE_INVALID,
                            f"示例数据不符合表单结构：{p.label}：{p.message_zh}",
                            f"the sample data breaks the schema: {p.path}: {p.message_en}") for p in error.problems]
    except ComplianceError as error:
        return [_error(path, SAMPLE_INVALID, None, error)]
    from jinja2 import TemplateError

    try:
        document = build_document(form, data)
    except ComplianceError as error:
        return [_error(path, SAMPLE_INVALID, None, error)]
    except TemplateError as error:  # the template parsed, yet failed on this data
        return [LintProblem(str(path), None, SAMPLE_INVALID, f"模板无法用此示例生成：{error}",
                            f"the template does not render with this sample: {error}")]
    with tempfile.TemporaryDirectory(prefix="compliance-lint-") as folder:
        rendered = Path(folder) / f"{form.id}.docx"
        rendered.write_bytes(document)
        result = check_file(rendered, workspace, CheckOptions(isolate=False))
    problems = _finding_problems(path, result, SAMPLE_NOT_CLEAN, form)
    for finding in result.findings:
        problems.append(LintProblem(
            str(path), finding.field, SAMPLE_NOT_CLEAN,
            f"由此示例生成的表单检查不通过：{finding.rule}：{finding.message_zh}",
            f"the form generated from this sample does not check clean: {finding.rule}: {finding.message_en}"))
    return problems


def _read_invalid(path: Path, form: FormSpec) -> tuple[Counter | None, list[LintProblem]]:
    import jsonschema

    from ..safety.data_limits import load_yaml_safely

    try:
        document = load_yaml_safely(path.read_text(encoding="utf-8"), str(path))
    except (OSError, UnicodeDecodeError) as error:
        return None, [LintProblem(str(path), None, SAMPLE_INVALID, f"无法读取（{error}）", f"cannot be read ({error})")]
    except ComplianceError as error:
        return None, [_error(path, SAMPLE_INVALID, None, error)]
    errors = list(jsonschema.Draft202012Validator(INVALID_SAMPLE_SCHEMA).iter_errors(document))
    if errors:
        return None, [LintProblem(
            str(path), "/".join(str(p) for p in e.absolute_path) or None, SAMPLE_INVALID,
            f"错误示例应有 form、expected_findings [{{rule, field}}] 和 data：{e.message}",
            f"an invalid sample needs form, expected_findings [{{rule, field}}] and data: {e.message}") for e in errors]
    if document["form"] != form.id:
        return None, [LintProblem(str(path), "form", SAMPLE_INVALID,
                                  f"form 为 {document['form']}，但文件在 samples/{form.id}/ 下",
                                  f"form is {document['form']}, but the file is under samples/{form.id}/")]
    return Counter((e["rule"], e["field"]) for e in document["expected_findings"]), []


def _check_invalid(path: Path, form: FormSpec, workspace: Workspace) -> list[LintProblem]:
    expected, problems = _read_invalid(path, form)
    if expected is None:
        return problems
    try:
        result = check_file(path, workspace, CheckOptions(isolate=False))
    except ComplianceError as error:
        return [_error(path, SAMPLE_INVALID, None, error)]
    problems = _finding_problems(path, result, SAMPLE_FINDINGS_DIFFER, form)
    found = Counter((f.rule, f.field) for f in result.findings)
    for rule, field in sorted((expected - found).elements(), key=str):
        problems.append(LintProblem(
            str(path), field, SAMPLE_FINDINGS_DIFFER,
            f"声明的检查结果 {rule}（字段 {field}）没有出现：规则或示例已不再对应",
            f"declared finding {rule} on {field} no longer fires: the rule and the sample have drifted apart"))
    for rule, field in sorted((found - expected).elements(), key=str):
        problems.append(LintProblem(
            str(path), field, SAMPLE_FINDINGS_DIFFER,
            f"出现了未声明的检查结果 {rule}（字段 {field}）",
            f"an undeclared finding {rule} on {field} fires"))
    return problems


def check(form: FormSpec, workspace: Workspace) -> list[LintProblem]:
    valid = valid_samples(form)
    problems: list[LintProblem] = []
    if not valid:
        problems.append(LintProblem(
            str(form.samples_dir / "valid.yaml"), None, SAMPLE_MISSING,
            f"表单 {form.id} 没有示例数据：没有它，无从证明模板能生成可通过检查的表单",
            f"form {form.id} has no sample data: without it nothing shows its template makes a form that checks clean"))
    for path in valid:
        problems += _check_valid(path, form, workspace)
    for path in invalid_samples(form):
        problems += _check_invalid(path, form, workspace)
    return problems
