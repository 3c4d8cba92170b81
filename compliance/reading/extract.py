"""From a read document to form data, guided by the form's fields and labels.

Offices lay forms out in many ways; the extractor knows a few general shapes rather than any
one layout: label cells followed by value cells (2 or 4 columns), a row of labels above a row of
values, `label：value` text in cells and paragraphs, tables found by their header rows, and
approval rows that start with a role (`部门负责人意见 | 同意 签字：赵明辉 2026-05-19`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model.dates import parse_date
from ..model.fields import GROUP, MATRIX, SCALAR, TABLE, Field, FieldTree
from ..model.handwriting import Unread
from ..model.textnorm import label_key
from .labels import clean_value, colon_pairs
from .model import Cell, Document, Paragraph, Row, Table

_DATE_IN_TEXT = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?")
_SIGNER = re.compile(r"(?:签字|签名|签章|审批人|审核人|经办人)\s*[:：]?\s*([^\s:：,，。;；]{2,12})")
# Tick boxes, and the characters OCR reads them as on a scan (团 for ☑, 口 for ☐).
_MARKS_TRUE = "☑☒■√✓✔▣团区図凶囚"
_MARKS_FALSE = "☐□口"
_OPINION_LABEL = re.compile(r"(?:日期|意见)\s*[:：]?")
_ROLE_SUFFIX = re.compile(r"(?:审批|审核|意见|签字|签名|签章)$")


@dataclass
class Extraction:
    raw: dict = field(default_factory=dict)  # schema keys → text (nested for tables and groups)
    pages: dict[str, int] = field(default_factory=dict)  # path → page where it was read
    confidence: dict[str, float] = field(default_factory=dict)  # path → OCR confidence, for values OCR read


# Letters OCR reads in place of digits, in a field that holds only a date, an amount or a count.
_DIGIT_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "Q": "0", "D": "0", "〇": "0", "l": "1", "I": "1", "|": "1",
                                   "Z": "2", "z": "2", "S": "5", "s": "5", "B": "8", "g": "9", "q": "9"})
_NUMERIC_TYPES = ("date", "amount", "integer", "number")


_RUN_TOGETHER_DATE = re.compile(r"((?:19|20)\d\d)\s*[.\-/年]?\s*(\d{1,2})\s*[.\-/月]?\s*(\d{1,2})\s*日?")
_SPECKS = " .,·'`:;_-"  # a dust speck or a pen's lift beside a number, read as punctuation


_SPECK_BY_MARKER = re.compile(r"[.·,，。、'`]+(?=[年月日])|(?<=[年月])[.·,，。、'`]+")


def _ocr_date(text: str) -> str:
    """A handwritten date with a small separator OCR missed (2026.5.19 read as 2026.519 or
    20265.19), where the digits after the year split into one valid month and day only, or with
    a speck read as a dot beside 年, 月 or 日 (2026年10.月9日); anything ambiguous stays as read,
    to be reported."""
    if parse_date(text) is not None:
        return text
    unspecked = _SPECK_BY_MARKER.sub("", text)
    if unspecked != text and parse_date(unspecked) is not None:
        return unspecked
    digits = "".join(ch for ch in text if ch.isdigit())  # a speck read as a dot: 2.026.5.19
    if not _RUN_TOGETHER_DATE.fullmatch(text) and not (7 <= len(digits) <= 8 and digits[:2] in ("19", "20")
                                                      and all(not ch.isalpha() or ch in "年月日" for ch in text)):
        return text
    year, digits = digits[:4], digits[4:]
    splits = [(int(digits[:cut]), int(digits[cut:])) for cut in range(1, len(digits)) if cut <= 2 and len(digits) - cut <= 2]
    valid = [(month, day) for month, day in splits if 1 <= month <= 12 and 1 <= day <= 31]
    return f"{year}-{valid[0][0]:02d}-{valid[0][1]:02d}" if len(valid) == 1 else text


def _value_of(cell: Cell, f: Field | None = None) -> str:
    """A cell's value: its text, or handwriting OCR could not read, or nothing."""
    text = clean_value(cell.text)
    if not text:
        return Unread() if cell.handwritten else ""
    if cell.confidence is not None and f is not None and f.value_type in _NUMERIC_TYPES:
        text = text.translate(_DIGIT_LOOKALIKES).strip(_SPECKS) or text
        if f.value_type == "date":
            text = _ocr_date(text)
    return text


