"""Fixtures for the generation tests: the LibreOffice check shared by every PDF test."""
from __future__ import annotations

import os
import shutil

import pytest


@pytest.fixture(scope="session")
def soffice() -> str:
    """The LibreOffice executable the PDF tests rely on; the tests are skipped without it."""
    configured = os.environ.get("COMPLIANCE_SOFFICE")
    found = shutil.which(configured) if configured else (shutil.which("soffice") or shutil.which("libreoffice"))
    if not found:
        pytest.skip("LibreOffice (soffice) is not installed")
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return found
