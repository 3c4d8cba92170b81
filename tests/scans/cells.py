"""Find the cells of a printed form in its PDF: where a hand would sign, date, or fill in.

Works from what the PDF itself shows, never from the `compliance` package, so a test built on it
does not assume the code it tests: the text positions come from pdfium's text page, the cell
edges from the table rules LibreOffice strokes into the content stream (`x y m x y l S`). A cell
is the rectangle bounded by the nearest rules around a point. Boxes are (x0, y0, x1, y1) in PDF
points with the origin at the bottom left, measured on the rules' centre lines.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pypdf import PdfReader

Box = tuple[float, float, float, float]
Matrix = tuple[float, ...]  # a PDF transformation [a b c d e f]

SIGNER_HEADERS = ("审批人", "審批人", "姓名")  # approvals tables first; 姓名 heads a signatures table
DATE_HEADER = "日期"
RULE_TOLERANCE = 1.5  # points: LibreOffice's rules overshoot or stop short of each other by half a width
THIN = 2.0  # a filled rectangle thinner than this is a rule, not a shaded cell


@dataclass(frozen=True)
class Rule:
    """A straight table line: horizontal at `at` from `start` to `end` along x, or vertical along y."""

    horizontal: bool
    at: float
    start: float
    end: float

    def crosses(self, along: float) -> bool:
        return self.start - RULE_TOLERANCE <= along <= self.end + RULE_TOLERANCE


@dataclass(frozen=True)
class PageLayout:
    chars: list[tuple[str, Box]]  # printed characters, whitespace left out, in pdfium's reading order
    rules: list[Rule]

    def find(self, text: str) -> list[Box]:
        """Every place `text` is printed, as the union of its characters' boxes."""
        wanted = "".join(text.split())
        printed = "".join(char for char, _ in self.chars)
        found, start = [], printed.find(wanted)
        while start >= 0 and wanted:
            boxes = [box for _, box in self.chars[start:start + len(wanted)]]
            found.append((min(b[0] for b in boxes), min(b[1] for b in boxes),
                          max(b[2] for b in boxes), max(b[3] for b in boxes)))
            start = printed.find(wanted, start + 1)
        return found

    def text_in(self, box: Box) -> str:
        x0, y0, x1, y1 = box
        return "".join(char for char, (a, b, c, d) in self.chars
                       if x0 < (a + c) / 2 < x1 and y0 < (b + d) / 2 < y1)

    def cell_at(self, x: float, y: float) -> Box | None:
        """The cell around point (x, y): the nearest rule on each side that passes it, if all four do."""
        left = [r.at for r in self.rules if not r.horizontal and r.at < x and r.crosses(y)]
        right = [r.at for r in self.rules if not r.horizontal and r.at > x and r.crosses(y)]
        below = [r.at for r in self.rules if r.horizontal and r.at < y and r.crosses(x)]
        above = [r.at for r in self.rules if r.horizontal and r.at > y and r.crosses(x)]
        if not (left and right and below and above):
            return None
        return (max(left), max(below), min(right), min(above))


def page_layout(pdf_path: Path | str, page_index: int = 0) -> PageLayout:
    return PageLayout(chars=_printed_chars(Path(pdf_path), page_index), rules=_rules(Path(pdf_path), page_index))


def _printed_chars(pdf_path: Path, page_index: int) -> list[tuple[str, Box]]:
    document = pdfium.PdfDocument(str(pdf_path))
    try:
        text_page = document[page_index].get_textpage()
        chars = []
        for index in range(text_page.count_chars()):
            # Read each character by its own index so text and boxes cannot drift apart, as they
            # can with get_text_range when pdfium inserts or drops characters.
            char = chr(pdfium_c.FPDFText_GetUnicode(text_page.raw, index))
            if char.strip():
                chars.append((char, tuple(text_page.get_charbox(index))))
        return chars
    finally:
        document.close()


def _rules(pdf_path: Path, page_index: int) -> list[Rule]:
    """Straight horizontal and vertical lines stroked on the page, touching pieces joined."""
    content = PdfReader(str(pdf_path)).pages[page_index].get_contents()
    if content is None:
        return []
    pieces: list[Rule] = []
    pending: list[tuple[tuple[float, float], tuple[float, float], bool]] = []  # (from, to, is a thin rectangle)
    matrix: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    saved: list[Matrix] = []
    current = (0.0, 0.0)
    for operands, operator in content.operations:
        op = operator.decode("latin-1") if isinstance(operator, bytes) else str(operator)
        numbers = [float(v) for v in operands] if op in ("cm", "m", "l", "re") else []
        if op == "q":
            saved.append(matrix)
        elif op == "Q" and saved:
            matrix = saved.pop()
        elif op == "cm":
            matrix = _concat(tuple(numbers), matrix)
        elif op == "m":
            current = _apply(matrix, numbers[0], numbers[1])
        elif op == "l":
            point = _apply(matrix, numbers[0], numbers[1])
            pending.append((current, point, False))
            current = point
        elif op == "re":
            x, y, w, h = numbers
            if min(abs(w), abs(h)) < THIN:  # a thin box is how Word-made PDFs draw a rule
                along_x = abs(w) >= abs(h)
                middle = (y + h / 2) if along_x else (x + w / 2)
                ends = ((x, middle), (x + w, middle)) if along_x else ((middle, y), (middle, y + h))
                pending.append((_apply(matrix, *ends[0]), _apply(matrix, *ends[1]), True))
        elif op in ("S", "s", "B", "B*", "b", "b*"):
            pieces += _straight(segment[:2] for segment in pending)
            pending = []
        elif op in ("f", "f*", "F"):
            pieces += _straight(segment[:2] for segment in pending if segment[2])
            pending = []
        elif op == "n":
            pending = []
    return _joined(pieces)


