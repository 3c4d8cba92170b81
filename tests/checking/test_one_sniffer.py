"""A file whose name lies about its type gets one answer, in one wording, from every command."""
from __future__ import annotations

import json

import pytest
from pypdf import PdfWriter

from .support import run


def _pdf_bytes(tmp_path) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    path = tmp_path / "blank.pdf"
    with open(path, "wb") as stream:
        writer.write(stream)
    return path.read_bytes()


DISGUISES = {
    "pdf-named-docx": ("x.docx", lambda tmp: _pdf_bytes(tmp), "this is a PDF file named .docx"),
    "zip-named-pdf": ("x.pdf", lambda tmp: b"PK\x03\x04" + b"\0" * 100, "this is a zip file (a .docx?) named .pdf"),
    "ole-named-docx": ("x.docx", lambda tmp: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "OLE compound file"),
    "rtf-named-docx": ("x.docx", lambda tmp: b"{\\rtf1\\ansi hello}", "this is an RTF file named .docx"),
    "text-named-pdf": ("x.pdf", lambda tmp: "只是文字".encode(), "not a PDF file (no %PDF header)"),
    "empty-docx": ("x.docx", lambda tmp: b"", "the file is empty"),
}


@pytest.mark.parametrize("case", sorted(DISGUISES))
def test_every_command_names_the_real_type_alike(tmp_path, case):
    name, content, expected = DISGUISES[case]
    path = tmp_path / name
    path.write_bytes(content(tmp_path))
    checked = run("check", path, "--format", "json")
    finding = json.loads(checked.stdout)["files"][0]["findings"][0]
    stamps = run("stamps", path, "--format", "json")
    stamps_error = json.loads(stamps.stdout)["files"][0]["error"]["en"]
    extracted = run("extract", path)
    assert checked.exit_code == stamps.exit_code == extracted.exit_code == 1
    assert finding["rule"] == "file-unreadable"
    assert expected in finding["message_en"]
    assert finding["message_en"] == stamps_error
    assert finding["message_en"] in extracted.stderr
