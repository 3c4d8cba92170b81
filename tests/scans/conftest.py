"""Fixtures for the scan tests (LibreOffice, which prints the forms, is the suite's `soffice`)."""
from __future__ import annotations

import pytest


@pytest.fixture
def ocr() -> None:
    """Marks a test that runs the OCR engine (seconds per page): it belongs to the slow run."""
