"""The library API a user learns from the README: one import, four verbs, typed results."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml
from locations import BUILTIN, REPO

import compliance


def test_the_four_verbs_round_trip(tmp_path):
    data = yaml.safe_load((BUILTIN / "samples" / "reimbursement" / "valid.yaml").read_text(encoding="utf-8"))
    document = tmp_path / "报销单.docx"
    document.write_bytes(compliance.build_document("reimbursement", data))
    (result,) = compliance.check_files([tmp_path])
    assert isinstance(result, compliance.FileResult)
    assert (result.path, result.form, result.findings) == (str(document), "reimbursement", ())
    extraction = compliance.extract_form(document)
    assert extraction.form is not None and extraction.form.id == "reimbursement"
    assert extraction.data["claimant"] == "周晓琳"
    assert compliance.lint_workspace().clean


def test_findings_are_typed_and_the_settings_apply(tmp_path):
    settings = tmp_path / "compliance.toml"
    settings.write_text('[roles]\n"公司领导" = "总经理"\n', encoding="utf-8")
    data = yaml.safe_load((BUILTIN / "samples" / "reimbursement" / "valid.yaml").read_text(encoding="utf-8"))
    document = tmp_path / "报销单.docx"
    document.write_bytes(compliance.build_document("reimbursement", data))  # signed by 公司领导
    (result,) = compliance.check_files([document], config=settings)
    assert all(isinstance(f, compliance.Finding) for f in result.findings)
    assert any(f.rule == "approval-missing" and "总经理" in f.message_zh for f in result.findings)


def test_bad_data_raises_one_error_naming_every_problem():
    try:
        compliance.build_document("reimbursement", {"报销人": "张伟", "金额": "x"})
    except compliance.InvalidData as error:
        assert len(error.problems) >= 3 and "报销日期" in error.message_zh
    else:
        raise AssertionError("invalid data was accepted")


@pytest.mark.slow  # a new Python process
def test_importing_the_package_loads_nothing_heavy():
    code = "import sys, compliance; print(sorted(m for m in sys.modules if m.startswith(('compliance.', 'pypdf', 'docx', 'lxml'))))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"


@pytest.mark.slow  # a new Python process
def test_the_readme_example_runs(tmp_path):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```python\n(.*?)```", readme, re.S)
    assert example, "the README has no Python example"
    completed = subprocess.run([sys.executable, "-c", example.group(1)], cwd=tmp_path, capture_output=True,
                               text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    assert "reimbursement" in completed.stdout


@pytest.mark.slow  # a new Python process
def test_the_command_line_starts_without_the_library_behind_it():
    # `compliance --help` must start fast: the commands import their machinery when they run.
    heavy = ("compliance.model", "compliance.checking", "compliance.rulebook", "compliance.generation", "pypdf",
             "docx", "lxml", "yaml", "numpy")
    code = f"import sys, compliance.cli; print(sorted(m for m in sys.modules if m.startswith({heavy!r})))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"
