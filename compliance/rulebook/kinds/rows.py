"""Rules that read the rows of one table on their own: a register (印章使用登记簿, 客户投诉登记表)
holds one event per row, and a fault in one row is that row's, named by its path (`uses[2].returned_at`).

A kind judges row by row when every path it compares is a column of the same table
(`uses[].date` and `uses[].returned_at`); otherwise it reads the paths as before.
"""
from __future__ import annotations

from collections.abc import Iterator

from .base import Context


def one_table(*paths: str) -> tuple[str, tuple[str, ...]] | None:
    """(table, columns) when every path is a column of the same table, else None:
    `uses[].date`, `uses[].returned_at` → (`uses`, (`date`, `returned_at`))."""
    tables, columns = set(), []
    for path in paths:
        table, separator, column = path.partition("[].")
        if not separator or not table or "[" in table or "[]" in column:
            return None
        tables.add(table)
        columns.append(column)
    return (tables.pop(), tuple(columns)) if len(tables) == 1 else None


def rows(ctx: Context, table: str) -> Iterator[tuple[int, dict]]:
    """(index, row) for each row of a table, in the order of the form."""
    found = ctx.value(table)
    if isinstance(found, list):
        for index, row in enumerate(found):
            if isinstance(row, dict):
                yield index, row


def in_row(table: str, index: int, column: str) -> str:
    """The path of one cell: `uses`, 2, `returned_at` → `uses[2].returned_at`."""
    return f"{table}[{index}].{column}"


def column_label(ctx: Context, table: str, index: int, column: str) -> str:
    """A column's printed title without its table and row (`归还日期`)."""
    row, cell = ctx.label(f"{table}[{index}]"), ctx.label(in_row(table, index, column))
    return cell[len(row):].strip() if cell.startswith(row) else cell
