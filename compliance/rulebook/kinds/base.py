"""What every check kind receives and returns."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...model.dates import parse_date
from ...model.fields import FieldTree
from ...model.findings import Finding
from ...model.placeholders import no_value
from ...model.settings import DEFAULT_SETTINGS, Settings

if TYPE_CHECKING:
    from ...seals.model import PageReport


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    severity: str
    clause: str
    message_zh: str
    message_en: str
    params: dict = field(hash=False, compare=False)
    code: str | None = None  # overrides the kind's finding code
    # The compliance.toml keys of this rule's numbers that are the company's own, not the
    # regulations' (an amount threshold, a deadline in days, grade bands): shown with findings.
    company_setting: tuple[str, ...] = ()


@dataclass
class Context:
    file: str
    form_id: str
    tree: FieldTree
    schema: dict
    data: dict
    pages: dict[str, int] = field(default_factory=dict)
    settings: Settings = DEFAULT_SETTINGS
    seal_pages: tuple[PageReport, ...] = ()  # from the seal pass, for the seal kinds
    as_of: dt.date | None = None  # the day of the check: nothing may be dated after it
    hidden_text: tuple[tuple[int, str], ...] = ()  # (page, sample) of text invisible on paper
    sheets: tuple[str, ...] = ()  # a workbook's sheet names: there a page is a sheet row
    # (table, row) → the id of the rule that judged that approval row's opinion: two rules that
    # both read a row (the chain's and a threshold's) report what it says once.
    judged: dict[tuple[str, int], str] = field(default_factory=dict, compare=False, repr=False)

    def page_name(self, page: int) -> tuple[str, str]:
        """How a message names a page: `第 3 页`, or in a workbook its sheet and row."""
        if not self.sheets:
            return f"第 {page} 页", f"page {page}"
        from ...reading.xlsx_text import place

        sheet, row = place(page)
        name = self.sheets[sheet] if sheet < len(self.sheets) else "?"
        return f"工作表“{name}”第 {row} 行", f"sheet '{name}' row {row}"

    def value(self, path: str):
        """A value by dotted path; `approvals.last.date` is the date of the last approval row."""
        return value_at(self.data, path)

    def page_of(self, path: str | None) -> int | None:
        while path:
            if path in self.pages:
                return self.pages[path]
            path = re.sub(r"(\.[^.\[]+|\[\d+\])$", "", path) if re.search(r"(\.[^.\[]+|\[\d+\])$", path) else ""
        return None

    def label(self, path: str) -> str:
        return self.tree.title_of_path(path.replace(".last", ""))

    def finding(self, rule: Rule, code: str, path: str | None, zh: str, en: str, page: int | None = None,
                severity: str | None = None) -> Finding:
        return Finding(
            file=self.file, page=page if page is not None else self.page_of(path), field=path, rule=rule.code or code,
            severity=severity or rule.severity,
            message_zh=f"{zh}（{rule.message_zh}，{rule.clause}）" if rule.message_zh else zh,
            message_en=f"{en} ({rule.message_en}; {rule.clause})" if rule.message_en else en,
            rule_id=rule.id, clause=rule.clause, company_setting=rule.company_setting,
        )


def value_at(data: dict, path: str) -> Any:
    """A value by dotted path (`approvals.last.date`: the date of the last approval row)."""
    node: Any = data
    for part in path.split("."):
        if part == "last" and isinstance(node, list):
            node = node[-1] if node else None
        elif isinstance(node, dict):
            node = node.get(part)
        else:
            return None
    return node


def values_at(data: dict, path: str) -> list[Any]:
    """Every value a path reaches: `approvals[].date` is each row's date; a plain path one value."""
    if "[]" not in path:
        value = value_at(data, path)
        return [] if value is None else [value]
    table, _, rest = path.partition("[].")
    rows = value_at(data, table)
    if not isinstance(rows, list):
        return []
    return [found for row in rows if isinstance(row, dict) for found in values_at(row, rest)]


def date_of(value):
    return parse_date(value) if value is not None else None


def blank(value) -> bool:
    """No value: nothing, an empty table, or text that stands in for a value without being one
    (`/`, ——, 无, 待补, 见附件, or marks that do not show: placeholders.no_value)."""
    return value is None or no_value(value) or value in ([], {})