def _concat(m: Matrix, n: Matrix) -> Matrix:
    """m × n for PDF matrices [a b c d e f]: apply m first, then n."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return (a * x + c * y + e, b * x + d * y + f)


def _straight(segments) -> list[Rule]:
    rules = []
    for (x0, y0), (x1, y1) in segments:
        if abs(y0 - y1) < 0.5 and abs(x0 - x1) > 0.5:
            rules.append(Rule(True, (y0 + y1) / 2, min(x0, x1), max(x0, x1)))
        elif abs(x0 - x1) < 0.5 and abs(y0 - y1) > 0.5:
            rules.append(Rule(False, (x0 + x1) / 2, min(y0, y1), max(y0, y1)))
    return rules


def _joined(pieces: list[Rule]) -> list[Rule]:
    """One rule per run of collinear pieces that touch, so a column line drawn row by row is one line.

    Pieces less than a point apart count as one line: a 1-point border and the 0.5-point rule
    meeting it sit a quarter point apart."""
    joined: list[Rule] = []
    for horizontal in (True, False):
        ordered = sorted((r for r in pieces if r.horizontal == horizontal), key=lambda r: r.at)
        groups: list[list[Rule]] = []
        for rule in ordered:
            if groups and rule.at - groups[-1][-1].at < 1.0:
                groups[-1].append(rule)
            else:
                groups.append([rule])
        for group in groups:
            at = sum(r.at for r in group) / len(group)
            runs: list[list[float]] = []
            for rule in sorted(group, key=lambda r: r.start):
                if runs and rule.start <= runs[-1][1] + RULE_TOLERANCE:
                    runs[-1][1] = max(runs[-1][1], rule.end)
                else:
                    runs.append([rule.start, rule.end])
            joined += [Rule(horizontal, at, start, end) for start, end in runs]
    return joined


def approval_cells(pdf_path: Path | str, page_index: int = 0) -> dict[str, dict[str, Box]]:
    """The signer and date cell of every approval row: {role: {"signer": box, "date": box}}.

    The table is found by its header: a 审批人/審批人 cell (or 姓名, for a signatures table) with a
    日期 cell to its right on the same row. Rows are read downwards while the cells under both
    headers keep the header's column edges; a row's role is the text of the cell to the left of
    the signer cell. Raises LookupError when the page has no such table."""
    layout = page_layout(pdf_path, page_index)
    for header in SIGNER_HEADERS:
        for header_box in layout.find(header):
            rows = _approval_rows(layout, header_box)
            if rows:
                return rows
    raise LookupError(f"{pdf_path}: no approvals table ({'/'.join(SIGNER_HEADERS)} with {DATE_HEADER}) "
                      f"on page {page_index + 1}")


def _approval_rows(layout: PageLayout, header_box: Box) -> dict[str, dict[str, Box]]:
    signer_head = layout.cell_at(*_centre(header_box))
    if signer_head is None:
        return {}
    date_head = next((cell for box in layout.find(DATE_HEADER)
                      if signer_head[1] < _centre(box)[1] < signer_head[3] and box[0] > signer_head[2]
                      for cell in [layout.cell_at(*_centre(box))] if cell and layout.text_in(cell) == DATE_HEADER),
                     None)
    if date_head is None:
        return {}
    rows: dict[str, dict[str, Box]] = {}
    row_top = signer_head[1]
    while True:
        signer = layout.cell_at(_centre(signer_head)[0], row_top - RULE_TOLERANCE - 0.5)
        date = layout.cell_at(_centre(date_head)[0], row_top - RULE_TOLERANCE - 0.5)
        if signer is None or date is None or not (_same_columns(signer, signer_head) and _same_columns(date, date_head)
                                                  and _same_rows(signer, date)):
            return rows
        role_cell = layout.cell_at(signer[0] - RULE_TOLERANCE - 0.5, _centre(signer)[1])
        role = layout.text_in(role_cell) if role_cell else ""
        if role:
            key, number = role, 2
            while key in rows:  # two rows for the same role stay apart
                key, number = f"{role} ({number})", number + 1
            rows[key] = {"signer": signer, "date": date}
        row_top = signer[1]


def cell_right_of(pdf_path: Path | str, label_text: str, page_index: int = 0) -> Box:
    """The value cell right of the cell printed `label_text` (label | value layout).

    A cell holding exactly the label wins over one that only contains it, so 姓名 finds the 姓名
    cell, not 员工姓名; among equals the first in reading order wins."""
    layout = page_layout(pdf_path, page_index)
    candidates = []
    for box in layout.find(label_text):
        label_cell = layout.cell_at(*_centre(box))
        if label_cell:
            value = layout.cell_at(label_cell[2] + RULE_TOLERANCE + 0.5, _centre(label_cell)[1])
            if value:
                candidates.append((layout.text_in(label_cell) != "".join(label_text.split()), value))
    if candidates:
        return min(candidates, key=lambda candidate: candidate[0])[1]
    raise LookupError(f"{pdf_path}: no cell right of {label_text!r} on page {page_index + 1}")


def _centre(box: Box) -> tuple[float, float]:
    return ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)


def _same_columns(a: Box, b: Box) -> bool:
    return abs(a[0] - b[0]) < RULE_TOLERANCE and abs(a[2] - b[2]) < RULE_TOLERANCE


def _same_rows(a: Box, b: Box) -> bool:
    return abs(a[1] - b[1]) < RULE_TOLERANCE and abs(a[3] - b[3]) < RULE_TOLERANCE
