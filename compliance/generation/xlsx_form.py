"""A form written as an Excel workbook: where offices keep their registers (印章使用登记簿,
客户投诉登记表), one row per entry, added to as the year goes on.

The sheet is laid out for both people and the reader (reading/xlsx_text.py): the title alone on
the first row; then one row per field, label and value; then each table under its caption, a
header row of column titles and one row per entry, a blank row between blocks. Values are the
printed text the .docx shows (dates as 2026-06-04), so that what `check` reads back is what the
clerk would have typed.
"""
from __future__ import annotations

import io

from ..errors import UsageError
from ..model.fields import GROUP, MATRIX, TABLE, FieldTree
from ..model.textnorm import to_traditional
from ..model.workspace import FormSpec
from .fill import TRADITIONAL, display_context

SHEET_TITLE_LIMIT = 31  # Excel's own limit on a sheet name


def build_workbook(form: FormSpec, data: dict, script: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    tree: FieldTree = form.fields
    if any(f.shape == MATRIX for f in tree.fields):
        raise UsageError(f"表单 {form.id} 含签字矩阵，无法写成 .xlsx；请输出 .docx",
                         f"form {form.id} has a signature matrix and cannot be written as .xlsx; write .docx")
    shown = display_context(tree, data)

    def text(value: str) -> str:
        return to_traditional(value) if script == TRADITIONAL and value else value

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = text(form.name)[:SHEET_TITLE_LIMIT]
    bold, label_fill = Font(bold=True), PatternFill("solid", fgColor="F2F2F2")
    widest = max([2, *(len(f.children) for f in tree.fields if f.shape == TABLE)])
    sheet.append([text(form.name)])
    sheet.cell(1, 1).font = Font(bold=True, size=16)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=widest)
    sheet.append([])
    for field in tree.fields:
        if field.shape == TABLE:
            continue
        if field.shape == GROUP:
            row = [text(field.title)]
            for child in field.children:
                row += [text(child.title), text(shown[field.key][child.key])]
        else:
            row = [text(field.title), text(shown[field.key])]
        sheet.append(row)
        sheet.cell(sheet.max_row, 1).fill = label_fill
    for field in tree.fields:
        if field.shape != TABLE:
            continue
        sheet.append([])
        sheet.append([text(field.title)])
        sheet.cell(sheet.max_row, 1).font = bold
        sheet.append([text(child.title) for child in field.children])
        for column in range(1, len(field.children) + 1):
            sheet.cell(sheet.max_row, column).font = bold
            sheet.cell(sheet.max_row, column).fill = label_fill
        for entry in shown[field.key]:
            sheet.append([text(entry[child.key]) for child in field.children])
    for number, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(number)
        longest = max((len(str(c.value)) for c in column if c.value is not None and c.row > 1), default=4)
        sheet.column_dimensions[letter].width = min(40, max(8, longest * 2 + 2))
        for cell in column:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
