"""Issue #4 acceptance cases: regulation 001 §七(四)3, never a seal on a blank sheet."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from compliance.checking.seal_findings import seal_findings
from compliance.cli import main
from compliance.model.findings import Finding
from compliance.seals import find_stamps


def _pages(findings: list[Finding]) -> list[int]:
    return [f.page for f in findings]


def _cli(*args: str):
    return CliRunner().invoke(main, ["stamps", *map(str, args)])


def test_a_seal_alone_on_page_two_is_flagged(seal_set):
    path = seal_set.acceptance["accept-a"]
    findings = seal_findings(path)
    assert _pages(findings) == [2]
    finding = findings[0]
    assert finding.file == str(path)
    assert finding.rule == "stamp-on-blank-page"
    assert finding.severity == "error"
    assert finding.rule_id == "seal.no-blank-page"
    assert finding.clause == "001 §七(四)3"
    assert "第 2 页" in finding.message_zh and "印章" in finding.message_zh
    assert "page 2" in finding.message_en and "seal" in finding.message_en

    result = _cli("--format", "json", path)
    assert result.exit_code == 0, result.output
    (entry,) = json.loads(result.output)["files"]
    assert entry["path"] == str(path)
    assert [(s["page"], s["kind"]) for s in entry["stamps"]] == [(2, "image")]
    x0, y0, x1, y1 = entry["stamps"][0]["bbox"]
    assert 100 < x1 - x0 < 150 and 100 < y1 - y0 < 150  # a 42 mm seal is 119 pt across


def test_b_same_seal_over_signature_block_is_fine(seal_set):
    path = seal_set.acceptance["accept-b"]
    assert seal_findings(path) == []
    assert [s.page for s in find_stamps(path)] == [1]


@pytest.mark.parametrize("name, flagged", [("accept-a-scan", [2]), ("accept-b-scan", [])])
def test_c_scans_of_the_same_pages_give_the_same_answers(seal_set, name, flagged):
    path = seal_set.acceptance[name]
    assert _pages(seal_findings(path)) == flagged
    stamps = find_stamps(path)
    assert [s.kind for s in stamps] == ["scan"]
    assert [s.page for s in stamps] == [2 if flagged else 1]


def test_c_scan_and_original_agree_on_position(seal_set):
    (digital,) = find_stamps(seal_set.acceptance["accept-a"])
    (scanned,) = find_stamps(seal_set.acceptance["accept-a-scan"])
    centre = lambda b: ((b[0] + b[2]) / 2, (b[1] + b[3]) / 2)
    (dx, dy), (sx, sy) = centre(digital.bbox), centre(scanned.bbox)
    assert abs(dx - sx) < 15 and abs(dy - sy) < 15  # points; the scan is skewed by 0.8°


def test_d_stamp_annotation_on_empty_page(seal_set):
    path = seal_set.acceptance["accept-d"]
    (stamp,) = find_stamps(path)
    assert (stamp.page, stamp.kind) == (1, "annotation")
    assert stamp.bbox == pytest.approx((220.0, 420.0, 340.0, 540.0))
    assert _pages(seal_findings(path)) == [1]
    result = _cli(path)
    assert result.exit_code == 0
    assert "annotation" in result.output and "批注" in result.output


def test_e_docx_seal_after_page_break(seal_set):
    path = seal_set.acceptance["accept-a.docx"]
    assert _pages(seal_findings(path)) == [2]
    (stamp,) = find_stamps(path)
    assert (stamp.page, stamp.kind, stamp.exact) == (2, "image", False)


def test_e_docx_seal_after_page_break_rendered(seal_set):
    path = seal_set.acceptance["accept-a.docx"]
    assert _pages(seal_findings(path, render=True)) == [2]
    (stamp,) = find_stamps(path, render=True)
    assert (stamp.page, stamp.kind, stamp.exact) == (2, "image", True)
    result = _cli("--render", "--format", "json", path)
    assert result.exit_code == 0, result.output
    assert [s["page"] for s in json.loads(result.output)["files"][0]["stamps"]] == [2]


@pytest.mark.parametrize("name", ["accept-f-title", "accept-f-border", "accept-f-title.docx", "accept-f-border.docx"])
def test_f_red_title_or_border_without_seal(seal_set, name):
    path = seal_set.acceptance[name]
    assert find_stamps(path) == []
    assert seal_findings(path) == []
