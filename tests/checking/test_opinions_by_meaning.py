"""An opinion refuses by what it says, not by matching a list: a negation before an approving verb,
or a verb that refuses by itself, however it is spaced, punctuated or scripted (issue 24).

The cases are built from parts — negators × approving verbs × ways of writing — and checked
through the CLI in one run over a folder of submitted slips; each case then asserts its own
findings. Approvals (无异议, 不反对) and conditions (拟同意, 待定) are built the same way and must
stay what they are. Rows beyond the first of each required role are judged too.
"""
from __future__ import annotations

import itertools
import json

import pytest
from docx import Document

from compliance.model.textnorm import to_traditional

from .batch import AS_OF, Batches, changed, check_all, params
from .support import check_json, run

FINANCE = 1  # the 财务审核 row of the reimbursement sample
REJECTED = {("approval-rejected", f"approvals[{FINANCE}].opinion")}
CONDITIONAL = {("approval-conditional", f"approvals[{FINANCE}].opinion")}

NEGATORS = ["不", "未", "没", "没有", "无法", "不能", "不可", "不予", "不宜", "难以", "暂不", "拒不", "碍难", "未能", "不予以",
            "无法予以", "尚未", "并未", "不便"]
APPROVING_VERBS = ["同意", "批准", "准予", "支持", "通过", "认可", "核准", "签批", "报销", "用印"]
REFUSING_ALONE = ["反对", "驳回", "退回", "否决", "拒绝", "不行", "不可", "不准", "不予", "作废", "打回", "谢绝", "否"]


def _spaced(text: str) -> str:
    return " ".join(text)


def _ideographic_spaces(text: str) -> str:
    return "\u3000".join(text)


def _punctuated(text: str) -> str:
    return "、".join(text) + "。"


def _full_width(text: str) -> str:
    return f"（{text}！）"


def _in_a_sentence(text: str) -> str:
    return f"经审核，{text}，请知悉。"


def _traditional(text: str) -> str:
    return to_traditional(text)


def _traditional_spaced(text: str) -> str:
    return _spaced(to_traditional(text))


WRITINGS = [str, _spaced, _ideographic_spaces, _punctuated, _full_width, _in_a_sentence, _traditional, _traditional_spaced]


def _written(parts: list[str]) -> list[tuple[str, str]]:
    """(id, opinion) of every part in every writing."""
    return [(f"{part}-{writing.__name__.strip('_')}", writing(part)) for part, writing in itertools.product(parts, WRITINGS)]


def _quick(index: int) -> bool:
    """The quick suite writes each part once, in a writing that turns with the part (so that every
    writing is met); the full suite writes every part in every writing."""
    part, writing = divmod(index, len(WRITINGS))
    return writing == part % len(WRITINGS)


# A verb whose potential complement is negated cannot be done: 同意不了, 批准不下来.
CANNOT_BE_DONE = ["不了", "不下来", "不成"]
REFUSALS = _written([negator + verb for negator, verb in itertools.product(NEGATORS, APPROVING_VERBS)] + REFUSING_ALONE
                    + [verb + complement for verb, complement in itertools.product(APPROVING_VERBS, CANNOT_BE_DONE)]
                    + ["财务审核不通过，请重新提交", "碍难照准", "不能予以报销", "拒绝报销", "不同意该笔费用报销", "不是很同意"])
# Double negations and sayings that approve; they must not read as refusals.
APPROVALS = _written(["同意", "同意报销", "无异议", "没有问题", "不反对", "可以", "准予报销", "情况属实同意", "情况属实，同意报销。",
                      "没有异议", "并无异议", "无任何异议", "并不反对", "并无不妥", "无不同意见", "不能不同意", "同意用印",
                      "同意，用毕及时归还。", "票据齐全，金额核对无误。", "同意报销招待费", "同意报销（不含超标部分）",
                      "经核实不超过标准，同意", "Approved", "no objection",
                      # a state negator with an action and a noun names a thing; it decides nothing
                      "未报销部分已核实，同意", "没有报销的费用已剔除，同意", "同意，不得超过预算"])