class _Extractor:
    def __init__(self, tree: FieldTree, document: Document, roles: tuple[str, ...]) -> None:
        self.tree = tree
        self.document = document
        self.out = Extraction()
        self.used_rows: set[int] = set()
        self.table_ends: dict[str, int] = {}  # table field → the page of the last row read into it
        self.scalars = {k: f for k, f in tree.by_label.items() if f.shape == SCALAR}
        self.groups = {k: f for k, f in tree.by_label.items() if f.shape == GROUP}
        self.role_keys = {label_key(role): role for role in roles}
        self._resolve_label_variants()

    # -- labels as other offices print them ------------------------------------------------
    def _resolve_label_variants(self) -> None:
        """`项目验收日期` is 验收日期, `报销部门` and `部门名称` are 部门, `金额（元）` is 金额: a cell
        that names a known label with a common qualifier or unit is that label. Only these few
        qualifiers: a value such as 市场部门 must stay a value."""
        known = set(self.tree.by_label) | set(self.role_keys)
        for _table, columns in self.tree.table_columns:
            known |= set(columns)
        for holder in self.document.all_texts():
            key = holder.key
            if not key or key in known or len(key) > 12:
                continue
            variant = _known_variant(key, known)
            if variant is not None:
                holder.key = variant

    # -- storing -------------------------------------------------------------------------
    def put(self, f: Field, text: str, page: int, confidence: float | None = None) -> None:
        if text and f.key not in self.out.raw:
            self.out.raw[f.key] = text
            self.out.pages[f.key] = page
            if confidence is not None:
                self.out.confidence[f.key] = confidence

    def put_group(self, f: Field, child: Field, text: str, page: int) -> None:
        group = self.out.raw.setdefault(f.key, {})
        if text and child.key not in group:
            group[child.key] = text
            self.out.pages.setdefault(f.key, page)

    # -- tables by header row ------------------------------------------------------------
    def header_for(self, row: Row) -> tuple[Field, dict[int, Field]] | None:
        """The table field whose column titles this row carries, with cell index → column."""
        best = None
        filled = sum(1 for c in row.cells if c.key)
        for f, columns_by_key in self.tree.table_columns:
            index: dict[int, Field] = {}
            for i, cell in enumerate(row.cells):
                if not cell.key or cell.key in f.label_keys:  # the table's own title over its first column
                    continue
                for child in columns_by_key.get(cell.key, ()):
                    if child not in index.values():
                        index[i] = child
                        break
            if len(index) >= 2 and len(index) * 2 >= filled - (1 if f.shape == MATRIX else 0):
                if best is None or len(index) > len(best[1]):
                    best = (f, index)
        return best

    def stops_table(self, row: Row, current: Field, header: list[Cell]) -> bool:
        """Whether a row ends the table: another table's header, or a row that starts with another
        field's label. A row laid out on the table's own columns is one of its rows whatever its
        cells say: a 摘要 reading 事由 is a value, not the start of the next field."""
        aligned = len(row.cells) == len(header)
        for position, cell in enumerate(row.cells):
            if aligned and position > 0:
                continue
            target = self.tree.by_label.get(cell.key)
            if target is not None and target is not current and target.shape != TABLE:
                return True
        return self.header_for(row) is not None

    @staticmethod
    def column_of(cell: Cell, header: list[Cell]) -> int | None:
        """Index of the header cell this cell sits under (by grid column or text position)."""
        best, best_overlap = None, 0.0
        for i, h in enumerate(header):
            overlap = min(cell.column + cell.span, h.column + h.span) - max(cell.column, h.column)
            if overlap > best_overlap:
                best, best_overlap = i, overlap
        if best is None:
            centre = cell.column + cell.span / 2
            distances = [(abs(centre - (h.column + h.span / 2)), i) for i, h in enumerate(header)]
            best = min(distances)[1] if distances else None
        return best

    def read_table_rows(self, table: Table, start: int, f: Field, index: dict[int, Field]) -> None:
        header = table.rows[start].cells
        items: list[dict] = []
        # A long table goes on over the next page under its repeated header row: those rows are
        # more of the same table. A second header on the same page is not (the first one counts).
        earlier = self.out.raw.get(f.key) if f.shape == TABLE else None
        continued = isinstance(earlier, list) and table.rows[start].page > self.table_ends.get(f.key, table.rows[start].page)
        offset = len(earlier) if continued and isinstance(earlier, list) else 0
        for position in range(start + 1, len(table.rows)):
            row = table.rows[position]
            if self.stops_table(row, f, header):
                break
            self.used_rows.add(id(row))
            values: dict[str, str] = {}
            confidences: dict[str, float] = {}
            aligned = len(row.cells) == len(header)  # one cell per column: position decides
            for position_in_row, cell in enumerate(row.cells):
                column = position_in_row if aligned else self.column_of(cell, header)
                child = index.get(column) if column is not None else None
                if f.shape == MATRIX and column is not None and child is None and column == 0:
                    child_key = "__row__"
                elif child is None:
                    continue
                else:
                    child_key = child.key
                text = _value_of(cell, child if child_key != "__row__" else None)
                if isinstance(text, Unread):
                    values.setdefault(child_key, text)
                elif text:
                    values[child_key] = (str(values.get(child_key, "")) + "\n" + text).strip()
                if cell.confidence is not None:
                    confidences[child_key] = min(cell.confidence, confidences.get(child_key, 1.0))
            if f.shape == MATRIX:
                self.read_matrix_row(f, row, values)
                continue
            if not values:
                continue
            items.append(values)
            self.out.pages.setdefault(f"{f.key}[{offset + len(items) - 1}]", row.page)
            for child_key, confidence in confidences.items():
                self.out.confidence[f"{f.key}[{offset + len(items) - 1}].{child_key}"] = confidence
            if f.key not in self.out.raw or continued:
                self.table_ends[f.key] = row.page
        if f.shape == TABLE and items and continued and isinstance(earlier, list):
            earlier.extend(items)
        elif f.shape == TABLE and items and f.key not in self.out.raw:
            self.out.raw[f.key] = items
            self.out.pages.setdefault(f.key, table.rows[start].page)

    def read_matrix_row(self, f: Field, row: Row, values: dict[str, str]) -> None:
        title = row.cells[0].key if row.cells else ""
        member = next((c for c in f.children if title and (title in c.label_keys or any(title.startswith(k) for k in c.label_keys))), None)
        if member is None:
            return
        values.pop("__row__", None)
        group = self.out.raw.setdefault(f.key, {}).setdefault(member.key, {})
        for key, text in values.items():
            group.setdefault(key, text)
        self.out.pages.setdefault(f.key, row.page)

    # -- label/value pairs ---------------------------------------------------------------
    def orphan_value(self, label: Cell, table: Table, position: int) -> Cell | None:
        """A label alone on its line, its value on the line just above or below (PDF text)."""
        for neighbour in (position - 1, position + 1, position - 2, position + 2):
            if not 0 <= neighbour < len(table.rows):
                continue
            row = table.rows[neighbour]
            if id(row) in self.used_rows or len(row.cells) != 1:
                continue
            cell = row.cells[0]
            if cell.column >= label.column + label.span and cell.key not in self.tree.by_label:
                self.used_rows.add(id(row))
                return cell
        return None

    def read_pairs(self, row: Row, table: Table | None = None, position: int = 0) -> None:
        cells = row.cells
        i = 0
        while i < len(cells):
            cell = cells[i]
            target = self.scalars.get(cell.key)
            group = self.groups.get(cell.key)
            if target is not None:
                following = cells[i + 1] if i + 1 < len(cells) else None
                if following is not None and following.key not in self.tree.by_label:
                    self.put(target, _value_of(following, target), following.page, following.confidence)
                    i += 2
                    continue
                if following is None and len(cells) == 1 and table is not None and target.key not in self.out.raw:
                    found = self.orphan_value(cell, table, position)
                    if found is not None:
                        self.used_rows.add(id(row))
                        self.put(target, clean_value(found.text), found.page)
            elif group is not None:
                self.read_group(group, cells[i + 1:], row.page)
                return
            elif cell.simplified and ("：" in cell.simplified or ":" in cell.simplified):
                self.read_text(cell.simplified, cell.page, cell.text)
            elif self.role_keys:
                if self.read_role_row(row):
                    return
            i += 1

    def read_label_row(self, row: Row, values: Row) -> bool:
        """A row of labels over a row of values: 报销人 | 部门 | 日期 / 张三 | 市场部 | …"""
        labelled = [(c, self.scalars.get(c.key)) for c in row.cells if c.key]
        if len(labelled) < 2 or any(f is None for _, f in labelled):
            return False
        if any(self.tree.by_label.get(c.key) for c in values.cells if c.key):
            return False
        header = row.cells
        for cell in values.cells:
            column = self.column_of(cell, header)
            target = self.scalars.get(header[column].key) if column is not None else None
            if target is not None:
                self.put(target, _value_of(cell, target), cell.page, cell.confidence)
        self.used_rows.add(id(values))
        return True

    def read_group(self, group: Field, cells: list[Cell], page: int) -> None:
        labels = {k: c for c in group.children for k in c.label_keys}
        text = " ".join(c.simplified for c in cells)
        if all(c.value_type == "boolean" for c in group.children):
            for child, value in _marked_choices(text, group.children):
                self.put_group(group, child, value, page)
            return
        for child, value in colon_pairs(text, labels, " ".join(c.text for c in cells)):
            self.put_group(group, child, value, page)
        i = 0
        while i < len(cells) - 1:  # label cell, value cell
            child = labels.get(cells[i].key)
            if child is not None and cells[i + 1].key not in labels:
                self.put_group(group, child, clean_value(cells[i + 1].text), page)
                i += 2
            else:
                i += 1

    def read_role_row(self, row: Row) -> bool:
        approvals = next((f for f in self.tree.fields if f.shape == TABLE and f.schema.get("x-approvals") is True), None)
        if approvals is None or not row.cells:
            return False
        head = row.cells[0].key
        role = self.role_keys.get(head)
        while role is None and _ROLE_SUFFIX.search(head):  # 财务审核意见 → 财务审核
            head = _ROLE_SUFFIX.sub("", head)
            role = self.role_keys.get(head)
        if role is None:
            return False
        simple = " ".join(c.simplified for c in row.cells[1:])
        written = " ".join(c.text for c in row.cells[1:])
        if len(written) != len(simple):  # cut values from the written text only when aligned
            written = simple
        item = {"role": role}

        def take(match: re.Match, group: int = 0) -> str:
            nonlocal simple, written
            value = written[match.start(group):match.end(group)]
            blank = " " * (match.end() - match.start())
            simple = simple[:match.start()] + blank + simple[match.end():]
            written = written[:match.start()] + blank + written[match.end():]
            return value

        date = _DATE_IN_TEXT.search(simple)
        if date:
            item["date"] = take(date)
        signer = _SIGNER.search(simple)
        if signer:
            item["approver"] = take(signer, 1)
        elif any(c.handwritten for c in row.cells[1:]):
            item["approver"] = Unread()  # signed by hand in a cell of its own, the name not read
        for label in _OPINION_LABEL.finditer(simple):
            take(label)
        opinion = clean_value(written)
        if opinion:
            item["opinion"] = opinion
        rows = self.out.raw.setdefault(approvals.key, [])
        if isinstance(rows, list):
            rows.append(item)
            self.out.pages.setdefault(f"{approvals.key}[{len(rows) - 1}]", row.page)
        return True

    def read_text(self, text: str, page: int, original: str | None = None) -> None:
        for target, value in colon_pairs(text, self.scalars, original):
            self.put(target, value, page)

    # -- the walk ------------------------------------------------------------------------
    def run(self) -> Extraction:
        tables = [b for b in self.document.blocks if isinstance(b, Table)]
        for table in tables:
            for position, row in enumerate(table.rows):
                if id(row) in self.used_rows:
                    continue
                found = self.header_for(row)
                if found:
                    self.used_rows.add(id(row))
                    self.read_table_rows(table, position, *found)
        for table in tables:
            for position, row in enumerate(table.rows):
                if id(row) in self.used_rows:
                    continue
                following = table.rows[position + 1] if position + 1 < len(table.rows) else None
                if following is not None and id(following) not in self.used_rows and self.read_label_row(row, following):
                    continue
                self.read_pairs(row, table, position)
        for block in self.document.blocks:
            if isinstance(block, Paragraph):
                self.read_text(block.simplified, block.page, block.text)
        for name, value in self.document.form_fields.items():
            target = self.tree.resolve(name)
            if target is not None and target.shape == SCALAR:
                self.put(target, clean_value(value), 1)
        return self.out


