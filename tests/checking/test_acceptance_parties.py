"""Both parties sign the acceptance report (000 §二(三)4): 客户代表 and 公司代表 one person is a
`duty-conflict`, however the name is written the second time (issue 24)."""
from __future__ import annotations

import itertools
import json

import pytest
from docx import Document

from compliance.model.textnorm import to_traditional

from .batch import AS_OF, Batches, changed, params, turning
from .support import check_json, run

CLIENT = "郑海峰"
WRITINGS = {
    "same": lambda name: name, "traditional": to_traditional, "spaced": " ".join, "ideographic-spaced": "\u3000".join,
    "with-note": lambda name: f"{name}（代）", "with-invisible": "\u200b".join, "with-joiner": lambda name: name + "\u034f",
    "with-tag": lambda name: name + "\U000e0041\U000e007f", "compatibility-ideograph": lambda name: name.replace("海", "\ufa45"),
    "fullwidth-note": lambda name: f"{name}(代签)",
}
OTHERS = ["陈思远", "陳思遠", "郑海", "郑海锋", "於海峰"]
STAND_INS = ["/", "——", "无", "待补"]


def _representatives(client: str, company: str):
    return changed("acceptance-report", lambda data: (data["signatures"]["client_rep"].update(name=client),
                                                      data["signatures"]["company_rep"].update(name=company)))


CASES = {}
for (written, writing), first_script in itertools.product(WRITINGS.items(), ["simplified", "traditional"]):
    client = CLIENT if first_script == "simplified" else to_traditional(CLIENT)
    CASES[f"same:{written}-{first_script}"] = _representatives(client, writing(CLIENT))
CASES |= {f"other:{other}": _representatives(CLIENT, other) for other in OTHERS}
CASES |= {f"stand-in:{value}": _representatives(value, value) for value in STAND_INS}
QUICK = turning(list(CASES), 3)
CONFLICT = ("duty-conflict", "signatures.company_rep.name")


@pytest.fixture(scope="module")
def judged(tmp_path_factory):
    return Batches(tmp_path_factory, CASES, QUICK)


@pytest.mark.parametrize("name", params([name for name in CASES if name.startswith("same:")], QUICK))
def test_one_person_signing_for_both_parties_is_a_duty_conflict(judged, name):
    assert judged(name) == {CONFLICT}


@pytest.mark.parametrize("name", params([name for name in CASES if name.startswith("other:")], QUICK))
def test_two_people_sign_clean(judged, name):
    assert judged(name) == set()


@pytest.mark.parametrize("name", params([name for name in CASES if name.startswith("stand-in:")], QUICK))
def test_a_stand_in_names_nobody_and_is_no_signature(judged, name):
    assert CONFLICT not in judged(name)
    assert {("field-missing", "signatures.client_rep.name"), ("field-missing", "signatures.company_rep.name")} <= judged(name)


@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_a_printed_report_signed_twice_by_one_person_is_a_duty_conflict(tmp_path, script):
    out = tmp_path / "report.docx"
    assert run("new", "acceptance-report", "--sample", "-o", out, "--script", script).exit_code == 0
    document = Document(out)
    table = next(table for table in document.tables if table.rows[0].cells[0].text.strip() in ("签字", "簽字"))
    client, company = table.rows[1].cells[1], table.rows[2].cells[1]
    runs = [run_ for paragraph in company.paragraphs for run_ in paragraph.runs]
    runs[0].text = " ".join(client.text.strip())  # the client's name, written spaced out
    for run_ in runs[1:]:
        run_.text = ""
    document.save(out)
    code, report = check_json(out, extra=("--as-of", AS_OF))
    assert code == 1 and {(f["rule"], f["field"]) for f in report["files"][0]["findings"]} == {CONFLICT}


def test_the_rule_cites_the_acceptance_clause(tmp_path):
    path = tmp_path / "report.json"
    path.write_text(json.dumps(_representatives(CLIENT, CLIENT), ensure_ascii=False), encoding="utf-8")
    _code, report = check_json(path, extra=("--as-of", AS_OF))
    (finding,) = report["files"][0]["findings"]
    assert (finding["rule_id"], finding["clause"]) == ("acceptance-report.two-parties", "000 §二(三)4")
