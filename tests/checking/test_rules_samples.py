"""Every rule has a sample that breaks it (samples/<form>/invalid/) and the valid sample that passes."""
from __future__ import annotations

import re
import zipfile

import pytest
import yaml

from compliance.rulebook.kinds import KINDS

from .support import FORM_IDS, SAMPLES, check_json, found, run

INVALID = sorted(SAMPLES.glob("*/invalid/*.yaml"))


def expected(sample) -> list[tuple[str, str]]:
    declared = yaml.safe_load(sample.read_text(encoding="utf-8"))["expected_findings"]
    return sorted((e["rule"], e["field"]) for e in declared)


@pytest.mark.parametrize("sample", INVALID, ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_invalid_sample_gives_exactly_its_declared_findings(sample):
    code, report = check_json(sample)
    assert code == 1
    assert report["files"][0]["form"] == sample.parent.parent.name
    assert found(report) == expected(sample)


def test_every_rule_is_broken_by_some_sample():
    rules = [r for f in FORM_IDS for r in yaml.safe_load((SAMPLES.parent / "rules" / f"{f}.yaml").read_text())["rules"]]
    # A kind that reads a laid-out document (the seal kinds) cannot be broken by data.
    rule_ids = {r["id"] for r in rules if not getattr(KINDS[r["kind"]], "READS_DOCUMENT", False)}
    _code, report = check_json(*INVALID)
    broken = {f["rule_id"] for file in report["files"] for f in file["findings"]}
    assert rule_ids <= broken, sorted(rule_ids - broken)


@pytest.mark.parametrize("form", FORM_IDS)
def test_valid_sample_data_checks_clean(form):
    code, report = check_json(SAMPLES / form / "valid.yaml", extra=("--form", form))
    assert (code, found(report)) == (0, [])


@pytest.mark.parametrize("form", FORM_IDS)
def test_generated_form_checks_clean_and_is_recognised(generated, form):
    code, report = check_json(generated[form])
    assert report["files"][0]["form"] == form
    assert (code, found(report)) == (0, [])


@pytest.mark.parametrize("sample", INVALID, ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_invalid_sample_rendered_to_docx_gives_the_same_findings(sample, tmp_path):
    """What the generator accepts, the checker must find again in the document it wrote."""
    document = yaml.safe_load(sample.read_text(encoding="utf-8"))
    data = tmp_path / "data.yaml"
    data.write_text(yaml.safe_dump(document["data"], allow_unicode=True), encoding="utf-8")
    target = tmp_path / "form.docx"
    if run("new", document["form"], "--data", data, "-o", target).exit_code != 0:
        pytest.skip("the generator itself refuses this data (covered by the generation tests)")
    code, report = check_json(target)
    assert code == 1
    assert _on_printed_rows(found(report), expected(sample)) == expected(sample)
    # A finding on a field the form shows is placed on its page; an absent field has no place.
    for finding in report["files"][0]["findings"]:
        assert finding["page"] == 1 or (finding["page"] is None and finding["rule"] in ("required-when", "field-missing", "approval-missing"))


def _on_printed_rows(findings: list[tuple[str, str]], wanted: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The generator prints an empty signing row for each required role the data lacks, so the
    document reports that row unsigned (`approvals[2]`) where the data reported the role missing
    (`approvals`): the same finding, placed on the row that waits for the signature."""
    def placed(rule: str, field: str) -> str:
        if rule != "approval-missing" or (rule, field) in wanted:
            return field
        return re.sub(r"\[\d+\]$", "", field)

    return sorted((rule, placed(rule, field)) for rule, field in findings)


def _edit_docx(source, target, old: str, new: str) -> None:
    """Change one text in the document XML, as a clerk editing the file in Word would."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "word/document.xml":
                assert old.encode() in data
                data = data.replace(old.encode(), new.encode(), 1)
            zout.writestr(item, data)


def test_capital_amount_edited_after_generation_is_caught(generated, tmp_path):
    edited = tmp_path / "edited.docx"
    _edit_docx(generated["reimbursement"], edited, "肆仟柒佰捌拾元伍角整", "肆仟柒佰捌拾元整")
    # Wrong arithmetic, and (the form's QR code says) not what was printed.
    assert found(check_json(edited)[1]) == [("amount-capital-mismatch", "amount_in_words"), ("content-altered", "amount_in_words")]


def test_total_edited_after_generation_is_caught(generated, tmp_path):
    edited = tmp_path / "edited.docx"
    _edit_docx(generated["reimbursement"], edited, "4,780.50", "4,870.50")
    assert ("amount-total-mismatch", "total_amount") in found(check_json(edited)[1])
