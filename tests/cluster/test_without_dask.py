"""Dask is the `distributed` extra, not part of the base install: without it `--scheduler` says
how to install it (exit 2, before any file is read), and nothing else needs it."""
from __future__ import annotations

import subprocess
import sys

import pytest
from checking.support import run
from locations import REPO

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

INSTALL = "pip install 'compliance[distributed]'"


@pytest.fixture
def without_dask(monkeypatch):
    """`import distributed` fails here, as it does where the extra is not installed."""
    for name in [name for name in sys.modules if name == "distributed" or name.startswith("distributed.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "distributed", None)


@pytest.mark.parametrize("command", ["check", "audit"])
def test_scheduler_without_dask_says_how_to_install_it(tmp_path, without_dask, command):
    document = tmp_path / "报销单.json"
    document.write_text('{"form": "reimbursement", "data": {}}', encoding="utf-8")
    result = run(command, document, "--scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == 2, result.output
    assert result.stdout == ""  # no report: nothing was checked
    assert "未安装" in result.stderr and "Dask" in result.stderr  # in Chinese
    assert "needs Dask, which is not installed" in result.stderr  # and in English
    assert result.stderr.count(INSTALL) == 2
    assert "Traceback" not in result.output


def test_scheduler_from_the_environment_without_dask_says_so_too(tmp_path, without_dask, monkeypatch):
    monkeypatch.setenv("COMPLIANCE_SCHEDULER", "tcp://127.0.0.1:9")
    document = tmp_path / "报销单.json"
    document.write_text('{"form": "reimbursement", "data": {}}', encoding="utf-8")
    result = run("check", document)
    assert result.exit_code == 2 and INSTALL in result.stderr


def test_without_dask_everything_but_the_scheduler_works(tmp_path, without_dask):
    document = tmp_path / "报销单.json"
    document.write_text('{"form": "reimbursement", "data": {}}', encoding="utf-8")
    assert run("check", document, "--format", "json").exit_code == 1  # checked here: an empty slip has findings
    assert "--scheduler" in run("check", "--help").stdout


def test_import_and_help_do_not_load_dask():
    script = ("import sys; sys.modules['distributed'] = None\n"
              "import compliance, compliance.api, compliance.cli\n"
              "from click.testing import CliRunner\n"
              "result = CliRunner().invoke(compliance.cli.main, ['--help'])\n"
              "assert result.exit_code == 0, result.output\n"
              "assert not any(name.startswith(('distributed', 'dask')) for name in sys.modules if sys.modules[name])\n")
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr


def test_dask_is_an_extra_that_the_test_extra_brings():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]

    def names(requirements):
        return {requirement.split(">")[0].split("[")[0].strip() for requirement in requirements}

    assert "distributed" not in names(project["dependencies"])
    assert "distributed" in names(extras["distributed"])
    assert "distributed" in names(extras["test"])  # the README's test command runs the cluster tests