CONDITIONS = _written(["拟同意", "原则同意，但须补充发票", "待定", "请补充住宿清单", "同意，待补齐发票后报销", "原则上同意，但须核实金额",
                       "同意，但不能超过预算", "待领导批示",
                       # withholding a decision is no decision
                       "不置可否", "同意，但保留意见", "弃权", "同意，不过需补充发票"])
QUICK = {case_id for cases in (REFUSALS, APPROVALS, CONDITIONS) for index, (case_id, _) in enumerate(cases) if _quick(index)}
OPINIONS = dict(REFUSALS + APPROVALS + CONDITIONS)


def _opinion(text: str):
    return changed("reimbursement", lambda data: data["approvals"][FINANCE].update(opinion=text))


@pytest.fixture(scope="module")
def judged(tmp_path_factory):
    return Batches(tmp_path_factory, {name: _opinion(text) for name, text in OPINIONS.items()}, QUICK)


def _ids(cases: list[tuple[str, str]]):
    return params([case_id for case_id, _ in cases], QUICK)


@pytest.mark.parametrize("opinion", ["经审核，不可，请知悉。", "否。", "經審核，不行。", "✖", "×", "NOT APPROVED", "Rejected",
                                     "ＮＯＴ　ＡＰＰＲＯＶＥＤ", "Request denied.", "I do not agree."])
def test_a_clause_a_mark_or_an_english_word_that_refuses_alone_rejects(tmp_path, opinion):
    path = tmp_path / "slip.json"
    path.write_text(json.dumps(_opinion(opinion), ensure_ascii=False), encoding="utf-8")
    _code, report = check_json(path, extra=("--as-of", AS_OF))
    assert {(f["rule"], f["field"]) for f in report["files"][0]["findings"]} == REJECTED


@pytest.mark.parametrize("case_id", _ids(REFUSALS))
def test_a_negated_approval_or_a_refusing_verb_rejects(judged, case_id):
    assert judged(case_id) == REJECTED


@pytest.mark.parametrize("case_id", _ids(APPROVALS))
def test_approving_sayings_and_double_negations_approve(judged, case_id):
    assert judged(case_id) == set()


@pytest.mark.parametrize("case_id", _ids(CONDITIONS))
def test_a_condition_or_a_pending_decision_stays_conditional(judged, case_id):
    assert judged(case_id) == CONDITIONAL


def test_the_parts_give_hundreds_of_cases():
    assert len(REFUSALS) > 1500 and len(dict(REFUSALS)) == len(REFUSALS)
    assert len(QUICK) > 200


# -- every signed row is judged ----------------------------------------------------------------
def _with_row(form: str, row: dict, change=None):
    def edit(data):
        if change is not None:
            change(data)
        data["approvals"].append(row)
    return changed(form, edit)


LATER_ROWS = {
    # a second 财务审核 row, after the approving one, that refuses
    "later-row-same-role": (_with_row("reimbursement", {"role": "财务审核", "approver": "钱晓东", "opinion": "不能同意",
                                                         "date": "2026-05-21"}), "approvals[3].opinion"),
    "later-row-traditional": (_with_row("reimbursement", {"role": "財務審核", "approver": "錢曉東", "opinion": "無法同意",
                                                           "date": "2026-05-21"}), "approvals[3].opinion"),
    # 法务审核 is not required for a 公章, but a 法务审核 that says 不同意 is still a refusal
    "optional-legal-review": (_with_row("seal-use", {"role": "法务审核", "approver": "钱晓东", "opinion": "不同意",
                                                     "date": "2026-06-02"}), "approvals[2].opinion"),
    "optional-legal-review-contract": (changed("contract-approval", lambda data: data["approvals"].insert(
        1, {"role": "法务审核", "approver": "钱晓东", "opinion": "不 予 通 过", "date": data["approvals"][0]["date"]})),
        "approvals[1].opinion"),
    # a role no rule names, and the threshold's role below its threshold
    "unnamed-role": (_with_row("reimbursement", {"role": "总经理", "approver": "钱晓东", "opinion": "驳回",
                                                 "date": "2026-05-21"}), "approvals[3].opinion"),
    "collective-decision-below-threshold": (_with_row("reimbursement", {"role": "管理层集体决策", "approver": "钱晓东",
                                                                         "opinion": "暂不支持", "date": "2026-05-21"}),
                                            "approvals[3].opinion"),
}


