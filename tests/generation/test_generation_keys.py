"""Data keys: schema keys, Simplified labels, Traditional labels and aliases, mixed, nested included."""
from __future__ import annotations

import yaml
from gen_support import doc_text, run, sample_path, write_json


def _render(tmp_path, form_id, data, name):
    out = tmp_path / f"{name}.docx"
    result = run(["new", form_id, "--data", write_json(tmp_path / f"{name}.json", data), "-o", out])
    assert result.exit_code == 0, result.output
    return doc_text(out)


def test_mixed_keys_in_reimbursement_including_table_rows(tmp_path):
    canonical = {
        "claimant": "张伟", "department": "市场部", "claim_date": "2026-05-11", "purpose": "赴上海拜访客户",
        "items": [
            {"date": "2026-05-10", "category": "交通费", "summary": "高铁", "amount": 1000, "receipts": 2},
            {"date": "2026-05-10", "category": "餐费", "summary": "工作餐", "amount": 5, "receipts": 1},
        ],
        "approvals": [{"role": "部门负责人", "approver": "赵明辉", "opinion": "同意", "date": "2026-05-12"}],
    }
    mixed = {
        "claimant": "张伟",  # schema key
        "部门": "市场部",  # Simplified label
        "報銷日期": "2026-05-11",  # Traditional label
        "事由": "赴上海拜访客户",  # alias
        "費用明細": [  # Traditional table label, rows keyed in every way
            {"日期": "2026-05-10", "類別": "交通费", "summary": "高铁", "金額": 1000, "單據張數": 2},
            {"date": "2026-05-10", "费用类别": "餐费", "说明": "工作餐", "金额(元)": 5, "receipts": 1},
        ],
        "審批": [{"審批環節": "部门负责人", "签字": "赵明辉", "意见": "同意", "审批日期": "2026-05-12"}],
    }
    expected = _render(tmp_path, "reimbursement", canonical, "canonical")
    got = _render(tmp_path, "reimbursement", mixed, "mixed")
    assert got == expected
    for value in ("张伟", "市场部", "2026年5月11日", "高铁", "工作餐", "1,000.00", "5.00", "1,005.00",
                  "壹仟零伍元整", "赵明辉", "2026年5月12日"):
        assert value in got, value


def test_mixed_keys_in_nested_groups_and_matrix(tmp_path):
    canonical = yaml.safe_load(sample_path("acceptance-report").read_text(encoding="utf-8"))
    mixed = dict(canonical)
    del mixed["materials"], mixed["signatures"], mixed["contract_no"]
    mixed["合同號"] = canonical["contract_no"]
    mixed["驗收資料"] = {"成果报告": True, "work_records": "是", "質檢報告": "☑"}
    mixed["双方签字"] = {
        "客戶代表": {"簽名": "郑海峰", "date": "2026-09-08"},
        "company_rep": {"姓名": "陈思远", "日期": "2026-09-08"},
    }
    expected = _render(tmp_path, "acceptance-report", canonical, "canonical")
    got = _render(tmp_path, "acceptance-report", mixed, "mixed")
    assert got == expected
    assert "☑ 业务成果报告" in got and "郑海峰" in got and "陈思远" in got
