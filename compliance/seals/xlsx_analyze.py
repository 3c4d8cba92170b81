"""Seals in an .xlsx: pictures placed on a sheet, judged by their pixels as in a .docx.

A workbook has no pages: each sheet is reported as one (its number, from 1), and a seal says its
sheet and the cell its picture is anchored at. Its box is in points from the top-left corner of
cell A1 (x right, y down), estimated from the column widths and row heights (exact=False).

The package passes the same zip checks as a .docx, and every part is parsed as untrusted XML.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..safety.docx_package import DEFAULT_LIMITS, DocxPackage
from .docx_analyze import MAX_PICTURES, MIN_CONTENT_MM, PT_PER_MM, _look  # one judge of pictures for both
from .model import PageReport, Stamp

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
EMU_PER_PT = 12700
DEFAULT_WIDTH_CHARS = 8.43  # Excel's default column, 64 pixels
DEFAULT_HEIGHT_PT = 15.0
MAX_SHEETS = 50


@dataclass
class _Grid:
    """A sheet's column widths and row heights in points, where they differ from the default."""

    column_pt: float = (DEFAULT_WIDTH_CHARS * 7 + 5) * 0.75
    row_pt: float = DEFAULT_HEIGHT_PT
    columns: dict[int, float] = field(default_factory=dict)  # 0-based column → width
    rows: dict[int, float] = field(default_factory=dict)  # 0-based row → height

    def x(self, column: int) -> float:
        return column * self.column_pt + sum(width - self.column_pt for c, width in self.columns.items() if c < column)

    def y(self, row: int) -> float:
        return row * self.row_pt + sum(height - self.row_pt for r, height in self.rows.items() if r < row)


def _number(text: Any, default: float = 0.0) -> float:
    try:
        return float(text)
    except (TypeError, ValueError):
        return default


def _width_pt(chars: float) -> float:
    return (chars * 7 + 5) * 0.75  # characters of the default font's digit (7 px) plus padding, at 96 dpi


def _grid(sheet: Any) -> _Grid:
    grid = _Grid()
    defaults = sheet.find(f"{{{MAIN}}}sheetFormatPr")
    if defaults is not None:
        if defaults.get("defaultColWidth"):
            grid.column_pt = _width_pt(_number(defaults.get("defaultColWidth"), DEFAULT_WIDTH_CHARS))
        grid.row_pt = _number(defaults.get("defaultRowHeight"), DEFAULT_HEIGHT_PT)
    for column in sheet.iterfind(f"{{{MAIN}}}cols/{{{MAIN}}}col"):
        first, last = int(_number(column.get("min"), 1)), int(_number(column.get("max"), 1))
        width = 0.0 if column.get("hidden") in ("1", "true") else _width_pt(_number(column.get("width"), DEFAULT_WIDTH_CHARS))
        for index in range(max(first, 1) - 1, min(last, 16384)):
            grid.columns[index] = width
    for row in sheet.iterfind(f"{{{MAIN}}}sheetData/{{{MAIN}}}row"):
        if row.get("ht") is not None or row.get("hidden") in ("1", "true"):
            height = 0.0 if row.get("hidden") in ("1", "true") else _number(row.get("ht"), grid.row_pt)
            grid.rows[int(_number(row.get("r"), 1)) - 1] = height
    return grid


def _targets(package: DocxPackage, part: str) -> dict[str, str]:
    """Relationship id → part name, for the internal targets of `part`."""
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    if not package.has(rels_name):
        return {}
    targets = {}
    for rel in package.xml(rels_name).iter(f"{{{PKG_REL}}}Relationship"):
        target, rel_id = rel.get("Target") or "", rel.get("Id") or ""
        if rel.get("TargetMode") == "External" or not target or not rel_id:
            continue
        targets[rel_id] = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
    return targets


def _cell(column: int, row: int) -> str:
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row + 1}"


@dataclass(frozen=True)
class _Placed:
    """A picture on a sheet: its part, its box in points from A1's top-left, and its anchor cell."""

    image: str
    box: tuple[float, float, float, float]
    cell: str


def _marker(anchor: Any, name: str) -> tuple[int, float, int, float] | None:
    marker = anchor.find(f"{{{XDR}}}{name}")
    if marker is None:
        return None
    values = [marker.findtext(f"{{{XDR}}}{key}") for key in ("col", "colOff", "row", "rowOff")]
    return (min(int(_number(values[0])), 16383), _number(values[1]) / EMU_PER_PT,
            min(int(_number(values[2])), 1_048_575), _number(values[3]) / EMU_PER_PT)


