"""User data keyed by labels or keys, in either script, turned into data keyed by schema keys."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .fields import GROUP, MATRIX, SCALAR, TABLE, Field, FieldTree
from .handwriting import HANDWRITING_UNREADABLE, Unread
from .textnorm import label_key
from .values import ValueProblem, coerce

FIELD_MISSING = "field-missing"
FIELD_INVALID = "field-invalid"


@dataclass(frozen=True)
class DataProblem:
    """Something wrong with one field of the data: where (path, label) and what, in two languages."""

    path: str
    label: str
    code: str
    message_zh: str
    message_en: str
    severity: str = "error"

    def line(self) -> str:
        where = f"{self.label} ({self.path})" if self.path else "（整个表单 / whole form）"
        return f"{where}：{self.message_zh} / {self.message_en}"


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def _lookup(scope: dict[str, Field], name: str) -> Field | None:
    return scope.get(name) or scope.get(name.lower()) or scope.get(label_key(name))


class _Canonicaliser:
    def __init__(self, tree: FieldTree) -> None:
        self.tree = tree
        self.problems: list[DataProblem] = []

    def problem(self, path: str, code: str, zh: str, en: str, severity: str = "error") -> None:
        label = self.tree.title_of_path(path) if path else ""
        self.problems.append(DataProblem(path, label, code, zh, en, severity))

    def mapping(self, raw, fields: tuple[Field, ...], scope: dict[str, Field], prefix: str) -> dict:
        if not isinstance(raw, Mapping):
            self.problem(prefix, FIELD_INVALID, "应为键值对象", "should be a mapping of fields")
            return {}
        result: dict = {}
        seen_from: dict[str, str] = {}
        for name, value in raw.items():
            name_text = str(name)
            field = _lookup(scope, name_text)
            if field is None:
                self.problem(_join(prefix, name_text), FIELD_INVALID,
                             f"未知字段「{name_text}」", f"unknown field '{name_text}'")
                continue
            path = _join(prefix, field.key)
            converted = self.value(field, value, path)
            if field.key in result and converted != result[field.key]:
                self.problem(path, FIELD_INVALID,
                             f"「{seen_from[field.key]}」与「{name_text}」指同一字段但取值不同",
                             f"'{seen_from[field.key]}' and '{name_text}' name the same field with different values")
                continue
            if converted is not None:
                result[field.key] = converted
                seen_from[field.key] = name_text
        return result

    def value(self, field: Field, raw, path: str):
        if isinstance(raw, Unread):
            self.problem(path, HANDWRITING_UNREADABLE, "有手写内容，但未能识读，请人工核对",
                         "holds handwriting that could not be read; a person should read it", "warning")
            # Present for the rules (a signed cell is signed), but never a number to add up.
            return raw if field.shape == SCALAR and field.value_type not in ("amount", "integer", "number") else None
        if field.shape == SCALAR:
            try:
                return coerce(field, raw)
            except ValueProblem as problem:
                self.problem(path, FIELD_INVALID, problem.message_zh, problem.message_en)
            except (ArithmeticError, ValueError, TypeError) as error:
                # Whatever a person typed, the answer names the field; never a crash.
                self.problem(path, FIELD_INVALID, f"无法读取此值（{type(error).__name__}）",
                             f"this value cannot be read ({type(error).__name__})")
            return None
        if raw is None or raw == "":
            return None
        scope = field.children_by_label
        if field.shape == TABLE:
            if not isinstance(raw, list):
                self.problem(path, FIELD_INVALID, "应为多行表格（列表）", "should be a table (a list of rows)")
                return None
            rows = [self.mapping(row, field.children, scope, f"{path}[{i}]") for i, row in enumerate(raw)]
            return [row for row in rows if row] or None
        if field.shape in (GROUP, MATRIX):
            return self.mapping(raw, field.children, scope, path) or None
        return raw


def canonicalise(tree: FieldTree, raw) -> tuple[dict, list[DataProblem]]:
    """Data keyed by schema keys, typed, and every problem found on the way (all at once)."""
    worker = _Canonicaliser(tree)
    data = worker.mapping(raw, tree.fields, tree.by_label, "")
    return data, worker.problems
