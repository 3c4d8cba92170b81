"""Lay a .docx out into a PDF with LibreOffice headless (the project's helper), for exact pages."""
from __future__ import annotations

import shutil
from pathlib import Path

from ..errors import UnreadableDocument, UsageError


def lay_out_with_libreoffice(path: Path, workdir: Path) -> Path:
    """One .docx → PDF in workdir.

    The file is copied under a plain name first, so that odd characters or a leading dash in the
    user's file name never reach LibreOffice's command line.
    """
    from ..libreoffice import convert

    path = Path(path)
    source = workdir / "document.docx"
    shutil.copyfile(path, source)
    outdir = workdir / "out"
    outdir.mkdir()
    try:
        (pdf,) = convert([source], "pdf", outdir)
    except UsageError as error:  # timeout, or LibreOffice produced nothing: this file's problem
        raise UnreadableDocument(f"{path.name}：LibreOffice 无法排版此文档（{error.message_zh}）",
                                 f"{path.name}: LibreOffice could not lay out this document ({error.message_en})") from error
    return pdf
