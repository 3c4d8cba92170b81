"""Real PDFs and .docx files from public projects: read without a crash or a hang.

Either the file is read (its seals listed, usually none) or it is refused with
UnreadableDocument (the password-protected PDF); nothing else may escape.
"""
from __future__ import annotations

import time

import pytest
from locations import CORPUS, needs_shared

from compliance.checking.seal_findings import seal_findings
from compliance.errors import UnreadableDocument
from compliance.seals import find_stamps

FILES = sorted(p for p in CORPUS.rglob("*") if p.suffix.lower() in (".pdf", ".docx")) if CORPUS.is_dir() else []
# Without the corpus, one case, skipped saying how to provide it (not an empty parameter set).
CASES = [pytest.param(p, id=f"{p.parent.name}/{p.name}") for p in FILES] or [pytest.param(None, id="corpus")]
SECONDS_PER_FILE = 5.0
pytestmark = pytest.mark.slow  # every real file of the corpus, twice


def test_corpus_is_there(corpus_dir):
    assert len(FILES) > 50


@needs_shared(CORPUS)
@pytest.mark.parametrize("path", CASES)
def test_corpus_file(path):
    for run in (find_stamps, seal_findings):
        started = time.monotonic()
        try:
            result = run(path)
        except UnreadableDocument as error:
            assert error.message_zh and error.message_en
            continue
        assert isinstance(result, list)
        assert time.monotonic() - started < SECONDS_PER_FILE, f"{run.__name__} took too long"


def test_encrypted_corpus_pdf_is_unreadable_without_password(corpus_dir):
    path = corpus_dir / "pdf" / "005-libreoffice-writer-password_libreoffice-writer-password.pdf"
    with pytest.raises(UnreadableDocument) as caught:
        find_stamps(path)
    assert "密码" in caught.value.message_zh and "password" in caught.value.message_en
