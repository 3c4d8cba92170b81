"""Seals (印章) on submitted documents, and the rule against sealing a blank sheet.

Regulation 001 §七(四)3: 严禁在空白纸张或合同上加盖印章. `find_stamps` lists every seal
with its page, and `analyze` each page's seals and whether anything else is on it; the rule
itself, which reports such pages (`stamp-on-blank-page`), is asked by
`compliance.checking.seal_findings`. Both read .pdf and .docx (and `find_stamps` .xlsx); an unreadable file raises
`compliance.errors.UnreadableDocument`. Nothing here prints.

Positions: `Stamp.bbox` is (x0, y0, x1, y1) in PDF points in the page's default user space
(origin bottom-left, y up, /Rotate not applied). See docs/seals.md for how seals are recognised.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import UnreadableDocument
from .model import PageReport, Stamp

__all__ = [
    "PageReport",
    "Stamp",
    "analyze",
    "blank_stamped_pages",
    "find_stamps",
    "page_is_blank",
]


def _kind(path: Path) -> str:
    from ..safety.sniff import DATA, DOCX, XLSX, sniff

    kind = sniff(path)
    if kind == DATA:
        raise UnreadableDocument(f"{path.name}：不支持的文件类型（支持 .pdf、.docx、.xlsx 与扫描图像）",
                                 f"{path.name}: unsupported file type (.pdf, .docx, .xlsx and scanned images are read)")
    if kind == XLSX:
        return ".xlsx"
    return ".docx" if kind == DOCX else ".pdf"  # an image is read as the PDF of its pages


def analyze(path: Path, *, render: bool = False, password: str | None = None,
            want_blank: bool = True) -> list[PageReport]:
    """One PageReport per page: its seals and, for stamped pages when want_blank, its blankness.

    render applies to .docx only: lay the document out with LibreOffice for exact pages (slower,
    needs `soffice`); without it pages are split at explicit page and section breaks.
    password applies to encrypted PDFs (and to nothing else).
    """
    path = Path(path)
    kind = _kind(path)
    if kind == ".xlsx":  # pictures on sheets; a sheet is no page, so it is never judged blank
        from .xlsx_analyze import analyze_xlsx

        return analyze_xlsx(path)
    if kind == ".docx":
        from .docx_analyze import analyze_docx, analyze_docx_rendered

        if render:
            return analyze_docx_rendered(path, want_blank=want_blank)
        return analyze_docx(path, want_blank=want_blank)
    from ..pages.pdf_reader import guarded, open_pdf
    from .pdf_analyze import analyze_reader

    reader = open_pdf(path, password)
    return guarded(lambda: analyze_reader(reader, want_blank=want_blank), path)


def find_stamps(path: Path, *, render: bool = False, password: str | None = None) -> list[Stamp]:
    """Every seal in the document, in page order."""
    reports = analyze(path, render=render, password=password, want_blank=False)
    return [stamp for report in reports for stamp in report.stamps]


def page_is_blank(report: PageReport) -> bool:
    """True when a stamped page holds nothing besides seals and page furniture."""
    return bool(report.stamps) and bool(report.blank)


def blank_stamped_pages(path: Path, *, render: bool = False, password: str | None = None) -> list[int]:
    return [r.page for r in analyze(path, render=render, password=password) if page_is_blank(r)]
