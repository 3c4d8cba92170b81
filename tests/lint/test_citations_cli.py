"""`compliance lint --regulations DIR`: every clause a rule cites exists in the regulation texts;
and what a rule declares a company setting is one of its parameters.

The real texts are the shared seeds (the `seeds_dir` fixture; skipped, saying how to provide
them, where the shared folder is absent): captured web pages with banners, site notices and (in
001 and 004) pinyin after characters. Made-up regulations below test what the seeds cannot: noise
numbered like clauses, and a second numbering scheme.
"""
from __future__ import annotations

import json

import pytest
import yaml

from .support import copy_form, run


def _problems(result) -> list[tuple[str, str]]:
    return [(p["field"], p["code"]) for p in json.loads(result.output)["problems"]]


def test_every_builtin_citation_exists_in_the_regulations(seeds_dir):
    result = run("lint", "--regulations", str(seeds_dir), "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["problems"] == []


@pytest.fixture
def reimbursement(pristine, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return copy_form(pristine, tmp_path / "ws", "reimbursement")


def _cite(ws, rule_id: str, clause: str) -> None:
    path = ws / "rules" / "reimbursement.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    next(rule for rule in document["rules"] if rule["id"] == rule_id)["clause"] = clause
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize("clause", [
    "000 §六(二)9",  # an item the part does not have
    "000 §六(五)",  # a part the chapter does not have
    "001 §七(印章管理)3",  # a part named by its title, not its number
    "009 §一",  # no such regulation
    "000 §七(三)5",  # only the site's bulleted notices below the truncated text count this far
    "003 §2.9",
])
def test_a_clause_that_is_not_in_the_regulations_is_refused(reimbursement, clause, seeds_dir):
    _cite(reimbursement, "reimbursement.lines-add-up", clause)
    result = run("lint", "--root", "ws", "--regulations", str(seeds_dir), "--format", "json")
    assert result.exit_code == 1, result.output
    assert _problems(result) == [("reimbursement.lines-add-up", "clause-unknown")]
    assert clause in json.loads(result.output)["problems"][0]["message_en"]


@pytest.mark.parametrize("clause", ["000 §六(二)2", "001 §七(四)3；004 §三(二)4", "003 §2.4", "002 §六"])
def test_clauses_in_numbered_form_pass(reimbursement, clause, seeds_dir):
    _cite(reimbursement, "reimbursement.lines-add-up", clause)
    result = run("lint", "--root", "ws", "--regulations", str(seeds_dir))
    assert result.exit_code == 0, result.output


def test_one_unknown_clause_among_several_is_named(reimbursement, seeds_dir):
    _cite(reimbursement, "reimbursement.lines-add-up", "000 §六(二)2；001 §七(四)4")
    result = run("lint", "--root", "ws", "--regulations", str(seeds_dir), "--format", "json")
    assert result.exit_code == 1
    (problem,) = json.loads(result.output)["problems"]
    assert "001 §七(四)4" in problem["message_en"] and "000 §六(二)2" not in problem["message_en"]


def test_a_regulation_is_read_through_pinyin_full_width_marks_and_site_notices(reimbursement, tmp_path):
    folder = tmp_path / "制度"
    folder.mkdir()
    (folder / "007_example.txt").write_text(
        "下載本文檔 第1頁\n"
        "規(guī)範示例制度一、總(zǒng)則（一）目的本制度二、財務（一）預算1．編制預算。"
        "2、執(zhí)行預算。（二）報銷1.填寫報銷單，附發票。2.審批3.付款。三、附則未完\n"
        "溫馨提示\n• 3. 本站不保證下載資源的準確性\n• 4. 下載文件中如有侵權\n",
        encoding="utf-8")
    (folder / "notes.txt").write_text("四、不是制度", encoding="utf-8")  # not named by a number
    for clause, known in [("007 §二(二)3", True), ("007 §二(一)2", True), ("007 §三", True),
                          ("007 §二(二)4", False), ("007 §四", False), ("007 §二(三)", False)]:
        _cite(reimbursement, "reimbursement.lines-add-up", clause)
        result = run("lint", "--root", "ws", "--regulations", str(folder), "--format", "json")
        # The form's other rules cite 000 and 001, which this folder does not hold.
        flagged = ("reimbursement.lines-add-up", "clause-unknown") in _problems(result)
        assert flagged is not known, (clause, result.output)


def test_a_missing_regulations_folder_is_a_usage_error(reimbursement, tmp_path):
    result = run("lint", "--root", "ws", "--regulations", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert "nowhere" in result.output and "regulations folder does not exist" in result.output
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("lint", "--root", "ws", "--regulations", str(empty))
    assert result.exit_code == 2 and "no regulation texts" in result.output


def test_a_rule_declaring_a_setting_it_does_not_have_is_a_broken_rule_file(pristine, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    ws = copy_form(pristine, tmp_path / "ws", "reimbursement")
    path = ws / "rules" / "reimbursement.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    document["rules"][0]["company_setting"] = ["deadline_days"]
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run("lint", "--root", "ws")
    assert result.exit_code == 1
    assert "deadline_days" in result.stdout and "rule-invalid" in result.stdout


def test_the_readme_cites_exactly_the_clauses_of_each_forms_rules():
    import re

    from locations import BUILTIN, REPO

    from compliance.lint.citations import cited

    table = {}
    for line in (REPO / "README.md").read_text(encoding="utf-8").splitlines():
        row = re.match(r"\| `([a-z-]+)` \| [^|]+ \| ([^|]+) \|$", line)
        if row:
            table[row.group(1)] = set(row.group(2).strip().split(", "))
    rules = {}
    for path in sorted((BUILTIN / "rules").glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        rules[document["form"]] = {clause for rule in document["rules"] for clause in cited(rule["clause"])}
    assert table == rules
