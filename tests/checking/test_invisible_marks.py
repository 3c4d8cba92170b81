"""What does not show on paper is no part of a value (issue 24): the combining grapheme joiner,
variation selectors, tag characters, bidi controls — every Unicode default-ignorable code point —
are removed before names, opinions and values are compared or judged, and a value made only of
them is empty.

The set is Unicode's, derived by principle and held here to the Unicode data Python and Perl ship;
the CLI cases insert marks × positions into opinions, names and values, in both scripts.
"""
from __future__ import annotations

import itertools
import shutil
import subprocess
import unicodedata

import pytest
from docx import Document

from compliance.model.textnorm import DEFAULT_IGNORABLE, SHOWN_FORMAT

from .batch import AS_OF, Batches, changed, params, turning
from .support import check_json, run

MARKS = {
    "cgj": "\u034f", "vs16": "\ufe0f", "vs1": "\ufe00", "vs17": "\U000e0100", "vs256": "\U000e01ef",
    "tag-a": "\U000e0041", "tag-cancel": "\U000e007f", "language-tag": "\U000e0001", "zwsp": "\u200b", "zwj": "\u200d",
    "word-joiner": "\u2060", "rlo": "\u202e", "lri": "\u2066", "pdi": "\u2069", "alm": "\u061c", "soft-hyphen": "\u00ad",
    "mongolian-fvs": "\u180b", "hangul-filler": "\u3164", "halfwidth-filler": "\uffa0", "choseong-filler": "\u115f",
    "musical-begin-beam": "\U0001d173", "reserved-ignorable": "\U000e0fff", "bom": "\ufeff",
}


def _ignorable(code: int) -> bool:
    return any(low <= code <= high for low, high in DEFAULT_IGNORABLE)


# -- the set, by principle -----------------------------------------------------------------------
def test_every_format_character_that_does_not_show_is_ignorable():
    formats = [code for code in range(0x110000) if unicodedata.category(chr(code)) == "Cf"]
    assert [hex(code) for code in formats if not _ignorable(code) and code not in SHOWN_FORMAT] == []
    assert all(unicodedata.category(chr(code)) in ("Cf", "Cn") for code in SHOWN_FORMAT)  # Cn: assigned later


def test_every_variation_selector_and_tag_is_ignorable():
    named = [code for code in range(0x110000)
             if unicodedata.name(chr(code), "").startswith(("VARIATION SELECTOR", "TAG ", "CANCEL TAG", "LANGUAGE TAG"))]
    assert len(named) > 350 and all(_ignorable(code) for code in named)


@pytest.mark.skipif(shutil.which("perl") is None, reason="Perl's copy of the Unicode data is the second opinion")
def test_the_ranges_are_unicodes_own():
    """Perl ships Default_Ignorable_Code_Point as computed from the Unicode database."""
    script = ("use Unicode::UCD 'prop_invlist'; my @l = prop_invlist('Default_Ignorable_Code_Point');"
              "print join(',', @l)")
    listed = [int(n) for n in subprocess.run(["perl", "-e", script], capture_output=True, text=True, check=True).stdout.split(",")]
    ranges = [(listed[i], listed[i + 1] - 1) for i in range(0, len(listed), 2)]
    merged: list[tuple[int, int]] = []
    for low, high in DEFAULT_IGNORABLE:  # adjacent ranges merged, as an inversion list has them
        if merged and merged[-1][1] + 1 == low:
            merged[-1] = (merged[-1][0], high)
        else:
            merged.append((low, high))
    assert merged == ranges


# -- through the CLI -----------------------------------------------------------------------------
def _everywhere(text: str, mark: str) -> str:
    return mark.join(text)


def _positions(text: str, mark: str) -> dict[str, str]:
    return {"start": mark + text, "inside": text[:1] + mark + text[1:], "end": text + mark * 3,
            "everywhere": _everywhere(text, mark)}


REFUSALS = ["不同意", "無法同意", "不予報銷"]
NAMES = [("周晓琳", "周晓琳"), ("周晓琳", "周曉琳")]  # the claimant as written, and as the approver writes it
FINANCE = 1


