"""Suite-wide: which tests are slow.

A quick run (`pytest -m "not slow"`) leaves out what costs seconds per test: anything that
starts LibreOffice, builds the seal set or a hostile corpus, runs the isolated worker pool on a
batch, runs OCR on a scan, or reads the whole shared corpus. The mark follows from the fixtures a test uses, so a new
test that needs LibreOffice is slow without anyone remembering to say so.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from locations import CORPUS, SEEDS, shared_absent, shared_or_skip

SLOW_FIXTURES = frozenset({"soffice", "seal_set", "libreoffice_copies", "hostile_corpus", "corpus_dir", "batch", "ocr"})
# Parts of the shared folder beside the repository (tests/locations.py): a test that asks for one
# is marked `shared`, as is one marked `needs_shared(part)`, and skipped, saying why, without it.
SHARED_FIXTURES = frozenset({"corpus_dir", "seeds_dir"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if SLOW_FIXTURES & fixtures:
            item.add_marker(pytest.mark.slow)
        if SHARED_FIXTURES & fixtures:
            item.add_marker(pytest.mark.shared)
        for part in {Path(part) for mark in item.iter_markers("shared") for part in mark.args}:
            if not part.is_dir():
                item.add_marker(pytest.mark.skip(reason=shared_absent(part)))


@pytest.fixture(scope="session")
def soffice() -> str:
    """LibreOffice, for the tests that make a PDF through `compliance new --pdf`."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip("LibreOffice is not installed")
    return found


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """Real files from public projects, in the shared folder (skipped, saying how, without it)."""
    return shared_or_skip(CORPUS)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The regulation texts the rules cite, in the shared folder (skipped, saying how, without it)."""
    return shared_or_skip(SEEDS)
