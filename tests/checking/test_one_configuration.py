"""Every command reads the workspace and the settings the same way: --root, --config, and
`root` inside compliance.toml (the default settings file of the working folder)."""
from __future__ import annotations

import json

import pytest

from .support import SAMPLES, run

COMMANDS = {
    "new": lambda tmp: ["new", "reimbursement", "--sample", "-o", tmp / "out.docx"],
    "check": lambda tmp: ["check", SAMPLES / "reimbursement" / "valid.yaml"],
    "extract": lambda tmp: ["extract", SAMPLES / "reimbursement" / "valid.yaml"],
    "forms": lambda tmp: ["forms"],
    "lint": lambda tmp: ["lint"],
    "stamps": lambda tmp: ["stamps", SAMPLES / "reimbursement" / "valid.yaml"],
    "diff": lambda tmp: ["diff", "reimbursement", "reimbursement"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_broken_settings_file_stops_every_command_naming_it(tmp_path, command):
    settings = tmp_path / "broken.toml"
    settings.write_text("[rulez]\nx = 1\n", encoding="utf-8")
    result = run(*COMMANDS[command](tmp_path), "--config", settings)
    assert result.exit_code == 2, result.output
    assert str(settings) in result.stderr and "rulez" in result.stderr
    assert "错误：" in result.stderr and "error:" in result.stderr


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_takes_root(tmp_path, command):
    result = run(*COMMANDS[command](tmp_path), "--root", tmp_path / "nowhere")
    assert result.exit_code == 2, result.output
    assert "nowhere" in result.stderr


@pytest.fixture
def office(tmp_path, monkeypatch):
    """A working folder whose compliance.toml points at an office workspace with its own form."""
    assert run("init", tmp_path / "表单").exit_code == 0
    (tmp_path / "compliance.toml").write_text('root = "表单"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_settings_file_names_the_workspace_for_every_command(office):
    forms = json.loads(run("forms", "--format", "json").stdout)
    assert "leave-request" in [f["id"] for f in forms]
    assert run("new", "leave-request", "--sample", "-o", "请假.docx").exit_code == 0
    checked = run("check", "请假.docx", "--format", "json")
    assert checked.exit_code == 0, checked.output
    assert json.loads(checked.stdout)["files"][0]["form"] == "leave-request"
    assert json.loads(run("extract", "请假.docx").stdout)["form"] == "leave-request"
    linted = run("lint", "--format", "json")
    assert linted.exit_code == 0, linted.output
    assert json.loads(linted.stdout)["forms"] == ["leave-request"]
    assert run("diff", "leave-request", "请假.docx").exit_code == 1  # a filled form differs from its template
    assert run("stamps", "请假.docx").exit_code == 0
