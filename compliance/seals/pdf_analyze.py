"""Seals on PDF pages (pictures, /Stamp annotations, impressions inside scans) and blank pages.

Cheap tests come first: a page whose resources hold no image is not parsed for pictures; a picture
drawn too small, or without colour, is never decoded. Pictures that may be seals are decoded at a
fixed physical resolution (pixels per millimetre on the page), so every threshold is in millimetres.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..pages.pdf_images import decode_rgb, image_size
from ..pages.pdf_walk import PageWalk, Placement, colour_candidate, has_candidate_images, unit_box, walk_appearance, walk_page
from .blank import TextLine, content_lines, in_margin_band
from .ink import dark_mask, ink_marks, red_mask, to_array
from .model import PageReport, Stamp
from .pdf_text import Box, box_top_bottom, page_geometry, page_lines
from .seal_shape import SealRegion, find_seals

PT_PER_MM = 72 / 25.4
SCAN_AREA_FRACTION = 0.5  # a picture covering half the page or more is a scanned page
MIN_PX_MM, MAX_PX_MM = 4.0, 6.0  # analysis resolution, ~100 to ~150 dpi on the page
CONTENT_PX_MM = 3.0
MAX_SIDE_PX = 2600
MIN_SEAL_LONG_MM, MIN_SEAL_SHORT_MM = 12.0, 7.0  # drawn smaller than this: not a seal, never decoded
MIN_CONTENT_MM = 3.0  # pictures smaller than this (bullets, rules, spacers) are not content
SEAL_MARGIN_MM = 2.0
MIN_INK_MM2 = 5.0  # two printed characters hold ~9 mm²; scanner dust stays far below
LOGO_MAX_MM = 25.0  # a red emblem this small inside the header/footer band is a letterhead logo
NEIGHBOUR_PAGES = 4  # pages on each side compared to recognise running headers and footers
MAX_ANNOTATIONS = 2000
MAX_DECODES_PER_PAGE = 40  # a page drawing hundreds of pictures is a catalogue, not a stamped form
# Annotations whose appearance may show a seal picture: signature and form fields, free text boxes,
# squares. (/Stamp annotations are seals by themselves; links and popups draw nothing of the kind.)
_APPEARANCE_SUBTYPES = {"/Widget", "/FreeText", "/Square", "/Circle", "/Polygon", "/Caret"}


@dataclass
class _Picture:
    placement: Placement
    kind: str  # "scan", "image" or "annotation" (drawn by an annotation's appearance)
    size: tuple[int, int]  # decoded size in pixels
    px_mm: float
    seal_boxes: list[tuple[int, int, int, int]] = field(default_factory=list)
    ink: np.ndarray | None = None  # dark | red, kept only for a stamped page's blank check
    skipped: bool = False  # not looked at: the page's decoding budget was spent


def _get(obj: Any, key: str) -> Any:
    try:
        value = obj.get(key)
        return value.get_object() if value is not None and hasattr(value, "get_object") else value
    except Exception:
        return None


def _to_page(placement: Placement, size: tuple[int, int], box: tuple[int, int, int, int]) -> Box:
    """A pixel box of the decoded picture (rows from the top) as a user-space box on the page."""
    tw, th = size
    x0, y0, x1, y1 = box
    return unit_box(placement.ctm, x0 / tw, 1 - y1 / th, x1 / tw, 1 - y0 / th)


class PdfAnalysis:
    def __init__(self, reader: Any) -> None:
        self.reader = reader
        self.count = len(reader.pages)
        self._lines: dict[int, list[TextLine] | None] = {}
        self._regions: dict[tuple[int, tuple[int, int]], list[SealRegion]] = {}  # per image object and size
        self._decodes = 0  # pictures decoded on the current page

    def report(self, index: int, want_blank: bool) -> PageReport:
        report = PageReport(index + 1)
        try:
            page = self.reader.pages[index]
        except Exception:
            return report
        geometry = page_geometry(page)
        self._decodes = 0
        stamps, annotation_content, drawn = self._annotations(page, index + 1)
        walk: PageWalk | None = None
        pictures: list[_Picture] = []
        if has_candidate_images(page, self.reader):
            walk = walk_page(page, self.reader)
            drawn = [(placement, None) for placement in walk.placements] + drawn
        for placement, kind in drawn:
            picture = self._picture(placement, geometry, index + 1, stamps, keep=want_blank, kind=kind)
            if picture is not None:
                pictures.append(picture)
        report.stamps = stamps
        if want_blank and stamps:
            if walk is None:
                walk = walk_page(page, self.reader)
            report.content = self._content(index, geometry, walk, pictures, annotation_content)
            report.blank = not report.content
        return report

    # -- seals ---------------------------------------------------------------------------------

    def _annotations(self, page: Any, number: int) -> tuple[list[Stamp], bool, list[tuple[Placement, str | None]]]:
        """/Stamp annotations; whether other annotations add content; and the pictures drawn by
        other annotations' appearances (e-signature fields often show the seal that way)."""
        stamps: list[Stamp] = []
        content = False
        drawn: list[tuple[Placement, str | None]] = []
        annots = _get(page, "/Annots")
        if not isinstance(annots, list):
            return stamps, content, drawn
        for ref in annots[:MAX_ANNOTATIONS]:
            try:
                annot = ref.get_object()
                subtype = str(_get(annot, "/Subtype"))
                flags = int(_get(annot, "/F") or 0)
                if flags & (2 | 32):  # Hidden or NoView: not on the printed or viewed page
                    continue
                if subtype == "/Stamp":
                    x0, y0, x1, y1 = (float(v) for v in _get(annot, "/Rect"))
                    bbox = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
                    if bbox[2] - bbox[0] > 0 and bbox[3] - bbox[1] > 0:
                        stamps.append(Stamp(number, bbox, "annotation"))
                    continue
                if subtype == "/Ink" or (subtype == "/FreeText" and str(_get(annot, "/Contents") or "").strip()):
                    content = True  # handwriting or typed text added as an annotation
                if subtype in _APPEARANCE_SUBTYPES and len(drawn) < MAX_DECODES_PER_PAGE:
                    shown = walk_appearance(annot, self.reader)
                    drawn.extend((placement, "annotation") for placement in shown.placements)
                    if shown.visible_text_ops:
                        content = True  # a filled-in form field shows its value through its appearance
            except Exception:
                continue
        return stamps, content, drawn

    def _picture(self, placement: Placement, geometry: tuple[Box, int], number: int,
                 stamps: list[Stamp], keep: bool, kind: str | None = None) -> _Picture | None:
        w_pt, h_pt = placement.size_pt
        w_mm, h_mm = w_pt / PT_PER_MM, h_pt / PT_PER_MM
        if max(w_mm, h_mm) < MIN_CONTENT_MM or placement.area_pt2 <= 0:
            return None
        box, _rotate = geometry
        page_area = (box[2] - box[0]) * (box[3] - box[1])
        kind = kind or ("scan" if placement.area_pt2 >= SCAN_AREA_FRACTION * page_area else "image")
        try:
            pixels_w, pixels_h = image_size(placement.stream)
        except Exception:
            pixels_w = pixels_h = 0
        # Analyse at the picture's own density, within bounds: upsampling a 100 dpi scan adds
        # nothing, and beyond ~150 dpi a seal's strokes are already resolved.
        source_px_mm = max(pixels_w / max(w_mm, 1e-6), pixels_h / max(h_mm, 1e-6))
        px_mm = min(MAX_PX_MM, max(MIN_PX_MM, source_px_mm), MAX_SIDE_PX / max(w_mm, h_mm))
        size = (max(1, round(w_mm * px_mm)), max(1, round(h_mm * px_mm)))
        picture = _Picture(placement, kind, size, px_mm)
        if pixels_w <= 0 or pixels_h <= 0:
            return picture
        could_be_seal = (max(w_mm, h_mm) >= MIN_SEAL_LONG_MM and min(w_mm, h_mm) >= MIN_SEAL_SHORT_MM
                         and min(pixels_w, pixels_h) >= 16 and colour_candidate(placement))
        if not could_be_seal:
            return picture
        cache_key = (placement.key, size) if placement.key is not None else None
        regions = self._regions.get(cache_key) if cache_key is not None else None
        if regions is None or keep:
            if self._decodes >= MAX_DECODES_PER_PAGE:
                picture.skipped = True
                return picture
            arrays = self._decode(picture)
            if arrays is None:
                if cache_key is not None:
                    self._regions[cache_key] = []
                return picture
            rgb, red, dark = arrays
            regions = find_seals(rgb, px_mm, red=red, dark=dark)
            if cache_key is not None:
                self._regions[cache_key] = regions
            if keep:
                picture.ink = dark | red
        for region in regions:
            bbox = _to_page(placement, size, region.box)
            top, bottom = box_top_bottom(bbox, *geometry)
            if in_margin_band(top, bottom) and max(region.width_mm, region.height_mm) < LOGO_MAX_MM:
                continue  # a letterhead emblem, not a seal
            margin = int(round(SEAL_MARGIN_MM * px_mm))
            x0, y0, x1, y1 = region.box
            picture.seal_boxes.append((x0 - margin, y0 - margin, x1 + margin, y1 + margin))
            stamps.append(Stamp(number, bbox, picture.kind, region.confidence))
        return picture

    def _decode(self, picture: _Picture) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        self._decodes += 1
        img = decode_rgb(picture.placement.stream, picture.size, picture.placement.resources)
        if img is None:
            return None
        rgb = to_array(img)
        red = red_mask(rgb)
        return rgb, red, dark_mask(rgb)

    # -- blank pages ---------------------------------------------------------------------------

    def _lines_of(self, index: int) -> list[TextLine] | None:
        if index not in self._lines:
            try:
                self._lines[index] = page_lines(self.reader.pages[index])
            except Exception:
                self._lines[index] = None
        return self._lines[index]

    def _content(self, index: int, geometry: tuple[Box, int], walk: PageWalk,
                 pictures: list[_Picture], annotation_content: bool) -> tuple[str, ...]:
        content: list[str] = []
        if annotation_content:
            content.append("annotation")
        if walk.truncated:
            content.append("unknown")
        if walk.visible_text_ops > 0:
            lines = self._lines_of(index)
            if lines is None:
                content.append("text")  # text is painted but cannot be read: assume it matters
            else:
                lo, hi = max(0, index - NEIGHBOUR_PAGES), min(self.count, index + NEIGHBOUR_PAGES + 1)
                others = [self._lines_of(j) for j in range(lo, hi) if j != index]
                if content_lines(lines, [o for o in others if o is not None]):
                    content.append("text")
        for picture in pictures:
            what = self._picture_content(picture, geometry)
            if what and what not in content:
                content.append(what)
        return tuple(content)

    def _picture_content(self, picture: _Picture, geometry: tuple[Box, int]) -> str | None:
        """"ink"/"image" if the picture shows marks besides its seals, "unknown" if unreadable."""
        placement = picture.placement
        top, bottom = box_top_bottom(placement.bbox, *geometry)
        if not picture.seal_boxes and picture.kind != "scan" and in_margin_band(top, bottom):
            return None  # a logo or rule in the running header/footer
        ink = picture.ink
        size, px_mm = picture.size, picture.px_mm
        if picture.skipped:
            return "unknown"
        if ink is None:
            w_mm, h_mm = size[0] / px_mm, size[1] / px_mm
            px_mm = min(CONTENT_PX_MM, px_mm)
            size = (max(1, round(w_mm * px_mm)), max(1, round(h_mm * px_mm)))
            if self._decodes >= MAX_DECODES_PER_PAGE:
                return "unknown"
            self._decodes += 1
            img = decode_rgb(placement.stream, size, placement.resources)
            if img is None:
                return "unknown"
            rgb = to_array(img)
            ink = dark_mask(rgb) | red_mask(rgb)
        total = 0.0
        for box, area in ink_marks(ink, px_mm, picture.seal_boxes, drop_edges=picture.kind == "scan"):
            mark_top, mark_bottom = box_top_bottom(_to_page(placement, size, box), *geometry)
            if in_margin_band(mark_top, mark_bottom):
                continue  # a scanned page number or running header
            total += area
        if total >= MIN_INK_MM2:
            return "ink" if picture.kind == "scan" else "image"
        return None


def analyze_reader(reader: Any, *, want_blank: bool) -> list[PageReport]:
    analysis = PdfAnalysis(reader)
    return [analysis.report(index, want_blank) for index in range(analysis.count)]
