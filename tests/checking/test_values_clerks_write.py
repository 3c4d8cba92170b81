"""Values as clerks write them are read, not flagged (issue 24): false alarms cost trust.

Dates in Chinese numerals with 廿 and 卅, with the weekday or the time after them; a role cell
that adds 审批, 意见 or 签字 to the role; a signature written into the opinion cell; and a total too
large for any form, which is `field-invalid`, never an internal error.
"""
from __future__ import annotations

import datetime as dt
import itertools
import json

import pytest
from docx import Document

from compliance.model.textnorm import to_traditional

from .batch import AS_OF, Batches, changed, params, turning
from .support import check_json, run

# -- dates -------------------------------------------------------------------------------------
_DIGITS = "〇一二三四五六七八九"
_WEEKDAYS = "一二三四五六日"


def _chinese(number: int, tens_word: str = "十") -> str:
    """21 → 二十一 or 廿一, 30 → 三十 or 卅, 10 → 十."""
    tens, units = divmod(number, 10)
    if tens == 0:
        return _DIGITS[units]
    short = {("廿", 2): "廿", ("卅", 3): "卅"}.get((tens_word, tens))
    head = short or (("" if tens == 1 else _DIGITS[tens]) + "十")
    return head + (_DIGITS[units] if units else "")


def _year(year: int, style: str) -> str:
    return {"digits": str(year), "chinese": "".join(_DIGITS[int(d)] for d in str(year)),
            "chinese-zero": "".join("零" if d == "0" else _DIGITS[int(d)] for d in str(year))}[style]


DAYS = [dt.date(2026, 5, 21), dt.date(2026, 5, 30), dt.date(2026, 9, 8), dt.date(2026, 12, 31), dt.date(2026, 11, 20),
        dt.date(2026, 1, 10)]


def _written_dates() -> dict[str, tuple[str, str]]:
    """name → (written, ISO) for each day in many writings."""
    dates = {}
    for day, year_style, tens_word, suffix in itertools.product(DAYS, ["digits", "chinese", "chinese-zero"], ["十", "廿", "卅"],
                                                                ["", "weekday", "weekday-short", "time", "weekday-time"]):
        text = f"{_year(day.year, year_style)}年{_chinese(day.month)}月{_chinese(day.day, tens_word)}日"
        weekday = _WEEKDAYS[day.weekday()]
        text += {"": "", "weekday": f"（星期{weekday}）", "weekday-short": f"(周{weekday})", "time": " 上午9:30",
                 "weekday-time": f"（星期{weekday}）10:00"}[suffix]
        dates[f"{day}-{year_style}-{tens_word}-{suffix or 'plain'}"] = (text, day.isoformat())
    for day in DAYS:
        for name, text in {"iso-time": f"{day}T09:30:00", "iso-zone": f"{day}T09:30:00+08:00", "space-time": f"{day} 09:30",
                           "slash-time": f"{day.year}/{day.month}/{day.day} 9:30:15", "hao": f"{day.year}年{day.month}月{day.day}号",
                           "weekday": f"{day.year}年{day.month}月{day.day}日（星期{_WEEKDAYS[day.weekday()]}）"}.items():
            dates[f"{day}-{name}"] = (text, day.isoformat())
            dates[f"{day}-{name}-traditional"] = (to_traditional(text).replace("号", "號"), day.isoformat())
    return dates


DATES = _written_dates()
WRONG_WEEKDAYS = {f"{day}-{weekday}": f"{day.year}年{day.month}月{day.day}日（星期{weekday}）"
                  for day in DAYS for weekday in _WEEKDAYS if _WEEKDAYS.index(weekday) != day.weekday()}


def _acceptance_date(text: str):
    return changed("acceptance-report", lambda data: data.update(acceptance_date=text))


# -- role cells ----------------------------------------------------------------------------------
ROLES = ["部门负责人", "财务审核", "公司领导"]
ROLE_WORDS = ["", "审批", "审核", "意见", "审批意见", "审核意见", "签字", "签名", "签字栏", "（签字）", "签章"]


