"""Issue 22: a broken office workspace or a batch folder that is not there yet.

A template whose placeholder the form does not have is the workspace's fault (exit 2), named
with its file and placeholder and pointing to `compliance lint`; a batch's --out-dir is made when
missing and refused when a file stands in its place.
"""
from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from gen_support import assert_bilingual, run

FORM = "leave-request"  # the example form of `compliance init`


def _clean(output: str) -> None:
    assert "内部错误" not in output and "internal error" not in output and "Traceback" not in output, output


@pytest.fixture(scope="module")
def office(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("office") / "表单"
    assert run(["init", root]).exit_code == 0
    return root


def _copy(office: Path, target: Path) -> Path:
    import shutil

    shutil.copytree(office, target)
    return target


def _edit_template(root: Path, old: str, new: str) -> Path:
    """Change one text of the template's document.xml, as someone editing it in Word would."""
    path = root / "templates" / f"{FORM}.docx"
    with zipfile.ZipFile(path) as package:
        parts = [(item, package.read(item)) for item in package.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for item, data in parts:
            if item.filename == "word/document.xml":
                assert old.encode() in data, old
                data = data.replace(old.encode(), new.encode(), 1)
            package.writestr(item, data)
    return path


@pytest.mark.parametrize("old, new, shown", [
    ("{{ reason }}", "{{ reasn }}", "{{ reasn }}"),
    ("{{ row.date }}", "{{ row.dat }}", "{{ row.dat }}"),  # a column of the approval table's loop
    ("{{ reason }}", "{{ reasn | upper }}", "{{ reasn }}"),
])
def test_an_unknown_placeholder_names_the_template_and_points_to_lint(office, tmp_path, old, new, shown):
    root = _copy(office, tmp_path / "ws")
    template = _edit_template(root, old, new)
    out = tmp_path / "请假.docx"
    result = run(["new", FORM, "--sample", "--root", root, "-o", out])
    assert result.exit_code == 2, result.output
    assert_bilingual(result.output)
    _clean(result.output)
    assert str(template) in result.output
    assert shown in result.output
    assert f"compliance lint --root {root}" in result.output
    assert not out.exists()


def test_a_sandbox_breach_in_a_template_is_a_workspace_error(office, tmp_path):
    root = _copy(office, tmp_path / "ws")
    template = _edit_template(root, "{{ reason }}", "{{ reason.__class__.__mro__ }}")
    result = run(["new", FORM, "--sample", "--root", root, "-o", tmp_path / "x.docx"])
    assert result.exit_code == 2, result.output
    _clean(result.output)
    assert str(template) in result.output and "compliance lint" in result.output


def test_a_template_that_is_no_docx_is_a_workspace_error(office, tmp_path):
    root = _copy(office, tmp_path / "ws")
    template = root / "templates" / f"{FORM}.docx"
    template.write_bytes(b"not a word document")
    result = run(["new", FORM, "--sample", "--root", root, "-o", tmp_path / "x.docx"])
    assert result.exit_code == 2, result.output
    _clean(result.output)
    assert str(template) in result.output and "compliance lint" in result.output


def test_a_batch_through_a_broken_template_stops_naming_it(office, tmp_path):
    root = _copy(office, tmp_path / "ws")
    _edit_template(root, "{{ reason }}", "{{ reasn }}")
    from compliance.safety.data_limits import load_yaml_safely

    sample = load_yaml_safely((root / "samples" / FORM / "valid.yaml").read_text(encoding="utf-8"), "sample")
    scalars = {key: value for key, value in sample.items() if not isinstance(value, (list, dict))}
    sheet = tmp_path / "rows.csv"
    buffer = io.StringIO()
    csv.writer(buffer).writerows([list(scalars), [str(v) for v in scalars.values()]])
    sheet.write_text(buffer.getvalue(), encoding="utf-8")
    out = tmp_path / "out"
    result = run(["new", FORM, "--root", root, "--data", sheet, "--out-dir", out])
    assert result.exit_code == 2, result.output
    _clean(result.output)
    assert "{{ reasn }}" in result.output and "compliance lint" in result.output
    assert not list(out.glob("*.docx"))


# --- --out-dir -------------------------------------------------------------------------------------

def _sheet(tmp_path: Path) -> Path:
    sheet = tmp_path / "报销.csv"
    sheet.write_text("报销人,部门,报销日期,报销事由,费用明细.1.日期,费用明细.1.费用类别,费用明细.1.金额,费用明细.1.单据张数\n"
                     "张伟,市场部,2026-05-11,参展,2026-05-10,交通费,1386,2\n"
                     "李娜,财务部,2026-05-12,培训,2026-05-12,培训费,\"60,000.00\",1\n", encoding="utf-8")
    return sheet


def test_a_missing_out_dir_is_made_with_its_parents(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(["new", "reimbursement", "--data", _sheet(tmp_path), "--out-dir", "输出/五月/", "--name", "{报销人}-{row}"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "输出" / "五月").iterdir()) == ["张伟-2.docx", "李娜-3.docx"]


def test_the_readme_batch_example_runs_as_written(tmp_path, monkeypatch):
    """`compliance new reimbursement --data 报销.csv --out-dir 输出/ --name '{报销人}-{row}'`."""
    monkeypatch.chdir(tmp_path)
    _sheet(tmp_path)
    result = run(["new", "reimbursement", "--data", "报销.csv", "--out-dir", "输出/", "--name", "{报销人}-{row}"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "输出" / "张伟-2.docx").is_file()


@pytest.mark.parametrize("where", ["file", "under-a-file"])
def test_an_out_dir_that_cannot_be_a_folder_is_a_usage_error(tmp_path, where):
    blocker = tmp_path / "输出"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    out_dir = blocker if where == "file" else blocker / "五月"
    result = run(["new", "reimbursement", "--data", _sheet(tmp_path), "--out-dir", out_dir])
    assert result.exit_code == 2, result.output
    assert_bilingual(result.output)
    _clean(result.output)
    assert str(out_dir) in result.output
    assert blocker.read_text(encoding="utf-8") == "a file, not a folder"