_QUALIFIERS = ("项目", "报销", "申请", "所属", "经办", "用印", "验收", "考核", "填表", "填报", "费用", "本次")
_NAME_WORDS = ("名称", "全称", "名字")
_UNITS = ("人民币元", "万元", "元", "天", "份", "张", "个", "%", "％")


def _known_variant(key: str, known: set[str]) -> str | None:
    for unit in _UNITS:
        if key.endswith(unit) and key[: -len(unit)] in known:
            return key[: -len(unit)]
    for word in _NAME_WORDS:
        if key.endswith(word) and key[: -len(word)] in known:
            return key[: -len(word)]
    for qualifier in _QUALIFIERS:
        if key.startswith(qualifier) and key[len(qualifier):] in known:
            return key[len(qualifier):]
    return None


def _marked_choices(text: str, children: tuple[Field, ...]):
    """`☑ 业务成果报告 ☐ 工作记录` → (业务成果报告, ☑), (工作记录, ☐)."""
    for child in children:
        for label in child.labels:
            position = text.find(label)
            if position < 0:
                continue
            before = text[max(0, position - 3):position].strip()
            after = text[position + len(label):position + len(label) + 4].strip(" :：")
            mark = before[-1:] if before[-1:] in _MARKS_TRUE + _MARKS_FALSE else after[:1]
            if mark in _MARKS_TRUE:
                yield child, "是"
            elif mark in _MARKS_FALSE:
                yield child, "否"
            elif after[:1] in ("是", "有") or after.startswith("已提供"):
                yield child, "是"
            elif after[:1] in ("否", "无") or after.startswith("未提供"):
                yield child, "否"
            break


def extract(tree: FieldTree, document: Document, roles: tuple[str, ...] = ()) -> Extraction:
    return _Extractor(tree, document, roles).run()
