"""Fixtures for the scan tests: LibreOffice prints the forms that are then signed and scanned."""
from __future__ import annotations

import shutil

import pytest


@pytest.fixture(scope="session")
def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip("LibreOffice is not installed")
    return found


@pytest.fixture
def ocr() -> None:
    """Marks a test that runs the OCR engine (seconds per page): it belongs to the slow run."""
