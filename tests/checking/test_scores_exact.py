"""综合得分 is recomputed exactly (one decimal, rounded half up) and the grade follows the computed
score: no tolerance lifts 89.6 into 优秀. Every indicator needs a weight and all three assessments.

The expected scores below are worked out by hand in the comments, not by the code under test.
"""
from __future__ import annotations

import copy
import json

import pytest
import yaml

from .support import SAMPLES, check_json, run

VALID = yaml.safe_load((SAMPLES / "performance-review" / "valid.yaml").read_text(encoding="utf-8"))


def _row(category, weight, manager, peer, own):
    return {"category": category, "indicator": f"{category}指标", "weight": weight,
            "manager_score": manager, "peer_score": peer, "self_score": own}


# Default weights: superior 0.6, peers 0.2, self 0.2.
#   工作业绩 40 × 90 = 36;  工作能力 30 × 90 = 27;
#   工作态度 30 × (0.6·89 + 0.2·88 + 0.2·88 = 88.6) = 26.58;  total 89.58 → 89.6 (良好, below 90)
NEARLY_EXCELLENT = [_row("工作业绩", 40, 90, 90, 90), _row("工作能力", 30, 90, 90, 90), _row("工作态度", 30, 89, 88, 88)]
# 50 × 86 = 43;  25 × 87 = 21.75;  25 × (0.6·88 + 0.2·87 + 0.2·87 = 87.6) = 21.9;  total 86.65 → 86.7 (half up)
HALF_WAY = [_row("工作业绩", 50, 86, 86, 86), _row("工作能力", 25, 87, 87, 87), _row("工作态度", 25, 88, 87, 87)]


def _sheet(tmp_path, indicators, **values):
    data = copy.deepcopy(VALID)
    data["indicators"] = indicators
    data.update(values)
    path = tmp_path / "sheet.json"
    path.write_text(json.dumps({"form": "performance-review", "data": data}, ensure_ascii=False), encoding="utf-8")
    return path


def _found(report):
    return {(f["rule"], f["field"]) for f in report["files"][0]["findings"]}


def test_the_exact_score_and_its_grade_check_clean(tmp_path):
    code, report = check_json(_sheet(tmp_path, NEARLY_EXCELLENT, overall_score=89.6, grade="良好"))
    assert (code, _found(report)) == (0, set())


@pytest.mark.parametrize("written", [89.5, 89.7, 90, 89.55])
def test_no_tolerance_around_the_computed_score(tmp_path, written):
    code, report = check_json(_sheet(tmp_path, NEARLY_EXCELLENT, overall_score=written, grade="良好"))
    assert code == 1 and _found(report) == {("score-mismatch", "overall_score")}


def test_a_score_rounded_up_to_excellent_keeps_its_true_grade(tmp_path):
    code, report = check_json(_sheet(tmp_path, NEARLY_EXCELLENT, overall_score=90, grade="优秀"))
    assert code == 1 and _found(report) == {("score-mismatch", "overall_score"), ("grade-mismatch", "grade")}


def test_half_way_scores_round_up(tmp_path):
    assert check_json(_sheet(tmp_path, HALF_WAY, overall_score=86.7, grade="良好"))[0] == 0
    code, report = check_json(_sheet(tmp_path, HALF_WAY, overall_score=86.6, grade="良好"))
    assert code == 1 and _found(report) == {("score-mismatch", "overall_score")}


@pytest.mark.parametrize("column", ["manager_score", "peer_score", "self_score"])
def test_an_indicator_missing_an_assessment_is_invalid(tmp_path, column):
    rows = copy.deepcopy(NEARLY_EXCELLENT)
    del rows[2][column]
    code, report = check_json(_sheet(tmp_path, rows, overall_score=89.6, grade="良好"))
    assert code == 1 and ("field-invalid", f"indicators[2].{column}") in _found(report)


def test_an_indicator_weighing_nothing_is_invalid(tmp_path):
    rows = copy.deepcopy(NEARLY_EXCELLENT) + [_row("工作态度", 0, 60, 60, 60)]
    code, report = check_json(_sheet(tmp_path, rows, overall_score=89.6, grade="良好"))
    assert code == 1 and ("field-invalid", "indicators[3].weight") in _found(report)


def test_the_generator_works_out_the_same_score_and_grade(tmp_path):
    data = copy.deepcopy(VALID)
    data["indicators"] = HALF_WAY
    data.pop("overall_score", None)
    data.pop("grade", None)
    source = tmp_path / "data.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "sheet.docx"
    assert run("new", "performance-review", "--data", source, "-o", out).exit_code == 0
    extracted = json.loads(run("extract", out).stdout)["data"]
    assert (extracted["overall_score"], extracted["grade"]) == (86.7, "良好")
