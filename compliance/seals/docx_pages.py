"""Split a .docx body into pages at explicit breaks, with each page's text and pictures.

Word lays pages out itself; without rendering we only know the breaks the author put in: page
breaks (w:br w:type="page"), w:pageBreakBefore, and section breaks (w:sectPr inside a paragraph's
w:pPr) that start a new page. Text flowing over onto a next page is not seen here: use
render=True (LibreOffice) for exact pages.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..pages.docx_sections import break_after_starts_page, sections
from ..pages.docx_visibility import NO_STYLES, StyleLooks, run_is_hidden

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
V = "urn:schemas-microsoft-com:vml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"

EMU_PER_PT = 12700
TWIPS_PER_PT = 20
_FALSE = {"0", "false", "off"}


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


@dataclass(frozen=True)
class PageGeometry:
    """A section's page: width and height in points, and the top-left corner of its text area."""

    width: float = 595.3
    height: float = 841.9
    left: float = 72.0
    top: float = 72.0
    right: float = 72.0


@dataclass
class DocxPicture:
    rel_id: str
    width_pt: float
    height_pt: float
    x_pt: float  # left edge from the page's left edge (estimated unless positioned on the page)
    y_pt: float  # top edge from the page's top edge
    exact: bool  # positioned relative to the page itself


@dataclass
class DocxPage:
    number: int
    geometry: PageGeometry
    text: list[str] = field(default_factory=list)
    pictures: list[DocxPicture] = field(default_factory=list)


def _on(element: Any) -> bool:
    if element is None:
        return False
    return element.get(_w("val"), "true").lower() not in _FALSE


def _twips(element: Any, attribute: str, default: float) -> float:
    try:
        return float(element.get(_w(attribute))) / TWIPS_PER_PT
    except (TypeError, ValueError, AttributeError):
        return default


def _geometry(sect_pr: Any) -> PageGeometry:
    if sect_pr is None:
        return PageGeometry()
    size, margin = sect_pr.find(_w("pgSz")), sect_pr.find(_w("pgMar"))
    base = PageGeometry()
    return PageGeometry(
        width=_twips(size, "w", base.width) if size is not None else base.width,
        height=_twips(size, "h", base.height) if size is not None else base.height,
        left=_twips(margin, "left", base.left) if margin is not None else base.left,
        top=_twips(margin, "top", base.top) if margin is not None else base.top,
        right=_twips(margin, "right", base.right) if margin is not None else base.right,
    )


def _offset(position: Any) -> tuple[str, float | None]:
    if position is None:
        return "", None
    origin = position.get("relativeFrom", "")
    value = position.find(f"{{{WP}}}posOffset")
    try:
        return origin, float(value.text) / EMU_PER_PT if value is not None else None
    except (TypeError, ValueError):
        return origin, None


