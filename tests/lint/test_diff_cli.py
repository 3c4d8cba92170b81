"""`compliance diff`: placeholders and labels a template change adds, removes or renames."""
from __future__ import annotations

import json
import shutil

from .support import BUILTIN, edit_docx, run

TEMPLATE = BUILTIN / "templates" / "reimbursement.docx"


def test_identical_templates_exit_0(tmp_path):
    copy = tmp_path / "copy.docx"
    shutil.copyfile(TEMPLATE, copy)
    result = run("diff", TEMPLATE, copy)
    assert result.exit_code == 0, result.output
    assert "unchanged" in result.output


def test_renamed_placeholder_and_changed_label(tmp_path):
    edited = tmp_path / "edited.docx"
    shutil.copyfile(TEMPLATE, edited)
    edit_docx(edited, "{{ claimant }}", "{{ claimant_name }}")
    edit_docx(edited, "报销事由", "报销原因")
    edit_docx(edited, "{{ row.receipts }}", "")
    result = run("diff", TEMPLATE, edited, "--format", "json")
    assert result.exit_code == 1
    changes = {(c["kind"], c["change"], c["old"], c["new"], tuple(c["place"]))
               for c in json.loads(result.output)["changes"]}
    assert changes == {
        ("placeholder", "renamed", "{{ claimant }}", "{{ claimant_name }}", (1, 1, 2)),
        ("label", "renamed", "报销事由", "报销原因", (1, 3, 1)),
        ("placeholder", "removed", "{{ row.receipts }}", None, (2, 4, 5)),
    }
    text = run("diff", TEMPLATE, edited).output
    assert "{{ claimant }} → {{ claimant_name }}" in text and "报销事由 → 报销原因" in text
    assert "表1 第1行 第2列" in text and "table 1, row 1, column 2" in text


def test_added_placeholder(tmp_path):
    edited = tmp_path / "edited.docx"
    shutil.copyfile(TEMPLATE, edited)
    edit_docx(edited, "{{ purpose }}", "{{ purpose }}（{{ project_code }}）")
    changes = json.loads(run("diff", TEMPLATE, edited, "--format", "json").output)["changes"]
    assert [(c["change"], c["new"]) for c in changes if c["kind"] == "placeholder"] == [("added", "{{ project_code }}")]


def test_a_file_that_is_not_a_template_is_a_usage_error(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip at all")
    assert run("diff", TEMPLATE, bad).exit_code == 2
