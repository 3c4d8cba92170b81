"""The hostile corpus next to good forms, through `compliance check`, in a real process."""
from __future__ import annotations

import json
import resource
import subprocess
import sys
import time

import pytest

# Files of the corpus that are damaged or odd but still readable (they hold no form).
# xmp_xxe.pdf carries its entities in XMP metadata, which the checker never parses.
READABLE = {"good.docx", "good_minimal.docx", "good.pdf", "deep_dict.pdf", "bad_xref.pdf",
            "truncated.pdf", "good.yaml", "control_chars.yaml", "xmp_xxe.pdf"}
MAY_BE_EITHER = {"huge_png.docx", "large_png.docx", "huge_image.pdf", "truncated.pdf"}  # only image decoding trips them


@pytest.fixture(scope="module")
def batch(hostile_corpus, tmp_path_factory):
    """Good generated forms beside the hostile files, checked in one run."""
    folder = hostile_corpus.root
    good = tmp_path_factory.mktemp("good-forms")
    for form in ("reimbursement", "seal-use"):
        subprocess.run([sys.executable, "-m", "compliance", "new", form, "--sample", "-o", str(good / f"{form}.docx")],
                       check=True, capture_output=True)
    started = time.monotonic()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    completed = subprocess.run(
        [sys.executable, "-m", "compliance", "check", str(folder), str(good), "--format", "json",
         "--jobs", "2", "--timeout", "20", "--password", "not-the-password"],
        capture_output=True, text=True, timeout=900)
    elapsed = time.monotonic() - started
    peak_kib = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return completed, json.loads(completed.stdout), elapsed, peak_kib, folder, good


def test_every_file_is_reported_exactly_once(batch):
    completed, report, *_rest, folder, good = batch
    assert completed.returncode == 1, completed.stderr
    expected = sorted(str(p) for base in (folder, good) for p in base.rglob("*")
                      if not p.is_dir() and p.suffix in (".docx", ".pdf", ".yaml", ".yml", ".json"))
    assert sorted(f["path"] for f in report["files"]) == expected


def test_each_hostile_file_is_unreadable_with_a_reason(batch):
    _completed, report, *_rest = batch
    for entry in report["files"]:
        name = entry["path"].rsplit("/", 1)[-1]
        if "good-forms" in entry["path"] or name in READABLE | MAY_BE_EITHER:
            continue
        rules = [f["rule"] for f in entry["findings"]]
        assert rules == ["file-unreadable"], (name, entry["findings"])
        assert entry["findings"][0]["message_en"] and entry["findings"][0]["message"], name


def test_good_forms_are_checked_normally(batch):
    _completed, report, *_rest = batch
    good = [f for f in report["files"] if "good-forms" in f["path"]]
    assert [(f["form"], f["findings"]) for f in good] == [("reimbursement", []), ("seal-use", [])]


def test_no_secret_leaks_and_resources_stay_bounded(batch, hostile_corpus):
    completed, _report, elapsed, peak_kib, *_rest = batch
    assert hostile_corpus.secret_token not in completed.stdout + completed.stderr
    assert "Traceback" not in completed.stderr
    files = len(_report["files"])
    assert elapsed < files * 20  # the per-file limit bounds the batch; in practice it takes seconds
    assert peak_kib < 1024 * 1024  # under 1 GB for the largest process


def test_encrypted_pdf_opens_with_the_right_password(hostile_corpus, tmp_path):
    password_file = tmp_path / "pw.txt"
    password_file.write_text(hostile_corpus.pdf_password + "\n", encoding="utf-8")
    target = hostile_corpus.files["encrypted.pdf"]
    locked = subprocess.run([sys.executable, "-m", "compliance", "check", str(target), "--format", "json"],
                            capture_output=True, text=True)
    opened = subprocess.run([sys.executable, "-m", "compliance", "check", str(target), "--format", "json",
                             "--password-file", str(password_file)], capture_output=True, text=True)
    locked_finding = json.loads(locked.stdout)["files"][0]["findings"][0]
    assert locked_finding["rule"] == "file-unreadable" and "encrypted" in locked_finding["message_en"]
    assert [f["rule"] for f in json.loads(opened.stdout)["files"][0]["findings"]] == ["form-unknown"]
