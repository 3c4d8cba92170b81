"""`compliance lint`: the repository passes; each way of breaking a form is named by file and field."""
from __future__ import annotations

import json

import pytest
import yaml

from .support import copy_form, edit_docx, problem_lines, run


def test_the_repository_passes():
    result = run("lint")
    assert result.exit_code == 0, result.output
    assert "10 forms, no problems" in result.output


def test_a_copy_of_the_whole_workspace_passes(pristine, tmp_path, monkeypatch):
    monkeypatch.chdir(pristine)
    result = run("lint", "--root", ".", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["problems"] == []
    assert report["forms"] == ["acceptance-report", "archive-access", "complaint-register", "contract-approval",
                               "performance-review", "project-intake", "reimbursement", "seal-register", "seal-use",
                               "training-record"]


@pytest.fixture
def reimbursement(pristine, tmp_path, monkeypatch):
    """tmp_path/ws holding the reimbursement form only; the working folder is tmp_path."""
    monkeypatch.chdir(tmp_path)
    return copy_form(pristine, tmp_path / "ws", "reimbursement")


def _lint(*extra):
    return run("lint", "--root", "ws", *extra)


def test_an_unbroken_copy_of_one_form_passes(reimbursement):
    result = _lint()
    assert result.exit_code == 0, result.output


def _rename_placeholder(ws):
    edit_docx(ws / "templates/reimbursement.docx", "{{ claimant }}", "{{ claimant_name }}")


def _delete_required_placeholder(ws):
    edit_docx(ws / "templates/reimbursement.docx", "{{ purpose }}", "")


def _rename_column_in_loop(ws):
    edit_docx(ws / "templates/reimbursement.docx", "{{ row.amount }}", "{{ row.sum }}")


def _break_jinja(ws):
    edit_docx(ws / "templates/reimbursement.docx", "{{ claimant }}", "{{ claimant }")


def _break_jinja_expression(ws):
    edit_docx(ws / "templates/reimbursement.docx", "{{ department }}", "{{ department + }}")


def _rule_names_missing_field(ws):
    path = ws / "rules/reimbursement.yaml"
    text = path.read_text(encoding="utf-8")
    assert "figure: total_amount" in text
    path.write_text(text.replace("figure: total_amount", "figure: total_sum"), encoding="utf-8")


def _drop_a_title(ws):
    path = ws / "schemas/reimbursement.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    del schema["properties"]["items"]["items"]["properties"]["summary"]["title"]
    path.write_text(json.dumps(schema, ensure_ascii=False, indent=2), encoding="utf-8")


def _expected_finding_no_longer_fires(ws):
    path = ws / "samples/reimbursement/invalid/approval-order.yaml"
    sample = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert sample["expected_findings"] == [{"rule": "approval-order", "field": "approvals"}]
    sample["expected_findings"] = [{"rule": "approval-missing", "field": "approvals"}]
    path.write_text(yaml.safe_dump(sample, allow_unicode=True), encoding="utf-8")


def _valid_sample_not_clean(ws):
    path = ws / "samples/reimbursement/valid.yaml"
    sample = yaml.safe_load(path.read_text(encoding="utf-8"))
    sample["approvals"] = sample["approvals"][:-1]  # the company leader has not signed
    path.write_text(yaml.safe_dump(sample, allow_unicode=True), encoding="utf-8")


BREAKAGES = {
    # name: (how, [(file, field or placeholder, code)] that must be reported)
    "placeholder-renamed": (_rename_placeholder, [
        ("ws/templates/reimbursement.docx", "claimant_name", "template-unknown-field"),
        ("ws/templates/reimbursement.docx", "claimant", "template-missing-field")]),
    "required-placeholder-deleted": (_delete_required_placeholder, [
        ("ws/templates/reimbursement.docx", "purpose", "template-missing-field")]),
    "column-renamed-in-loop": (_rename_column_in_loop, [
        ("ws/templates/reimbursement.docx", "items[].sum", "template-unknown-field"),
        ("ws/templates/reimbursement.docx", "items[].amount", "template-missing-field")]),
    "unclosed-placeholder": (_break_jinja, [
        ("ws/templates/reimbursement.docx", "{{ claimant }", "template-syntax")]),
    "jinja-syntax-error": (_break_jinja_expression, [
        ("ws/templates/reimbursement.docx", "{{ department + }}", "template-syntax")]),
    "rule-names-missing-field": (_rule_names_missing_field, [
        ("ws/rules/reimbursement.yaml", "total_sum", "rule-unknown-field")]),
    "schema-title-missing": (_drop_a_title, [
        ("ws/schemas/reimbursement.schema.json", "items[].summary", "schema-title-missing")]),
    "expected-finding-gone": (_expected_finding_no_longer_fires, [
        ("ws/samples/reimbursement/invalid/approval-order.yaml", "approvals", "sample-findings-differ")]),
    "valid-sample-not-clean": (_valid_sample_not_clean, [  # the form prints an empty row to sign for the leader
        ("ws/samples/reimbursement/valid.yaml", "approvals[2]", "sample-not-clean")]),
}


@pytest.mark.parametrize("name", BREAKAGES)
def test_each_breakage_fails_naming_file_and_field(reimbursement, name):
    breaks, expected = BREAKAGES[name]
    breaks(reimbursement)
    result = _lint()
    assert result.exit_code == 1, result.output
    lines = problem_lines(result.output)
    for file, field, code in expected:
        assert f"{file}  {field}  [{code}]" in lines, result.output


def test_syntax_error_says_where_in_word(reimbursement):
    _break_jinja_expression(reimbursement)
    output = _lint().output
    assert "表1 第1行 第4列" in output and "table 1, row 1, column 4" in output


def test_headers_and_footers_are_linted_too(reimbursement):
    import docx

    path = reimbursement / "templates/reimbursement.docx"
    document = docx.Document(str(path))
    document.sections[0].header.paragraphs[0].text = "编号：{{ serial_no }}"
    document.save(str(path))
    result = _lint()
    assert result.exit_code == 1
    assert "ws/templates/reimbursement.docx  serial_no  [template-unknown-field]" in problem_lines(result.output)
    assert "header word/header1.xml, paragraph 1" in result.output


def test_a_group_path_in_a_template_must_exist(pristine, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    ws = copy_form(pristine, tmp_path / "ws", "acceptance-report")
    edit_docx(ws / "templates/acceptance-report.docx", "{{ signatures.client_rep.name }}",
              "{{ signatures.client.name }}")
    result = _lint()
    assert result.exit_code == 1
    lines = problem_lines(result.output)
    assert "ws/templates/acceptance-report.docx  signatures.client.name  [template-unknown-field]" in lines
    assert "ws/templates/acceptance-report.docx  signatures.client_rep.name  [template-missing-field]" in lines


def test_json_report(reimbursement):
    _rename_placeholder(reimbursement)
    result = _lint("--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["root"] == "ws" and report["forms"] == ["reimbursement"]
    assert {(p["file"], p["field"], p["code"]) for p in report["problems"]} == {
        ("ws/templates/reimbursement.docx", "claimant_name", "template-unknown-field"),
        ("ws/templates/reimbursement.docx", "claimant", "template-missing-field")}
    assert all(p["message"] and p["message_en"] for p in report["problems"])
    assert report["summary"] == {"forms": 1, "problems": 2}


def test_github_annotations(reimbursement):
    _rename_placeholder(reimbursement)
    result = _lint("--format", "github")
    assert result.exit_code == 1
    annotations = [line for line in result.output.splitlines() if line.startswith("::")]
    assert len(annotations) == 2
    assert ("::error file=ws/templates/reimbursement.docx,title=template-unknown-field claimant_name::"
            in "\n".join(annotations))
    assert all("\n" not in a and "::" in a[2:] for a in annotations)


def test_github_annotations_escape_what_would_end_them():
    from compliance.lint import LintProblem, LintReport
    from compliance.lint.report import render_github

    problem = LintProblem("ws/a,b.docx", "x:y", "template-syntax", "第一行\n第二行 100%", "line one\nline two")
    line = render_github(LintReport("ws", ("a",), (problem,))).splitlines()[0]
    assert line == ("::error file=ws/a%2Cb.docx,title=template-syntax x%3Ay::"
                    "第一行%0A第二行 100%25 / line one%0Aline two")


def test_usage_errors_exit_2(tmp_path):
    assert run("lint", "--root", tmp_path / "missing").exit_code == 2
    assert run("lint", "--root", tmp_path).exit_code == 2  # no schemas/: not a workspace
