"""用印文件名称 must name a real document: placeholders are refused however they are written, a
real name that merely contains a placeholder's character never is."""
from __future__ import annotations

import copy
import json

import pytest
import yaml
from locations import first_quick

from .support import SAMPLES, check_json, run

VALID = yaml.safe_load((SAMPLES / "seal-use" / "valid.yaml").read_text(encoding="utf-8"))


def _request(tmp_path, name: str):
    data = copy.deepcopy(VALID)
    data["document_name"] = name
    path = tmp_path / "request.json"
    path.write_text(json.dumps({"form": "seal-use", "data": data}, ensure_ascii=False), encoding="utf-8")
    return path


def _found(report):
    return [(f["rule"], f["field"]) for f in report["files"][0]["findings"]]


@pytest.mark.parametrize("name", first_quick(["空白纸张", "空白", "空白合同", "N/A", "n/a", "/", "——", "略", "见附件",
                                              "見附件", "空白紙張", "见\u200b附件", "无", "無", "待定合同", "同上"]))
def test_a_placeholder_is_no_document_name(tmp_path, name):
    code, report = check_json(_request(tmp_path, name))
    assert code == 1 and ("field-invalid", "document_name") in _found(report), report


@pytest.mark.parametrize("name", first_quick(["无锡分公司房屋租赁合同", "無錫分公司房屋租賃合同", "无人机采购合同", "略阳县项目咨询协议",
                                              "见证服务合同", "空白区域设计方案（终稿）"]))
def test_a_real_name_containing_such_a_character_is_accepted(tmp_path, name):
    code, report = check_json(_request(tmp_path, name))
    assert (code, _found(report)) == (0, [])


@pytest.mark.slow  # prints a .docx
@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_a_printed_request_is_held_to_the_same(tmp_path, script):
    data = copy.deepcopy(VALID)
    data["document_name"] = "空白纸张"
    source = tmp_path / "data.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    printed = tmp_path / "request.docx"
    result = run("new", "seal-use", "--data", source, "-o", printed, "--script", script)
    assert result.exit_code == 0, result.output
    code, report = check_json(printed)
    assert code == 1 and ("field-invalid", "document_name") in _found(report)
