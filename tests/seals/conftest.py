"""Shared fixtures for the seal tests: the generated, labelled seal set (built once per session)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass(frozen=True)
class SealSet:
    root: Path
    pages: list  # LabelledPage
    acceptance: dict[str, Path]


def _soffice_available() -> bool:
    try:
        from compliance.libreoffice import find_soffice

        find_soffice()
        return True
    except Exception:
        return False


@pytest.fixture(scope="session")
def soffice() -> None:
    if not _soffice_available():
        pytest.skip("LibreOffice (soffice) is not installed")


@pytest.fixture(scope="session")
def seal_set(tmp_path_factory, soffice) -> SealSet:
    """Every generated page with its label. Building takes most of this suite's time (one
    LibreOffice run for all documents, then pdfium renders for the scans)."""
    from .make_seal_set import build_seal_set

    root = tmp_path_factory.mktemp("seal-set")
    pages, acceptance = build_seal_set(root)
    return SealSet(root, pages, acceptance)


@pytest.fixture(autouse=True)
def _quiet_pypdf():
    # Damaged corpus files make pypdf log a warning per repair; the tests judge results, not logs.
    import logging

    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


_MEASURES: list[str] = []


def record_measure(line: str) -> None:
    """A line for the end-of-run summary (the measured precision/recall table)."""
    _MEASURES.append(line)


def pytest_terminal_summary(terminalreporter) -> None:
    if _MEASURES:
        terminalreporter.section("seal set: measured precision / recall")
        for line in _MEASURES:
            terminalreporter.write_line(line)
