"""The generator prints exactly the roles `check` demands, under the same configuration.

An office renames 公司领导 to 总经理 and lowers the collective-decision threshold to 1,000: the
unsigned form must carry a signing row for every role `check` will then require, and the same
form, once signed in those rows, must check clean, as .docx and as its PDF.
"""
from __future__ import annotations

import json

import pytest
from docx import Document

from .support import check_json, run

CONFIG = """
[rules."reimbursement.collective-decision"]
at_least = 1000
[roles]
"公司领导" = "总经理"
"""
EXPECTED_ROLES = ["部门负责人", "财务审核", "总经理", "管理层集体决策"]
SIGNERS = {"部门负责人": "赵明辉", "财务审核": "孙丽娟", "总经理": "钱国栋", "管理层集体决策": "周永康"}


def _unsigned_data(tmp_path):
    data = {"报销人": "张伟", "部门": "市场部", "报销日期": "2026-05-11", "报销事由": "赴上海拜访客户",
            "费用明细": [{"日期": "2026-05-10", "费用类别": "交通费", "摘要": "高铁", "金额": "1500", "单据张数": 2}]}
    path = tmp_path / "data.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path, data


def _signing_rows(docx_path) -> list[str]:
    """The 审批环节 cells of the approval table, in print order."""
    rows = []
    for table in Document(str(docx_path)).tables:
        texts = [[c.text.strip() for c in row.cells] for row in table.rows]
        header = next((i for i, cells in enumerate(texts) if "审批环节" in cells), None)
        if header is not None:
            column = texts[header].index("审批环节")
            rows += [cells[column] for cells in texts[header + 1:] if cells[column]]
    return rows


@pytest.fixture
def config(tmp_path):
    path = tmp_path / "compliance.toml"
    path.write_text(CONFIG, encoding="utf-8")
    return path


def test_the_unsigned_form_has_a_row_for_every_role_check_will_demand(tmp_path, config):
    data_path, _ = _unsigned_data(tmp_path)
    out = tmp_path / "unsigned.docx"
    assert run("new", "reimbursement", "--data", data_path, "-o", out, "--config", config).exit_code == 0
    assert _signing_rows(out) == EXPECTED_ROLES
    code, report = check_json(out, extra=("--config", str(config)))
    missing = sorted({f["message_en"].split("'")[1] for f in report["files"][0]["findings"]
                      if f["rule"] in ("approval-missing", "amount-threshold") and "'" in f["message_en"]})
    assert code == 1 and missing == sorted(EXPECTED_ROLES)


def test_without_the_config_the_form_asks_for_the_default_chain(tmp_path):
    data_path, _ = _unsigned_data(tmp_path)
    out = tmp_path / "default.docx"
    assert run("new", "reimbursement", "--data", data_path, "-o", out).exit_code == 0
    assert _signing_rows(out) == ["部门负责人", "财务审核", "公司领导"]


def _signed(tmp_path, config, pdf: bool):
    data_path, data = _unsigned_data(tmp_path)
    data["审批"] = [{"审批环节": role, "审批人": SIGNERS[role], "意见": "同意", "日期": f"2026-05-1{2 + i}"}
                  for i, role in enumerate(EXPECTED_ROLES)]
    data_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "signed.docx"
    args = ["new", "reimbursement", "--data", data_path, "-o", out, "--config", config] + (["--pdf"] if pdf else [])
    assert run(*args).exit_code == 0
    return out.with_suffix(".pdf") if pdf else out


def test_the_signed_form_checks_clean_as_docx(tmp_path, config):
    code, report = check_json(_signed(tmp_path, config, pdf=False), extra=("--config", str(config)))
    assert (code, report["files"][0]["findings"]) == (0, [])


def test_the_signed_form_checks_clean_as_pdf(tmp_path, config, soffice):
    code, report = check_json(_signed(tmp_path, config, pdf=True), extra=("--config", str(config)))
    assert (code, report["files"][0]["form"], report["files"][0]["findings"]) == (0, "reimbursement", [])
