"""Every form in a file is checked: a second slip printed into the same file is not hidden by a
clean first one, and each finding names the page of its own slip."""
from __future__ import annotations

import copy
import json

import yaml
from docx import Document
from docx.enum.text import WD_BREAK

from .support import SAMPLES, check_json, run

VALID = yaml.safe_load((SAMPLES / "reimbursement" / "valid.yaml").read_text(encoding="utf-8"))


def _printed(tmp_path, name: str, change=None, form: str = "reimbursement", data=None):
    data = copy.deepcopy(data if data is not None else VALID)
    if change:
        change(data)
    source = tmp_path / f"{name}.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / f"{name}.docx"
    assert run("new", form, "--data", source, "-o", out).exit_code == 0
    return out


def _combined(tmp_path, first, second):
    """The second document's body after the first one's, on a new page, as one file."""
    document = Document(first)
    body = document.element.body
    final = body[-1]  # the section properties stay last
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for element in list(Document(second).element.body)[:-1]:
        final.addprevious(copy.deepcopy(element))
    target = tmp_path / "two-slips.docx"
    document.save(target)
    return target


def test_a_rejected_second_slip_is_not_hidden_by_a_clean_first(tmp_path):
    rejected = _printed(tmp_path, "rejected", lambda d: d["approvals"][1].update(opinion="不同意"))
    target = _combined(tmp_path, _printed(tmp_path, "clean"), rejected)
    code, report = check_json(target)
    entry = report["files"][0]
    assert code == 1
    assert entry["forms"] == ["reimbursement", "reimbursement"]
    assert [(f["rule"], f["page"]) for f in entry["findings"]] == [("approval-rejected", 2)]


def test_each_slip_of_a_file_gets_its_own_findings_with_its_page(tmp_path):
    first = _printed(tmp_path, "unsigned", lambda d: d["approvals"][0].update(approver="/"))
    second = _printed(tmp_path, "conditional", lambda d: d["approvals"][2].update(opinion="原则同意，但须补充发票"))
    report = check_json(_combined(tmp_path, first, second))[1]
    found = {(f["rule"], f["page"]) for f in report["files"][0]["findings"]}
    assert found == {("approval-missing", 1), ("approval-conditional", 2)}


def test_a_file_with_one_form_is_reported_as_before(tmp_path):
    report = check_json(_printed(tmp_path, "one"))[1]
    assert "forms" not in report["files"][0] and report["files"][0]["findings"] == []


def test_two_slips_in_one_pdf_are_both_checked(tmp_path, soffice):
    from compliance.libreoffice import convert

    rejected = _printed(tmp_path, "rejected", lambda d: d["approvals"][1].update(opinion="不同意"))
    combined = _combined(tmp_path, _printed(tmp_path, "clean"), rejected)
    (pdf,) = convert([combined], "pdf", tmp_path)
    code, report = check_json(pdf)
    entry = report["files"][0]
    assert code == 1 and entry["forms"] == ["reimbursement", "reimbursement"]
    assert [(f["rule"], f["page"]) for f in entry["findings"]] == [("approval-rejected", 2)]
