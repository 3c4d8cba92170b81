"""Each file is opened and parsed once per check: the reader, the seal pass and the QR finder
share one opening. Counted where the bytes are read: the zip package of a .docx and its parse of
word/document.xml, the PDF reader of a PDF."""
from __future__ import annotations

import random

import pypdf
import pytest
from docx import Document
from seals.docx_build import add_inline_picture
from seals.office_cases import random_seal

from compliance.checking.pipeline import CheckOptions, check_file
from compliance.model.workspace import Workspace
from compliance.safety import docx_package


@pytest.fixture
def counted(monkeypatch):
    counts = {"package": 0, "document.xml": 0, "pdf": 0}
    opening, parsing, reading_pdf = docx_package.DocxPackage.__init__, docx_package.DocxPackage.xml, pypdf.PdfReader.__init__

    def open_package(self, *args, **kwargs):
        counts["package"] += 1
        opening(self, *args, **kwargs)

    def parse(self, name):
        counts["document.xml"] += name == "word/document.xml"
        return parsing(self, name)

    def open_pdf(self, *args, **kwargs):
        counts["pdf"] += 1
        reading_pdf(self, *args, **kwargs)

    monkeypatch.setattr(docx_package.DocxPackage, "__init__", open_package)
    monkeypatch.setattr(docx_package.DocxPackage, "xml", parse)
    monkeypatch.setattr(pypdf.PdfReader, "__init__", open_pdf)
    return counts


def _check(path) -> list[str]:
    return [finding.rule for finding in check_file(path, Workspace(None), CheckOptions()).findings]


def test_a_stamped_docx_is_opened_and_parsed_once(tmp_path, counted):
    document = Document()
    document.add_paragraph("临平智慧园区运营管理咨询服务合同")
    document.add_paragraph("甲乙双方经友好协商，就园区运营管理咨询服务达成如下协议。")
    seal, width = random_seal(random.Random(3), shape="round", colour="seal-red")
    add_inline_picture(document, seal, width)
    path = tmp_path / "contract.docx"
    document.save(path)
    _check(path)
    assert (counted["package"], counted["document.xml"]) == (1, 1)


def test_a_blank_stamped_page_is_still_found_from_the_one_opening(tmp_path, counted):
    document = Document()
    seal, width = random_seal(random.Random(5), shape="round", colour="seal-red")
    add_inline_picture(document, seal, width)
    path = tmp_path / "blank.docx"
    document.save(path)
    assert "stamp-on-blank-page" in _check(path)
    assert (counted["package"], counted["document.xml"]) == (1, 1)


def test_a_pdf_is_opened_once(libreoffice_copies, counted):
    _check(libreoffice_copies["reimbursement"]["pdf"])
    assert counted["pdf"] == 1
