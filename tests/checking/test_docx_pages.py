"""One rule for where a .docx page ends, whether the checker is placing a value or a seal.

A section break starts a new page unless the section after it is `continuous`: the pages that
findings name and the pages that seals are found on must agree on that.
"""
from __future__ import annotations

import copy
import json

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from .support import check_json, run
from .test_seals_in_check import _seal_png


def _with_section_break(tmp_path, following_type: str | None):
    """The unsigned reimbursement slip with a section break after its title, and a seal at its end."""
    source = tmp_path / "unsigned.docx"
    data = tmp_path / "data.json"
    data.write_text(json.dumps({"报销人": "张伟", "部门": "市场部", "报销日期": "2026-05-11", "报销事由": "出差",
                                "费用明细": [{"日期": "2026-05-10", "费用类别": "交通费", "摘要": "高铁",
                                          "金额": "300", "单据张数": 1}]}, ensure_ascii=False), encoding="utf-8")
    assert run("new", "reimbursement", "--data", data, "-o", source).exit_code == 0
    document = Document(source)
    body = document.element.body
    title = body[0]
    final = body.find(qn("w:sectPr"))
    inner = copy.deepcopy(final)  # the first section keeps the page set-up of the document
    for old in inner.findall(qn("w:type")):
        inner.remove(old)
    properties = title.get_or_add_pPr()
    properties.append(inner)
    for old in final.findall(qn("w:type")):
        final.remove(old)
    if following_type is not None:
        kind = final.makeelement(qn("w:type"), {qn("w:val"): following_type})
        final.insert(0, kind)
    document.add_paragraph().add_run().add_picture(_seal_png(), width=Mm(40))
    target = tmp_path / f"break-{following_type}.docx"
    document.save(target)
    return target


@pytest.mark.parametrize("following_type, page", [("continuous", 1), ("nextColumn", 1), ("nextPage", 2), (None, 2)])
def test_values_and_seals_are_placed_on_the_same_page(tmp_path, following_type, page):
    target = _with_section_break(tmp_path, following_type)
    code, report = check_json(target)
    approvals = [f["page"] for f in report["files"][0]["findings"] if f["rule"] == "approval-missing"]
    assert code == 1 and approvals and set(approvals) == {page}
    stamps = json.loads(run("stamps", target, "--format", "json").stdout)["files"][0]["stamps"]
    assert [s["page"] for s in stamps] == [page]
