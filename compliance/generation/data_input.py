"""Reading the clerk's data: one record from YAML/JSON (or stdin), many from CSV or Excel.

A batch sheet has one form per row. Columns are field labels or keys in either script; a table
or group is either one column holding JSON (`费用明细` = `[{"金额": 120, ...}]`) or repeated
columns with a 1-based row number (`费用明细.1.金额`, `费用明细[2].摘要`, `员工确认.姓名`).
"""
from __future__ import annotations

import csv
import io
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, UsageError

MAX_DATA_BYTES = 10 * 1024 * 1024
SHEET_SUFFIXES = (".csv", ".xlsx", ".xlsm")
_SEGMENT = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


@dataclass(frozen=True)
class SheetRow:
    number: int  # as the spreadsheet shows it: the header is row 1
    raw: dict
    error: InputError | None = None  # the row could not even be laid out as a record


def _row(header: list[str], cells, number: int, where: str) -> SheetRow:
    try:
        return SheetRow(number, _nest(dict(zip(header, cells)), f"{where} 第 {number} 行 / row {number}"))
    except InputError as error:
        return SheetRow(number, {}, error)


def _check_header(header: list[str], where: str) -> list[str]:
    named = [h for h in header if h]
    repeated = sorted({h for h in named if named.count(h) > 1})
    if repeated:
        raise InputError(f"{where}：表头重复：{'、'.join(repeated)}", f"{where}: repeated column headers: {', '.join(repeated)}")
    return header


def is_sheet(path: str) -> bool:
    return path != "-" and Path(path).suffix.lower() in SHEET_SUFFIXES


def _read_bytes(path: str) -> bytes:
    from ..safety.data_limits import read_bounded

    if path == "-":
        data = sys.stdin.buffer.read(MAX_DATA_BYTES + 1)
        if len(data) > MAX_DATA_BYTES:
            raise InputError("标准输入的数据过大", f"data on standard input exceeds {MAX_DATA_BYTES} bytes")
        return data
    if not Path(path).is_file():
        raise UsageError(f"数据文件不存在：{path}", f"data file not found: {path}")
    return read_bounded(Path(path), MAX_DATA_BYTES)


def load_record(path: str):
    """One form's data from a YAML or JSON file, or `-` for standard input."""
    from ..safety.data_limits import load_yaml_safely

    where = "标准输入 / stdin" if path == "-" else path
    data = _read_bytes(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{where}：不是 UTF-8 编码的文本", f"{where}: not UTF-8 text") from None
    record = load_yaml_safely(text, where)  # YAML 1.1 reads JSON too; raises a bilingual InputError
    if not isinstance(record, dict):
        raise InputError(f"{where}：顶层应为“字段: 值”的对象", f"{where}: the top level must be a mapping of fields")
    return record


def decode_sheet_text(data: bytes, where: str, encoding: str | None = None) -> str:
    """CSV from Excel in a Chinese locale is GBK/GB18030; elsewhere UTF-8, often with a BOM."""
    if encoding:
        candidates = [encoding]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8-sig", "gb18030"]
    for candidate in candidates:
        try:
            return data.decode(candidate)
        except (UnicodeDecodeError, LookupError):
            continue
    raise InputError(f"{where}：无法识别文本编码（支持 UTF-8、GBK/GB18030，可用 --encoding 指定）",
                     f"{where}: unknown text encoding (UTF-8 and GBK/GB18030 are read; use --encoding)")


def _nest(columns: dict[str, object], where: str) -> dict:
    """`费用明细.1.金额` columns → nested rows; JSON cells → their structure."""
    record: dict = {}
    for number, (column, value) in enumerate(columns.items(), start=1):
        if value is None or (isinstance(value, str) and value.strip() == ""):
            continue
        if not column:
            raise InputError(f"{where}：第 {number} 列有内容但没有表头", f"{where}: column {number} has a value but no header")
        if isinstance(value, str) and value.lstrip()[:1] in "[{":
            try:
                value = json.loads(value)
            except json.JSONDecodeError:
                pass
        segments = [m.group(1) if m.group(1) is not None else int(m.group(2)) for m in _SEGMENT.finditer(column)]
        segments = [int(s) if isinstance(s, str) and s.isdigit() else s for s in segments]
        node = record
        for segment in segments[:-1]:
            node = node.setdefault(segment, {})
            if not isinstance(node, dict):
                raise InputError(f"{where}：列「{column}」与同一表格的 JSON 列重复",
                                 f"{where}: column '{column}' fills a table that a JSON column already gives")
        if segments[-1] in node:
            raise InputError(f"{where}：列「{column}」重复", f"{where}: column '{column}' is given twice")
        node[segments[-1]] = value
    return _lists_from_indices(record)


def _lists_from_indices(node):
    if not isinstance(node, dict):
        return node
    if node and all(isinstance(k, int) for k in node):
        return [_lists_from_indices(node[k]) for k in sorted(node)]
    return {k: _lists_from_indices(v) for k, v in node.items()}


def _csv_rows(data: bytes, where: str, encoding: str | None) -> list[SheetRow]:
    text = decode_sheet_text(data, where, encoding)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(f"{where}：文件为空", f"{where}: the file is empty") from None
    header = _check_header([h.strip() for h in header], where)
    rows = []
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        rows.append(_row(header, cells, number, where))
    return rows


def _excel_rows(path: Path, where: str) -> list[SheetRow]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged workbook
        raise InputError(f"{where}：无法读取 Excel 文件（{error}）", f"{where}: cannot read the Excel file ({error})") from None
    try:
        sheet = workbook.worksheets[0]
        lines = sheet.iter_rows(values_only=True)
        header = _check_header([str(h).strip() if h is not None else "" for h in next(lines, ())], where)
        rows = []
        for number, cells in enumerate(lines, start=2):
            if all(c is None or str(c).strip() == "" for c in cells):
                continue
            rows.append(_row(header, cells, number, where))
        return rows
    finally:
        workbook.close()


def load_sheet(path: str, encoding: str | None = None) -> list[SheetRow]:
    where = path
    if Path(path).suffix.lower() == ".csv":
        return _csv_rows(_read_bytes(path), where, encoding)
    _read_bytes(path)  # the size bound, before openpyxl inflates anything
    return _excel_rows(Path(path), where)
