"""A register holds one event per row: a rule that compares two columns of the same table judges
each row on its own values, and a fault is named by its row (`uses[2].returned_at` is the third
use), in the data and in the printed register alike. One row's dates are never held against
another's: the seal used last may well be used after the first one came back."""
from __future__ import annotations

import copy
import json

import yaml

from .support import SAMPLES, check_json, run

SEALS = yaml.safe_load((SAMPLES / "seal-register" / "valid.yaml").read_text(encoding="utf-8"))
COMPLAINTS = yaml.safe_load((SAMPLES / "complaint-register" / "valid.yaml").read_text(encoding="utf-8"))
AS_OF = "2026-12-01"  # after every date of the samples: each use long returned, each complaint due


def _submission(tmp_path, form: str, data: dict):
    path = tmp_path / f"{form}.json"
    path.write_text(json.dumps({"form": form, "data": data}, ensure_ascii=False), encoding="utf-8")
    return path


def _printed(tmp_path, form: str, data: dict):
    source = tmp_path / f"{form}-data.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    target = tmp_path / f"{form}.docx"
    assert run("new", form, "--data", source, "-o", target).exit_code == 0
    return target


def _findings(report) -> list[tuple[str, str | None]]:
    return sorted((f["rule"], f["field"]) for f in report["files"][0]["findings"])


def test_clean_registers_stay_clean_as_data_and_printed(tmp_path):
    # Row 4 of the seals was used (11-18) after rows 1-3 came back: no fault of any row.
    for form, data in (("seal-register", SEALS), ("complaint-register", COMPLAINTS)):
        for path in (_submission(tmp_path, form, data), _printed(tmp_path, form, data)):
            code, report = check_json(path, extra=("--as-of", AS_OF))
            assert (code, _findings(report)) == (0, []), (form, path.suffix)
            assert report["files"][0]["form"] == form


def test_a_late_return_in_row_3_is_named_as_row_3(tmp_path):
    data = copy.deepcopy(SEALS)
    data["uses"][2]["returned_at"] = "2026-11-10"  # used 11-05: five days, the setting allows three
    for path in (_submission(tmp_path, "seal-register", data), _printed(tmp_path, "seal-register", data)):
        code, report = check_json(path, extra=("--as-of", AS_OF))
        assert code == 1 and _findings(report) == [("date-order", "uses[2].returned_at")], path.suffix
        (finding,) = report["files"][0]["findings"]
        # Row 3's own deadline: its use (11-05) and three days, not any other row's.
        assert "用印记录 第3行" in finding["message"] and "2026-11-08" in finding["message"]
        assert finding["rule_id"] == "seal-register.returned-in-time"
    assert finding["page"] == 1  # the printed register: the row's page


def test_a_return_before_use_in_row_3_is_out_of_order_in_row_3_only(tmp_path):
    data = copy.deepcopy(SEALS)
    data["uses"][2]["returned_at"] = "2026-11-03"  # before its own use (11-05), after rows 1 and 2's
    code, report = check_json(_submission(tmp_path, "seal-register", data), extra=("--as-of", AS_OF))
    assert code == 1 and _findings(report) == [("date-order", "uses[2].returned_at")]


def test_a_seal_not_yet_returned_is_missing_its_return_only_once_the_days_have_passed(tmp_path):
    data = copy.deepcopy(SEALS)
    del data["uses"][2]["returned_at"], data["uses"][2]["keeper_confirmation"]  # used 2026-11-05
    path = _submission(tmp_path, "seal-register", data)
    assert check_json(path, extra=("--as-of", "2026-11-08"))[0] == 0  # three days: still out
    code, report = check_json(path, extra=("--as-of", "2026-11-09"))
    assert code == 1 and _findings(report) == [("field-missing", "uses[2].returned_at")]


def test_a_return_without_the_keepers_confirmation_is_named_in_its_row(tmp_path):
    data = copy.deepcopy(SEALS)
    del data["uses"][2]["keeper_confirmation"]
    code, report = check_json(_printed(tmp_path, "seal-register", data), extra=("--as-of", AS_OF))
    assert code == 1 and _findings(report) == [("required-when", "uses[2].keeper_confirmation")]


def test_an_overdue_complaint_in_row_3_is_named_as_row_3_once_its_deadline_has_passed(tmp_path):
    data = copy.deepcopy(COMPLAINTS)
    for key in ("outcome", "closed_on", "review"):  # deadline 2026-11-06, still open
        del data["complaints"][2][key]
    path = _submission(tmp_path, "complaint-register", data)
    assert check_json(path, extra=("--as-of", "2026-11-06"))[0] == 0  # the deadline's own day
    code, report = check_json(path, extra=("--as-of", "2026-11-07"))
    assert code == 1 and _findings(report) == [("required-when", "complaints[2].outcome")]
    assert "投诉记录 第3行" in report["files"][0]["findings"][0]["message"]


def test_a_complaint_closed_after_its_deadline_names_the_closing_date_of_its_row(tmp_path):
    data = copy.deepcopy(COMPLAINTS)
    data["complaints"][2]["closed_on"] = "2026-11-09"  # deadline 2026-11-06
    code, report = check_json(_printed(tmp_path, "complaint-register", data), extra=("--as-of", AS_OF))
    assert code == 1 and _findings(report) == [("date-order", "complaints[2].closed_on")]
    assert report["files"][0]["findings"][0]["page"] == 1