def _cases() -> dict[str, tuple[dict, set]]:
    cases: dict[str, tuple[dict, set]] = {}
    rejected = {("approval-rejected", f"approvals[{FINANCE}].opinion")}
    for (mark_name, mark), refusal in itertools.product(MARKS.items(), REFUSALS):
        for where, opinion in _positions(refusal, mark).items():
            cases[f"opinion-{refusal}-{mark_name}-{where}"] = (changed("reimbursement", lambda data, o=opinion: data["approvals"][
                FINANCE].update(opinion=o)), rejected)
    for (mark_name, mark), (_claimant, approver) in itertools.product(MARKS.items(), NAMES):
        for where, name in _positions(approver, mark).items():
            cases[f"self-approval-{approver}-{mark_name}-{where}"] = (changed("reimbursement", lambda data, n=name: data[
                "approvals"][FINANCE].update(approver=n)), {("duty-conflict", f"approvals[{FINANCE}].approver")})
    for mark_name, mark in MARKS.items():
        only = mark * 3
        cases[f"approver-only-{mark_name}"] = (changed("reimbursement", lambda data, v=only: data["approvals"][FINANCE].update(
            approver=v)), {("approval-missing", f"approvals[{FINANCE}]")})
        cases[f"opinion-only-{mark_name}"] = (changed("reimbursement", lambda data, v=only: data["approvals"][FINANCE].update(
            opinion=v)), set())  # no opinion: a signed, dated row approves
        cases[f"claimant-only-{mark_name}"] = (changed("reimbursement", lambda data, v=only: data.update(claimant=v)),
                                               {("field-missing", "claimant")})
        cases[f"signature-only-{mark_name}"] = (changed("acceptance-report", lambda data, v=only: data["signatures"][
            "company_rep"].update(name=v)), {("field-missing", "signatures.company_rep.name")})
        cases[f"date-{mark_name}"] = (changed("reimbursement", lambda data, m=mark: data.update(claim_date=f"2026-05{m}-18")),
                                      set())
        cases[f"amount-{mark_name}"] = (changed("reimbursement", lambda data, m=mark: data["items"][0].update(
            amount=f"1{m},386.00")), set())
        cases[f"same-representative-{mark_name}"] = (changed("acceptance-report", lambda data, m=mark: data["signatures"][
            "company_rep"].update(name=m.join(data["signatures"]["client_rep"]["name"]))),
            {("duty-conflict", "signatures.company_rep.name")})
    return cases


CASES = _cases()
QUICK = turning(list(CASES), 4)


@pytest.fixture(scope="module")
def judged(tmp_path_factory):
    return Batches(tmp_path_factory, {name: case for name, (case, _) in CASES.items()}, QUICK)


@pytest.mark.parametrize("name", params(list(CASES), QUICK))
def test_what_does_not_show_is_no_part_of_a_value(judged, name):
    assert judged(name) == CASES[name][1]


def test_the_parts_give_hundreds_of_cases():
    assert len(CASES) > 600


# -- printed slips, edited -----------------------------------------------------------------------
def _approval_row(document, role_index: int):
    table = next(table for table in document.tables if any(cell.text.strip() in ("审批环节", "審批環節")
                                                           for row in table.rows for cell in row.cells))
    return table.rows[2 + role_index]


def _set(cell, text: str) -> None:
    runs = [run_ for paragraph in cell.paragraphs for run_ in paragraph.runs]
    runs[0].text = text
    for run_ in runs[1:]:
        run_.text = ""


@pytest.mark.parametrize("script", ["simplified", "traditional"])
@pytest.mark.parametrize("column, text, expected", [
    (2, "不\u034f同\ufe0f意", ("approval-rejected", "approvals[1].opinion")),
    (1, "周\U000e0041晓\U000e007f琳", ("duty-conflict", "approvals[1].approver")),
    (1, "\u2066\u034f\u2069", ("approval-missing", "approvals[1]")),
], ids=["opinion", "name-with-tags", "only-marks"])
def test_a_printed_slip_edited_with_marks_is_read_without_them(tmp_path, script, column, text, expected):
    out = tmp_path / "slip.docx"
    assert run("new", "reimbursement", "--sample", "-o", out, "--script", script).exit_code == 0
    document = Document(out)
    _set(_approval_row(document, FINANCE).cells[column], text)
    document.save(out)
    _code, report = check_json(out, extra=("--as-of", AS_OF))
    assert expected in {(f["rule"], f["field"]) for f in report["files"][0]["findings"]}
