"""`compliance stamps`: output formats, unreadable files, passwords; never a traceback."""
from __future__ import annotations

import json

from click.testing import CliRunner
from pypdf import PdfReader, PdfWriter

from compliance.cli import main


def _cli(*args):
    return CliRunner().invoke(main, ["stamps", *map(str, args)])


def test_text_output_is_bilingual(seal_set):
    result = _cli(seal_set.acceptance["accept-a"], seal_set.acceptance["accept-f-title"])
    assert result.exit_code == 0
    out = result.output
    assert "1 个印章 / 1 seal(s)" in out and "0 个印章 / 0 seal(s)" in out
    assert "页 page" in out and "位置 position" in out and "类型 kind" in out
    assert "图片 / image" in out


def test_unreadable_files_are_reported_and_the_rest_listed(seal_set, tmp_path, corpus_dir):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n")
    notes = tmp_path / "notes.txt"
    notes.write_text("not a document", "utf-8")
    fake_docx = tmp_path / "fake.docx"
    fake_docx.write_bytes(b"PK\x03\x04 truncated zip")
    encrypted = corpus_dir / "pdf" / "005-libreoffice-writer-password_libreoffice-writer-password.pdf"
    missing = tmp_path / "missing.pdf"
    good = seal_set.acceptance["accept-d"]
    result = _cli("--format", "json", broken, notes, fake_docx, encrypted, missing, good)
    assert result.exit_code == 1
    assert "Traceback" not in result.output and "Traceback" not in result.stderr
    for path in (broken, notes, fake_docx, encrypted, missing):
        assert f"错误：无法读取 {path}" in result.stderr
        assert f"error: cannot read {path}" in result.stderr
    files = json.loads(result.stdout)["files"]
    assert [f["path"] for f in files] == [str(p) for p in (broken, notes, fake_docx, encrypted, missing, good)]
    assert files[-1]["stamps"][0]["kind"] == "annotation"
    assert all("error" in f for f in files[:-1])


def test_password_protected_pdf(seal_set, tmp_path):
    writer = PdfWriter(clone_from=PdfReader(str(seal_set.acceptance["accept-a"])))
    writer.encrypt("s3cret", algorithm="RC4-128")
    locked = tmp_path / "locked.pdf"
    with open(locked, "wb") as handle:
        writer.write(handle)
    refused = _cli(locked)
    assert refused.exit_code == 1
    assert "密码" in refused.stderr and "password" in refused.stderr
    wrong = _cli("--password", "nope", locked)
    assert wrong.exit_code == 1 and "wrong password" in wrong.stderr
    opened = _cli("--format", "json", "--password", "s3cret", locked)
    assert opened.exit_code == 0, opened.stderr
    assert [s["page"] for s in json.loads(opened.stdout)["files"][0]["stamps"]] == [2]


def test_help_names_the_options():
    result = CliRunner().invoke(main, ["stamps", "--help"])
    assert result.exit_code == 0
    for option in ("--format", "--render", "--password"):
        assert option in result.output


def _slow_pdf(path, repeats: int = 700_000):
    """A small file whose one page costs seconds to walk: a picture (so the seal walk runs) after
    hundreds of thousands of drawing commands, all within the content-stream size limit."""
    import zlib

    from pypdf.generic import DictionaryObject, NameObject, NumberObject, StreamObject

    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    image = StreamObject()
    image._data = zlib.compress(bytes((220, 30, 30)) * 200 * 200)
    image.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
                  NameObject("/Width"): NumberObject(200), NameObject("/Height"): NumberObject(200),
                  NameObject("/ColorSpace"): NameObject("/DeviceRGB"), NameObject("/BitsPerComponent"): NumberObject(8),
                  NameObject("/Filter"): NameObject("/FlateDecode")})
    resources = DictionaryObject({NameObject("/Im1"): writer._add_object(image)})
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): resources})
    content = StreamObject()
    content._data = zlib.compress(b"q 1 0 0 1 0 0 cm Q\n" * repeats + b"q 150 0 0 150 100 500 cm /Im1 Do Q\n")
    content[NameObject("/Filter")] = NameObject("/FlateDecode")
    page[NameObject("/Contents")] = writer._add_object(content)
    with open(path, "wb") as stream:
        writer.write(stream)
    return path


def test_each_file_is_read_under_the_time_limit_check_uses(tmp_path):
    slow = _slow_pdf(tmp_path / "slow.pdf")
    quick = tmp_path / "quick.pdf"
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    with open(quick, "wb") as stream:
        writer.write(stream)
    result = _cli("--format", "json", "--timeout", "1", slow, quick)
    assert result.exit_code == 1
    assert f"error: cannot read {slow}: timed out after 1 s" in result.stderr
    files = json.loads(result.stdout)["files"]
    assert [f["path"] for f in files] == [str(slow), str(quick)]
    assert "error" in files[0] and files[1] == {"path": str(quick), "stamps": []}
