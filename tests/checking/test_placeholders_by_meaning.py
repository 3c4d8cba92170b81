"""Stand-ins for a value, and blank paper named as a document, judged by meaning (issue 24).

A document to be sealed that is blank paper or a blank form is no document, whatever is around it
(A4白纸一张, 空白纸张2张, 合同及空白授权委托书): `field-invalid`; a real name that merely contains
such a character (无锡分公司房屋租赁合同) is a document. And `/`, 无, 待补, —, N/A, 略, 见附件 are no
value in any required field of any form — registers, sign-in sheets and signatures included:
`field-missing`. The cases are built from parts and checked through the CLI in one run.
"""
from __future__ import annotations

import itertools
import json

import pytest
from docx import Document

from compliance.model.fields import SCALAR, TABLE
from compliance.model.textnorm import to_traditional
from compliance.model.workspace import Workspace

from .batch import AS_OF, Batches, changed, params, turning
from .support import BUILTIN, FORM_IDS, check_json, run

# -- blank paper, named --------------------------------------------------------------------------
BLANKS = ["空白", "空白的", "未填写的", "空"]
PAPERS = ["纸张", "纸", "合同", "授权委托书", "介绍信", "表格", "申请表", "信纸", "页", "协议"]
COUNTS_BEFORE = ["", "两张", "3份", "共2张"]
SIZES = ["", "A4", "16开"]
COUNTS_AFTER = ["", "一张", "2张", "共3份", "若干张"]
AROUND = {"alone": "{}", "after-a-contract": "房屋租赁合同及{}", "before-a-tender": "{}和投标文件正本1份",
          "with-a-note": "{}（备用）", "listed": "采购合同、{}"}


def _blank_documents() -> dict[str, str]:
    names = {}
    parts = itertools.product(BLANKS, PAPERS, AROUND.items(), ["simplified", "traditional"])
    for index, (blank, paper, (around_name, around), script) in enumerate(parts):
        before = COUNTS_BEFORE[index % len(COUNTS_BEFORE)]
        size = SIZES[index % len(SIZES)]
        after = COUNTS_AFTER[index % len(COUNTS_AFTER)]
        name = around.format(f"{before}{size}{blank}{paper}{after}")
        names[f"{blank}{paper}-{around_name}-{index}-{script}"] = to_traditional(name) if script == "traditional" else name
    for white in ["A4白纸一张", "白纸", "白纸2张", "A3白纸若干张", "空白纸张2张", "两张A4空白纸", "纸张（空白）", "blank paper",
                  "合同及空白授权委托书", "A4纸一张", "复印纸2张"]:
        names[white] = white
        names[f"{white}-traditional"] = to_traditional(white)
    return names


BLANK_DOCUMENTS = _blank_documents()
REAL_DOCUMENTS = ["无锡分公司房屋租赁合同", "無錫分公司房屋租賃合同", "无人机采购合同", "略阳县项目咨询协议", "见证服务合同",
                  "空白区域设计方案（终稿）", "白皮书（2026版）", "空调采购合同", "白云区办公楼租赁合同", "空港物流服务协议",
                  "投标文件正本1份、副本2份", "白银分公司合作协议", "空白支票使用登记表", "待摊费用明细表", "无线网络维护合同"]


def _document(name: str):
    return changed("seal-use", lambda data: data.update(document_name=name))


# -- stand-ins in every required field of every form ---------------------------------------------
STAND_INS = ["/", "无", "待补", "—", "——", "-", "N/A", "略", "见附件", "無", "見附件", "待補", "暫無", "／", "n/a", "______",
             "－", "……", "详见附件2", "待填", "XX", "暂缺", "免填"]
BOOLEAN_WORDS = {"无", "無", "-", "－"}  # 无 and - say 否 in a tick box: a value there


def _required_scalars(fields, data, path: str = ""):
    """(path, field) of every required scalar the sample fills: plain fields, groups, the first row
    of each table (the approval table aside: its rows are judged as signatures)."""
    for field in fields:
        here = f"{path}.{field.key}" if path else field.key
        value = data.get(field.key) if isinstance(data, dict) else None
        if value is None or field.schema.get("x-approvals"):
            continue
        if field.shape == SCALAR and field.required:
            yield here, field
        elif field.shape == TABLE and isinstance(value, list) and value:
            yield from _required_scalars(field.children, value[0], f"{here}[0]")
        elif field.shape != SCALAR:
            yield from _required_scalars(field.children, value, here)


def _set_path(data: dict, path: str, value: str) -> None:
    parts = path.replace("[0]", ".0").split(".")
    target = data
    for part in parts[:-1]:
        target = target[int(part)] if part.isdigit() else target[part]
    target[parts[-1]] = value


def _stand_in_cases() -> dict[str, tuple[dict, str]]:
    workspace = Workspace(BUILTIN)
    cases = {}
    for form_id in FORM_IDS:
        form = workspace.form(form_id)
        sample = changed(form_id, lambda data: None)["data"]
        for (path, field), stand_in in itertools.product(_required_scalars(form.fields.fields, sample), STAND_INS):
            if field.value_type == "boolean" and stand_in in BOOLEAN_WORDS:
                continue
            cases[f"{form_id}:{path}={stand_in}"] = (changed(form_id, lambda data, p=path, v=stand_in: _set_path(data, p, v)),
                                                     path)
    return cases


