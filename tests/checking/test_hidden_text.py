"""What is read is what is seen: text a reader of the paper cannot see is no value, no content
beside a seal, and is reported (`hidden-text`, with its page)."""
from __future__ import annotations

import json

import pytest
from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from locations import first_quick

from .support import check_json, run
from .test_seals_in_check import _seal_png


def _hide(run, how: str) -> None:
    if how == "vanish":
        run.font.hidden = True
    elif how == "spec-vanish":
        run._r.get_or_add_rPr().append(run._r.makeelement(qn("w:specVanish"), {}))
    elif how == "white":
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    elif how == "near-white":
        run.font.color.rgb = RGBColor(0xF6, 0xF7, 0xF5)
    elif how == "tiny":
        run.font.size = Pt(1)


def _printed(tmp_path, script: str = "simplified"):
    out = tmp_path / "printed.docx"
    assert run("new", "reimbursement", "--sample", "-o", out, "--script", script).exit_code == 0
    return out


def _cell_after(document, label: str):
    for table in document.tables:
        for row in table.rows:
            for left, right in zip(row.cells, row.cells[1:]):
                if left.text.strip() == label:
                    return right
    raise AssertionError(label)


def _extract(path) -> dict:
    return json.loads(run("extract", path).stdout)["data"]


@pytest.mark.parametrize("how", first_quick(["vanish", "spec-vanish", "white", "near-white", "tiny"]))
@pytest.mark.parametrize("script, label", [("simplified", "报销人"), ("traditional", "報銷人")])
def test_invisible_text_is_no_value_and_is_reported(tmp_path, how, script, label):
    document = Document(_printed(tmp_path, script))
    _hide(_cell_after(document, label).paragraphs[0].add_run("李四"), how)
    _assert_hidden_and_reported(tmp_path, document)


def _assert_hidden_and_reported(tmp_path, document) -> None:
    target = tmp_path / "altered.docx"
    document.save(target)
    assert "李四" not in _extract(target)["claimant"]
    code, report = check_json(target)
    assert code == 1
    assert [(f["rule"], f["page"]) for f in report["files"][0]["findings"]] == [("hidden-text", 1)]


def test_a_hidden_name_is_no_signature(tmp_path):
    document = Document(_printed(tmp_path))
    for table in document.tables:
        for row in table.rows:
            if row.cells[0].text.strip() == "财务审核":
                cell = row.cells[1]
                cell.text = ""
                _hide(cell.paragraphs[0].add_run("孙丽娟"), "white")
    target = tmp_path / "altered.docx"
    document.save(target)
    code, report = check_json(target)
    rules = {(f["rule"], f["field"]) for f in report["files"][0]["findings"]}
    assert code == 1 and ("hidden-text", None) in rules and ("approval-missing", "approvals[1]") in rules


def test_white_text_on_a_dark_background_is_seen(tmp_path):
    document = Document(_printed(tmp_path))
    run_ = _cell_after(document, "部门").paragraphs[0].add_run("（华东）")
    run_.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    shading = run_._r.makeelement(qn("w:shd"), {qn("w:val"): "clear", qn("w:fill"): "1F3864"})
    run_._r.get_or_add_rPr().append(shading)
    target = tmp_path / "dark.docx"
    document.save(target)
    _code, report = check_json(target)
    # Read, so the department now differs from what was printed; not hidden.
    assert [(f["rule"], f["field"]) for f in report["files"][0]["findings"]] == [("content-altered", "department")]
    assert _extract(target)["department"].endswith("（华东）")


def test_a_seal_beside_nothing_but_hidden_text_is_on_a_blank_page(tmp_path):
    letter = Document()
    letter.add_paragraph("关于合作事项的函：兹有我公司与贵方就咨询服务达成一致，特此函告。")
    letter.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _hide(letter.add_paragraph().add_run("本页内容见上页，特此说明。" * 3), "white")
    letter.add_paragraph().add_run().add_picture(_seal_png(), width=Mm(42))
    target = tmp_path / "letter.docx"
    letter.save(target)
    code, report = check_json(target)
    found = {(f["rule"], f["page"]) for f in report["files"][0]["findings"]}
    assert code == 1 and {("stamp-on-blank-page", 2), ("hidden-text", 2)} <= found


def _style_hiding(document, case: str, cell):
    """Hide 李四 through the document's styles rather than the run's own formatting."""
    from docx.enum.style import WD_STYLE_TYPE

    styles = document.styles
    if case == "character-style":
        secret = styles.add_style("Quiet", WD_STYLE_TYPE.CHARACTER)
        secret.font.hidden = True
        cell.paragraphs[0].add_run("李四").style = secret
    elif case == "paragraph-style":
        white = styles.add_style("Paper", WD_STYLE_TYPE.PARAGRAPH)
        white.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        cell.add_paragraph("李四", style=white)
    elif case == "inherited-style":
        tiny = styles.add_style("Small", WD_STYLE_TYPE.CHARACTER)
        tiny.font.size = Pt(1)
        child = styles.add_style("Smaller", WD_STYLE_TYPE.CHARACTER)
        child.base_style = tiny
        cell.paragraphs[0].add_run("李四").style = child
    elif case == "overridden-style":  # the control: the run's own colour wins over its style's
        white = styles.add_style("Paper", WD_STYLE_TYPE.CHARACTER)
        white.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        shown = cell.paragraphs[0].add_run("李四")
        shown.style = white
        shown.font.color.rgb = RGBColor(0, 0, 0)


@pytest.mark.parametrize("case", ["character-style", "paragraph-style", "inherited-style"])
@pytest.mark.parametrize("script, label", [("simplified", "报销人"), ("traditional", "報銷人")])
def test_text_hidden_by_a_style_is_no_value_and_is_reported(tmp_path, case, script, label):
    document = Document(_printed(tmp_path, script))
    _style_hiding(document, case, _cell_after(document, label))
    _assert_hidden_and_reported(tmp_path, document)


def test_a_run_that_overrides_its_hiding_style_is_read(tmp_path):
    document = Document(_printed(tmp_path))
    _style_hiding(document, "overridden-style", _cell_after(document, "报销人"))
    target = tmp_path / "altered.docx"
    document.save(target)
    assert "李四" in _extract(target)["claimant"]
    _code, report = check_json(target)
    assert "hidden-text" not in {f["rule"] for f in report["files"][0]["findings"]}