def _role_cells() -> dict[str, object]:
    cases = {}
    for (index, role), word, script in itertools.product(enumerate(ROLES), ROLE_WORDS, ["simplified", "traditional"]):
        cell = role + word
        cell = to_traditional(cell) if script == "traditional" else cell
        cases[f"{role}{word}-{script}"] = changed("reimbursement", lambda data, i=index, c=cell: data["approvals"][i].update(role=c))
    return cases


ROLE_CELLS = _role_cells()

# -- a signature in the opinion cell -------------------------------------------------------------
SIGNED_OPINIONS = ["同意。 签字：钱晓东", "同意 签名: 钱晓东", "情况属实，同意报销。审批人：钱晓东", "同意。簽字：錢曉東",
                   "同意。 签字：钱晓东（代）", "同意。 签字：钱晓东 2026年5月20日"]


BY_CLAIMANT = [text.replace("钱晓东", "周晓琳").replace("錢曉東", "周曉琳") for text in SIGNED_OPINIONS]


def _signed_in_opinion(opinion: str, approver: str = ""):
    return changed("reimbursement", lambda data: data["approvals"][1].update(approver=approver, opinion=opinion))


# -- amounts far too large -----------------------------------------------------------------------
HUGE = {"int-10^30": 10**30, "float-1e30": 1e30, "text-1e30": "1e30", "digits-10^30": "1" + "0" * 30,
        "figure-10^30": "¥1,000,000,000,000,000,000,000,000,000,000.00", "negative-10^30": -(10**30), "int-10^400": 10**400,
        "capitals": "壹亿亿元整", "text-1e400": "1e400"}


CASES = ({f"date:{name}": _acceptance_date(text) for name, (text, _) in DATES.items()}
         | {f"wrong-weekday:{name}": _acceptance_date(text) for name, text in WRONG_WEEKDAYS.items()}
         | {f"role:{name}": case for name, case in ROLE_CELLS.items()}
         | {f"signed-in-opinion:{text}": _signed_in_opinion(text) for text in SIGNED_OPINIONS}
         | {f"signed-in-opinion-by-claimant:{text}": _signed_in_opinion(text) for text in BY_CLAIMANT}
         | {f"huge-total:{name}": changed("reimbursement", lambda data, v=value: data.update(total_amount=v))
            for name, value in HUGE.items()}
         | {f"huge-line:{name}": changed("reimbursement", lambda data, v=value: data["items"][0].update(amount=v))
            for name, value in HUGE.items()}
         | {f"huge-count:{name}": changed("seal-use", lambda data, v=value: data.update(copies=v))
            for name, value in HUGE.items() if not isinstance(value, float) and "元" not in str(value)})
QUICK = turning(list(CASES), 4) | {name for name in CASES if name.startswith("huge-")}


@pytest.fixture(scope="module")
def judged(tmp_path_factory):
    return Batches(tmp_path_factory, CASES, QUICK)


@pytest.mark.parametrize("name", params([f"date:{name}" for name in DATES], QUICK))
def test_a_date_as_a_clerk_writes_it_is_a_date(judged, name):
    assert judged(name) == set()


@pytest.mark.parametrize("name", params([f"wrong-weekday:{name}" for name in WRONG_WEEKDAYS], QUICK))
def test_a_date_whose_weekday_is_another_days_is_invalid(judged, name):
    assert judged(name) == {("field-invalid", "acceptance_date")}


def test_the_written_dates_mean_the_days_they_say():
    from compliance.model.dates import parse_date

    assert {name: parse_date(text).isoformat() for name, (text, _) in DATES.items()} == {
        name: iso for name, (_, iso) in DATES.items()}
    assert len(DATES) > 300


@pytest.mark.parametrize("name", params([f"role:{name}" for name in ROLE_CELLS], QUICK))
def test_a_role_cell_that_adds_a_word_names_the_role(judged, name):
    assert judged(name) == set()


