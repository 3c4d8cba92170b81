from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from .support import FORM_IDS, run


@pytest.fixture(scope="session")
def generated(tmp_path_factory) -> dict[str, Path]:
    """Each form's sample generated to .docx by `compliance new`."""
    folder = tmp_path_factory.mktemp("generated")
    paths = {}
    for form in FORM_IDS:
        target = folder / f"{form}.docx"
        assert run("new", form, "--sample", "-o", target).exit_code == 0
        paths[form] = target
    return paths


@pytest.fixture(scope="session")
def libreoffice_copies(generated, tmp_path_factory) -> dict[str, dict[str, Path]]:
    """The generated forms re-saved as .docx and exported as .pdf by real LibreOffice."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    out = tmp_path_factory.mktemp("libreoffice")
    profile = tmp_path_factory.mktemp("lo-profile")
    sources = [str(p) for p in generated.values()]
    for target in ("docx:MS Word 2007 XML", "pdf"):
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", target, "--outdir", str(out), *sources],
                       check=True, capture_output=True, timeout=300)
    return {form: {"docx": out / f"{form}.docx", "pdf": out / f"{form}.pdf"} for form in generated}
