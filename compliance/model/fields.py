"""A form's fields as a tree, built from its JSON Schema, with every label that names each field.

Shapes, named for how a form prints them:
- scalar: one value beside its label (text, date, amount, count, choice, tick box);
- table: an array of objects, printed as a table with a header row (费用明细, 审批);
- group: an object of scalars, printed as sub-labels in one row (员工确认: 姓名, 日期; 验收资料);
- matrix: an object of groups with the same fields, printed as a table whose rows are the group
  titles and whose columns are the shared field titles (签字: 客户代表/公司代表 × 姓名/日期).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from .textnorm import label_key, regional_variants

SCALAR, TABLE, GROUP, MATRIX = "scalar", "table", "group", "matrix"


@dataclass(frozen=True)
class Field:
    key: str
    title: str
    shape: str
    path: str  # dotted schema path, e.g. "signatures.client_rep.name"; "items[].amount" in tables
    schema: dict = field(repr=False, compare=False)
    aliases: tuple[str, ...] = ()
    children: tuple[Field, ...] = ()
    required: bool = False

    @property
    def value_type(self) -> str:
        """string, date, amount, capital-amount, integer, number, boolean, enum."""
        s = self.schema
        if "enum" in s:
            return "enum"
        if s.get("format") == "date":
            return "date"
        if "x-kind" in s:
            return s["x-kind"]
        return s.get("type", "string")

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.title, *self.aliases)

    @cached_property
    def label_keys(self) -> frozenset[str]:
        keys = {label_key(label) for label in self.labels}
        for label in self.labels:
            keys |= regional_variants(label)
        return frozenset(keys)

    def child(self, key: str) -> Field:
        for c in self.children:
            if c.key == key:
                return c
        raise KeyError(key)

    @cached_property
    def children_by_label(self) -> dict[str, Field]:
        return _index_by_label(self.children)


def _index_by_label(fields: tuple[Field, ...]) -> dict[str, Field]:
    index: dict[str, Field] = {}
    for f in fields:  # titles first so an alias never shadows another field's own title
        index.setdefault(label_key(f.title), f)
        index.setdefault(f.key.lower(), f)
    for f in fields:
        for alias in f.aliases:
            index.setdefault(label_key(alias), f)
    for f in fields:
        for label in f.labels:
            for variant in regional_variants(label):
                index.setdefault(variant, f)
    return index


def _shape(schema: dict) -> str:
    kind = schema.get("type")
    if kind == "array":
        return TABLE
    if kind == "object":
        props = schema.get("properties", {}).values()
        if props and all(p.get("type") == "object" for p in props):
            return MATRIX
        return GROUP
    return SCALAR


def build_fields(schema: dict, prefix: str = "") -> tuple[Field, ...]:
    required = set(schema.get("required", ()))
    fields = []
    for key, sub in schema.get("properties", {}).items():
        path = f"{prefix}{key}"
        shape = _shape(sub)
        if shape == TABLE:
            children = build_fields(sub.get("items", {}), prefix=f"{path}[].")
        elif shape in (GROUP, MATRIX):
            children = build_fields(sub, prefix=f"{path}.")
        else:
            children = ()
        fields.append(
            Field(
                key=key,
                title=sub.get("title", key),
                shape=shape,
                path=path,
                schema=sub,
                aliases=tuple(sub.get("x-aliases", ())),
                children=children,
                required=key in required,
            )
        )
    return tuple(fields)


@dataclass(frozen=True)
class FieldTree:
    fields: tuple[Field, ...]

    @cached_property
    def by_label(self) -> dict[str, Field]:
        return _index_by_label(self.fields)

    @cached_property
    def by_key(self) -> dict[str, Field]:
        return {f.key: f for f in self.fields}

    @cached_property
    def table_columns(self) -> tuple[tuple[Field, dict[str, tuple[Field, ...]]], ...]:
        """Each table (and matrix) with its columns by label key, built once per form: finding a
        table's header row is then one dictionary look-up per cell."""
        found = []
        for table in self.fields:
            if table.shape not in (TABLE, MATRIX):
                continue
            columns = table.children if table.shape == TABLE else (table.children[0].children if table.children else ())
            by_key: dict[str, list[Field]] = {}
            for column in columns:
                for key in column.label_keys:
                    by_key.setdefault(key, []).append(column)
            found.append((table, {key: tuple(fields) for key, fields in by_key.items()}))
        return tuple(found)

    def resolve(self, label_or_key: str) -> Field | None:
        return self.by_key.get(label_or_key) or self.by_label.get(label_key(label_or_key))

    def find_path(self, path: str) -> Field | None:
        """The field at a dotted path such as `items[].amount` or `signatures.client_rep.name`."""
        parts = path.replace("[]", "").split(".")
        current: tuple[Field, ...] = self.fields
        found: Field | None = None
        for part in parts:
            found = next((f for f in current if f.key == part), None)
            if found is None:
                return None
            current = found.children
        return found

    def walk(self):
        stack = list(reversed(self.fields))
        while stack:
            f = stack.pop()
            yield f
            stack.extend(reversed(f.children))

    @cached_property
    def _handwritten_paths(self) -> dict[str, bool]:
        return {}

    def written_by_hand(self, path: str) -> bool:
        """Whether the value at `path`, or what holds it, is marked `x-handwritten`: written on the
        paper by hand (a signature, its date), so a form may be printed with it still blank."""
        import re

        shape = re.sub(r"\[\d+\]", "", path)  # every row of a table alike
        known = self._handwritten_paths.get(shape)
        if known is not None:
            return known
        found = False
        current: tuple[Field, ...] = self.fields
        for key in shape.split("."):
            f = next((c for c in current if c.key == key), None)
            if f is None:
                break
            if f.schema.get("x-handwritten") is True:
                found = True
                break
            current = f.children
        self._handwritten_paths[shape] = found
        return found

    def title_of_path(self, path: str) -> str:
        """`items[0].amount` → `费用明细 第1行 金额`: a location a clerk can find on paper;
        `approvals[].date` (every row's) → `审批 日期`."""
        import re

        words = []
        current: tuple[Field, ...] = self.fields
        for part in path.split("."):
            match = re.fullmatch(r"([^\[]+)(?:\[(\d*)\])?", part)
            if not match:
                words.append(part)
                continue
            key, index = match.group(1), match.group(2)
            f = next((c for c in current if c.key == key), None)
            words.append(f.title if f else key)
            if index:
                words.append(f"第{int(index) + 1}行")
            current = f.children if f else ()
        return " ".join(words)
