"""Exit codes a script can act on: 0 ok, 1 the input is wrong, 2 the command is wrong, 3 a bug
(or a broken installation) to report; and a reader that closes stdout early (`| head -1`) ends the
command quietly, as it ends any Unix tool."""
from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from locations import first_quick

import compliance
from compliance.cli import main
from compliance.cli.exit_codes import EXIT_BROKEN_PIPE, EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE

from .support import run


@pytest.fixture
def slip(tmp_path) -> Path:
    target = tmp_path / "报销单.docx"
    assert run("new", "reimbursement", "--sample", "-o", target).exit_code == EXIT_OK
    return target


def _broken(monkeypatch, error: Exception) -> None:
    """A library function every command calls raises `error`, as a bug in it would."""
    import compliance.model.config

    def load_config(*_args, **_kwargs):
        raise error

    monkeypatch.setattr(compliance.model.config, "load_config", load_config)


def test_the_four_codes_are_distinct():
    assert len({EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL}) == 4 and EXIT_INTERNAL == 3


def test_a_bug_exits_3_and_asks_for_a_report_with_the_files_command_and_version(slip, monkeypatch):
    monkeypatch.delenv("COMPLIANCE_DEBUG", raising=False)
    _broken(monkeypatch, RuntimeError("boom"))
    result = CliRunner().invoke(main, ["check", str(slip), "--format", "json"])
    assert result.exit_code == EXIT_INTERNAL, result.output
    assert result.stdout == ""
    message = result.stderr
    assert "内部错误" in message and "internal error" in message and "RuntimeError: boom" in message
    assert "请报告" in message and "Please report it with the file(s) involved" in message
    assert shlex.join(["compliance", "check", str(slip), "--format", "json"]) in message  # it names the file
    assert message.count(f"compliance {compliance.__version__}") == 2  # the version, in both languages
    assert "COMPLIANCE_DEBUG=1" in message
    assert "Traceback" not in message


def test_a_bug_shows_its_traceback_when_debugging(slip, monkeypatch):
    monkeypatch.setenv("COMPLIANCE_DEBUG", "1")
    _broken(monkeypatch, RuntimeError("boom"))
    result = CliRunner().invoke(main, ["forms"])
    assert result.exit_code == EXIT_INTERNAL
    assert "Traceback (most recent call last)" in result.stderr and "load_config" in result.stderr
    assert "internal error" in result.stderr


def test_an_incomplete_installation_exits_3_and_says_to_reinstall(monkeypatch):
    _broken(monkeypatch, ModuleNotFoundError("No module named 'opencc'", name="opencc"))
    result = CliRunner().invoke(main, ["forms"])
    assert result.exit_code == EXIT_INTERNAL, result.output
    assert "安装不完整" in result.stderr and "incomplete installation (reinstall compliance)" in result.stderr
    assert "Traceback" not in result.stderr


def test_usage_and_input_errors_keep_their_codes(slip, tmp_path):
    assert run("check", tmp_path / "missing.docx").exit_code == EXIT_USAGE
    assert run("check", slip, "--memory-limit", "lots").exit_code == EXIT_USAGE
    bad = tmp_path / "bad.yaml"
    bad.write_text("报销人: [unclosed\n", encoding="utf-8")
    assert run("new", "reimbursement", "--data", bad, "-o", tmp_path / "x.docx").exit_code == EXIT_FINDINGS


# -- a closed stdout ------------------------------------------------------------------------------

COMMANDS = first_quick(["forms --format json", "check {slip} --format json", "audit {slip} --format json",
                        "extract {slip}", "stamps {slip} --format json", "lint --format json"])


@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: command.split()[0])
def test_a_reader_that_closes_stdout_early_ends_the_command_quietly(slip, command):
    reading, writing = os.pipe()
    os.close(reading)  # the reader is gone before the first byte, as `| head -c 0` would leave it
    try:
        completed = subprocess.run([sys.executable, "-m", "compliance", *(a.format(slip=slip) for a in command.split())],
                                   stdout=writing, stderr=subprocess.PIPE, timeout=300)
    finally:
        os.close(writing)
    assert completed.stderr == b""  # no "Broken pipe", no "Exception ignored", no internal error
    assert completed.returncode == EXIT_BROKEN_PIPE == 128 + signal.SIGPIPE