STAND_IN_CASES = _stand_in_cases()
CASES = ({f"blank:{name}": _document(text) for name, text in BLANK_DOCUMENTS.items()}
         | {f"real:{name}": _document(name) for name in REAL_DOCUMENTS}
         | {f"stand-in:{name}": case for name, (case, _) in STAND_IN_CASES.items()})
QUICK = turning(list(CASES), 6) | {f"real:{name}" for name in REAL_DOCUMENTS}


@pytest.fixture(scope="module")
def judged(tmp_path_factory):
    return Batches(tmp_path_factory, CASES, QUICK)


@pytest.mark.parametrize("name", params([f"blank:{name}" for name in BLANK_DOCUMENTS], QUICK))
def test_blank_paper_is_no_document_whatever_is_around_it(judged, name):
    assert judged(name) == {("field-invalid", "document_name")}


@pytest.mark.parametrize("name", params([f"real:{name}" for name in REAL_DOCUMENTS], QUICK))
def test_a_real_document_name_is_accepted(judged, name):
    assert judged(name) == set()


@pytest.mark.parametrize("name", params([f"stand-in:{name}" for name in STAND_IN_CASES], QUICK))
def test_a_stand_in_is_no_value_in_a_required_field(judged, name):
    path = STAND_IN_CASES[name.removeprefix("stand-in:")][1]
    assert ("field-missing", path) in judged(name)


def test_every_form_and_the_fields_the_brief_names_are_covered():
    paths = {name.split("=")[0] for name in STAND_IN_CASES}
    assert {name.split(":")[0] for name in paths} == set(FORM_IDS)
    assert {"seal-register:uses[0].user", "training-record:participants[0].sign_in",
            "acceptance-report:signatures.client_rep.name", "acceptance-report:signatures.company_rep.date",
            "complaint-register:complaints[0].content"} <= paths
    assert len(CASES) > 1000


@pytest.mark.parametrize("value", ["无", "無", "/", "待补"])
def test_a_stand_in_does_not_meet_a_requirement(tmp_path, value):
    """不合格 needs 整改意见; 无 is none."""
    case = changed("acceptance-report", lambda data: data.update(conclusion="不合格", rectification=value))
    path = tmp_path / "report.json"
    path.write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")
    _code, report = check_json(path, extra=("--as-of", AS_OF))
    assert ("required-when", "rectification") in {(f["rule"], f["field"]) for f in report["files"][0]["findings"]}


# -- printed forms, edited -----------------------------------------------------------------------
def _set(cell, text: str) -> None:
    runs = [run_ for paragraph in cell.paragraphs for run_ in paragraph.runs]
    runs[0].text = text
    for run_ in runs[1:]:
        run_.text = ""


def _table_with(document, header: str):
    return next(table for table in document.tables if any(cell.text.strip() == header for row in table.rows
                                                         for cell in row.cells))


@pytest.mark.parametrize("script", ["simplified", "traditional"])
@pytest.mark.parametrize("form, header, row, column, value, expected", [
    ("acceptance-report", "签字", 2, 1, "/", ("field-missing", "signatures.company_rep.name")),
    ("acceptance-report", "签字", 1, 1, "——", ("field-missing", "signatures.client_rep.name")),
    ("training-record", "签到", 2, 2, "—", ("field-missing", "participants[0].sign_in")),
    ("training-record", "签到", 3, 2, "待补", ("field-missing", "participants[1].sign_in")),
], ids=["representative-slash", "client-dashes", "sign-in-dash", "sign-in-later"])
def test_a_stand_in_written_on_a_printed_form_is_no_value(tmp_path, script, form, header, row, column, value, expected):
    out = tmp_path / f"{form}.docx"
    assert run("new", form, "--sample", "-o", out, "--script", script).exit_code == 0
    document = Document(out)
    _set(_table_with(document, to_traditional(header) if script == "traditional" else header).rows[row].cells[column],
         to_traditional(value) if script == "traditional" else value)
    document.save(out)
    _code, report = check_json(out, extra=("--as-of", AS_OF))
    assert expected in {(f["rule"], f["field"]) for f in report["files"][0]["findings"]}


@pytest.mark.parametrize("script", ["simplified", "traditional"])
@pytest.mark.parametrize("name", ["A4白纸一张", "房屋租赁合同及空白授权委托书"])
def test_a_printed_request_to_seal_blank_paper_is_invalid(tmp_path, script, name):
    source = tmp_path / "request.json"
    source.write_text(json.dumps(changed("seal-use", lambda data: data.update(document_name=name))["data"], ensure_ascii=False),
                      encoding="utf-8")
    out = tmp_path / "request.docx"
    made = run("new", "seal-use", "--data", source, "-o", out, "--script", script)
    assert made.exit_code == 0, made.output
    _code, report = check_json(out, extra=("--as-of", AS_OF))
    assert {(f["rule"], f["field"]) for f in report["files"][0]["findings"]} == {("field-invalid", "document_name")}