def _extent(element: Any) -> tuple[float, float] | None:
    if element is None or element.get("cx") is None:
        return None
    return _number(element.get("cx")) / EMU_PER_PT, _number(element.get("cy")) / EMU_PER_PT


def _placed(anchor: Any, grid: _Grid, images: dict[str, str]) -> list[_Placed]:
    start = _marker(anchor, "from")
    if start is not None:
        column, column_off, row, row_off = start
        x, y, cell = grid.x(column) + column_off, grid.y(row) + row_off, _cell(column, row)
    else:  # absoluteAnchor: a position in EMU
        position = anchor.find(f"{{{XDR}}}pos")
        x = _number(position.get("x")) / EMU_PER_PT if position is not None else 0.0
        y = _number(position.get("y")) / EMU_PER_PT if position is not None else 0.0
        cell = "A1"
    end = _marker(anchor, "to")
    anchored = _extent(anchor.find(f"{{{XDR}}}ext"))
    if anchored is None and end is not None:
        anchored = (grid.x(end[0]) + end[1] - x, grid.y(end[2]) + end[3] - y)
    placed = []
    for picture in anchor.iter(f"{{{XDR}}}pic"):
        blip = picture.find(f".//{{{A}}}blip")
        image = images.get(blip.get(f"{{{R}}}embed") or "") if blip is not None else None
        size = _extent(picture.find(f"{{{XDR}}}spPr/{{{A}}}xfrm/{{{A}}}ext")) or anchored
        if image and size is not None and size[0] > 0 and size[1] > 0:
            placed.append(_Placed(image, (x, y, x + size[0], y + size[1]), cell))
    return placed


def _sheets(package: DocxPackage) -> list[tuple[str, str]]:
    """(name, part) of each sheet, in the workbook's order."""
    workbook = package.xml("xl/workbook.xml")
    targets = _targets(package, "xl/workbook.xml")
    found = []
    for sheet in list(workbook.iterfind(f"{{{MAIN}}}sheets/{{{MAIN}}}sheet"))[:MAX_SHEETS]:
        part = targets.get(sheet.get(f"{{{R}}}id") or "")
        if part:
            found.append((sheet.get("name") or "", part))
    return found


def analyze_xlsx(path: Path) -> list[PageReport]:
    """One PageReport per sheet, with the seals pictured on it (blank is never judged: a sheet is
    no sheet of paper)."""
    with DocxPackage(path, DEFAULT_LIMITS, main_part="xl/workbook.xml") as package:
        reports = []
        looked: dict[tuple[str, float, float], Any] = {}
        for number, (name, part) in enumerate(_sheets(package), start=1):
            report = PageReport(number)
            reports.append(report)
            if not package.has(part):
                continue
            sheet = package.xml(part)
            targets = _targets(package, part)
            drawings = [targets.get(d.get(f"{{{R}}}id") or "", "") for d in sheet.iterfind(f"{{{MAIN}}}drawing")]
            drawings = [d for d in drawings if d and package.has(d)]
            if not drawings:
                continue
            grid = _grid(sheet)
            for drawing in drawings:
                images = _targets(package, drawing)
                for anchor in package.xml(drawing):
                    for placed in _placed(anchor, grid, images):
                        report.stamps.extend(_stamps(package, placed, number, name, looked))
        return reports


def _stamps(package: DocxPackage, placed: _Placed, number: int, sheet: str, looked: dict) -> list[Stamp]:
    x0, y0, x1, y1 = placed.box
    width_mm, height_mm = (x1 - x0) / PT_PER_MM, (y1 - y0) / PT_PER_MM
    if max(width_mm, height_mm) < MIN_CONTENT_MM:
        return []
    key = (placed.image, round(width_mm, 1), round(height_mm, 1))
    if key not in looked:
        readable = package.has(placed.image) and len(looked) < MAX_PICTURES
        looked[key] = _look(package.read(placed.image), width_mm, height_mm, want_blank=False) if readable else None
    look = looked[key]
    if look is None:
        return []
    scale = PT_PER_MM / look.px_mm
    return [Stamp(number, (x0 + r.box[0] * scale, y0 + r.box[1] * scale, x0 + r.box[2] * scale, y0 + r.box[3] * scale),
                  "image", r.confidence, exact=False, sheet=sheet, cell=placed.cell) for r in look.regions]
