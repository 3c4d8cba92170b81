"""`compliance audit`: what only a batch shows. Each batch code fires on a batch built for it and
stays silent on a clean batch of the same size; names are compared across script, width and
invisible characters; the numbers are company settings that compliance.toml changes.

Slips are printed with `compliance new` (.docx) or submitted as data; sealed contracts are Word
documents with a seal picture drawn by the seal tests' artist."""
from __future__ import annotations

import copy
import datetime as dt
import json
import random

import pytest
import yaml
from docx import Document
from seals.docx_build import add_inline_picture
from seals.office_cases import random_seal

from .support import SAMPLES, run

SLIP = yaml.safe_load((SAMPLES / "reimbursement" / "valid.yaml").read_text(encoding="utf-8"))
REQUEST = yaml.safe_load((SAMPLES / "seal-use" / "valid.yaml").read_text(encoding="utf-8"))
REGISTER = yaml.safe_load((SAMPLES / "seal-register" / "valid.yaml").read_text(encoding="utf-8"))
CONTRACT = "临平智慧园区运营管理咨询服务合同"
AS_OF = "2026-12-01"


def _slip(amount, day, claimant="周晓琳", summary="年度行业大会场地租赁", approvals=None) -> dict:
    data = copy.deepcopy(SLIP)
    data["claimant"] = claimant
    data["items"] = [{"date": day, "category": "会务费", "summary": summary, "amount": amount, "receipts": 1}]
    for derived in ("total_amount", "amount_in_words", "attachments"):
        data.pop(derived, None)
    claimed = dt.date.fromisoformat(day)
    data["claim_date"] = day
    for offset, row in enumerate(approvals if approvals is not None else data["approvals"], start=1):
        row["date"] = (claimed + dt.timedelta(days=offset)).isoformat()
    if approvals is not None:
        data["approvals"] = approvals
    return data


def _printed(folder, name: str, form: str, data: dict, *extra):
    source = folder / f"{name}.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    target = folder / f"{name}.docx"
    result = run("new", form, "--data", source, "-o", target, *extra)
    assert result.exit_code == 0, result.output
    source.unlink()
    return target


def _submitted(folder, name: str, form: str, data: dict):
    path = folder / f"{name}.json"
    path.write_text(json.dumps({"form": form, "data": data}, ensure_ascii=False), encoding="utf-8")
    return path


def _audit(*paths, extra=()) -> tuple[int, dict]:
    result = run("audit", *paths, "--format", "json", "--as-of", AS_OF, *extra)
    return result.exit_code, json.loads(result.stdout)


def _batch(report) -> list[tuple[str, list[str]]]:
    return [(f["rule"], sorted(p.rsplit("/", 1)[-1] for p in f["files"])) for f in report["batch"]]


def test_a_claim_split_under_the_threshold_is_one_error_naming_every_slip(tmp_path):
    # The same claimant written three ways: Traditional script, full-width space, a zero-width space.
    names = ["周晓琳", "周曉琳", "周\u200b晓琳"]
    slips = [_printed(tmp_path, f"slip-{i}", "reimbursement", _slip(20000, f"2026-05-{10 + 5 * i:02d}", name))
             for i, name in enumerate(names)]
    code, report = _audit(*slips)
    assert code == 1
    assert [entry["findings"] for entry in report["files"]] == [[], [], []]
    assert _batch(report) == [("threshold-split", ["slip-0.docx", "slip-1.docx", "slip-2.docx"])]
    (found,) = report["batch"]
    assert found["severity"] == "error" and found["clause"] == "000 §六(三)3"
    assert found["setting_keys"] == ['[rules."batch.threshold-split"] window_days',
                                     '[rules."reimbursement.collective-decision"] at_least']
    assert report["summary"]["batch"] == 1


@pytest.mark.parametrize("variant", ["far-apart", "other-claimant", "decided-collectively", "under-together"])
def test_a_clean_batch_of_the_same_size_is_not_a_split(tmp_path, variant):
    first = _slip(30000, "2026-05-11")
    second = {
        "far-apart": _slip(30000, "2026-06-25"),
        "other-claimant": _slip(30000, "2026-05-15", claimant="钱志远"),
        "under-together": _slip(19000, "2026-05-15"),
        "decided-collectively": _slip(30000, "2026-05-15", approvals=[
            *copy.deepcopy(SLIP["approvals"]),
            {"role": "管理层集体决策", "approver": "总经理办公会", "opinion": "同意", "date": "2026-05-22"}]),
    }[variant]
    if variant == "decided-collectively":
        first = _slip(30000, "2026-05-11", approvals=copy.deepcopy(second["approvals"]))
    paths = [_printed(tmp_path, "first", "reimbursement", first), _printed(tmp_path, "second", "reimbursement", second)]
    code, report = _audit(*paths)
    assert _batch(report) == []
    assert code == 0, report