@pytest.mark.parametrize("name", params([f"signed-in-opinion:{text}" for text in SIGNED_OPINIONS], QUICK))
def test_a_signature_in_the_opinion_cell_signs_the_row(judged, name):
    assert judged(name) == set()


@pytest.mark.parametrize("name", params([f"signed-in-opinion-by-claimant:{text}" for text in BY_CLAIMANT], QUICK))
def test_the_signature_in_the_opinion_cell_is_whose_it_says(judged, name):
    assert judged(name) == {("duty-conflict", "approvals[1].approver")}


def test_an_opinion_without_a_signature_signs_nothing(tmp_path):
    path = tmp_path / "slip.json"
    path.write_text(json.dumps(_signed_in_opinion("同意。"), ensure_ascii=False), encoding="utf-8")
    _code, report = check_json(path, extra=("--as-of", AS_OF))
    assert {(f["rule"], f["field"]) for f in report["files"][0]["findings"]} == {("approval-missing", "approvals[1]")}


@pytest.mark.parametrize("name", params([name for name in CASES if name.startswith("huge-")], QUICK))
def test_a_number_too_large_for_any_form_is_invalid_not_an_error(judged, name):
    field = {"huge-total": "total_amount", "huge-line": "items[0].amount", "huge-count": "copies"}[name.split(":")[0]]
    assert ("field-invalid", field) in judged(name)


# -- printed slips, edited -----------------------------------------------------------------------
def _set(cell, text: str) -> None:
    runs = [run_ for paragraph in cell.paragraphs for run_ in paragraph.runs]
    runs[0].text = text
    for run_ in runs[1:]:
        run_.text = ""


@pytest.mark.parametrize("script", ["simplified", "traditional"])
@pytest.mark.parametrize("column, text, expected", [
    (3, "二〇二六年五月廿一日", set()),
    (3, "2026年5月21日（星期四）", set()),
    (1, "", {("approval-missing", "approvals[2]")}),
], ids=["chinese-date", "weekday", "unsigned"])
def test_a_printed_slip_signed_as_a_clerk_writes_is_read(tmp_path, script, column, text, expected):
    out = tmp_path / "slip.docx"
    assert run("new", "reimbursement", "--sample", "-o", out, "--script", script).exit_code == 0
    document = Document(out)
    table = next(table for table in document.tables if table.rows[0].cells[0].text.strip() in ("审批", "審批"))
    _set(table.rows[4].cells[column], text)  # title, header, 部门负责人, 财务审核, 公司领导
    document.save(out)
    _code, report = check_json(out, extra=("--as-of", AS_OF))
    assert {(f["rule"], f["field"]) for f in report["files"][0]["findings"]} == expected


@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_a_printed_slip_signed_in_the_opinion_cell_is_signed(tmp_path, script):
    out = tmp_path / "slip.docx"
    assert run("new", "reimbursement", "--sample", "-o", out, "--script", script).exit_code == 0
    document = Document(out)
    table = next(table for table in document.tables if table.rows[0].cells[0].text.strip() in ("审批", "審批"))
    _set(table.rows[3].cells[1], "")
    _set(table.rows[3].cells[2], "同意。 簽字：錢曉東" if script == "traditional" else "同意。 签字：钱晓东")
    document.save(out)
    _code, report = check_json(out, extra=("--as-of", AS_OF))
    assert report["files"][0]["findings"] == []


@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_a_printed_role_cell_with_a_word_added_still_names_the_role(tmp_path, script):
    out = tmp_path / "slip.docx"
    assert run("new", "reimbursement", "--sample", "-o", out, "--script", script).exit_code == 0
    document = Document(out)
    table = next(table for table in document.tables if table.rows[0].cells[0].text.strip() in ("审批", "審批"))
    _set(table.rows[3].cells[0], to_traditional("财务审核意见") if script == "traditional" else "财务审核意见")
    document.save(out)
    _code, report = check_json(out, extra=("--as-of", AS_OF))
    # The role is typed, so the edit shows as content-altered; the row is still the 财务审核 approval.
    assert {f["rule"] for f in report["files"][0]["findings"]} == {"content-altered"}
