"""Names typed with characters that look like others (issue 24).

A CJK radical (⻢, ⾺) or compatibility ideograph (李 U+F9E1) is folded to the character it looks
like before two names are compared, so 部门负责人 ⻢明 and 财务审核 马明 are one person; the table is
derived from the Unicode names. A Chinese name with a Latin, Greek or Cyrillic letter among its
characters (周A琳, a Cyrillic о) is no name: `field-invalid`. 於/于 and 範/范 stay two people.
"""
from __future__ import annotations

import itertools

import pytest
from docx import Document

from compliance.model.textnorm import fold_lookalikes, to_traditional

from .batch import AS_OF, Batches, changed, params, turning
from .support import check_json, run

# (unified, look-alike) pairs: Radicals Supplement, Kangxi Radicals (NFKC), compatibility ideographs.
LOOKALIKES = {"马": "⻢", "长": "⻓", "风": "⻛", "龙": "⻰", "飞": "⻜", "黄": "⻩", "贝": "⻉", "车": "⻋", "门": "⻔", "页": "⻚",
              "鱼": "⻥", "鸟": "⻦", "齐": "⻬", "见": "⻅", "麦": "⻨", "龟": "⻳", "母": "⺟", "馬": "⾺", "李": "\uf9e1",
              "金": "\uf90a", "林": "\uf9f4", "來": "\uf92d"}


def test_the_derived_table_folds_each_sample_to_the_character_it_looks_like():
    assert {unified: fold_lookalikes(lookalike) for unified, lookalike in LOOKALIKES.items()} == {u: u for u in LOOKALIKES}


def test_a_radical_with_no_character_of_its_own_is_not_folded_into_one():
    assert fold_lookalikes("⻈") == "⻈"  # the speech radical as written inside characters (讠)


# -- one person, however the name is typed -------------------------------------------------------
def _two_roles(first: str, second: str):
    def change(data):
        data["approvals"][0]["approver"] = first
        data["approvals"][1]["approver"] = second
    return changed("reimbursement", change)


SAME_PERSON = {}
for (unified, lookalike), script in itertools.product(LOOKALIKES.items(), ["simplified", "traditional"]):
    name = f"{unified}明远"
    other = name.replace(unified, lookalike)
    if script == "traditional":
        name = to_traditional(name)
    SAME_PERSON[f"{unified}-{script}"] = _two_roles(name, other)
    SAME_PERSON[f"{unified}-claimant-{script}"] = changed(
        "reimbursement", lambda data, n=name, o=other: (data.update(claimant=n), data["approvals"][1].update(approver=o)))
    SAME_PERSON[f"{unified}-representatives-{script}"] = changed(
        "acceptance-report", lambda data, n=name, o=other: (data["signatures"]["client_rep"].update(name=n),
                                                            data["signatures"]["company_rep"].update(name=o)))
SAME_EXPECTED = {"claimant": ("duty-conflict", "approvals[1].approver"),
                 "representatives": ("duty-conflict", "signatures.company_rep.name")}

# -- no name: a letter of another script among the characters ------------------------------------
LETTERS = {"latin-A": "A", "latin-o": "o", "latin-l": "l", "fullwidth-A": "Ａ", "math-bold-A": "𝐀", "greek-omicron": "ο",
           "greek-Alpha": "Α", "cyrillic-o": "о", "cyrillic-A": "А", "katakana-ro": "ロ"}
PLACES = {"middle": lambda name, letter: name[0] + letter + name[1:], "end": lambda name, letter: name + letter,
          "spaced": lambda name, letter: f"{name[0]} {letter} {name[1:]}"}
FIELDS = {  # form, how to set the name, the finding's field
    "claimant": ("reimbursement", lambda data, v: data.update(claimant=v), "claimant"),
    "approver": ("reimbursement", lambda data, v: data["approvals"][1].update(approver=v), "approvals[1].approver"),
    "seal-applicant": ("seal-use", lambda data, v: data.update(applicant=v), "applicant"),
    "register-user": ("seal-register", lambda data, v: data["uses"][0].update(user=v), "uses[0].user"),
    "sign-in": ("training-record", lambda data, v: data["participants"][0].update(sign_in=v), "participants[0].sign_in"),
    "company-representative": ("acceptance-report", lambda data, v: data["signatures"]["company_rep"].update(name=v),
                               "signatures.company_rep.name"),
}
NOT_A_NAME = {}
for (letter_name, letter), (place_name, place), (field_name, (form, setter, path)), script in itertools.product(
        LETTERS.items(), PLACES.items(), FIELDS.items(), ["simplified", "traditional"]):
    name = place("周晓琳" if script == "simplified" else "周曉琳", letter)
    NOT_A_NAME[f"{field_name}-{letter_name}-{place_name}-{script}"] = (changed(form, lambda data, s=setter, v=name: s(data, v)),
                                                                       path)

