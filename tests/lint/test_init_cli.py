"""`compliance init`: a workspace that lints, generates and checks clean, with its own example form."""
from __future__ import annotations

import json

import pytest

from .support import BUILTIN, run


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    folder = tmp_path_factory.mktemp("office") / "ws"
    result = run("init", folder)
    assert result.exit_code == 0, result.output
    return folder


def test_init_writes_the_layout_with_an_example_form(workspace):
    for name in ("README.md", "templates/leave-request.docx", "schemas/leave-request.schema.json",
                 "rules/leave-request.yaml", "samples/leave-request/valid.yaml"):
        assert (workspace / name).is_file(), name
    assert list((workspace / "samples/leave-request/invalid").glob("*.yaml"))
    assert "templates/" in (workspace / "README.md").read_text(encoding="utf-8")


def test_the_new_workspace_lints_clean(workspace):
    result = run("lint", "--root", workspace)
    assert result.exit_code == 0, result.output
    assert "1 forms, no problems" in result.output


def test_new_then_check_through_root(workspace, tmp_path):
    target = tmp_path / "x.docx"
    assert run("new", "leave-request", "--root", workspace, "--sample", "-o", target).exit_code == 0
    result = run("check", target, "--root", workspace, "--format", "json")
    report = json.loads(result.stdout)
    assert result.exit_code == 0, result.output
    assert report["files"][0]["form"] == "leave-request"
    assert report["files"][0]["findings"] == []


@pytest.mark.slow
def test_the_new_form_checks_clean_as_its_pdf(workspace, tmp_path):
    import shutil

    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("LibreOffice is not installed")
    target = tmp_path / "x.docx"
    assert run("new", "leave-request", "--root", workspace, "--sample", "-o", target, "--pdf").exit_code == 0
    result = run("check", target.with_suffix(".pdf"), "--root", workspace, "--format", "json")
    report = json.loads(result.stdout)
    assert result.exit_code == 0, result.output
    assert (report["files"][0]["form"], report["files"][0]["findings"]) == ("leave-request", [])


def test_the_invalid_example_gives_its_declared_finding(workspace):
    sample = next((workspace / "samples/leave-request/invalid").glob("*.yaml"))
    result = run("check", sample, "--root", workspace, "--format", "json")
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert [(f["rule"], f["field"]) for f in findings] == [("date-order", "start_date")]


def test_the_workspace_adds_to_the_built_in_forms(workspace):
    forms = {f["id"] for f in json.loads(run("forms", "--root", workspace, "--format", "json").output)}
    assert {"leave-request", "reimbursement"} <= forms


def test_a_workspace_form_overrides_the_built_in_one(tmp_path):
    (tmp_path / "schemas").mkdir()
    schema = json.loads((BUILTIN / "schemas/reimbursement.schema.json").read_text(encoding="utf-8"))
    schema["title"] = "本公司费用报销单"
    (tmp_path / "schemas/reimbursement.schema.json").write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    forms = {f["id"]: f["name"] for f in json.loads(run("forms", "--root", tmp_path, "--format", "json").output)}
    assert forms["reimbursement"] == "本公司费用报销单"


def test_init_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "notes.txt").write_text("keep me", encoding="utf-8")
    result = run("init", tmp_path)
    assert result.exit_code == 2
    assert "--force" in result.output
    assert not (tmp_path / "schemas").exists()
    assert run("init", tmp_path, "--force").exit_code == 0
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "keep me"
    assert (tmp_path / "schemas/leave-request.schema.json").is_file()


def test_init_into_an_empty_existing_folder(tmp_path):
    assert run("init", tmp_path).exit_code == 0
