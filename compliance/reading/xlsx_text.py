"""A workbook as the reader sees it, so that the one extractor that reads .docx tables also
reads the registers offices keep in Excel.

Each sheet's rows become blocks: a row holding a single value before any table (the title, a
table's caption) is a paragraph; from a row of several values on, rows form a table until a blank
row ends it, so that a register row with one value filled in stays a row of its table. Every
cell's `page` carries its place in the workbook (see `place`), which findings report as a sheet
and row.

Workbooks are untrusted: the package passes the same zip checks as a .docx before openpyxl sees
it (sizes, ratios, entry counts), the rows and columns read are bounded, and hidden sheets, rows
and columns are not read as values but reported as hidden text.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..errors import UnreadableDocument
from .model import Cell, Document, Paragraph, Row, Table

MAX_ROWS = 20_000  # a year of a busy register is a few thousand rows
MAX_COLUMNS = 64
MAX_SHEETS = 50
MAX_FILE_BYTES = 20 * 1024 * 1024
ROWS_PER_SHEET = 1_000_000  # page = sheet × this + row: one number, as the reader's pages are


def place(page: int) -> tuple[int, int]:
    """(sheet index from 0, row number from 1) of a cell's `page`."""
    return divmod(page, ROWS_PER_SHEET)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return format(value, "f").rstrip("0").rstrip(".") if value == value and abs(value) < 1e15 else str(value)
    return str(value).strip()


def _check_package(path: Path) -> None:
    from ..safety.docx_package import DEFAULT_LIMITS, DocxPackage

    if path.stat().st_size > MAX_FILE_BYTES:
        raise UnreadableDocument(f"{path.name}：工作簿过大（上限 {MAX_FILE_BYTES // 1024 // 1024} MB）",
                                 f"{path.name}: the workbook is too large (limit {MAX_FILE_BYTES // 1024 // 1024} MB)")
    with DocxPackage(path, DEFAULT_LIMITS, main_part="xl/workbook.xml"):
        pass


def read_xlsx(path: Path) -> tuple[Document, tuple[str, ...]]:
    """The workbook's visible cells as a Document, and its sheet names (indexed as in `place`)."""
    import openpyxl

    path = Path(path)
    _check_package(path)
    try:
        workbook = openpyxl.load_workbook(path, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged workbook
        raise UnreadableDocument(f"{path.name}：无法读取工作簿（{type(error).__name__}）",
                                 f"{path.name}: the workbook cannot be read ({type(error).__name__}: {error})") from None
    try:
        sheets = workbook.worksheets
        if len(sheets) > MAX_SHEETS:
            raise UnreadableDocument(f"{path.name}：工作表过多（{len(sheets)} 个）", f"{path.name}: too many sheets ({len(sheets)})")
        blocks: list[Paragraph | Table] = []
        hidden: list[tuple[int, str]] = []
        for index, sheet in enumerate(sheets):
            _read_sheet(path, index, sheet, blocks, hidden)
        names = tuple(sheet.title for sheet in sheets)
    finally:
        workbook.close()
    return Document(blocks, pages=len(names), hidden=tuple(hidden[:20])), names


def _read_sheet(path: Path, index: int, sheet, blocks: list, hidden: list) -> None:
    from openpyxl.utils import get_column_letter

    if sheet.max_row > MAX_ROWS or sheet.max_column > MAX_COLUMNS:
        raise UnreadableDocument(
            f"{path.name}：工作表“{sheet.title}”过大（{sheet.max_row} 行 × {sheet.max_column} 列，上限 {MAX_ROWS} × {MAX_COLUMNS}）",
            f"{path.name}: sheet '{sheet.title}' is too large ({sheet.max_row} rows × {sheet.max_column} columns, "
            f"limit {MAX_ROWS} × {MAX_COLUMNS})")
    sheet_hidden = sheet.sheet_state != "visible"
    hidden_columns = {number for number in range(1, sheet.max_column + 1)
                      if sheet.column_dimensions[get_column_letter(number)].hidden}
    table: Table | None = None
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        page = index * ROWS_PER_SHEET + number
        row_hidden = sheet_hidden or bool(sheet.row_dimensions[number].hidden)
        texts = []
        for column, value in enumerate(values, start=1):
            text = _text(value)
            if text and (row_hidden or column in hidden_columns):
                if not hidden or hidden[-1][0] != page:  # one report a row is enough
                    hidden.append((page, text[:40]))
                text = ""
            texts.append(text)
        filled = [text for text in texts if text]
        if not filled:
            table = None
            continue
        if table is None and len(filled) == 1:
            blocks.append(Paragraph(filled[0], page=page))
            continue
        if table is None:
            table = Table([], page=page)
            blocks.append(table)
        table.rows.append(Row([Cell(text, column=float(column), page=page) for column, text in enumerate(texts, start=1)]))