STILL_NAMES = {"latin-name": "Li Wei", "minority-name": "阿依古丽·买买提", "note": "孙丽娟（代）", "traditional": "孫麗娟",
               "romanised-beside": "孙丽娟 Sun Lijuan"}
DISTINCT = {"於-于": ("於明", "于明"), "範-范": ("範志遠", "范志远"), "於-于-spaced": ("於 明 遠", "于明远")}


def _all_cases() -> dict[str, dict]:
    cases = {f"same-{name}": case for name, case in SAME_PERSON.items()}
    cases |= {f"invalid-{name}": case for name, (case, _) in NOT_A_NAME.items()}
    cases |= {f"valid-{name}": changed("reimbursement", lambda data, v=value: data["approvals"][1].update(approver=v))
              for name, value in STILL_NAMES.items()}
    cases |= {f"distinct-{name}": _two_roles(*pair) for name, pair in DISTINCT.items()}
    return cases


CASES = _all_cases()
QUICK = turning(list(CASES), 5)


@pytest.fixture(scope="module")
def judged(tmp_path_factory):
    return Batches(tmp_path_factory, CASES, QUICK)


@pytest.mark.parametrize("name", params([f"same-{name}" for name in SAME_PERSON], QUICK))
def test_a_name_typed_with_look_alikes_is_the_same_person(judged, name):
    kind = next((kind for kind in SAME_EXPECTED if f"-{kind}-" in name), None)
    expected = SAME_EXPECTED[kind] if kind else ("duty-conflict", "approvals[1].approver")
    assert expected in judged(name)
    assert {code for code, _ in judged(name)} == {"duty-conflict"}


@pytest.mark.parametrize("name", params([f"invalid-{name}" for name in NOT_A_NAME], QUICK))
def test_a_chinese_name_with_a_foreign_letter_is_invalid(judged, name):
    path = NOT_A_NAME[name.removeprefix("invalid-")][1]
    assert ("field-invalid", path) in judged(name)
    assert {code for code, _ in judged(name)} <= {"field-invalid", "approval-missing"}  # an invalid name signs nothing


@pytest.mark.parametrize("name", params([f"valid-{name}" for name in STILL_NAMES], QUICK))
def test_names_as_people_write_them_stay_valid(judged, name):
    assert judged(name) == set()


@pytest.mark.parametrize("name", params([f"distinct-{name}" for name in DISTINCT], QUICK))
def test_surnames_distinct_in_traditional_usage_stay_different_people(judged, name):
    assert judged(name) == set()


def test_the_parts_give_hundreds_of_cases():
    assert len(CASES) >= 500


# -- printed forms, edited -----------------------------------------------------------------------
def _set(cell, text: str) -> None:
    runs = [run_ for paragraph in cell.paragraphs for run_ in paragraph.runs]
    runs[0].text = text
    for run_ in runs[1:]:
        run_.text = ""


def _rows_of(document, header: str):
    table = next(table for table in document.tables if any(cell.text.strip() == header for row in table.rows
                                                           for cell in row.cells))
    return {row.cells[0].text.strip(): row for row in table.rows}


@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_printed_representatives_typed_with_a_radical_are_one_person(tmp_path, script):
    out = tmp_path / "report.docx"
    assert run("new", "acceptance-report", "--sample", "-o", out, "--script", script).exit_code == 0
    document = Document(out)
    rows = _rows_of(document, "签字" if script == "simplified" else "簽字")
    _set(rows["客户代表" if script == "simplified" else "客戶代表"].cells[1], "⻢海峰")
    _set(rows["公司代表"].cells[1], "马海峰" if script == "simplified" else "馬海峰")
    document.save(out)
    _code, report = check_json(out, extra=("--as-of", AS_OF))
    assert ("duty-conflict", "signatures.company_rep.name") in {(f["rule"], f["field"]) for f in report["files"][0]["findings"]}


@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_a_printed_approver_with_a_foreign_letter_is_invalid(tmp_path, script):
    out = tmp_path / "slip.docx"
    assert run("new", "reimbursement", "--sample", "-o", out, "--script", script).exit_code == 0
    document = Document(out)
    rows = _rows_of(document, "审批环节" if script == "simplified" else "審批環節")
    _set(rows["财务审核" if script == "simplified" else "財務審核"].cells[1], "孙丽А")  # Cyrillic А
    document.save(out)
    _code, report = check_json(out, extra=("--as-of", AS_OF))
    assert ("field-invalid", "approvals[1].approver") in {(f["rule"], f["field"]) for f in report["files"][0]["findings"]}