class _Splitter:
    def __init__(self, body: Any, styles: StyleLooks) -> None:
        self.styles = styles
        self.sections = sections(body)
        self.section = 0
        self.pages = [DocxPage(1, _geometry(self.sections[0]))]
        self.fresh = True  # nothing laid out on the current page yet
        self.align = "left"  # the current paragraph's alignment, to place inline pictures

    @property
    def page(self) -> DocxPage:
        return self.pages[-1]

    def new_page(self) -> None:
        geometry = _geometry(self.sections[min(self.section, len(self.sections) - 1)])
        self.pages.append(DocxPage(len(self.pages) + 1, geometry))
        self.fresh = True

    def visit(self, element: Any) -> None:
        tag = element.tag
        if not isinstance(tag, str):
            return  # comments, processing instructions
        if tag == f"{{{MC}}}AlternateContent":
            # Word writes the same object twice (modern choice, legacy fallback): use one.
            choice = element.find(f"{{{MC}}}Choice")
            chosen = choice if choice is not None else element.find(f"{{{MC}}}Fallback")
            for child in chosen if chosen is not None else ():
                self.visit(child)
            return
        if tag == _w("p"):
            self._paragraph(element)
        elif tag == _w("r") and run_is_hidden(element, self.styles):
            return  # text nobody can see on paper is not content beside a seal
        elif tag == _w("br"):
            if element.get(_w("type")) == "page":
                self.new_page()
        elif tag == _w("t"):
            if element.text:
                self.page.text.append(element.text)
                self.fresh = False
        elif tag == _w("drawing"):
            self._drawing(element)
        elif tag == _w("pict"):
            self._vml(element)
        elif tag in (_w("delText"), _w("instrText"), _w("sectPr"), _w("rPr")):
            return
        else:
            for child in element:
                self.visit(child)

    def _paragraph(self, paragraph: Any) -> None:
        p_pr = paragraph.find(_w("pPr"))
        if p_pr is not None and _on(p_pr.find(_w("pageBreakBefore"))) and not self.fresh:
            self.new_page()
        jc = p_pr.find(_w("jc")) if p_pr is not None else None
        self.align = jc.get(_w("val"), "left") if jc is not None else "left"
        for child in paragraph:
            if child is not p_pr:
                self.visit(child)
        self.fresh = False
        sect_pr = p_pr.find(_w("sectPr")) if p_pr is not None else None
        if sect_pr is not None:
            if break_after_starts_page(self.sections, self.section):
                self.new_page()
            self.section += 1

    def _box_text(self, element: Any) -> None:
        """Text in text boxes belongs to the page, but their paragraphs never break pages."""
        for t in element.iter(_w("t")):
            if t.text:
                self.page.text.append(t.text)
                self.fresh = False

    def _drawing(self, drawing: Any) -> None:
        self._box_text(drawing)
        for frame in drawing:
            anchored = frame.tag == f"{{{WP}}}anchor"
            if frame.tag not in (f"{{{WP}}}inline", f"{{{WP}}}anchor"):
                continue
            doc_pr = frame.find(f"{{{WP}}}docPr")
            if doc_pr is not None and doc_pr.get("hidden", "0").lower() in ("1", "true"):
                continue
            extent = frame.find(f"{{{WP}}}extent")
            blip = frame.find(f".//{{{A}}}blip")
            if extent is None or blip is None or not blip.get(f"{{{R}}}embed"):
                continue
            try:
                width, height = float(extent.get("cx")) / EMU_PER_PT, float(extent.get("cy")) / EMU_PER_PT
            except (TypeError, ValueError):
                continue
            geometry = self.page.geometry
            x, y, exact = geometry.left, geometry.top, False
            room = geometry.width - geometry.left - geometry.right - width
            if self.align == "center":
                x += max(0.0, room / 2)
            elif self.align in ("right", "end"):
                x += max(0.0, room)
            if anchored:
                h_from, h_off = _offset(frame.find(f"{{{WP}}}positionH"))
                v_from, v_off = _offset(frame.find(f"{{{WP}}}positionV"))
                if h_off is not None:
                    x = h_off if h_from == "page" else geometry.left + h_off
                if v_off is not None:
                    y = v_off if v_from == "page" else geometry.top + max(0.0, v_off)
                exact = h_from == "page" and v_from == "page"
            self.page.pictures.append(DocxPicture(blip.get(f"{{{R}}}embed"), width, height, x, y, exact))
            self.fresh = False

    def _vml(self, pict: Any) -> None:
        self._box_text(pict)
        for shape in pict.iter(f"{{{V}}}shape"):
            data = shape.find(f"{{{V}}}imagedata")
            rel = data.get(f"{{{R}}}id") if data is not None else None
            if not rel:
                continue
            style = dict(
                part.split(":", 1) for part in (shape.get("style") or "").split(";") if ":" in part
            )
            width, height = _css_pt(style.get("width")), _css_pt(style.get("height"))
            if width and height:
                g = self.page.geometry
                self.page.pictures.append(DocxPicture(rel, width, height, g.left, g.top, False))
                self.fresh = False


def _css_pt(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    units = {"pt": 1.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "px": 0.75}
    for unit, factor in units.items():
        if value.endswith(unit):
            try:
                return float(value[: -len(unit)]) * factor
            except ValueError:
                return None
    return None


def split_pages(document: Any, styles: StyleLooks = NO_STYLES) -> list[DocxPage]:
    """Pages of word/document.xml's body (an lxml root), split at explicit breaks only."""
    body = document.find(_w("body"))
    if body is None:
        return [DocxPage(1, PageGeometry())]
    splitter = _Splitter(body, styles)
    for child in body:
        splitter.visit(child)
    return splitter.pages


def image_targets(rels: Any) -> dict[str, str]:
    """Relationship id → part name inside the package, for internal targets only."""
    targets: dict[str, str] = {}
    if rels is None:
        return targets
    for rel in rels.iter(f"{{{PKG_REL}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target, rel_id = rel.get("Target") or "", rel.get("Id") or ""
        if not target or not rel_id:
            continue
        if target.startswith("/"):
            name = target.lstrip("/")
        else:
            parts = ["word"]
            for piece in target.split("/"):
                if piece == "..":
                    if parts:
                        parts.pop()
                elif piece and piece != ".":
                    parts.append(piece)
            name = "/".join(parts)
        targets[rel_id] = name
    return targets
