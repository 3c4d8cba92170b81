"""The check command's contract: reports, exit codes, unreadable files, configuration, corpus."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from .support import CORPUS, SAMPLES, check_json, found, needs_shared, run

BAD = SAMPLES / "reimbursement" / "invalid" / "amount-capital-mismatch.yaml"
GOOD = SAMPLES / "seal-use" / "valid.yaml"


def test_json_report_lists_every_file_once_with_the_contract_fields(tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 this is not a zip")
    code, report = check_json(BAD, broken, GOOD, extra=("--form", "seal-use")) if False else check_json(BAD, broken)
    assert code == 1
    assert [f["path"] for f in report["files"]] == [str(BAD), str(broken)]
    finding = report["files"][0]["findings"][0]
    assert set(finding) >= {"rule", "severity", "message", "message_en", "field", "page"}
    assert report["files"][1]["findings"][0]["rule"] == "file-unreadable"
    assert report["summary"]["files"] == 2


def test_text_report_is_grouped_by_file_in_both_languages_with_a_summary():
    result = run("check", BAD)
    assert result.exit_code == 1
    assert str(BAD) in result.stdout
    assert "大写" in result.stdout and "capital amount" in result.stdout
    assert "1 files, 0 clean, 1 errors" in result.stdout.splitlines()[-1]


def test_junit_report_has_a_failing_case_per_bad_file(tmp_path):
    target = tmp_path / "report.xml"
    result = run("check", BAD, "--format", "junit", "-o", target)
    assert result.exit_code == 1 and result.stdout == ""
    suite = ET.parse(target).getroot()
    cases = suite.findall("testcase")
    assert len(cases) == 1 and cases[0].find("failure").get("type") == "amount-capital-mismatch"
    again = run("check", BAD, "--format", "junit", "-o", target)
    assert again.exit_code == 2  # an existing report is not overwritten without --force


def test_fail_on_decides_the_exit_code(tmp_path):
    unknown = tmp_path / "letter.json"
    unknown.write_text(json.dumps({"收件人": "张三"}, ensure_ascii=False), encoding="utf-8")
    assert run("check", unknown).exit_code == 0  # form-unknown is a warning
    assert run("check", unknown, "--fail-on", "warning").exit_code == 1


def test_usage_errors_exit_2(tmp_path):
    assert run("check", tmp_path / "missing.docx").exit_code == 2
    assert run("check", BAD, "--form", "no-such-form").exit_code == 2


def test_broken_rule_file_in_a_workspace_stops_the_run(tmp_path):
    (tmp_path / "rules").mkdir()
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "reimbursement.schema.json").write_text((SAMPLES.parent / "schemas" / "reimbursement.schema.json").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "rules" / "reimbursement.yaml").write_text(
        "form: reimbursement\nrules:\n  - {id: x, kind: no-such-kind, clause: '000 §一', message: {zh: a, en: b}}\n", encoding="utf-8")
    result = run("check", BAD, "--root", tmp_path)
    assert result.exit_code == 2
    assert "no-such-kind" in result.output and "rule file" in result.output


def test_config_overrides_threshold_and_role_names(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    good = SAMPLES / "reimbursement" / "valid.yaml"
    (tmp_path / "compliance.toml").write_text(
        '[rules."reimbursement.collective-decision"]\nat_least = 1000\n', encoding="utf-8")
    _code, report = check_json(good, extra=("--form", "reimbursement"))
    assert found(report) == [("amount-threshold", "total_amount")]
    (tmp_path / "compliance.toml").write_text('[roles]\n"公司领导" = "总经理"\n', encoding="utf-8")
    assert found(check_json(good, extra=("--form", "reimbursement"))[1]) == [("approval-missing", "approvals")]


@pytest.mark.parametrize("content, named", [
    ('[rulez]\n', "rulez"),
    ('[rules."no.such-rule"]\nat_least = 1\n', "no.such-rule"),
    ('[rules."reimbursement.collective-decision"]\nat_lest = 1\n', "at_lest"),
    ('[score_weights]\nboss = 1\n', "boss"),
])
def test_a_wrong_config_key_is_an_error_naming_it(tmp_path, content, named):
    config = tmp_path / "settings.toml"
    config.write_text(content, encoding="utf-8")
    result = run("check", BAD, "--config", config)
    assert result.exit_code == 2
    assert named in result.output


@pytest.mark.slow  # the whole sample set twice
def test_jobs_two_gives_the_same_report():
    paths = sorted(SAMPLES.glob("*/invalid/*.yaml"))
    one = check_json(*paths)[1]
    two = check_json(*paths, extra=("--jobs", "2"))[1]
    assert one.pop("report")["as_of"] == two.pop("report")["as_of"]  # made a moment apart
    assert one == two


@pytest.mark.slow
@needs_shared(CORPUS)
def test_the_shared_corpus_is_read_without_a_crash():
    files = sorted(p for p in CORPUS.rglob("*") if p.suffix.lower() in (".pdf", ".docx"))
    code, report = check_json(CORPUS, extra=("--jobs", "2"))
    assert code in (0, 1)
    assert sorted(f["path"] for f in report["files"]) == sorted(map(str, files))
    for entry in report["files"]:
        rules = {f["rule"] for f in entry["findings"]}
        assert entry["form"] is not None or rules & {"form-unknown", "file-unreadable"}, entry
    encrypted = next(f for f in report["files"] if "password" in f["path"])
    assert [f["rule"] for f in encrypted["findings"]] == ["file-unreadable"]
    assert "encrypt" in encrypted["findings"][0]["message_en"].lower()


def test_config_grade_bands_and_score_weights_change_the_verdict(tmp_path, monkeypatch):
    """The sample scores 86.7 (良好 under the default bands)."""
    monkeypatch.chdir(tmp_path)
    sample = SAMPLES / "performance-review" / "valid.yaml"
    config = tmp_path / "compliance.toml"
    config.write_text('[grades]\n"优秀" = 85\n"良好" = 75\n"合格" = 60\n"不合格" = 0\n', encoding="utf-8")
    assert found(check_json(sample, extra=("--form", "performance-review"))[1]) == [("grade-mismatch", "grade")]
    config.write_text("[score_weights]\nmanager = 0\npeer = 0\nself = 1\n", encoding="utf-8")
    assert ("score-mismatch", "overall_score") in found(check_json(sample, extra=("--form", "performance-review"))[1])


def test_config_grade_bands_drive_the_derived_grade_in_new(tmp_path, monkeypatch):
    import yaml

    monkeypatch.chdir(tmp_path)
    data = yaml.safe_load((SAMPLES / "performance-review" / "valid.yaml").read_text(encoding="utf-8"))
    data.pop("grade")
    (tmp_path / "data.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (tmp_path / "compliance.toml").write_text('[grades]\n"优秀" = 85\n"良好" = 75\n"合格" = 60\n"不合格" = 0\n',
                                              encoding="utf-8")
    assert run("new", "performance-review", "--data", "data.yaml", "-o", "out.docx").exit_code == 0
    assert json.loads(run("extract", "out.docx").stdout)["data"]["grade"] == "优秀"


def test_extract_of_an_unreadable_file_says_why_and_exits_1(tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip at all")
    result = run("extract", broken)
    assert result.exit_code == 1 and result.stdout == ""
    assert "broken.docx" in result.stderr and "zip" in result.stderr


def test_a_refused_value_is_not_also_reported_missing(tmp_path):
    from .test_rules_samples import _edit_docx

    generated = tmp_path / "form.docx"
    assert run("new", "reimbursement", "--sample", "-o", generated).exit_code == 0
    edited = tmp_path / "edited.docx"
    _edit_docx(generated, edited, "2026年5月18日", "五月中旬")
    assert found(check_json(edited)[1]) == [("field-invalid", "claim_date")]
