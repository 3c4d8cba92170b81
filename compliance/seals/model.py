"""What the seal checks report: a Stamp found on a page, and what else a stamped page holds."""
from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("image", "annotation", "scan")


@dataclass(frozen=True)
class Stamp:
    """One seal on one page.

    page: 1-based. bbox: (x0, y0, x1, y1) in PDF points in the page's default user space (the
    coordinates of its /MediaBox: origin bottom-left, y up, page /Rotate not applied). For a .docx
    read without rendering, the same convention on the section's page size, estimated from the
    picture's anchor (exact=False). kind: "image" (a picture object), "annotation" (a PDF /Stamp
    annotation) or "scan" (a seal impression found inside a scanned page image). confidence: 0..1,
    how seal-like the pixels are (1.0 for annotations).
    """

    page: int
    bbox: tuple[float, float, float, float]
    kind: str
    confidence: float = 1.0
    exact: bool = True
    # In a workbook (.xlsx), which has no pages: page is the sheet's number, and here are its name
    # and the cell the picture is anchored at; bbox is in points from A1's top-left corner, y down.
    sheet: str | None = None
    cell: str | None = None

    def as_dict(self) -> dict:
        return {"page": self.page, "bbox": [round(v, 1) for v in self.bbox], "kind": self.kind,
                "confidence": round(self.confidence, 3), "exact": self.exact,
                **({"sheet": self.sheet, "cell": self.cell} if self.sheet is not None else {})}


@dataclass
class PageReport:
    """A page's seals and, for a stamped page, whether anything else is on it.

    blank is None when it was not evaluated (no seal on the page). content lists what makes the
    page not blank: "text", "image", "ink" (scanned marks), "annotation", "unknown" (could not read).
    """

    page: int
    stamps: list[Stamp] = field(default_factory=list)
    blank: bool | None = None
    content: tuple[str, ...] = ()
