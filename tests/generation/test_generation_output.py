"""Output files: no silent overwrite, --force, and usage errors (exit 2, bilingual, nothing written)."""
from __future__ import annotations

import os

import pytest
from gen_support import assert_bilingual, doc_text, reimbursement_data, run, sample_path, write_json


def test_existing_output_is_kept_without_force(tmp_path):
    out = tmp_path / "out.docx"
    out.write_bytes(b"not a docx, but mine")
    os.utime(out, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    before = out.stat().st_mtime_ns
    result = run(["new", "reimbursement", "--sample", "-o", out])
    assert result.exit_code == 2, result.output
    assert_bilingual(result.output)
    assert "已存在" in result.output and "already exists" in result.output and "--force" in result.output
    assert out.read_bytes() == b"not a docx, but mine"
    assert out.stat().st_mtime_ns == before
    assert not list(tmp_path.glob(".*.part"))


def test_existing_output_is_overwritten_with_force(tmp_path):
    out = tmp_path / "out.docx"
    first = run(["new", "reimbursement", "--data", write_json(tmp_path / "d.json", reimbursement_data()), "-o", out])
    assert first.exit_code == 0, first.output
    assert "张伟" in doc_text(out)
    result = run(["new", "reimbursement", "--sample", "-o", out, "--force"])
    assert result.exit_code == 0, result.output
    text = doc_text(out)
    assert "周晓琳" in text and "张伟" not in text


def test_existing_default_output_in_current_folder_is_kept(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run(["new", "reimbursement", "--sample"]).exit_code == 0
    data = (tmp_path / "reimbursement.docx").read_bytes()
    result = run(["new", "reimbursement", "--data", write_json(tmp_path / "d.json", reimbursement_data())])
    assert result.exit_code == 2, result.output
    assert (tmp_path / "reimbursement.docx").read_bytes() == data


def _csv(tmp_path):
    sheet = tmp_path / "rows.csv"
    sheet.write_text("报销人,部门\n张伟,市场部\n", encoding="utf-8")
    return sheet


@pytest.mark.parametrize("case, zh, en", [
    ("unknown-form", "未知表单", "unknown form"),
    ("missing-data-file", "数据文件不存在", "data file not found"),
    ("data-and-sample", "--data FILE 或 --sample", "exactly one of --data FILE or --sample"),
    ("neither", "--data FILE 或 --sample", "exactly one of --data FILE or --sample"),
    ("csv-with-o", "不用 -o", "needs --out-dir DIR (not -o)"),
    ("csv-without-out-dir", "不用 -o", "needs --out-dir DIR (not -o)"),
    ("csv-out-dir-is-a-file", "已存在，但不是目录", "exists and is not a folder"),  # a missing one is made
    ("out-dir-for-one-form", "--out-dir 只用于", "--out-dir is for CSV/Excel batches"),
    ("output-not-docx", "应以 .docx 或 .xlsx 结尾", "should end in .docx or .xlsx"),
    ("output-pdf-suffix", "应以 .docx 或 .xlsx 结尾", "should end in .docx or .xlsx"),
    ("output-folder-missing", "输出目录不存在", "output folder does not exist"),
])
def test_usage_errors_exit_2_bilingual_and_write_nothing(tmp_path, monkeypatch, case, zh, en):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "x.docx"
    args = {
        "unknown-form": ["new", "no-such-form", "--sample", "-o", out],
        "missing-data-file": ["new", "reimbursement", "--data", tmp_path / "missing.yaml", "-o", out],
        "data-and-sample": ["new", "reimbursement", "--data", sample_path("reimbursement"), "--sample", "-o", out],
        "neither": ["new", "reimbursement", "-o", out],
        "csv-with-o": ["new", "reimbursement", "--data", _csv(tmp_path), "-o", out],
        "csv-without-out-dir": ["new", "reimbursement", "--data", _csv(tmp_path)],
        "csv-out-dir-is-a-file": ["new", "reimbursement", "--data", _csv(tmp_path), "--out-dir", _csv(tmp_path)],
        "out-dir-for-one-form": ["new", "reimbursement", "--sample", "--out-dir", tmp_path],
        "output-not-docx": ["new", "reimbursement", "--sample", "-o", tmp_path / "x.txt"],
        "output-pdf-suffix": ["new", "reimbursement", "--sample", "-o", tmp_path / "x.pdf"],
        "output-folder-missing": ["new", "reimbursement", "--sample", "-o", tmp_path / "nope" / "x.docx"],
    }[case]
    before = sorted(p.name for p in tmp_path.iterdir())
    result = run(args)
    assert result.exit_code == 2, result.output
    assert_bilingual(result.output)
    assert zh in result.output, result.output
    assert en in result.output, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written


@pytest.mark.parametrize("extra", [["--script", "klingon"], ["--bogus"]])
def test_click_option_errors_are_usage_errors_not_internal_errors(tmp_path, extra):
    out = tmp_path / "x.docx"
    result = run(["new", "reimbursement", "--sample", "-o", out, *extra])
    assert result.exit_code == 2, result.output
    assert not out.exists()