def test_the_window_is_a_company_setting(tmp_path):
    paths = [_printed(tmp_path, "first", "reimbursement", _slip(30000, "2026-05-11")),
             _printed(tmp_path, "second", "reimbursement", _slip(30000, "2026-05-16"))]
    settings = tmp_path / "compliance.toml"
    settings.write_text('[rules."batch.threshold-split"]\nwindow_days = 3\n', encoding="utf-8")
    assert _batch(_audit(*paths)[1]) == [("threshold-split", ["first.docx", "second.docx"])]
    code, report = _audit(*paths, extra=("--config", settings))
    assert (code, _batch(report)) == (0, [])


def test_the_same_receipt_claimed_on_two_slips_is_a_duplicate(tmp_path):
    taxi = {"date": "2026-05-13", "category": "市内交通费", "summary": "出租车", "amount": 86.5, "receipts": 1}
    first, second, third = _slip(1200, "2026-05-12"), _slip(300, "2026-05-14", summary="资料印刷"), _slip(500, "2026-05-15")
    first["items"].append(dict(taxi))
    second["items"].append({**taxi, "summary": "出租車", "amount": "86.50"})  # another script, another spelling of the sum
    paths = [_printed(tmp_path, "first", "reimbursement", first),
             _printed(tmp_path, "second", "reimbursement", second, "--script", "traditional"),
             _printed(tmp_path, "third", "reimbursement", third)]
    code, report = _audit(*paths)
    assert code == 1
    assert _batch(report) == [("claim-duplicate", ["first.docx", "second.docx"])]
    third["items"].append({**taxi, "date": "2026-05-14"})  # a taxi on another day is another expense
    paths[2] = _printed(tmp_path, "third-again", "reimbursement", third)
    assert _batch(_audit(paths[0], paths[2])[1]) == []


def _sealed_contract(folder, name: str, title: str = CONTRACT):
    document = Document()
    document.add_paragraph(title)
    document.add_paragraph("甲乙双方经友好协商，就园区运营管理咨询服务达成如下协议。")
    seal, width = random_seal(random.Random(7), shape="round", colour="seal-red")
    add_inline_picture(document, seal, width)
    path = folder / f"{name}.docx"
    document.save(path)
    return path


def _request(document_name: str = CONTRACT, rejected: bool = False) -> dict:
    data = copy.deepcopy(REQUEST)
    data["document_name"] = document_name
    if rejected:
        data["approvals"][1]["opinion"] = "不同意用印"
    return data


def test_a_seal_without_an_approved_request_is_unrequested(tmp_path):
    contract = _sealed_contract(tmp_path, "contract")
    code, report = _audit(contract)
    assert code == 1 and _batch(report) == [("seal-unrequested", ["contract.docx"])]
    rejected = _submitted(tmp_path, "request", "seal-use", _request(rejected=True))
    assert _batch(_audit(contract, rejected)[1]) == [("seal-unrequested", ["contract.docx"])]


@pytest.mark.parametrize("named", [CONTRACT, "臨平智慧園區運營管理諮詢服務合同", "临平智慧园区 运营管理咨询服务合同"])
def test_an_approved_request_covers_the_document_it_names(tmp_path, named):
    contract = _sealed_contract(tmp_path, "contract")
    request = _printed(tmp_path, "request", "seal-use", _request(named))
    code, report = _audit(contract, request)
    assert (code, _batch(report)) == (0, []), report


def test_a_request_may_name_the_file_instead_of_its_title(tmp_path):
    contract = _sealed_contract(tmp_path, "园区合同-终稿", title="合同书")
    request = _submitted(tmp_path, "request", "seal-use", _request("园区合同-终稿"))
    assert _batch(_audit(contract, request)[1]) == []


def test_with_a_register_in_the_batch_a_use_it_lacks_is_unregistered(tmp_path):
    contract = _sealed_contract(tmp_path, "contract")
    request = _submitted(tmp_path, "request", "seal-use", _request())
    register = _submitted(tmp_path, "register", "seal-register", REGISTER)
    code, report = _audit(contract, request, register)
    assert code == 1 and _batch(report) == [("seal-unregistered", ["contract.docx"])]
    registered = copy.deepcopy(REGISTER)
    registered["uses"].append({**registered["uses"][0], "document": CONTRACT, "request_no": "2026-110"})
    register = _submitted(tmp_path, "register", "seal-register", registered)
    assert _batch(_audit(contract, request, register)[1]) == []


def test_audit_reports_in_text_and_junit_and_refuses_a_missing_path(tmp_path):
    contract = _sealed_contract(tmp_path, "contract")
    text = run("audit", contract)
    assert text.exit_code == 1 and "seal-unrequested" in text.stdout and "contract.docx" in text.stdout
    junit = run("audit", contract, "--format", "junit")
    assert 'name="compliance-batch"' in junit.stdout and 'type="seal-unrequested"' in junit.stdout
    missing = run("audit", tmp_path / "nowhere")
    assert missing.exit_code == 2 and "nowhere" in missing.stderr
