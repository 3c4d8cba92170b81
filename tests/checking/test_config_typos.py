"""Issue 22: a typo in compliance.toml is blamed on compliance.toml and its key, in both languages,
by every command that reads it — never on a built-in rule file, never an internal error.

`new` and `check` stop (exit 2: the request cannot be carried out under broken settings); `lint`
reports settings that do not fit the rules as `config-invalid` problems (exit 1), and settings it
cannot read at all as a usage error (exit 2), as it always has.
"""
from __future__ import annotations

import pytest

from .support import SAMPLES, run

TYPOS = {
    # name: (compliance.toml, the key the message must name, lint's exit code)
    "unknown-top-level-table": ('[settings]\nx = 1\n', "settings", 2),
    "unknown-key-in-score-weights": ("[score_weights]\nboss = 0.5\n", "boss", 2),
    "unknown-rule-parameter": ('[rules."reimbursement.collective-decision"]\nat_leastt = 5\n', "at_leastt", 1),
    "string-for-a-number-in-a-rule": ('[rules."reimbursement.collective-decision"]\nat_least = "100000"\n', "at_least", 1),
    "string-for-a-list-in-a-rule": ('[rules."reimbursement.approval-chain"]\nchain = "部门负责人"\n', "chain", 1),
    "nan-threshold": ('[rules."reimbursement.collective-decision"]\nat_least = nan\n', "at_least", 1),
    "unknown-rule-id": ('[rules."reimbursement.colective-decision"]\nat_least = 5\n', "reimbursement.colective-decision", 1),
    "rule-not-a-table": ('[rules]\n"reimbursement.collective-decision" = 5\n', "reimbursement.collective-decision", 2),
    "string-for-a-grade-score": ('[grades]\n"优秀" = "95"\n', "优秀", 2),
    "nan-grade-score": ('[grades]\n"优秀" = nan\n', "优秀", 2),
    "boolean-grade-score": ('[grades]\n"优秀" = true\n', "优秀", 2),
    "grades-not-a-table": ("grades = 5\n", "grades", 2),
    "string-for-a-weight": ('[score_weights]\nmanager = "abc"\n', "manager", 2),
    "negative-weight": ("[score_weights]\nmanager = -0.6\n", "manager", 2),
    "number-for-a-role-name": ('[roles]\n"公司领导" = 5\n', "公司领导", 2),
    "misspelt-role": ('[roles]\n"公司領導x" = "总经理"\n', "公司領導x", 1),
    "number-for-root": ("root = 5\n", "root", 2),
    "unknown-alias-table": ('[aliases.title]\nreimbursement = ["差旅单"]\n', "title", 2),
    "toml-syntax": ('[grades\n"优秀" = 95\n', "compliance.toml", 2),
}


def _clean(output: str) -> None:
    assert "内部错误" not in output and "internal error" not in output and "Traceback" not in output, output
    # The built-in rule file the override was merged into is not at fault.
    assert "规则文件" not in output and "rule file" not in output, output


@pytest.fixture
def office(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _write(office, text: str):
    path = office / "compliance.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", TYPOS)
def test_new_blames_compliance_toml_and_the_key(office, name):
    text, key, _lint = TYPOS[name]
    path = _write(office, text)
    out = office / "报销单.docx"
    result = run("new", "reimbursement", "--sample", "-o", out)
    assert result.exit_code == 2, result.output
    _clean(result.output)
    assert str(path) in result.output and key in result.output, result.output
    assert "配置文件" in result.output and "config file" in result.output
    assert not out.exists()


@pytest.mark.parametrize("name", TYPOS)
def test_check_blames_compliance_toml_and_the_key(office, name):
    text, key, _lint = TYPOS[name]
    path = _write(office, text)
    result = run("check", SAMPLES / "reimbursement" / "valid.yaml")
    assert result.exit_code == 2, result.output
    _clean(result.output)
    assert str(path) in result.output and key in result.output, result.output


@pytest.mark.parametrize("name", TYPOS)
def test_lint_blames_compliance_toml_and_the_key(office, name):
    text, key, exit_code = TYPOS[name]
    path = _write(office, text)
    result = run("lint")
    assert result.exit_code == exit_code, result.output
    _clean(result.output)
    assert str(path) in result.output and key in result.output, result.output


def test_a_config_named_with_the_option_is_the_one_blamed(office):
    path = office / "设置" / "办公室.toml"
    path.parent.mkdir()
    path.write_text('[rules."reimbursement.collective-decision"]\nat_leastt = 5\n', encoding="utf-8")
    result = run("new", "reimbursement", "--sample", "-o", office / "x.docx", "--config", path)
    assert result.exit_code == 2, result.output
    _clean(result.output)
    assert str(path) in result.output and "at_leastt" in result.output


def test_settings_without_typos_still_work(office):
    _write(office, '[rules."reimbursement.collective-decision"]\nat_least = 80000\n[roles]\n"公司领导" = "总经理"\n'
                   '[grades]\n"优秀" = 95\n"良好" = 85\n"合格" = 60\n"不合格" = 0\n[score_weights]\nmanager = 0.5\npeer = 0.3\nself = 0.2\n')
    result = run("new", "reimbursement", "--sample", "-o", office / "x.docx")
    assert result.exit_code == 0, result.output
    assert run("lint").exit_code == 0
