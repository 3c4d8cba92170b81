"""`check --password` opens PDFs encrypted the ways office software encrypts them, and a PDF
protected by permissions only (empty user password) opens without one, as in any viewer."""
from __future__ import annotations

import pytest
from pypdf import PdfReader, PdfWriter

from .support import check_json

USER_PASSWORD = "报销-2026"
ALGORITHMS = ["RC4-128", "AES-128", "AES-256"]


def _encrypt(source, target, user_password: str, algorithm: str):
    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password=user_password, owner_password="owner-only-secret", algorithm=algorithm)
    with open(target, "wb") as stream:
        writer.write(stream)
    return target


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_an_encrypted_form_checks_clean_with_its_password(libreoffice_copies, tmp_path, algorithm):
    target = _encrypt(libreoffice_copies["reimbursement"]["pdf"], tmp_path / "locked.pdf", USER_PASSWORD, algorithm)
    code, report = check_json(target, extra=("--password", USER_PASSWORD))
    entry = report["files"][0]
    assert (code, entry["form"], entry["findings"]) == (0, "reimbursement", []), entry


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_without_its_password_an_encrypted_form_is_unreadable_and_says_why(libreoffice_copies, tmp_path, algorithm):
    target = _encrypt(libreoffice_copies["reimbursement"]["pdf"], tmp_path / "locked.pdf", USER_PASSWORD, algorithm)
    code, report = check_json(target)
    findings = report["files"][0]["findings"]
    assert code == 1
    assert [f["rule"] for f in findings] == ["file-unreadable"]
    assert "--password" in findings[0]["message_en"]


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_a_pdf_protected_by_permissions_only_opens_without_a_password(libreoffice_copies, tmp_path, algorithm):
    target = _encrypt(libreoffice_copies["reimbursement"]["pdf"], tmp_path / "restricted.pdf", "", algorithm)
    assert PdfReader(target).is_encrypted
    code, report = check_json(target)
    entry = report["files"][0]
    assert (code, entry["form"], entry["findings"]) == (0, "reimbursement", []), entry
