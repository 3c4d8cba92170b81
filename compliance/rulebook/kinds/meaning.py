"""What a rule's parameters mean, as each kind's parameter schema declares it.

A kind marks in its PARAMS which strings name something of the form:

- `"x-names": "field"` — a field path (`claimant`, `items[].amount`);
- `"x-names": "table"` — a table field; `x-columns` lists the columns the kind reads, and
  `"x-default": "approval-table"` makes the form's declared approval table the default;
- `"x-names": "column"` — a column of the table named by the sibling parameter `x-table`;
- `"x-names": "role"` — a role of the approval chain (renamed by `[roles]` in compliance.toml);
- `"x-names": "form"` — a form id, and `"x-names": "rule"` — a rule id of the form that the sibling
  parameter `x-form` names.

A batch rule (`audit`) reads fields of forms it names in its parameters: a field, table or column
parameter with `"x-form": "<sibling>"` is a path in the form that sibling parameter names.

The rulebook, the template gate, the reader and the generator ask here; none of them reads a
kind's parameters by name, so a new kind or a new parameter needs no change anywhere else.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

FIELD, TABLE, COLUMN, ROLE, FORM, RULE = "field", "table", "column", "role", "form", "rule"
APPROVAL_TABLE_DEFAULT = "approval-table"


@dataclass(frozen=True)
class Named:
    """One thing a parameter names: what it is, its value, and what it belongs to."""

    what: str
    value: str
    columns: tuple[str, ...] = ()  # a table: the columns the kind reads from it
    table: str | None = None  # a column: the table it is a column of
    form: str | None = None  # in a batch rule: the form whose field, table or rule this is


def named(schema: dict, params: Any) -> Iterator[Named]:
    """Every field, table, column and role that `params` names, by the schema's marks."""
    yield from _named(schema, params)


def _named(schema: dict, value: Any, siblings: dict | None = None) -> Iterator[Named]:
    what = schema.get("x-names")
    if what is not None and isinstance(value, str):
        table = (siblings or {}).get(schema["x-table"]) if what == COLUMN and "x-table" in schema else None
        form = (siblings or {}).get(schema["x-form"]) if "x-form" in schema else None
        yield Named(what, value, tuple(schema.get("x-columns", ())), table if isinstance(table, str) else None,
                    form if isinstance(form, str) else None)
    elif isinstance(value, dict):
        properties = schema.get("properties", {})
        for key, item in value.items():
            yield from _named(properties.get(key, {}), item, value)
    elif isinstance(value, list):
        for item in value:
            yield from _named(schema.get("items", {}), item, siblings)


def renamed(schema: dict, params: Any, what: str, rename: Callable[[str], str]) -> Any:
    """A copy of `params` with every value that names a `what` passed through `rename`."""
    if schema.get("x-names") == what and isinstance(params, str):
        return rename(params)
    if isinstance(params, dict):
        properties = schema.get("properties", {})
        return {key: renamed(properties.get(key, {}), item, what, rename) for key, item in params.items()}
    if isinstance(params, list):
        return [renamed(schema.get("items", {}), item, what, rename) for item in params]
    return params


def with_defaults(schema: dict, params: dict, approval_table: str | None) -> dict:
    """`params` with each absent top-level default filled in: a literal `default`, or the form's
    approval table where the kind asks for it (and the form declares one)."""
    filled = dict(params)
    for key, spec in schema.get("properties", {}).items():
        if key in filled:
            continue
        if spec.get("x-default") == APPROVAL_TABLE_DEFAULT:
            if approval_table is not None:
                filled[key] = approval_table
        elif "default" in spec:
            filled[key] = spec["default"]
    return filled
