"""Suite-wide: which tests are slow.

A quick run (`pytest -m "not slow"`) leaves out what costs seconds per test: anything that
starts LibreOffice, builds the seal set or a hostile corpus, runs the isolated worker pool on a
batch, runs OCR on a scan, or reads the whole shared corpus. The mark follows from the fixtures a test uses, so a new
test that needs LibreOffice is slow without anyone remembering to say so.
"""
from __future__ import annotations

import shutil

import pytest

SLOW_FIXTURES = frozenset({"soffice", "seal_set", "libreoffice_copies", "hostile_corpus", "corpus_dir", "batch", "ocr"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def soffice() -> str:
    """LibreOffice, for the tests that make a PDF through `compliance new --pdf`."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip("LibreOffice is not installed")
    return found