@pytest.fixture(scope="module")
def rows_judged(tmp_path_factory):
    return check_all(tmp_path_factory.mktemp("rows"), {name: case for name, (case, _where) in LATER_ROWS.items()})


@pytest.mark.parametrize("name", list(LATER_ROWS))
def test_every_signed_row_is_judged_wherever_it_stands(rows_judged, name):
    assert ("approval-rejected", LATER_ROWS[name][1]) in rows_judged[name]
    assert {code for code, _ in rows_judged[name]} <= {"approval-rejected"}


def test_a_row_two_rules_read_is_reported_once(tmp_path):
    """Over the threshold, the 管理层集体决策 row is read by the chain and by the threshold rule."""
    def large(data):
        data["items"][0]["amount"] = 50000 + data["items"][0]["amount"]
        del data["total_amount"], data["amount_in_words"]
    case = _with_row("reimbursement", {"role": "管理层集体决策", "approver": "钱晓东", "opinion": "不宜批准",
                                       "date": "2026-05-21"}, large)
    case["data"]["total_amount"] = sum(item["amount"] for item in case["data"]["items"])
    path = tmp_path / "large.json"
    path.write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")
    code, report = check_json(path, extra=("--as-of", AS_OF))
    rejected = [f for f in report["files"][0]["findings"] if f["rule"] == "approval-rejected"]
    assert code == 1 and [f["field"] for f in rejected] == ["approvals[3].opinion"]


def test_an_unsigned_optional_row_is_not_judged(tmp_path):
    case = _with_row("seal-use", {"role": "法务审核", "approver": "", "opinion": "不同意", "date": ""})
    path = tmp_path / "unsigned.json"
    path.write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")
    code, report = check_json(path, extra=("--as-of", AS_OF))
    assert (code, report["files"][0]["findings"]) == (0, [])


# -- printed forms, edited ---------------------------------------------------------------------
def _approval_table(document):
    return next(table for table in document.tables if any(cell.text.strip() in ("审批环节", "審批環節")
                                                         for row in table.rows for cell in row.cells))


def _set(cell, text: str) -> None:
    runs = [run_ for paragraph in cell.paragraphs for run_ in paragraph.runs]
    if runs:
        runs[0].text = text
        for run_ in runs[1:]:
            run_.text = ""
    else:
        cell.paragraphs[0].add_run(text)


def _printed(tmp_path, script: str):
    out = tmp_path / f"slip-{script}.docx"
    assert run("new", "reimbursement", "--sample", "-o", out, "--script", script).exit_code == 0
    return Document(out)


@pytest.mark.parametrize("script", ["simplified", "traditional"])
@pytest.mark.parametrize("opinion, expected", [
    ("不 能 同 意", REJECTED), ("碍难照准。", REJECTED), ("暫不支持", REJECTED), ("不予以報銷", REJECTED),
    ("不反對", set()), ("無異議", set()), ("擬同意", CONDITIONAL),
])
def test_an_opinion_written_on_a_printed_slip_is_read_the_same(tmp_path, script, opinion, expected):
    document = _printed(tmp_path, script)
    _set(_approval_table(document).rows[3].cells[2], opinion)  # title, header, 部门负责人, 财务审核
    target = tmp_path / "edited.docx"
    document.save(target)
    _code, report = check_json(target, extra=("--as-of", AS_OF))
    assert {(f["rule"], f["field"]) for f in report["files"][0]["findings"]} == expected


@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_a_later_row_added_to_a_printed_slip_is_judged(tmp_path, script):
    document = _printed(tmp_path, script)
    row = _approval_table(document).add_row()
    for cell, text in zip(row.cells, [to_traditional("财务审核") if script == "traditional" else "财务审核", "钱晓东",
                                      "无法同意", "2026年5月21日"]):
        _set(cell, text)
    target = tmp_path / "added.docx"
    document.save(target)
    _code, report = check_json(target, extra=("--as-of", AS_OF))
    assert ("approval-rejected", "approvals[3].opinion") in {(f["rule"], f["field"]) for f in report["files"][0]["findings"]}
