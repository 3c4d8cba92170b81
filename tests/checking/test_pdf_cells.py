"""In a PDF, a cell is what its ruling lines close: a value wrapped over several lines is read
whole, and an empty cell stays empty instead of taking the text beside it.

The PDFs are printed by `compliance new --pdf` (real LibreOffice), in either script.
"""
from __future__ import annotations

import copy
import json

import pytest
import yaml

from .support import SAMPLES, check_json, run

VALID = yaml.safe_load((SAMPLES / "reimbursement" / "valid.yaml").read_text(encoding="utf-8"))
LONG_PURPOSE = ("赴深圳参加中国零售数字化博览会并拜访两家潜在客户，洽谈门店系统升级合作事宜，"
                "同时考察当地三家供应商的仓储与物流能力，形成书面考察报告提交部门备案")
LONG_SUMMARY = "杭州至深圳往返高铁二等座，含改签手续费及退票损失，另附行程单与车票报销凭证"


def _printed(tmp_path, data, script):
    source = tmp_path / "data.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    printed = tmp_path / "slip.docx"
    made = run("new", "reimbursement", "--data", source, "-o", printed, "--pdf", "--script", script)
    assert made.exit_code == 0, made.output
    return printed, printed.with_suffix(".pdf")


def _extracted(path):
    result = run("extract", path)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["data"]


@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_values_wrapped_over_lines_are_read_whole(tmp_path, soffice, script):
    data = copy.deepcopy(VALID)
    data["purpose"] = LONG_PURPOSE
    data["items"][0]["summary"] = LONG_SUMMARY
    docx, pdf = _printed(tmp_path, data, script)
    from_pdf, from_docx = _extracted(pdf), _extracted(docx)
    # The .docx keeps each value in one cell of its own: the PDF must read the same.
    assert from_pdf["purpose"] == from_docx["purpose"]
    assert from_pdf["items"][0]["summary"] == from_docx["items"][0]["summary"]
    if script == "simplified":
        assert from_pdf["purpose"] == LONG_PURPOSE
        assert from_pdf["items"][0]["summary"] == LONG_SUMMARY
    code, report = check_json(pdf)
    assert code == 0, report


@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_an_empty_signature_cell_stays_empty_beside_its_opinion(tmp_path, soffice, script):
    data = copy.deepcopy(VALID)
    data["approvals"][1]["approver"] = ""
    _docx, pdf = _printed(tmp_path, data, script)
    approvals = _extracted(pdf)["approvals"]
    assert not approvals[1].get("approver")
    assert approvals[1]["opinion"]  # the opinion beside it is still read, as the opinion
    code, report = check_json(pdf)
    assert code == 1
    assert [(f["rule"], f["field"]) for f in report["files"][0]["findings"]] == [("approval-missing", "approvals[1]")]
